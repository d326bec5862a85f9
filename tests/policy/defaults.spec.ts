import * as assert from "assert";
import { ENVIRONMENTS } from "../../components/config";
import { TIERS } from "../../components/config/tiers";
import { configSchemas, DEFAULT_MINIMUM_AUDIT_LOG_RETENTION_DAYS, DEFAULT_MINIMUM_BACKUP_RETENTION_DAYS, DEFAULT_MINIMUM_SNAPSHOT_RETENTION_DAYS } from "../../policy/policies";

/*
 * The pack is self-contained (it never imports the program), so its defaults restate the
 * tier profile: this spec is what keeps them equal to components/config/tiers.ts.
 */
describe("policy pack: defaults follow the tier profiles", () => {
    for (const env of ENVIRONMENTS) {
        it(`${env}: backup and audit-log minimums are the tier's values`, () => {
            assert.strictEqual(DEFAULT_MINIMUM_BACKUP_RETENTION_DAYS[env], TIERS[env].database.backupRetentionDays);
            assert.strictEqual(DEFAULT_MINIMUM_AUDIT_LOG_RETENTION_DAYS[env], TIERS[env].audit.logRetentionDays);
        });
    }
    it("the production cache snapshot minimum is the production tier's snapshotRetentionDays", () => {
        assert.strictEqual(DEFAULT_MINIMUM_SNAPSHOT_RETENTION_DAYS, TIERS.production.cache.snapshotRetentionDays);
    });
    it("the config schemas carry the same defaults", () => {
        assert.deepStrictEqual(configSchemas.minimumAuditLogRetentionDays.default, DEFAULT_MINIMUM_AUDIT_LOG_RETENTION_DAYS);
        assert.strictEqual(configSchemas.minimumSnapshotRetentionDays.default, DEFAULT_MINIMUM_SNAPSHOT_RETENTION_DAYS);
    });
});
