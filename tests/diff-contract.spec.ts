import * as assert from "assert";
import { comparePlans, reportExitCode, StackDiff } from "../tools/engine/diff/compare";
import type { Plan, PlanResource } from "../tools/engine/plan";

/**
 * The reviewer's diff rules as contract tables, over small plans built here:
 * - every cloud's stateful types: a delete and a replace are stateful and make the diff exit 1;
 * - create-only properties (per the provider sources the tables cite) force a replacement;
 * - a lowered retention warns, on every cloud's spelling of it;
 * - deleting a guard resource (public access block, WAF association, lock, ...) warns.
 */

function resource(type: string, name: string, inputs: Record<string, unknown>): PlanResource {
    return {
        urn: `urn:pulumi:production::platform::${type}::${name}`,
        type,
        name,
        custom: true,
        inputs,
        options: { protect: false, retainOnDelete: false, provider: "urn:pulumi:production::platform::pulumi:providers:x::default" },
    } as unknown as PlanResource;
}

function plan(resources: PlanResource[]): Plan {
    return { stack: "production", cloud: "aws", environment: "production", resources, outputs: {}, policy: { violations: [] } } as unknown as Plan;
}

const exitOf = (d: StackDiff, allow = false) => reportExitCode({ baseLabel: "base", headLabel: "head", stacks: [d], skipped: [], allowStatefulReplace: allow } as never);

/** [type, a create-only input, its base and head values] per cloud's stateful types. */
const STATEFUL: Array<[type: string, createOnly: string, before: unknown, after: unknown]> = [
    ["aws:rds/instance:Instance", "engine", "postgres", "aurora-postgresql"],
    ["aws:rds/cluster:Cluster", "engine", "aurora-postgresql", "aurora-mysql"],
    ["aws:elasticache/replicationGroup:ReplicationGroup", "atRestEncryptionEnabled", true, false],
    ["aws:elasticache/cluster:Cluster", "engine", "redis", "memcached"],
    ["aws:s3/bucket:Bucket", "bucket", "a", "b"],
    ["aws:s3/bucketV2:BucketV2", "bucket", "a", "b"],
    ["aws:kms/key:Key", "customerMasterKeySpec", "SYMMETRIC_DEFAULT", "RSA_2048"],
    ["gcp:sql/databaseInstance:DatabaseInstance", "region", "us-central1", "us-east1"],
    ["gcp:sql/database:Database", "instance", "a", "b"],
    ["gcp:redis/instance:Instance", "tier", "BASIC", "STANDARD_HA"],
    ["gcp:storage/bucket:Bucket", "location", "US", "EU"],
    ["gcp:kms/cryptoKey:CryptoKey", "keyRing", "a", "b"],
    ["azure-native:dbforpostgresql:Server", "administratorLogin", "a", "b"],
    ["azure-native:dbforpostgresql:Database", "databaseName", "a", "b"],
    ["azure-native:redis:Redis", "zones", ["1"], ["2"]],
    ["azure-native:cache:Redis", "location", "eastus", "westus"],
    ["azure-native:storage:StorageAccount", "isHnsEnabled", false, true],
    ["azure-native:storage:BlobContainer", "containerName", "a", "b"],
    ["azure-native:keyvault:Vault", "vaultName", "a", "b"],
];

describe("diff contract: every cloud's stateful types", () => {
    for (const [type, prop, before, after] of STATEFUL) {
        it(`${type}: a delete is a stateful delete, exit 1 (0 with --allow-stateful-replace)`, () => {
            const d = comparePlans(plan([resource(type, "data", { [prop]: before })]), plan([]));
            const c = d.changes.find((x) => x.type === type)!;
            assert.deepStrictEqual([c.kind, c.stateful], ["delete", true]);
            assert.ok(d.warnings.some((w) => w.kind === "stateful-delete" && w.type === type), JSON.stringify(d.warnings));
            assert.strictEqual(exitOf(d), 1);
            assert.strictEqual(exitOf(d, true), 0);
        });

        it(`${type}: changing create-only ${prop} forces a stateful replace, exit 1`, () => {
            const d = comparePlans(plan([resource(type, "data", { [prop]: before })]), plan([resource(type, "data", { [prop]: after })]));
            const c = d.changes.find((x) => x.type === type)!;
            assert.deepStrictEqual([c.kind, c.stateful], ["replace", true], JSON.stringify(c.properties));
            assert.ok(c.properties.some((p) => p.path.startsWith(prop) && p.forcesReplace), JSON.stringify(c.properties));
            assert.ok(d.warnings.some((w) => w.kind === "stateful-replace" && w.type === type));
            assert.strictEqual(exitOf(d), 1);
        });
    }

    it("a stateless type's delete does not fail the diff", () => {
        const d = comparePlans(plan([resource("aws:ecs/service:Service", "svc", { desiredCount: 1 })]), plan([]));
        assert.deepStrictEqual([d.changes[0]!.kind, d.changes[0]!.stateful], ["delete", false]);
        assert.strictEqual(exitOf(d), 0);
    });
});

