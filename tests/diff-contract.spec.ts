import * as assert from "assert";
import { aliasUrns, comparePlans, parseUrn, reportExitCode, StackDiff } from "../tools/engine/diff/compare";
import { childPath, flatten, pathEndsWith, pathSegments } from "../tools/engine/diff/flatten";
import { MUST_NOT_DECREASE, MUST_STAY_FALSE, MUST_STAY_TRUE, ORDERED_ENUMS, TLS_MINIMUMS, tlsFloor, weakening } from "../tools/engine/diff/guarded";
import { propertyEffect, replacementRule } from "../tools/engine/diff/replacement";
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

describe("diff contract: every guarded setting, both directions", () => {
    // [path, before, after, the warning (undefined: silent)]
    const rows: Array<[path: string, before: unknown, after: unknown, warning?: string]> = [];
    for (const key of MUST_STAY_TRUE) {
        const p = `settings.${key}`;
        rows.push([p, true, false, `${p} turned off (true → false)`], [p, true, undefined, `${p} removed (was true; the provider default applies)`], [p, true, "true", `${p} removed (was true; the provider default applies)`]);
        rows.push([p, false, true], [p, undefined, true], [p, true, true], [p, "true", false]);
    }
    for (const key of MUST_STAY_FALSE) {
        rows.push([key, false, true, `${key} turned on (false → true)`], [key, undefined, true, `${key} turned on (unset → true)`], [key, "false", true, `${key} turned on ("false" → true)`]);
        rows.push([key, true, false], [key, true, true], [key, false, undefined], [key, false, "true"]);
    }
    for (const key of MUST_NOT_DECREASE) {
        rows.push([key, 30, 29, `${key} lowered (30 → 29)`], [key, 30, 0, `${key} lowered (30 → 0)`]);
        rows.push([key, 30, 30], [key, 29, 30], [key, 30, undefined], [key, "30", 7], [key, 30, "7"]);
    }
    for (const [key, order] of Object.entries(ORDERED_ENUMS)) {
        const p = `x.${key}`;
        for (let i = 0; i + 1 < order.length; i++) {
            rows.push([p, order[i], order[i + 1], `${p} weakened (${order[i]} → ${order[i + 1]})`]);
            rows.push([p, order[i]!.toUpperCase(), order[order.length - 1]!.toUpperCase(), `${p} weakened (${order[i]!.toUpperCase()} → ${order[order.length - 1]!.toUpperCase()})`]);
            rows.push([p, order[i + 1], order[i]], [p, order[i], order[i]], [p, "unlisted", order[i + 1]], [p, order[i], undefined]);
        }
    }
    for (const key of TLS_MINIMUMS) {
        rows.push([key, "1.2", "1.0", `${key} lowers the TLS minimum (1.2 → 1.0: TLS 1.2 → 1.0)`], [key, "TLS1_2", "TLS1_1", `${key} lowers the TLS minimum (TLS1_2 → TLS1_1: TLS 1.2 → 1.1)`]);
        rows.push([key, "1.2", "1.2"], [key, "1.0", "1.2"], [key, "1.2", "modern"], [key, "1.2", undefined], [key, undefined, "1.0"]);
    }
    for (const option of ["protect", "retainOnDelete"]) {
        rows.push([`options.${option}`, true, false, `${option} turned off (true → false)`], [`options.${option}`, true, undefined, `${option} turned off (true → false)`]);
        rows.push([`options.${option}`, false, true], [`options.${option}`, undefined, true]);
    }
    rows.push(["options.provider", "a", "b"], ["options.deletionProtection", true, false], ["deletionProtectionX", true, false], ["Xmultiaz", true, false]);
    for (const [path, before, after, warning] of rows) {
        it(`${path}: ${JSON.stringify(before) ?? "unset"} → ${JSON.stringify(after) ?? "unset"} ${warning ? "warns" : "is silent"}`, () => {
            assert.deepStrictEqual(weakening(path, before, after), warning ? { path, message: warning } : undefined);
        });
    }
});

