import * as assert from "assert";
import { AUDIT_LOG_FILTER } from "../providers/gcp/audit-logs";
import { WAF_RULE_SETS } from "../providers/gcp/load-balancer";
import { ENVIRONMENTS, inputs, named, ofType, planFor } from "./support/harness";
import { TIERS } from "../components/program-config";

/*
 * GCP audit depth (issue 14): a CMEK log bucket kept `audit.logRetentionDays` that a sink
 * fills with flow, firewall, Cloud Audit and load balancer (Cloud Armor) logs, Cloud Storage
 * Data Access audit logs on, and Cloud Armor with the Log4Shell `cve-canary` set.
 */
for (const runtime of ["managed", "kubernetes"] as const) {
    for (const env of ENVIRONMENTS) {
        describe(`gcp ${env} (${runtime} runtime): audit logs`, () => {
            let run: Awaited<ReturnType<typeof planFor>>;
            before(async () => {
                run = await planFor(env, "gcp", runtime === "kubernetes" ? ["platform:compute.runtime=kubernetes"] : []);
            });
            const project = env === "production" ? "acme-platform-prod" : "acme-platform-stg";

            it(`keeps audit logs ${TIERS[env].audit.logRetentionDays} days in a regional bucket under its own rotated Cloud KMS key`, () => {
                const bucket = inputs(named(run, "gcp:logging/projectBucketConfig:ProjectBucketConfig", "network-audit-log-bucket"));
                const key = inputs(named(run, "gcp:kms/cryptoKey:CryptoKey", "network-audit-key"));
                const ring = inputs(named(run, "gcp:kms/keyRing:KeyRing", "network-audit-keyring"));
                const keyId = `projects/${project}/locations/us-central1/keyRings/${ring.name}/cryptoKeys/${key.name}`;
                assert.strictEqual(bucket.retentionDays, TIERS[env].audit.logRetentionDays);
                assert.strictEqual(bucket.location, "us-central1");
                assert.deepStrictEqual(bucket.cmekSettings, { kmsKeyName: keyId });
                assert.strictEqual(key.rotationPeriod, "7776000s");
                const grant = ofType(run, "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember").map(inputs).find((g) => g.cryptoKeyId === keyId);
                assert.ok(grant, "the Cloud Logging service account may use the key");
                assert.strictEqual(grant.role, "roles/cloudkms.cryptoKeyEncrypterDecrypter");
                assert.match(grant.member, /^serviceAccount:cmek-p\d+@gcp-sa-logging\.iam\.gserviceaccount\.com$/);
            });

            it("routes flow, firewall, Cloud Audit and load balancer / Cloud Armor logs into the audit bucket", () => {
                const sink = inputs(named(run, "gcp:logging/projectSink:ProjectSink", "network-audit-sink"));
                const bucket = named(run, "gcp:logging/projectBucketConfig:ProjectBucketConfig", "network-audit-log-bucket");
                assert.match(sink.destination, /^logging\.googleapis\.com\/projects\/.+\/locations\/us-central1\/buckets\//);
                assert.ok(sink.destination.endsWith(`/buckets/${inputs(bucket).bucketId}`));
                assert.strictEqual(sink.filter, AUDIT_LOG_FILTER);
                for (const source of ["vpc_flows", "firewall", "cloudaudit.googleapis.com", "http_load_balancer"]) assert.ok(sink.filter.includes(source), source);
                // The flow logs the sink routes are on.
                assert.ok(inputs(named(run, "gcp:compute/subnetwork:Subnetwork", "network-private")).logConfig);
            });

            it("turns on Cloud Storage Data Access audit logs (object reads and writes)", () => {
                const audit = inputs(named(run, "gcp:projects/iAMAuditConfig:IAMAuditConfig", "object-store-data-access-logs"));
                assert.strictEqual(audit.service, "storage.googleapis.com");
                assert.deepStrictEqual(audit.auditLogConfigs.map((c: { logType: string }) => c.logType).sort(), ["DATA_READ", "DATA_WRITE"]);
            });

            if (TIERS[env].loadBalancer.waf) {
                it("Cloud Armor evaluates the Log4Shell cve-canary set next to the OWASP sets, and the backends log every request", () => {
                    const policy = inputs(named(run, "gcp:compute/securityPolicy:SecurityPolicy", "load-balancer-waf"));
                    const expressions = policy.rules.map((r: any) => r.match?.expr?.expression).filter(Boolean);
                    assert.ok(expressions.some((x: string) => x.startsWith("evaluatePreconfiguredWaf('cve-canary'")), JSON.stringify(expressions));
                    assert.strictEqual(expressions.length, WAF_RULE_SETS.length);
                });
            }
        });
    }
}
