import * as assert from "assert";
import { ConfigError } from "../components/config";
import { one, planFor, rawInputs } from "./support/harness";
import { resolveConfig } from "../components/program-config";

/*
 * Azure Cache for Redis access-key rotation (issue 14): `cache.keySlot` switches the Key Vault
 * secret services read between the cache's two keys, so a key can be regenerated while
 * services use the other. Other clouds reject the key.
 */

const SECRET = "azure-native:keyvault:Secret";
async function vaultValue(keySlot?: "primary" | "secondary"): Promise<{ value: string }> {
    const run = await planFor("production", "azure", keySlot ? [`platform:cache.keySlot=${keySlot}`] : []);
    const secret = one(run, SECRET, "cache-auth-secret");
    const value = ((rawInputs(run, secret.urn).properties as { value: { value?: string } | string }).value);
    const plain = typeof value === "string" ? value : String(value.value);
    return { value: plain };
}

describe("azure cache: access-key rotation switch", () => {
    it("the Key Vault secret carries the primary key by default and the secondary one after the switch", async () => {
        const primary = await vaultValue();
        const switched = await vaultValue("secondary");
        assert.match(primary.value, /^[0-9a-f]{43}=$/);
        assert.match(switched.value, /^[0-9a-f]{43}=$/);
        assert.notStrictEqual(primary.value, switched.value, "the switch hands services the other key");
        assert.strictEqual((await vaultValue("primary")).value, primary.value, "primary is the default");
    });

    it("rejects cache.keySlot on clouds with one generated secret, naming the key and what is allowed", () => {
        const base = { cloud: "aws", environment: "staging", loadBalancer: { domain: "app.example.com" }, services: { api: { image: "ghcr.io/acme/api:1.0.0", http: { pathPrefix: "/" } } } };
        assert.doesNotThrow(() => resolveConfig({ ...base, cloud: "azure", cache: { keySlot: "secondary" } }));
        for (const cloud of ["aws", "gcp"]) {
            assert.throws(() => resolveConfig({ ...base, cloud, gcp: { project: "acme-platform" }, cache: { keySlot: "secondary" } }), (e: unknown) =>
                e instanceof ConfigError && /platform:cache\.keySlot/.test(e.message) && /secondary/.test(e.message) && /only Azure/.test(e.message));
        }
        assert.throws(() => resolveConfig({ ...base, cloud: "azure", cache: { keySlot: "tertiary" } }), (e: unknown) => e instanceof ConfigError && /cache\.keySlot/.test(e.message));
    });
});
