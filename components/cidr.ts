import { Address4 } from "ip-address";

/**
 * IPv4 CIDR arithmetic for the whole program: config validation, every cloud's subnet layout
 * and the deploy-time rule catalogues. One library (ip-address) does the parsing and masking,
 * and every subnet is named one way: the `index`-th block of size `/prefix` inside a parent
 * (`subnet("10.0.0.0/16", 20, 8)` is `10.0.128.0/20`), whatever a cloud's layout calls it.
 */

/** The parsed block, or undefined for anything that is not `a.b.c.d/n` (rules see raw inputs). */
function parse(cidr: unknown): Address4 | undefined {
    if (typeof cidr !== "string" || !cidr.includes("/") || !Address4.isValid(cidr)) return undefined;
    return new Address4(cidr);
}

function parseOrThrow(cidr: string): Address4 {
    const block = parse(cidr);
    if (!block) throw new Error(`internal: ${cidr} is not an IPv4 CIDR block`);
    return block;
}

/** The prefix length of `10.0.0.0/16` (16); NaN for anything that is not a CIDR block. */
export const prefixOf = (cidr: unknown): number => parse(cidr)?.subnetMask ?? NaN;

/** The network address a CIDR block denotes (`10.0.3.7/16` -> `10.0.0.0/16`). */
export const networkOf = (cidr: string): string => parseOrThrow(cidr).networkForm();

/**
 * The `index`-th block of size `/prefix` inside `parent` (counted from the parent's network
 * address). Throws when the parent has no such block: a layout bug, never a user's config.
 */
export function subnet(parent: string, prefix: number, index: number): string {
    const block = parseOrThrow(parent);
    const count = 2 ** (prefix - block.subnetMask);
    if (!Number.isInteger(prefix) || prefix < block.subnetMask || prefix > 32 || !Number.isInteger(index) || index < 0 || index >= count) {
        throw new Error(`internal: ${parent} has no /${prefix} block #${index} (it holds ${prefix >= block.subnetMask && prefix <= 32 ? count : 0})`);
    }
    const first = new Address4(`${block.startAddress().correctForm()}/${prefix}`);
    return first.offset(BigInt(index) * 2n ** BigInt(32 - prefix)).networkForm();
}

/** Is `inner` entirely inside `outer`? False when either is not a CIDR block. */
export function cidrWithin(inner: unknown, outer: unknown): boolean {
    const a = parse(inner);
    const b = parse(outer);
    return !!a && !!b && a.isInSubnet(b);
}

/** Do two CIDR blocks share an address? (Two blocks overlap exactly when one contains the other.) False when either is not a CIDR block. */
export function cidrOverlap(x: unknown, y: unknown): boolean {
    const a = parse(x);
    const b = parse(y);
    return !!a && !!b && (a.isInSubnet(b) || b.isInSubnet(a));
}
