import * as assert from "assert";
import * as P from "../policy/policies/all";
import type { PlatformPolicy } from "../policy/policies";
import { findExemption, globToRegExp } from "../policy/policies/support";
import type { Evaluation } from "../tools/engine/policies";
import { Fixture, runPolicy, withPath } from "./support/policy-harness";
import { CASES, PolicyCase } from "./policy/cases";

/**
 * The pack's own logic as contract tables: how exemption patterns match, which reasons count,
 * that a policy requiring `true` does not accept an unset property, and that every TLS policy
 * of every cloud refuses TLS 1.0 and 1.1 in that cloud's own spelling.
 */

const mandatory = (e: Evaluation) => e.violations.filter((v) => v.level === "mandatory");
const show = (e: Evaluation) => JSON.stringify(e.violations.map((v) => `${v.level} ${v.policy}: ${v.message}`));
const REASON = "TICKET-42: migrating next sprint";

describe("policy contract: exemption patterns are globs over the whole name", () => {
    const TABLE: Array<[pattern: string, name: string, exempt: boolean]> = [
        ["database-instance", "database-instance", true],
        ["instance", "database-instance", false], // anchored at the start
        ["database", "database-instance", false], // anchored at the end
        ["*-instance", "database-instance", true],
        ["database-*", "database-instance", true],
        ["data*", "database-instance", true],
        ["*", "anything", true],
        ["database-instanc?", "database-instance", true],
        ["database-instanc?", "database-instan", false],
        ["database-?", "database-instance", false], // ? is one character
        ["a.b", "a.b", true],
        ["a.b", "axb", false], // regex characters are literal
        ["a+", "aa", false],
        ["a+", "a+", true],
        ["(db)", "(db)", true],
        ["[db]", "d", false],
        ["x|y", "x", false],
        ["^db$", "^db$", true],
        ["c:\\d", "c:\\d", true],
        ["{a}", "{a}", true],
    ];
    for (const [pattern, name, exempt] of TABLE) {
        it(`${JSON.stringify(pattern)} ${exempt ? "exempts" : "does not exempt"} ${JSON.stringify(name)}`, () => {
            assert.strictEqual(globToRegExp(pattern).test(name), exempt);
            assert.strictEqual(findExemption([{ pattern, reason: REASON }], name)?.pattern, exempt ? pattern : undefined);
        });
    }
});

describe("policy contract: an exemption counts only with a reason", () => {
    const REASONS: Array<[reason: unknown, counts: boolean]> = [
        [REASON, true],
        ["", false],
        ["          ", false],
        ["\t\n  \t\n  ", false],
        [undefined, false],
        [42, false],
    ];
    for (const [reason, counts] of REASONS) {
        it(`reason ${JSON.stringify(reason)}: ${counts ? "exempts" : "ignored"}`, () => {
            const e = { pattern: "db-*", reason } as unknown as { pattern: string; reason: string };
            assert.strictEqual(findExemption([e], "db-main") === e, counts);
        });
    }
    it("a malformed entry does not stop the next one from applying", () => {
        const good = { pattern: "db-*", reason: REASON };
        assert.strictEqual(findExemption([null as never, { pattern: 7 } as never, good], "db-main"), good);
        assert.strictEqual(findExemption(undefined, "db-main"), undefined);
    });

    it("through the analyzer: a whitespace-only reason (long enough for the schema) does not exempt", async () => {
        const c = CASES.find((x) => x.policy === P.azureRedisRequireTls)!;
        const bad = structuredClone(c.fixtures);
        bad[0] = { ...bad[0]!, props: withPath(bad[0]!.props, "minimumTlsVersion", "1.0") };
        const pattern = `${bad[0]!.name.slice(0, 3)}*`;
        const blank = await runPolicy(c.policy, bad, { config: { exemptions: [{ pattern, reason: " ".repeat(12) }] } });
        assert.strictEqual(mandatory(blank).length, 1, show(blank));
        const real = await runPolicy(c.policy, bad, { config: { exemptions: [{ pattern, reason: REASON }] } });
        assert.deepStrictEqual(mandatory(real), [], show(real));
    });
});