describe("diff contract: the TLS floor of each cloud's spelling", () => {
    const FLOORS: Array<[value: unknown, floor: number | undefined]> = [
        ["1.0", 1.0], ["1.1", 1.1], ["1.2", 1.2], ["1.3", 1.3], ["TLS1_0", 1.0], ["TLS1_2", 1.2], ["TLS_1_1", 1.1], ["TLSv1_2", 1.2], ["TLSv1.3", 1.3],
        ["Tls12", 1.2], ["tls11", 1.1], ["12", 1.2], ["VersionTLS12", 1.2],
        ["ELBSecurityPolicy-2016-08", 1.0], ["ELBSecurityPolicy-2015-05", 1.0], ["ELBSecurityPolicy-TLS-1-0-2015-04", 1.0], ["elbsecuritypolicy-2016-08", 1.0],
        ["ELBSecurityPolicy-TLS-1-1-2017-01", 1.1], ["ELBSecurityPolicy-TLS-1-2-2017-01", 1.2], ["ELBSecurityPolicy-TLS13-1-2-2021-06", 1.2], ["ELBSecurityPolicy-TLS13-1-3-2021-06", 1.3],
        ["ELBSecurityPolicy-FS-1-1-2019-08", 1.1], ["x-ELBSecurityPolicy-2016-08", undefined],
        ["TLS13", undefined], ["1.4", undefined], ["1.23", undefined], ["modern", undefined], ["", undefined], [12, undefined], [undefined, undefined], [null, undefined],
    ];
    for (const [value, floor] of FLOORS) {
        it(`${JSON.stringify(value) ?? "unset"} → ${floor ?? "unknown"}`, () => assert.strictEqual(tlsFloor(value), floor));
    }
});

describe("diff contract: a stateful warning says the consequence and the way out", () => {
    const type = "aws:rds/instance:Instance";
    const base = (protect: boolean) => plan([{ ...resource(type, "db", { engine: "postgres", dbName: "a" }), options: { protect, retainOnDelete: false } } as PlanResource]);
    const CASES: Array<[label: string, protect: boolean, head: (p: boolean) => Plan, message: string]> = [
        ["delete, unprotected", false, () => plan([]),
            "RDS database instance db would be DELETED. It is not protected: `pulumi up` deletes it and its data. If it moved or was renamed, add an `aliases` entry naming the old one, so Pulumi moves it instead. If the deletion is intended: migrate the data first, and rerun with --allow-stateful-replace."],
        ["delete, protected", true, () => plan([]),
            "RDS database instance db would be DELETED. It is protected (`protect: true`), so `pulumi up` refuses to delete it and the deploy fails; nothing is lost, but the change cannot ship as it is. If it moved or was renamed, add an `aliases` entry naming the old one, so Pulumi moves it instead. If the deletion is intended: migrate the data first, unprotect it deliberately (`pulumi state unprotect`), and rerun with --allow-stateful-replace."],
        ["replace, unprotected", false, (p) => plan([{ ...resource(type, "db", { engine: "mysql", dbName: "a" }), options: { protect: p, retainOnDelete: false } } as PlanResource]),
            "RDS database instance db would be REPLACED (`engine` changed, which forces replacement). It is not protected: `pulumi up` creates a new, empty one and deletes the old one with its data. If this is a rename, add an `aliases` entry naming the old URN, so Pulumi moves it instead; if a create-only property changed, keep its old value. If the replacement is intended: migrate the data first, and rerun with --allow-stateful-replace."],
        ["may replace (secret create-only value), protected", true, (p) => plan([{ ...resource(type, "db", { engine: "[secret]", dbName: "a" }), options: { protect: p, retainOnDelete: false } } as PlanResource]),
            "RDS database instance db MAY BE REPLACED (`engine` forces replacement if its value changes, and it is secret); the offline tables cannot rule it out, the real preview decides. It is protected (`protect: true`), so `pulumi up` refuses to delete it and the deploy fails; nothing is lost, but the change cannot ship as it is. If this is a rename, add an `aliases` entry naming the old URN, so Pulumi moves it instead; if a create-only property changed, keep its old value. If the replacement is intended: migrate the data first, unprotect it deliberately (`pulumi state unprotect`), and rerun with --allow-stateful-replace."],
        ["may replace (unknown create-only value)", false, (p) => plan([{ ...resource(type, "db", { engine: "[unknown]", dbName: "a" }), options: { protect: p, retainOnDelete: false } } as PlanResource]),
            "RDS database instance db MAY BE REPLACED (`engine` forces replacement if its value changes, and it is known only after apply); the offline tables cannot rule it out, the real preview decides. It is not protected: `pulumi up` creates a new, empty one and deletes the old one with its data. If this is a rename, add an `aliases` entry naming the old URN, so Pulumi moves it instead; if a create-only property changed, keep its old value. If the replacement is intended: migrate the data first, and rerun with --allow-stateful-replace."],
    ];
    for (const [label, protect, head, message] of CASES) {
        it(label, () => {
            const d = comparePlans(base(protect), head(protect));
            assert.deepStrictEqual(d.warnings.map((w) => ({ kind: w.kind, protected: w.protected, message: w.message })), [{ kind: label.startsWith("delete") ? "stateful-delete" : label.startsWith("replace") ? "stateful-replace" : "stateful-may-replace", protected: protect, message }]);
            assert.strictEqual(exitOf(d), 1);
            assert.strictEqual(exitOf(d, true), 0);
        });
    }
});

