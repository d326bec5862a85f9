import * as assert from "assert";
import * as fc from "fast-check";
import { cidrOverlap, cidrWithin, networkOf, prefixOf, subnet } from "../components/cidr";

/** A /16 to /20 network address: what config validation lets through to the subnet layouts. */
const platformCidr = fc.tuple(fc.integer({ min: 16, max: 20 }), fc.integer({ min: 0, max: 2 ** 32 - 1 })).map(([prefix, n]) => {
    const network = Math.floor(n / 2 ** (32 - prefix)) * 2 ** (32 - prefix);
    return `${[24, 16, 8, 0].map((s) => Math.floor(network / 2 ** s) % 256).join(".")}/${prefix}`;
});
const toInt = (cidr: string) => cidr.split("/")[0]!.split(".").reduce((acc, o) => acc * 256 + Number(o), 0);

describe("CIDR helper (components/cidr.ts, one convention: the index-th /prefix block of a parent)", () => {
    it("names subnets by prefix length and index", () => {
        assert.strictEqual(subnet("10.0.0.0/16", 20, 0), "10.0.0.0/20");
        assert.strictEqual(subnet("10.0.0.0/16", 20, 8), "10.0.128.0/20");
        assert.strictEqual(subnet("10.1.0.0/20", 24, 9), "10.1.9.0/24");
        assert.strictEqual(subnet("10.2.16.0/20", 24, 3), "10.2.19.0/24");
        assert.strictEqual(subnet("10.0.0.0/16", 22, 2), "10.0.8.0/22");
        assert.strictEqual(subnet("255.255.0.0/16", 17, 1), "255.255.128.0/17");
        assert.strictEqual(subnet("10.0.0.0/16", 16, 0), "10.0.0.0/16");
    });

    it("counts from the parent's network address", () => {
        assert.strictEqual(subnet("10.0.3.7/16", 17, 1), "10.0.128.0/17");
    });

    it("refuses a block the parent does not hold, naming it", () => {
        assert.throws(() => subnet("10.0.0.0/16", 17, 2), /10\.0\.0\.0\/16 has no \/17 block #2 \(it holds 2\)/);
        assert.throws(() => subnet("10.0.0.0/16", 15, 0), /has no \/15 block/);
        assert.throws(() => subnet("10.0.0.0/16", 33, 0), /has no \/33 block/);
        assert.throws(() => subnet("10.0.0.0/16", 20, -1), /has no \/20 block #-1/);
        assert.throws(() => subnet("10.0.0.0", 20, 0), /not an IPv4 CIDR block/);
    });

    it("every block lies inside its parent, blocks of one size tile it without overlap", () => {
        fc.assert(fc.property(platformCidr, fc.integer({ min: 0, max: 6 }), (parent, extra) => {
            const prefix = prefixOf(parent) + extra;
            const count = 2 ** extra;
            const blocks = [...new Set([0, 1, count - 1])].filter((i) => i < count).map((i) => subnet(parent, prefix, i));
            for (const b of blocks) assert.ok(cidrWithin(b, parent), `${b} in ${parent}`);
            for (let i = 1; i < blocks.length; i++) assert.ok(!cidrOverlap(blocks[i - 1], blocks[i]));
            assert.strictEqual(toInt(subnet(parent, prefix, count - 1)) - toInt(parent), (count - 1) * 2 ** (32 - prefix));
        }), { numRuns: 300 });
    });

    it("containment and overlap", () => {
        assert.ok(cidrWithin("10.0.8.0/22", "10.0.0.0/16"));
        assert.ok(cidrWithin("10.245.0.10/32", "10.245.0.0/16"));
        assert.ok(!cidrWithin("10.0.0.0/8", "10.0.0.0/16"), "a wider block is not inside a narrower one");
        assert.ok(!cidrWithin("10.1.0.0/24", "10.0.0.0/16"));
        assert.ok(cidrOverlap("10.0.0.0/8", "10.3.0.0/16") && cidrOverlap("10.3.0.0/16", "10.0.0.0/8"));
        assert.ok(!cidrOverlap("10.0.0.0/16", "10.1.0.0/16"));
        assert.ok(cidrOverlap("0.0.0.0/0", "192.168.0.0/16"));
    });

    it("anything that is not a CIDR block is inside nothing, overlaps nothing and has no prefix (rules see raw inputs)", () => {
        for (const bad of ["10.0.0.0", "10.0.0.0/33", "256.0.0.0/8", "010.0.0.0/16", "garbage", "", undefined, 42]) {
            assert.ok(!cidrWithin(bad, "0.0.0.0/0"), String(bad));
            assert.ok(!cidrOverlap(bad, "0.0.0.0/0"), String(bad));
            assert.ok(Number.isNaN(prefixOf(bad)), String(bad));
        }
        assert.strictEqual(prefixOf("10.0.0.0/20"), 20);
    });

    it("names the network address a block denotes", () => {
        assert.strictEqual(networkOf("10.0.3.7/16"), "10.0.0.0/16");
        assert.strictEqual(networkOf("10.0.0.0/16"), "10.0.0.0/16");
    });
});