/** Every case variant that sets a property to `false`: the same property left unset must fail too. */
describe("policy contract: a policy requiring `true` does not accept an unset property", () => {
    // Properties whose provider default is the secure value (or that the API requires): unset is compliant there.
    const SECURE_BY_DEFAULT = new Set<string>([
        // "Azure Storage encryption is enabled for all storage accounts and can't be disabled" (learn.microsoft.com/azure/storage/common/storage-service-encryption).
        "azure-storage-require-encryption: azure-native:storage:StorageAccount encryption.services.blob.enabled",
        // The Pulumi GCP provider's deletionProtection defaults to true (registry: gcp.sql.DatabaseInstance).
        "gcp-sql-require-deletion-protection: gcp:sql/databaseInstance:DatabaseInstance deletionProtection",
        // PutMetricAlarm ActionsEnabled: "The default is TRUE" (AWS CloudWatch API reference).
        "aws-cloudwatch-require-alarm-actions: aws:cloudwatch/metricAlarm:MetricAlarm actionsEnabled",
        // metricAlerts properties.enabled is a required property of the ARM API: an unset one is not deployable.
        "azure-monitor-require-alert-actions: azure-native:monitor:MetricAlert enabled",
    ]);
    const rows = CASES.flatMap((c) => c.variants.flatMap((v) => (v.set ?? []).filter(([, p, value]) => value === false && !p.startsWith("!")).map(([i, path]) => ({ c, i, path, label: v.label }))));

    it("finds the boolean requirements of the pack", () => {
        assert.ok(rows.length >= 20, `only ${rows.length} rows`);
    });

    for (const { c, i, path } of rows) {
        const key = `${c.policy.name}: ${c.type} ${path}`;
        if (SECURE_BY_DEFAULT.has(key)) continue;
        it(`${key} unset`, async () => {
            const fixtures = structuredClone(c.fixtures);
            fixtures[i] = { ...fixtures[i]!, props: withPath(fixtures[i]!.props, path, undefined) };
            const e = await runPolicy(c.policy, fixtures);
            assert.ok(mandatory(e).some((v) => v.policy === c.policy.name), `unset ${path} was accepted: ${show(e)}`);
        });
    }
});

describe("policy contract: every TLS policy refuses TLS 1.0 and 1.1, on every cloud", () => {
    const TLS: Array<{ policy: PlatformPolicy; type?: string; path: string; legacy: unknown[]; modern: unknown[] }> = [
        { policy: P.azureRedisRequireTls, path: "minimumTlsVersion", legacy: ["1.0", "1.1", undefined], modern: ["1.2"] },
        { policy: P.azureStorageRequireHttps, path: "minimumTlsVersion", legacy: ["TLS1_0", "TLS1_1", undefined], modern: ["TLS1_2"] },
        { policy: P.gcpComputeRequireTls12SslPolicy, type: "gcp:compute/sSLPolicy:SSLPolicy", path: "minTlsVersion", legacy: ["TLS_1_0", "TLS_1_1", undefined], modern: ["TLS_1_2"] },
        {
            policy: P.awsLbRequireModernTls, type: "aws:lb/listener:Listener", path: "sslPolicy",
            // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
            legacy: ["ELBSecurityPolicy-2016-08", "ELBSecurityPolicy-TLS-1-0-2015-04", "ELBSecurityPolicy-TLS-1-1-2017-01", "ELBSecurityPolicy-FS-1-1-2019-08", "ELBSecurityPolicy-TLS13-1-1-2021-06", "ELBSecurityPolicy-TLS13-1-0-2021-06", undefined],
            modern: ["ELBSecurityPolicy-TLS13-1-2-2021-06", "ELBSecurityPolicy-TLS-1-2-2017-01", "ELBSecurityPolicy-TLS13-1-3-2021-06"],
        },
        {
            policy: P.azureNetworkRequireAppGatewayTls, path: "sslPolicy",
            // https://learn.microsoft.com/azure/application-gateway/application-gateway-ssl-policy-overview
            legacy: [
                { policyType: "Custom", minProtocolVersion: "TLSv1_0" }, { policyType: "CustomV2", minProtocolVersion: "TLSv1_1" },
                { policyType: "Predefined", policyName: "AppGwSslPolicy20150501" }, { policyType: "Predefined", policyName: "AppGwSslPolicy20170401" }, undefined,
            ],
            modern: [{ policyType: "Predefined", policyName: "AppGwSslPolicy20220101" }, { policyType: "Predefined", policyName: "AppGwSslPolicy20220101S" }, { policyType: "CustomV2", minProtocolVersion: "TLSv1_2" }, { policyType: "Custom", minProtocolVersion: "TLSv1_3" }],
        },
    ];
    for (const row of TLS) {
        const c: PolicyCase | undefined = CASES.find((x) => x.policy === row.policy && (!row.type || x.type === row.type));
        for (const value of [...row.legacy, ...row.modern]) {
            const refused = row.legacy.includes(value);
            it(`${row.policy.name}: ${row.path} = ${JSON.stringify(value) ?? "unset"} is ${refused ? "refused" : "accepted"}`, async () => {
                assert.ok(c, `a case for ${row.policy.name}`);
                const fixtures: Fixture[] = structuredClone(c.fixtures);
                const i = c.subject ?? 0;
                fixtures[i] = { ...fixtures[i]!, props: withPath(fixtures[i]!.props, row.path, value) };
                const e = await runPolicy(row.policy, fixtures);
                assert.strictEqual(mandatory(e).length > 0, refused, show(e));
            });
        }
    }
});