describe("diff contract: property paths", () => {
    const FLAT: Array<[label: string, value: unknown, paths: Record<string, unknown>]> = [
        ["nested objects and arrays", { a: { b: [1, { c: 2 }] } }, { "a.b[0]": 1, "a.b[1].c": 2 }],
        ["empty object and array are leaves", { a: {}, b: [] }, { a: {}, b: [] }],
        ["odd keys are quoted", { tags: { "kubernetes.io/role": "x", "a b": 1, $ok: 2, "-no": 3 } }, { 'tags["kubernetes.io/role"]': "x", 'tags["a b"]': 1, "tags.$ok": 2, 'tags["-no"]': 3 }],
        ["JSON documents are opened, padded or not", { doc: ' {"k": [1]} ', list: "[1,2]" }, { "doc.k[0]": 1, "list[0]": 1, "list[1]": 2 }],
        ["strings that only look like JSON stay strings", { a: "{not json}", b: "{", c: "[x", d: "x]", e: '"{}"', f: "7" }, { a: "{not json}", b: "{", c: "[x", d: "x]", e: '"{}"', f: "7" }],
        ["a JSON scalar string stays a string", { a: "null", b: "[]" }, { a: "null", b: [] }],
        ["uniquely named elements are keyed by name", { envs: [{ name: "A", value: 1 }, { name: "B", value: 2 }] }, { 'envs[name="A"].name': "A", 'envs[name="A"].value': 1, 'envs[name="B"].name': "B", 'envs[name="B"].value': 2 }],
        ["duplicate names fall back to indices", { envs: [{ name: "A", v: 1 }, { name: "A", v: 2 }] }, { "envs[0].name": "A", "envs[0].v": 1, "envs[1].name": "A", "envs[1].v": 2 }],
        ["a nameless element falls back to indices", { envs: [{ name: "A" }, { value: 2 }] }, { "envs[0].name": "A", "envs[1].value": 2 }],
        ["a non-string name falls back to indices", { envs: [{ name: 1 }] }, { "envs[0].name": 1 }],
        ["arrays of arrays and scalars use indices", { m: [["x"], null, "y"] }, { "m[0][0]": "x", "m[1]": null, "m[2]": "y" }],
        ["top-level scalar", 5, { "": 5 }],
    ];
    for (const [label, value, paths] of FLAT) {
        it(`flatten: ${label}`, () => assert.deepStrictEqual(Object.fromEntries(flatten(value)), paths));
    }
    it("flatten: a prefix and an existing map are extended", () => {
        const out = new Map<string, unknown>([["x", 1]]);
        assert.strictEqual(flatten({ a: 1 }, "options", out), out);
        assert.deepStrictEqual(Object.fromEntries(out), { x: 1, "options.a": 1 });
    });
    const SEGMENTS: Array<[path: string, segments: string[]]> = [
        ["a.b[0].c", ["a", "b", "c"]], ['a.b[name="x.y"].c', ["a", "b", "c"]], ['tags["x.y"]', ["tags", "x.y"]], ['t["a\\"b"]', ["t", 'a"b']], ["a[12].b", ["a", "b"]], ["a[x]", ["a", "x"]], ["", []],
    ];
    for (const [p, segments] of SEGMENTS) it(`pathSegments ${p}`, () => assert.deepStrictEqual(pathSegments(p), segments));
    const ENDS: Array<[path: string, key: string, ends: boolean]> = [
        ["settings.deletionProtectionEnabled", "deletionProtectionEnabled", true], ["deletionProtectionEnabled", "deletionProtectionEnabled", true],
        ["versioning.enabled", "versioning.enabled", true], ["a.versioning.enabled", "versioning.enabled", true], ["enabled", "versioning.enabled", false],
        ["x.enabled", "versioning.enabled", false], ["versioning.enabled.x", "versioning.enabled", false], ["rules[0].versioning.enabled", "versioning.enabled", true],
        ["settings.deletionProtectionEnabledX", "deletionProtectionEnabled", false],
    ];
    for (const [p, key, ends] of ENDS) it(`pathEndsWith(${p}, ${key}) is ${ends}`, () => assert.strictEqual(pathEndsWith(p, key), ends));
    it("childPath: indices, identifiers, quoted keys", () => {
        assert.strictEqual(childPath("", "a"), "a");
        assert.strictEqual(childPath("", 0), "[0]");
        assert.strictEqual(childPath("a", 2), "a[2]");
        assert.strictEqual(childPath("a", "b"), "a.b");
        assert.strictEqual(childPath("a", "b.c"), 'a["b.c"]');
        assert.strictEqual(childPath("", "b c"), '["b c"]');
    });
});

