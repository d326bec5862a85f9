import * as assert from "assert";
import { ConfigError } from "../components/config";
import { physicalName, regionCode } from "../components/naming";
import { evaluatePack } from "../tools/engine/policies";
import { comparePlans } from "../tools/engine/diff/compare";
import { plannedResources, runRules } from "../tools/engine/rules";
import { checkSchema } from "../tools/engine/schema-check";
import { renderPlanText } from "../tools/engine/render-text";
import type { PlanResource } from "../tools/engine/plan";
import { T } from "../policy/policies/types";
import { inputs, ofType, one, planFor } from "./support/harness";
import { plainText } from "./support/plain-text";
import { resolveConfig, TIERS } from "../components/program-config";

/*
 * Disaster recovery on every cloud: the copies production keeps in the DR region (and staging
 * does not), restore as config, the recovery stack's names, and the DR policy over the real plans.
 */

const RESTORE_TIME = "2026-11-30T09:15:00Z";
const RECOVERY = ["platform:dr.role=recovery"];

function base(extra: Record<string, unknown> = {}): Record<string, unknown> {
    return { cloud: "aws", environment: "production", loadBalancer: { domain: "app.example.com" }, services: { api: { image: "ghcr.io/acme/api:1", http: {} } }, ...extra };
}

function problems(raw: Record<string, unknown>): string {
    try {
        resolveConfig(raw);
    } catch (err) {
        if (err instanceof ConfigError) return err.message;
        throw err;
    }
    return "";
}

const databaseTypes = { aws: "aws:rds/instance:Instance", gcp: "gcp:sql/databaseInstance:DatabaseInstance", azure: "azure-native:dbforpostgresql:Server" } as const;
const databaseName = (r: PlanResource) => String(inputs(r).identifier ?? inputs(r).name ?? inputs(r).serverName);

describe("disaster recovery: objectives and config", () => {
    it("states RTO and RPO per tier as facts: production survives a region from copies, staging a zone", () => {
        assert.deepStrictEqual(TIERS.production.dr, { crossRegionCopies: true, objectives: { rtoMinutes: 60, databaseRpoMinutes: 15, objectRpoMinutes: 60 } });
        assert.deepStrictEqual(TIERS.staging.dr, { crossRegionCopies: false });
    });

    it("defaults dr.region to the documented pair per cloud and lets a stack override it", () => {
        assert.strictEqual(resolveConfig(base()).dr.copyRegion, "us-east-2");
        assert.strictEqual(resolveConfig(base({ cloud: "gcp", gcp: { project: "acme-platform-prod" }, monitoring: { budget: { enabled: false } } })).dr.copyRegion, "us-east1");
        assert.strictEqual(resolveConfig(base({ cloud: "azure" })).dr.copyRegion, "westus");
        assert.strictEqual(resolveConfig(base({ dr: { region: "us-east-1" } })).dr.copyRegion, "us-east-1");
        assert.strictEqual(resolveConfig(base({ environment: "staging" })).dr.crossRegionCopies, false);
        assert.strictEqual(resolveConfig(base({ dr: { crossRegionCopies: false } })).dr.crossRegionCopies, false);
    });

    it("a recovery stack runs in the DR region and copies back to the primary region", () => {
        const cfg = resolveConfig(base({ dr: { role: "recovery" } }));
        assert.strictEqual(cfg.region, "us-east-2");
        assert.strictEqual(cfg.dr.primaryRegion, "us-west-2");
        assert.strictEqual(cfg.dr.copyRegion, "us-west-2");
    });

    it("rejects bad DR and restore values, naming key, value and rule", () => {
        assert.match(problems(base({ dr: { region: "us-west-2" } })), /platform:dr\.region = "us-west-2": allowed: a region other than the primary region us-west-2/);
        assert.match(problems(base({ dr: { region: "mars-1" } })), /platform:dr\.region = "mars-1": allowed: an AWS region/);
        assert.match(problems(base({ cloud: "azure", dr: { region: "westus2" } })), /platform:dr\.region = "westus2": allowed: westus, the Azure paired region of eastus/);
        assert.match(problems(base({ aws: { region: "sa-east-1" } })), /platform:dr\.region = \(missing\): allowed: .*sa-east-1 has no documented default pair/);
        assert.match(problems(base({ database: { restore: "2026-02-30T09:15:00Z" } })), /platform:database\.restore = "2026-02-30T09:15:00Z": allowed: a real date and time in RFC 3339/);
        assert.match(problems(base({ database: { restore: "bad--snapshot" } })), /platform:database\.restore = "bad--snapshot": allowed: .*RDS snapshot identifier/);
        assert.match(problems(base({ cloud: "gcp", gcp: { project: "acme-platform-prod" }, monitoring: { budget: { enabled: false } }, database: { restore: "snap-1" } })), /Cloud SQL backup run id/);
        assert.match(problems(base({ cloud: "azure", database: { restore: "snap-1" } })), /platform:database\.restore = "snap-1": allowed: an RFC 3339 time .*Azure flexible server restores a point in time/);
        assert.match(problems(base({ database: { restoreSource: "acme-prod-postgres" } })), /platform:database\.restoreSource = "acme-prod-postgres": allowed: only together with platform:database\.restore/);
        assert.match(problems(base({ dr: { role: "recovery" }, database: { restore: RESTORE_TIME } })), /platform:database\.restoreSource = \(missing\): allowed: the ARN of the replicated automated backups in us-east-2/);
        assert.match(problems(base({ dr: { role: "standby" } })), /platform:dr\.role = "standby": allowed: one of primary, recovery/);
        assert.strictEqual(problems(base({ database: { restore: "rds:acme-prod-postgres-2026-11-30-03-10" } })), "");
        assert.strictEqual(problems(base({ cloud: "gcp", gcp: { project: "acme-platform-prod" }, monitoring: { budget: { enabled: false } }, database: { restore: 1730435400000 } })), "");
    });

    it("region codes are short, readable and distinct across a cloud's regions", () => {
        const table = { "us-west-2": "usw2", "us-east-2": "use2", "us-east1": "use1", "us-central1": "usc1", "europe-west4": "euw4", eastus: "eus", westus: "wus", westus2: "wus2", northeurope: "neu", "ap-southeast-1": "apse1" };
        for (const [region, code] of Object.entries(table)) assert.strictEqual(regionCode(region), code, region);
        const naming = { appName: "abcdefghijkl", environment: "production" as const, region: "westus2", dr: { role: "recovery" as const } };
        assert.strictEqual(physicalName(naming, "data"), "abcdefghijkl-prod-wus2-data");
        assert.strictEqual(physicalName({ ...naming, dr: { role: "primary" } }, "data"), "abcdefghijkl-prod-data", "a primary stack's names never change");
    });
});

