import * as assert from "assert";
import { z } from "zod";
import { CONFIG_KEYS_BY_ARGUMENT, configKeyFor, withConfigFix } from "../tools/engine/config-hints";
import { rawConfigSchema } from "../components/program-config";

/** Fix hints name the stack config key a user sets, and only keys that exist. */
describe("policy fix hints name config keys", () => {
    it("every key named is a real platform:* config key", () => {
        const schema = z.toJSONSchema(rawConfigSchema, { io: "input" }) as { properties: Record<string, { properties?: Record<string, unknown> }> };
        for (const key of new Set(Object.values(CONFIG_KEYS_BY_ARGUMENT).flatMap((m) => Object.values(m)))) {
            const [group, field] = key.replace(/^platform:/, "").split(".");
            assert.ok(schema.properties[group]?.properties?.[field], `${key} is not in the config schema`);
        }
    });

    it("rewrites a fix by the component the resource belongs to, any cloud's spelling", () => {
        const db = (type: string) => `urn:pulumi:production::platform::platform:components:Database$${type}::database-instance`;
        assert.strictEqual(configKeyFor(db("aws:rds/instance:Instance"), "deletionProtection"), "platform:database.deletionProtection");
        assert.strictEqual(configKeyFor(db("gcp:sql/databaseInstance:DatabaseInstance"), "settings.deletionProtectionEnabled"), "platform:database.deletionProtection");
        assert.strictEqual(configKeyFor(db("azure-native:dbforpostgresql:Server"), "backup.backupRetentionDays"), "platform:database.backupRetentionDays");
        assert.strictEqual(configKeyFor(db("aws:rds/instance:Instance"), "storageEncrypted"), undefined, "no config key drives it");
        assert.strictEqual(configKeyFor("urn:pulumi:p::platform::aws:s3/bucket:Bucket::b", "deletionProtection"), undefined, "outside a component");
        assert.strictEqual(
            withConfigFix('off on aws:rds/instance:Instance "database-instance": found false. Fix: set deletionProtection: true.', db("aws:rds/instance:Instance")),
            'off on aws:rds/instance:Instance "database-instance": found false. Fix: set platform:database.deletionProtection to true in the stack config (it sets deletionProtection).',
        );
        const unchanged = "found false. Fix: set storageEncrypted: true (replaces the database).";
        assert.strictEqual(withConfigFix(unchanged, db("aws:rds/instance:Instance")), unchanged);
    });
});