describe("diff contract: replacement rules per path", () => {
    it("options: protect, retainOnDelete and aliases update; a provider change or an unknown option may replace", () => {
        assert.deepStrictEqual(["protect", "retainOnDelete", "aliases", "provider", "other"].map((o) => propertyEffect("aws:rds/instance:Instance", `options.${o}`).effect), ["update", "update", "update", "unknown", "unknown"]);
    });
    it("a type no table knows: unknown, matched nothing", () => assert.strictEqual(propertyEffect("x:y:Z", "a").effect, "unknown"));
    it("replacementRule reads the tables, and knows nothing of other types", () => {
        assert.ok(replacementRule("aws:rds/instance:Instance")?.replace.includes("engine"));
        assert.strictEqual(replacementRule("x:y:Z"), undefined);
    });
});

describe("diff contract: URNs, aliases and components", () => {
    const URNS: Array<[urn: string, parts: ReturnType<typeof parseUrn>]> = [
        ["urn:pulumi:production::platform::aws:s3/bucketV2:BucketV2::b", { stack: "production", project: "platform", qualifiedType: "aws:s3/bucketV2:BucketV2", name: "b" }],
        ["urn:pulumi:production::platform::a$b:c:D::name::with::colons", { stack: "production", project: "platform", qualifiedType: "a$b:c:D", name: "name::with::colons" }],
        ["urn:pulumi:production::platform::aws:s3/bucketV2:BucketV2", undefined],
        ["urn:other:production::platform::t::n", undefined],
        ["x urn:pulumi:production::platform::t::n", undefined],
    ];
    for (const [urn, parts] of URNS) it(`parseUrn ${urn}`, () => assert.deepStrictEqual(parseUrn(urn), parts));

    const head = (aliases: string[], extra: Partial<PlanResource> = {}): PlanResource =>
        ({ ...resource("aws:s3/bucketV2:BucketV2", "b", {}), options: { protect: false, retainOnDelete: false, aliases }, ...extra }) as PlanResource;
    it("aliases: a spec under the root stack resource is a top-level URN; a part without '=' or with an empty key is ignored", () => {
        const stack = "urn:pulumi:production::platform::pulumi:pulumi:Stack::platform-production";
        assert.deepStrictEqual(aliasUrns(head([`name=old,parent=${stack}`, "name=x,=y,junk"])), [
            "urn:pulumi:production::platform::aws:s3/bucketV2:BucketV2::old",
            "urn:pulumi:production::platform::aws:s3/bucketV2:BucketV2::x",
        ]);
        assert.deepStrictEqual(aliasUrns(head(["name=c,parent=urn:pulumi:production::platform::platform:components:Cache::cache"])), ["urn:pulumi:production::platform::platform:components:Cache$aws:s3/bucketV2:BucketV2::c"]);
        assert.deepStrictEqual(aliasUrns(head(["name=old"], { urn: "not-a-urn" })), []);
        assert.deepStrictEqual(aliasUrns(head([], { options: { protect: false, retainOnDelete: false } })), []);
    });

    const component = (kind: string, name: string, parent?: string): PlanResource =>
        ({ urn: `urn:pulumi:production::platform::platform:components:${kind}::${name}`, type: `platform:components:${kind}`, name, custom: false, parent, inputs: {}, options: { protect: false, retainOnDelete: false } }) as PlanResource;
    it("a resource belongs to its nearest component ancestor, through custom parents; others to (stack); a parent cycle ends", () => {
        const db = component("Database", "database");
        const stackRes = { urn: "urn:pulumi:production::platform::pulumi:pulumi:Stack::platform-production", type: "pulumi:pulumi:Stack", name: "platform-production", custom: false, inputs: {}, options: { protect: false, retainOnDelete: false } } as PlanResource;
        const mid = { ...resource("aws:rds/subnetGroup:SubnetGroup", "mid", {}), parent: db.urn };
        const leaf = { ...resource("aws:rds/parameterGroup:ParameterGroup", "leaf", { a: 1 }), parent: mid.urn };
        const top = { ...resource("aws:iam/role:Role", "top", { a: 1 }), parent: stackRes.urn };
        const a = { ...resource("aws:iam/role:Role", "cycle-a", { a: 1 }), parent: "urn:pulumi:production::platform::aws:iam/role:Role::cycle-b" };
        const b = { ...resource("aws:iam/role:Role", "cycle-b", { a: 1 }), parent: a.urn };
        const d = comparePlans(plan([stackRes, db, mid]), plan([stackRes, db, mid, leaf, top, a, b]));
        assert.deepStrictEqual(Object.fromEntries(d.changes.map((c) => [c.name, c.component.key])), { leaf: "Database:database", top: "(stack)", "cycle-a": "(stack)", "cycle-b": "(stack)" });
        assert.deepStrictEqual(d.components.map((g) => [g.component.key, g.status]), [["Database:database", "existing"], ["(stack)", "existing"]]);
    });
    it("components added and removed carry their status; an untouched one is left out", () => {
        const keep = component("Network", "network");
        const gone = component("Cache", "cache");
        const added = component("ObjectStore", "store");
        const d = comparePlans(plan([keep, gone, { ...resource("aws:sns/topic:Topic", "cache-t", {}), parent: gone.urn }]), plan([keep, added, { ...resource("aws:sns/topic:Topic", "store-t", {}), parent: added.urn }]));
        assert.deepStrictEqual(d.components.map((g) => [g.component.key, g.status, g.changes.map((c) => `${c.kind} ${c.name}`)]), [
            ["ObjectStore:store", "added", ["create store", "create store-t"]],
            ["Cache:cache", "removed", ["delete cache", "delete cache-t"]],
        ]);
        assert.deepStrictEqual(d.counts, { create: 1, update: 0, replace: 0, mayReplace: 0, delete: 1 });
    });
});