describe("diff contract: updatable properties stay updates", () => {
    const UPDATES: Array<[type: string, prop: string, before: unknown, after: unknown]> = [
        ["aws:rds/instance:Instance", "instanceClass", "db.t4g.medium", "db.r6g.large"],
        ["gcp:redis/instance:Instance", "memorySizeGb", 1, 5],
        ["azure-native:storage:StorageAccount", "minimumTlsVersion", "TLS1_2", "TLS1_3"],
    ];
    for (const [type, prop, before, after] of UPDATES) {
        it(`${type}.${prop}: update in place, exit 0`, () => {
            const d = comparePlans(plan([resource(type, "data", { [prop]: before })]), plan([resource(type, "data", { [prop]: after })]));
            assert.strictEqual(d.changes[0]!.kind, "update");
            assert.strictEqual(exitOf(d), 0);
        });
    }
});

describe("diff contract: a lowered retention warns, on every cloud", () => {
    const RETENTION: Array<[type: string, path: string]> = [
        ["aws:rds/instance:Instance", "backupRetentionPeriod"],
        ["aws:elasticache/replicationGroup:ReplicationGroup", "snapshotRetentionLimit"],
        ["aws:cloudwatch/logGroup:LogGroup", "retentionInDays"],
        ["aws:rds/instance:Instance", "performanceInsightsRetentionPeriod"],
        ["gcp:sql/databaseInstance:DatabaseInstance", "settings.backupConfiguration.backupRetentionSettings.retainedBackups"],
        ["gcp:sql/databaseInstance:DatabaseInstance", "settings.backupConfiguration.transactionLogRetentionDays"],
        ["azure-native:dbforpostgresql:Server", "backup.backupRetentionDays"],
        ["azure-native:operationalinsights:Workspace", "retentionInDays"],
        ["azure-native:keyvault:Vault", "properties.softDeleteRetentionInDays"],
    ];
    const nest = (path: string, value: unknown): Record<string, unknown> =>
        path.split(".").reverse().reduce<unknown>((v, k) => ({ [k]: v }), value) as Record<string, unknown>;
    for (const [type, path] of RETENTION) {
        it(`${type} ${path}: 30 → 7 warns naming both values; 7 → 30 is silent`, () => {
            const down = comparePlans(plan([resource(type, "r", nest(path, 30))]), plan([resource(type, "r", nest(path, 7))]));
            const w = down.warnings.filter((x) => x.kind === "guarded");
            assert.strictEqual(w.length, 1, JSON.stringify(down.warnings));
            assert.match(w[0]!.message, new RegExp(`${path.replace(/\./g, "\\.")} lowered \\(30 → 7\\)`));
            const up = comparePlans(plan([resource(type, "r", nest(path, 7))]), plan([resource(type, "r", nest(path, 30))]));
            assert.deepStrictEqual(up.warnings.filter((x) => x.kind === "guarded"), []);
        });
    }
});

describe("diff contract: deleting a guard resource warns", () => {
    const GUARDS: Array<[type: string, what: RegExp]> = [
        ["aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", /public access block removed/],
        ["aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", /default encryption removed/],
        ["aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", /default encryption removed/],
        ["aws:s3/bucketVersioningV2:BucketVersioningV2", /versioning removed/],
        ["aws:s3/bucketVersioning:BucketVersioning", /versioning removed/],
        ["aws:s3/bucketPolicy:BucketPolicy", /bucket policy \(TLS-only access\) removed/],
        ["aws:wafv2/webAclAssociation:WebAclAssociation", /WAF association removed/],
        ["gcp:compute/securityPolicy:SecurityPolicy", /Cloud Armor policy removed/],
        ["azure-native:authorization:ManagementLockByScope", /resource lock removed/],
        ["azure-native:authorization:ManagementLockAtResourceGroupLevel", /resource lock removed/],
        ["azure-native:authorization:ManagementLockAtResourceLevel", /resource lock removed/],
    ];
    for (const [type, what] of GUARDS) {
        it(`${type}`, () => {
            const d = comparePlans(plan([resource(type, "guard", { x: 1 })]), plan([]));
            const w = d.warnings.filter((x) => x.kind === "guarded" && x.type === type);
            assert.strictEqual(w.length, 1, JSON.stringify(d.warnings));
            assert.match(w[0]!.message, what);
        });
    }
    it("adding a guard resource is silent", () => {
        const d = comparePlans(plan([]), plan([resource("aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "guard", { x: 1 })]));
        assert.deepStrictEqual(d.warnings, []);
    });
});
