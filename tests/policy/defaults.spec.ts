import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ENVIRONMENTS } from "../../components/config";
import { policies } from "../../policy/policies";
import { TIERS } from "../../components/program-config";

/*
 * Each tier number in one place: the pack is published on its own (policy/package.json,
 * `pulumi policy publish` uploads policy/ alone), so it cannot import components/config/tiers.ts
 * and its defaults restate the tier profiles (policy/policies/support.ts says why). This spec
 * is what keeps them equal: every config default any policy declares must be classified below,
 * either as a tier value (and equal to it) or as the pack's own setting (with the reason), so a
 * new default cannot drift from the tiers unnoticed. policy/README.md's config table must show
 * the same defaults.
 */

const perEnvironment = (value: (env: (typeof ENVIRONMENTS)[number]) => number) => Object.fromEntries(ENVIRONMENTS.map((env) => [env, value(env)]));

/** Pack defaults that restate a tier value: the value they must equal. */
const FROM_TIERS: Record<string, unknown> = {
    minimumBackupRetentionDays: perEnvironment((env) => TIERS[env].database.backupRetentionDays),
    minimumAuditLogRetentionDays: perEnvironment((env) => TIERS[env].audit.logRetentionDays),
    // Snapshots are required of production caches only (staging runs one node without persistence).
    minimumSnapshotRetentionDays: TIERS.production.cache.snapshotRetentionDays,
    crossRegionCopiesRequiredIn: ENVIRONMENTS.filter((env) => TIERS[env].dr.crossRegionCopies),
};

/** Pack defaults with no tier counterpart, and why. */
const PACK_OWN: Record<string, string> = {
    exemptions: "exemptions are a pack operator's decision; the program has none",
    requireCustomerManagedKeys: "a stricter posture an organisation opts into at the pack; no tier setting says it",
    requireInfrastructureEncryption: "Azure double encryption replaces the account when changed: opt-in at the pack, not a tier setting",
};

/** Every config key any policy declares, with the default its schema carries (what the CLI applies). */
function declaredDefaults(): Map<string, unknown[]> {
    const found = new Map<string, unknown[]>();
    for (const policy of policies) {
        for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
            found.set(key, [...(found.get(key) ?? []), (schema as { default?: unknown }).default]);
        }
    }
    return found;
}

/** `{ production: 30, staging: 7 }` and `{"production":30,"staging":7}` compare equal. */
const normalised = (text: string) => text.replace(/[\s"`]/g, "");

describe("policy pack: defaults follow the tier profiles", () => {
    const declared = declaredDefaults();

    it("every config default a policy declares is classified: from the tiers, or the pack's own", () => {
        assert.ok(declared.size > 0);
        const unclassified = [...declared.keys()].filter((k) => !(k in FROM_TIERS) && !(k in PACK_OWN));
        assert.deepStrictEqual(unclassified, [], "classify each new pack config key in tests/policy/defaults.spec.ts");
        for (const key of [...Object.keys(FROM_TIERS), ...Object.keys(PACK_OWN)]) assert.ok(declared.has(key), `${key} is classified but no policy declares it`);
    });

    for (const [key, tierValue] of Object.entries(FROM_TIERS)) {
        it(`${key}: every policy that reads it defaults to the tier profile's value`, () => {
            for (const value of declared.get(key) ?? []) assert.deepStrictEqual(value, tierValue);
        });
    }

    it("policy/README.md's config table shows the defaults the schemas carry", () => {
        const readme = fs.readFileSync(path.join(__dirname, "..", "..", "policy", "README.md"), "utf8");
        for (const [key, values] of declared) {
            const row = readme.split("\n").find((line) => line.startsWith(`| \`${key}\` |`));
            assert.ok(row, `policy/README.md has a config row for ${key}`);
            const cell = row.split("|")[3]!;
            assert.strictEqual(normalised(cell), normalised(JSON.stringify(values[0])), `${key}'s default in policy/README.md`);
        }
    });
});
