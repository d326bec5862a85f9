import * as assert from "assert";
import { readFileSync, mkdtempSync, writeFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import { T, TYPE_SOURCES } from "../../policy/policies/types";
import { CLOUD_PLUGINS } from "../../providers/registry";
import { registeredCloudCi } from "../../tools/ci/cloud-ci";
import { CLOUD_TYPES_FILE, renderCloudTypes } from "../../tools/ci/policy-types";

/**
 * The pack is published on its own (policy/package.json) and never imports the program, so its
 * cloud type tokens are a generated copy (policy/policies/cloud-types.ts, `npm run policy:types`)
 * of each cloud's providers/<cloud>/policy-types.ts: this spec keeps the copy current and equal
 * to the registry's clouds, and each cloud's tokens inside the SDK packages its plugin names.
 */
describe("policy pack: clouds", () => {
    const clouds = registeredCloudCi();

    it("policy/policies/cloud-types.ts is exactly what `npm run policy:types` writes", () => {
        assert.strictEqual(readFileSync(CLOUD_TYPES_FILE, "utf8"), renderCloudTypes());
    });

    it("has a type-token section for every registered cloud, and for kubernetes, nothing else", () => {
        assert.deepStrictEqual(Object.keys(T).sort(), [...Object.keys(CLOUD_PLUGINS), "kubernetes"].sort());
    });

    for (const { name, policyTypes } of clouds) {
        const plugin = CLOUD_PLUGINS[name as keyof typeof CLOUD_PLUGINS];
        it(`${name}: T.${name} and its TYPE_SOURCES are providers/${name}/policy-types.ts`, () => {
            assert.deepStrictEqual({ ...T[name as keyof typeof T] }, Object.fromEntries(Object.entries(policyTypes).map(([k, t]) => [k, t.token])));
            for (const t of Object.values(policyTypes)) assert.strictEqual(TYPE_SOURCES[t.token], t.module, t.token);
        });

        it(`${name}: every token belongs to the plugin's SDK (${plugin.sdkPackages.join(", ")})`, () => {
            const prefixes = plugin.sdkPackages.map((p) => `${p.replace(/^@pulumi\//, "")}:`);
            const section = T[name as keyof typeof T] as Record<string, string>;
            for (const [key, token] of Object.entries(section)) assert.ok(prefixes.some((p) => token.startsWith(p)), `T.${name}.${key} = ${token}`);
        });
    }

    it("a registry that gains a cloud: the generated file gives the pack its section and its sources", () => {
        const oracle = { name: "oracle", policyTypes: { vcn: { token: "oci:core/vcn:Vcn", module: "@pulumi/oci/core/vcn.js" }, "odd-key": { token: "oci:objectstorage/bucket:Bucket", module: "@pulumi/oci/objectstorage/bucket.js" } } };
        const dir = mkdtempSync(join(tmpdir(), "cloud-types-"));
        try {
            const file = join(dir, "cloud-types.ts");
            writeFileSync(file, renderCloudTypes([...clouds, oracle]));
            // eslint-disable-next-line @typescript-eslint/no-require-imports
            const generated = require(file) as { CLOUD_TYPES: Record<string, Record<string, string>>; CLOUD_TYPE_SOURCES: Record<string, string> };
            assert.deepStrictEqual(Object.keys(generated.CLOUD_TYPES), [...clouds.map((c) => c.name), "oracle"]);
            assert.deepStrictEqual(generated.CLOUD_TYPES.oracle, { vcn: "oci:core/vcn:Vcn", "odd-key": "oci:objectstorage/bucket:Bucket" });
            assert.strictEqual(generated.CLOUD_TYPE_SOURCES["oci:core/vcn:Vcn"], "@pulumi/oci/core/vcn.js");
            assert.deepStrictEqual(generated.CLOUD_TYPES.aws, { ...T.aws });
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("a token two clouds claim fails, naming both", () => {
        const twin = { name: "oracle", policyTypes: { bucket: { token: T.aws.s3Bucket, module: "@pulumi/aws/s3/bucket.js" } } };
        assert.throws(() => renderCloudTypes([...clouds, twin]), /providers\/oracle\/policy-types\.ts: bucket = "aws:s3\/bucket:Bucket" is already aws\.s3Bucket: allowed: each token once/);
    });
});
