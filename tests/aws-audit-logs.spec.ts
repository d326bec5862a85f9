import * as assert from "assert";
import { WAF_REDACTED_HEADERS } from "../components/load-balancer";
import { ENVIRONMENTS, inputs, named, ofType, one, planFor } from "./support/harness";
import { TIERS } from "../components/program-config";

/*
 * AWS audit depth (issue 14): every CloudWatch log group under the logs CMK, audit log groups
 * (flow logs, WAF, EKS control plane) kept `audit.logRetentionDays`, WAF request logs with
 * credentials redacted, S3 server access logs into a dedicated locked-down bucket, and the
 * VPC's default security group adopted with no rules. Both runtimes, both tiers.
 */

const T = {
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    kms: "aws:kms/key:Key",
    flowLog: "aws:ec2/flowLog:FlowLog",
    wafLogging: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    waf: "aws:wafv2/webAcl:WebAcl",
    bucket: "aws:s3/bucket:Bucket",
    bucketLogging: "aws:s3/bucketLogging:BucketLogging",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    defaultSg: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
    vpc: "aws:ec2/vpc:Vpc",
} as const;

for (const runtime of ["managed", "kubernetes"] as const) {
    for (const env of ENVIRONMENTS) {
        describe(`aws ${env} (${runtime} runtime): audit logs and default security group`, () => {
            let run: Awaited<ReturnType<typeof planFor>>;
            before(async () => {
                run = await planFor(env, "aws", runtime === "kubernetes" ? ["platform:compute.runtime=kubernetes"] : []);
            });
            const audit = TIERS[env].audit.logRetentionDays;

            it("encrypts every CloudWatch log group with the logs CMK, whose policy admits CloudWatch Logs for this account's log groups only", () => {
                const key = named(run, T.kms, "network-logs-key");
                const keyArn = `arn:aws:kms:us-west-2:123456789012:key/`;
                const groups = ofType(run, T.logGroup);
                assert.ok(groups.length >= 2);
                for (const g of groups) assert.ok(String(inputs(g).kmsKeyId).startsWith(keyArn), `${g.name} kmsKeyId ${inputs(g).kmsKeyId}`);
                assert.ok(new Set(groups.map((g) => inputs(g).kmsKeyId)).size === 1, "one logs key for all groups");
                const policy = JSON.parse(String(inputs(key).policy));
                const logs = policy.Statement.find((s: any) => s.Principal?.Service === "logs.us-west-2.amazonaws.com");
                assert.ok(logs, "CloudWatch Logs may use the key");
                assert.strictEqual(logs.Condition.ArnLike["kms:EncryptionContext:aws:logs:arn"], "arn:aws:logs:us-west-2:123456789012:log-group:*");
                assert.strictEqual(inputs(key).enableKeyRotation, true);
            });

            it(`keeps the flow logs ${audit} days (audit retention), apart from application logs`, () => {
                const flow = inputs(one(run, T.flowLog));
                const group = named(run, T.logGroup, "network-flow-logs");
                assert.ok(String(flow.logDestination).includes(String(inputs(group).name)), `flow log destination ${flow.logDestination}`);
                assert.strictEqual(inputs(group).retentionInDays, audit);
                for (const g of ofType(run, T.logGroup).filter((g) => g.name.startsWith("service-"))) {
                    assert.strictEqual(inputs(g).retentionInDays, TIERS[env].compute.logRetentionDays, `${g.name} keeps application retention`);
                }
            });

            if (runtime === "kubernetes") {
                it(`keeps the EKS control-plane (audit, authenticator) logs ${audit} days`, () => {
                    assert.strictEqual(inputs(named(run, T.logGroup, "kubernetes-cluster-control-plane-logs")).retentionInDays, audit);
                });
            }

            if (TIERS[env].loadBalancer.waf) {
                it("logs the WAF's requests to an aws-waf-logs- group with audit retention, credentials and session headers redacted", () => {
                    const logging = inputs(one(run, T.wafLogging));
                    const group = inputs(named(run, T.logGroup, "load-balancer-waf-logs"));
                    assert.match(String(group.name), /^aws-waf-logs-/);
                    assert.strictEqual(group.retentionInDays, audit);
                    assert.strictEqual(logging.resourceArn, inputs(one(run, T.waf)).arn ?? logging.resourceArn);
                    assert.strictEqual(logging.logDestinationConfigs.length, 1);
                    assert.deepStrictEqual(logging.redactedFields.map((f: any) => f.singleHeader.name), [...WAF_REDACTED_HEADERS]);
                });
            } else {
                it("has no WAF and so no WAF logging (staging tier)", () => {
                    assert.strictEqual(ofType(run, T.wafLogging).length, 0);
                });
            }

            it("writes the application bucket's server access logs to a dedicated bucket: private, owner-enforced, SSE-S3, TLS-only, delivery limited to the source bucket, kept the audit retention", () => {
                const logging = inputs(one(run, T.bucketLogging));
                const target = named(run, T.bucket, "object-store-access-logs");
                assert.strictEqual(logging.targetBucket, inputs(target).bucket);
                assert.strictEqual(logging.bucket, inputs(named(run, T.bucket, "object-store-bucket")).bucket);
                assert.strictEqual(logging.targetPrefix, "s3/");
                const pab = inputs(named(run, T.pab, "object-store-access-logs-public-access-block"));
                for (const k of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) assert.strictEqual(pab[k], true, k);
                assert.strictEqual(inputs(named(run, T.ownership, "object-store-access-logs-ownership")).rule.objectOwnership, "BucketOwnerEnforced");
                assert.strictEqual(inputs(named(run, T.sse, "object-store-access-logs-encryption")).rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, "AES256");
                const policy = JSON.parse(String(inputs(named(run, T.bucketPolicy, "object-store-access-logs-policy")).policy));
                assert.ok(policy.Statement.some((s: any) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false"), "TLS only");
                const delivery = policy.Statement.find((s: any) => s.Principal?.Service === "logging.s3.amazonaws.com");
                assert.strictEqual(delivery.Action, "s3:PutObject");
                assert.match(String(delivery.Condition.ArnLike["aws:SourceArn"]), /^arn:aws:s3:::acme-/);
                assert.strictEqual(delivery.Condition.StringEquals["aws:SourceAccount"], "123456789012");
                const rule = inputs(named(run, T.lifecycle, "object-store-access-logs-lifecycle")).rules[0];
                assert.strictEqual(rule.expiration.days, audit);
                assert.strictEqual(run.plan.resources.find((r) => r.name === "object-store-access-logs")!.options.protect, env === "production");
            });

            it("adopts the VPC's default security group with no rules (CIS AWS 5.4)", () => {
                const sg = inputs(one(run, T.defaultSg));
                assert.strictEqual(sg.vpcId, inputs(one(run, T.vpc)).id ?? sg.vpcId);
                assert.deepStrictEqual(sg.ingress, []);
                assert.deepStrictEqual(sg.egress, []);
            });
        });
    }
}

describe("aws: audit-log retention follows its own config key", () => {
    it("audit.logRetentionDays=731 moves flow logs, WAF logs and the access-log lifecycle, not the service logs", async () => {
        const run = await planFor("production", "aws", ["platform:audit.logRetentionDays=731"]);
        assert.strictEqual(inputs(named(run, T.logGroup, "network-flow-logs")).retentionInDays, 731);
        assert.strictEqual(inputs(named(run, T.logGroup, "load-balancer-waf-logs")).retentionInDays, 731);
        assert.strictEqual(inputs(named(run, T.lifecycle, "object-store-access-logs-lifecycle")).rules[0].expiration.days, 731);
        assert.strictEqual(inputs(named(run, T.logGroup, "service-api-logs")).retentionInDays, TIERS.production.compute.logRetentionDays);
    });
});