describe("disaster recovery: cross-region copies in the production plans", () => {
    it("AWS production: RDS automated backups replicated to us-east-2 under a key there; S3 replicated to a hardened replica with its key and role", async () => {
        const run = await planFor("production", "aws");
        const replication = inputs(one(run, "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication"));
        const drKey = one(run, "aws:kms/key:Key", "database-dr-key");
        assert.strictEqual(replication.region, "us-east-2");
        assert.strictEqual(replication.retentionPeriod, 30);
        assert.strictEqual(inputs(drKey).region, "us-east-2");
        assert.ok(drKey.options.protect);
        assert.match(String(replication.kmsKeyId), /^arn:aws:kms:us-east-2:/);
        assert.match(String(replication.sourceDbInstanceArn), /:db:acme-prod-postgres$/);
        assert.match(String(run.plan.outputs.databaseBackupCopy), /^arn:aws:rds:us-east-2:\d{12}:auto-backup:ab-/);

        const crr = inputs(one(run, "aws:s3/bucketReplicationConfig:BucketReplicationConfig"));
        const replica = one(run, "aws:s3/bucket:Bucket", "object-store-replica");
        const role = inputs(one(run, "aws:iam/role:Role", "object-store-replication-role"));
        assert.strictEqual(inputs(replica).bucket, "acme-prod-data-use2-123456789012");
        assert.strictEqual(inputs(replica).region, "us-east-2");
        assert.ok(replica.options.protect);
        assert.strictEqual(crr.role, `arn:aws:iam::123456789012:role/${role.name}`);
        assert.match(JSON.parse(role.assumeRolePolicy).Statement[0].Principal.Service, /^s3\.amazonaws\.com$/);
        const rule = crr.rules[0];
        assert.strictEqual(rule.status, "Enabled");
        assert.strictEqual(rule.destination.bucket, "arn:aws:s3:::acme-prod-data-use2-123456789012");
        assert.match(rule.destination.encryptionConfiguration.replicaKmsKeyId, /^arn:aws:kms:us-east-2:/);
        assert.deepStrictEqual(rule.destination.replicationTime, { status: "Enabled", time: { minutes: 15 } });
        assert.strictEqual(rule.sourceSelectionCriteria.sseKmsEncryptedObjects.status, "Enabled");
        for (const type of ["bucketVersioning:BucketVersioning", "bucketPublicAccessBlock:BucketPublicAccessBlock", "bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "bucketPolicy:BucketPolicy", "bucketOwnershipControls:BucketOwnershipControls"]) {
            const r = ofType(run, `aws:s3/${type}`).find((x) => x.name.startsWith("object-store-replica-"));
            assert.ok(r, `replica ${type}`);
            assert.strictEqual(inputs(r).region, "us-east-2", `${type} in the DR region`);
        }
        const permissions = JSON.parse(inputs(one(run, "aws:iam/rolePolicy:RolePolicy", "object-store-replication-permissions")).policy);
        assert.deepStrictEqual(permissions.Statement.map((s: { Sid: string }) => s.Sid), ["ReadSourceConfiguration", "ReadSourceVersions", "WriteReplicas", "DecryptSource", "EncryptReplicas"]);
    });

    it("GCP production: backups stored in us-east1; objects replicated by Storage Transfer to a replica bucket there", async () => {
        const run = await planFor("production", "gcp");
        const sql = inputs(one(run, "gcp:sql/databaseInstance:DatabaseInstance"));
        assert.strictEqual(sql.settings.backupConfiguration.location, "us-east1");
        const replica = inputs(one(run, "gcp:storage/bucket:Bucket", "object-store-replica"));
        const source = inputs(one(run, "gcp:storage/bucket:Bucket", "object-store-bucket"));
        assert.strictEqual(replica.location, "US-EAST1");
        assert.strictEqual(source.location, "US-CENTRAL1", "the primary bucket keeps its location (create-only)");
        assert.deepStrictEqual([replica.versioning, replica.publicAccessPrevention, replica.uniformBucketLevelAccess], [{ enabled: true }, "enforced", true]);
        const job = inputs(one(run, "gcp:storage/transferJob:TransferJob"));
        assert.deepStrictEqual(job.replicationSpec, { gcsDataSource: { bucketName: source.name }, gcsDataSink: { bucketName: replica.name } });
        const grants = ofType(run, "gcp:storage/bucketIAMMember:BucketIAMMember").filter((g) => g.name.startsWith("object-store-replication-"));
        assert.deepStrictEqual(grants.map((g) => inputs(g).bucket).sort(), [source.name, replica.name].sort());
        for (const g of grants) assert.match(inputs(g).member, /^serviceAccount:project-\d+@storage-transfer-service\.iam\.gserviceaccount\.com$/);
    });

    it("Azure production: geo-redundant backups and an RA-GZRS account, both replicating to the paired region", async () => {
        const run = await planFor("production", "azure");
        assert.strictEqual(inputs(one(run, databaseTypes.azure)).backup.geoRedundantBackup, "Enabled");
        assert.strictEqual(inputs(one(run, "azure-native:storage:StorageAccount", "object-store-account")).sku.name, "Standard_RAGZRS");
    });

    for (const cloud of ["aws", "gcp", "azure"] as const) {
        it(`${cloud} staging keeps no cross-region copies`, async () => {
            const run = await planFor("staging", cloud);
            const copies = run.plan.resources.filter((r) => /^(database|object-store)-(.*-)?(replica|replication|dr-key)/.test(r.name));
            assert.deepStrictEqual(copies.map((r) => r.name), []);
            if (cloud === "gcp") assert.strictEqual(inputs(one(run, databaseTypes.gcp)).settings.backupConfiguration.location, "us-central1");
            if (cloud === "azure") assert.strictEqual(inputs(one(run, databaseTypes.azure)).backup.geoRedundantBackup, "Disabled");
        });
    }

    it("the plan summary states the objectives and where the copies are", async () => {
        // One clause a line, within 120 columns.
        const text = plainText(renderPlanText((await planFor("production", "aws")).plan));
        assert.match(text, /Disaster recovery: primary stack in us-west-2\n\s+RTO <= 60 min, RPO <= 15 min database \/ 60 min objects, copies kept in us-east-2/);
        assert.match(plainText(renderPlanText((await planFor("staging", "aws")).plan)), /Disaster recovery: .*\n\s+zone failures only/);
    });
});

describe("disaster recovery: restore as config", () => {
    const restores = {
        aws: [RESTORE_TIME, "rds:acme-prod-postgres-2026-11-30-03-10"],
        gcp: [RESTORE_TIME, "1730435400000"],
        azure: [RESTORE_TIME],
    } as const;
    for (const cloud of ["aws", "gcp", "azure"] as const) {
        for (const value of restores[cloud]) {
            it(`${cloud}: database.restore=${value} creates a new database from it, and the diff calls it a replace`, async () => {
                const before = await planFor("production", cloud);
                const after = await planFor("production", cloud, [`platform:database.restore=${value}`]);
                const db = one(after, databaseTypes[cloud]);
                const i = inputs(db);
                const original = databaseName(one(before, databaseTypes[cloud]));
                assert.match(databaseName(db), new RegExp(`^${original}-r[0-9a-f]{6}$`));
                if (cloud === "aws") {
                    if (value === RESTORE_TIME) assert.deepStrictEqual(i.restoreToPointInTime, { restoreTime: RESTORE_TIME, sourceDbInstanceIdentifier: original });
                    else assert.strictEqual(i.snapshotIdentifier, value);
                    assert.strictEqual(i.username, undefined, "the master user comes from the backup");
                    assert.strictEqual(i.kmsKeyId, undefined, "the storage key comes from the backup (kmsKeyId is ForceNew)");
                }
                if (cloud === "gcp") {
                    if (value === RESTORE_TIME) assert.deepStrictEqual(i.clone, { sourceInstanceName: original, pointInTime: RESTORE_TIME });
                    else assert.deepStrictEqual(i.restoreBackupContext, { backupRunId: Number(value), instanceId: original, project: "acme-platform-prod" });
                    assert.deepStrictEqual(ofType(after, "gcp:sql/database:Database"), [], "the restored instance brings its database");
                }
                if (cloud === "azure") {
                    assert.strictEqual(i.createMode, "PointInTimeRestore");
                    assert.strictEqual(i.pointInTimeUTC, RESTORE_TIME);
                    assert.match(i.sourceServerResourceId, new RegExp(`/resourceGroups/acme-prod-rg/providers/Microsoft\\.DBforPostgreSQL/flexibleServers/${original}$`));
                    assert.strictEqual(i.administratorLoginPassword, undefined, "the administrator comes from the source server");
                }
                assert.deepStrictEqual(after.plan.policy.violations, []);
                const diff = comparePlans(before.plan, after.plan);
                const change = diff.changes.find((c) => c.type === databaseTypes[cloud]);
                assert.strictEqual(change?.kind, "replace");
                assert.ok(diff.warnings.some((w) => w.kind === "stateful-replace" && w.type === databaseTypes[cloud]), "a loud stateful-replace warning");
            });
        }
    }
});

describe("disaster recovery: the recovery stack", () => {
    /** Physical names that are unique per account / project / subscription (or globally). */
    const SCOPED_NAMES: Record<string, string> = {
        "aws:s3/bucket:Bucket": "bucket",
        "aws:iam/role:Role": "name",
        "aws:cloudwatch/logGroup:LogGroup": "name",
        "gcp:storage/bucket:Bucket": "name",
        "gcp:sql/databaseInstance:DatabaseInstance": "name",
        "gcp:serviceaccount/account:Account": "accountId",
        "gcp:compute/network:Network": "name",
        "gcp:secretmanager/secret:Secret": "secretId",
        "gcp:cloudrunv2/service:Service": "name",
        "azure-native:resources:ResourceGroup": "resourceGroupName",
        "azure-native:keyvault:Vault": "vaultName",
        "azure-native:storage:StorageAccount": "accountName",
        "azure-native:dbforpostgresql:Server": "serverName",
        "azure-native:redis:Redis": "name",
    };

    for (const cloud of ["aws", "gcp", "azure"] as const) {
        it(`${cloud}: plans offline in the DR region, passes the pack, and shares no account-wide name with the primary`, async () => {
            const primary = await planFor("production", cloud);
            const recovery = await planFor("production", cloud, RECOVERY);
            assert.deepStrictEqual(recovery.plan.policy.violations, []);
            assert.strictEqual(recovery.plan.outputs.region, { aws: "us-east-2", gcp: "us-east1", azure: "westus" }[cloud]);
            let compared = 0;
            for (const [type, key] of Object.entries(SCOPED_NAMES)) {
                const taken = new Set(ofType(primary, type).map((r) => inputs(r)[key]));
                for (const r of ofType(recovery, type)) {
                    compared++;
                    assert.ok(!taken.has(inputs(r)[key]), `${type} ${r.name}: ${String(inputs(r)[key])} is the primary's name too`);
                }
            }
            assert.ok(compared >= 3, `compared ${compared} names`);
            assert.match(String(recovery.plan.outputs.disasterRecovery), /^recovery stack in /);
        });
    }

    it("restores into the DR region from the copies: RDS replicated backups, a Cloud SQL backup run, Azure geo-restore", async () => {
        const aws = inputs(one(await planFor("production", "aws", [...RECOVERY, `platform:database.restore=${RESTORE_TIME}`, "platform:database.restoreSource=arn:aws:rds:us-east-2:123456789012:auto-backup:ab-abc123"]), databaseTypes.aws));
        assert.deepStrictEqual(aws.restoreToPointInTime, { restoreTime: RESTORE_TIME, sourceDbInstanceAutomatedBackupsArn: "arn:aws:rds:us-east-2:123456789012:auto-backup:ab-abc123" });
        assert.match(aws.identifier, /^acme-prod-use2-postgres-r[0-9a-f]{6}$/);
        const gcp = inputs(one(await planFor("production", "gcp", [...RECOVERY, "platform:database.restore=1730435400000"]), databaseTypes.gcp));
        assert.deepStrictEqual([gcp.region, gcp.restoreBackupContext.instanceId], ["us-east1", "acme-prod-postgres"]);
        const azure = inputs(one(await planFor("production", "azure", [...RECOVERY, `platform:database.restore=${RESTORE_TIME}`]), databaseTypes.azure));
        assert.deepStrictEqual([azure.location, azure.createMode], ["westus", "GeoRestore"]);
        assert.match(azure.sourceServerResourceId, /\/resourceGroups\/acme-prod-rg\/providers\/Microsoft\.DBforPostgreSQL\/flexibleServers\/acme-prod-pg$/);
    });
});

describe("disaster recovery: every DR input is one the SDK declares and the deploy-time rules accept", () => {
    const variants: Array<["aws" | "gcp" | "azure", string[]]> = [
        ["aws", [`platform:database.restore=${RESTORE_TIME}`]], ["aws", ["platform:database.restore=rds:acme-prod-postgres-2026-11-30-03-10"]], ["aws", RECOVERY],
        ["gcp", [`platform:database.restore=${RESTORE_TIME}`]], ["gcp", ["platform:database.restore=1730435400000"]], ["gcp", RECOVERY],
        ["azure", [`platform:database.restore=${RESTORE_TIME}`]], ["azure", [...RECOVERY, `platform:database.restore=${RESTORE_TIME}`]],
    ];
    for (const [cloud, config] of variants) {
        it(`${cloud} production ${config.join(" ")}: no schema or rule finding on the database and object store`, async () => {
            const run = await planFor("production", cloud, config);
            const ours = (urn: string) => /platform:components:(Database|ObjectStore)\$/.test(urn);
            assert.deepStrictEqual(checkSchema(run.recorded).filter((f) => ours(f.urn)), []);
            assert.deepStrictEqual(runRules(plannedResources(run)).filter((f) => ours(f.urn)), []);
        });
    }
});

describe("disaster recovery: the policy over the real plans", () => {
    it("a production plan without its copies fails on every cloud, and passes when the environment is not required by config", async () => {
        const copyTypes = [T.aws.rdsBackupsReplication, T.aws.s3Replication, T.gcp.transferJob];
        for (const cloud of ["aws", "gcp"] as const) {
            const run = await planFor("production", cloud);
            const stripped = run.recorded.filter((r) => !copyTypes.includes(r.type as never));
            assert.ok(stripped.length < run.recorded.length);
            const failing = (await evaluatePack(stripped)).violations.filter((v) => v.level === "mandatory").map((v) => v.policy);
            assert.ok(failing.some((p) => /cross-region/.test(p)), `${cloud}: ${failing.join(", ")}`);
            const relaxed = await evaluatePack(stripped, { config: Object.fromEntries(failing.map((p) => [p, { crossRegionCopiesRequiredIn: [] }])) });
            assert.deepStrictEqual(relaxed.violations.filter((v) => v.level === "mandatory" && /cross-region/.test(v.policy)), [], "the DR policies are off when no environment requires copies");
        }
    });
});
