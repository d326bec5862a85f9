import * as assert from "assert";
import type { PlanResource } from "../tools/engine/plan";
import type { PlanRun } from "../tools/engine/run-plan";
import { policyRunner } from "../tools/engine/policies";
import { assertExplicitProviders, assertSecretsStaySecret, assertStandardTags, assertStatefulProtection, assertUrnSnapshot, assertParentedToComponents, assertOnlyImageDigestAdvisories } from "./support/assertions";
import { ENVIRONMENTS, ofType, one, planFor, rawInputs, named, inputs } from "./support/harness";
import { zoneSubnetCidr } from "../providers/aws/network";
import { orderRoutes, routeConditions } from "../providers/aws/load-balancer";
import { rdsBackupWindow } from "../providers/aws/database";
import { rdsMaintenanceWindow } from "../providers/aws/maintenance";
import { freeStorageThresholdBytes } from "../providers/aws/monitoring";
import { secretValueFrom } from "../providers/aws/compute-service";

const T = {
    vpc: "aws:ec2/vpc:Vpc",
    subnet: "aws:ec2/subnet:Subnet",
    nat: "aws:ec2/natGateway:NatGateway",
    routeTable: "aws:ec2/routeTable:RouteTable",
    sg: "aws:ec2/securityGroup:SecurityGroup",
    ingress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    egress: "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
    flowLog: "aws:ec2/flowLog:FlowLog",
    kms: "aws:kms/key:Key",
    rds: "aws:rds/instance:Instance",
    rdsParams: "aws:rds/parameterGroup:ParameterGroup",
    rdsSubnets: "aws:rds/subnetGroup:SubnetGroup",
    redis: "aws:elasticache/replicationGroup:ReplicationGroup",
    redisParams: "aws:elasticache/parameterGroup:ParameterGroup",
    password: "random:index/randomPassword:RandomPassword",
    secret: "aws:secretsmanager/secret:Secret",
    secretVersion: "aws:secretsmanager/secretVersion:SecretVersion",
    bucket: "aws:s3/bucket:Bucket",
    versioning: "aws:s3/bucketVersioning:BucketVersioning",
    sse: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    pab: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    ownership: "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    lifecycle: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    cert: "aws:acm/certificate:Certificate",
    alb: "aws:lb/loadBalancer:LoadBalancer",
    listener: "aws:lb/listener:Listener",
    targetGroup: "aws:lb/targetGroup:TargetGroup",
    rule: "aws:lb/listenerRule:ListenerRule",
    waf: "aws:wafv2/webAcl:WebAcl",
    wafAssoc: "aws:wafv2/webAclAssociation:WebAclAssociation",
    cluster: "aws:ecs/cluster:Cluster",
    taskDef: "aws:ecs/taskDefinition:TaskDefinition",
    service: "aws:ecs/service:Service",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    scalingTarget: "aws:appautoscaling/target:Target",
    scalingPolicy: "aws:appautoscaling/policy:Policy",
    topic: "aws:sns/topic:Topic",
    subscription: "aws:sns/topicSubscription:TopicSubscription",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
} as const;

/** AWS types in the plan whose resources have no `tags` argument at all. */
const UNTAGGABLE = new Set([
    // aws_cloudwatch_log_metric_filter, aws_sns_topic_policy and aws_cloudwatch_dashboard take no tags.
    "aws:cloudwatch/logMetricFilter:LogMetricFilter", "aws:sns/topicPolicy:TopicPolicy", "aws:cloudwatch/dashboard:Dashboard",
    // No tags argument in the SDK: the DR copies' satellites (the provider's default tags do not apply either).
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    "aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:iam/rolePolicy:RolePolicy", "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    T.secretVersion, T.versioning, T.sse, T.pab, T.ownership, T.bucketPolicy, T.lifecycle, "aws:acm/certificateValidation:CertificateValidation",
    T.wafAssoc, T.scalingPolicy, T.subscription, "aws:s3/bucketLogging:BucketLogging", "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
]);

const STATEFUL = [T.rds, T.redis, T.bucket];

const EXPECT = {
    production: {
        zones: 3, nats: 3, multiAz: true, retention: 30, deletionProtection: true, finalSnapshot: true, storage: 100, dbClass: "db.r6g.large",
        cacheNodes: 2, failover: true, snapshotRetention: 5, waf: true, albDeletionProtection: true, min: 3, max: 20, logRetention: 30,
        protect: true, fargate: { cpu: "1024", memory: "2048" }, cidr: "10.0.0.0/16",
    },
    staging: {
        zones: 2, nats: 1, multiAz: false, retention: 7, deletionProtection: false, finalSnapshot: false, storage: 20, dbClass: "db.t4g.medium",
        cacheNodes: 1, failover: false, snapshotRetention: 1, waf: false, albDeletionProtection: false, min: 1, max: 3, logRetention: 14,
        protect: false, fargate: { cpu: "512", memory: "1024" }, cidr: "10.1.0.0/16",
    },
} as const;

const policyOf = (r: PlanResource) => JSON.parse(String(inputs(r).policy));
/** The generated cache auth token, unwrapped from its secret envelope. */
const tokenValue = (run: PlanRun): string => {
    const v = rawInputs(run, one(run, T.secretVersion).urn).secretString as { value: string };
    assert.ok(typeof v?.value === "string" && v.value.length >= 16, "the auth token reaches the secret version");
    return v.value;
};
/** Subnet ids the private route-table associations attach, i.e. the private subnets. */
const privateSubnetIds = (run: PlanRun): string[] =>
    ofType(run, "aws:ec2/routeTableAssociation:RouteTableAssociation").filter((r) => /^network-private-\d+-rta$/.test(r.name)).map((r) => String(inputs(r).subnetId));

describe("aws: pure helpers", () => {
    it("cuts the VPC into 16 zone subnets", () => {
        assert.strictEqual(zoneSubnetCidr("10.0.0.0/16", 0), "10.0.0.0/20");
        assert.strictEqual(zoneSubnetCidr("10.0.0.0/16", 8), "10.0.128.0/20");
        assert.strictEqual(zoneSubnetCidr("10.1.0.0/20", 9), "10.1.9.0/24");
        assert.throws(() => zoneSubnetCidr("10.0.0.0/16", 16), /no \/20 block #16/);
    });
    it("formats the RDS windows", () => {
        assert.strictEqual(rdsBackupWindow({ startHourUtc: 3, durationHours: 1 }), "03:00-04:00");
        assert.strictEqual(rdsMaintenanceWindow({ day: "sun", startHourUtc: 4, durationHours: 1 }), "sun:04:00-sun:05:00");
    });
    it("orders routes most specific first and builds listener conditions", () => {
        const routes = [
            { service: "web", port: 3000, pathPrefix: "/", healthPath: "/health" },
            { service: "api", port: 8080, pathPrefix: "/api", healthPath: "/health" },
            { service: "admin", port: 8080, host: "admin.example.com", healthPath: "/health" },
        ];
        assert.deepStrictEqual(orderRoutes(routes).map((r) => r.service), ["admin", "api", "web"]);
        assert.deepStrictEqual(routeConditions(routes[1]!), [{ pathPattern: { values: ["/api", "/api/*"] } }]);
        assert.deepStrictEqual(routeConditions(routes[0]!), [{ pathPattern: { values: ["/*"] } }]);
        assert.deepStrictEqual(routeConditions(routes[2]!), [{ hostHeader: { values: ["admin.example.com"] } }]);
    });
    it("computes the free-storage threshold in bytes and the ECS secret reference form", () => {
        assert.strictEqual(freeStorageThresholdBytes(100, 10), 10 * 1024 ** 3);
        assert.strictEqual(secretValueFrom("arn:s", "password"), "arn:s:password::");
        assert.strictEqual(secretValueFrom("arn:s"), "arn:s");
    });
});

for (const env of ENVIRONMENTS) {
    const e = EXPECT[env];
    describe(`aws ${env} plan`, () => {
        let run: PlanRun;
        before(async () => { run = await planFor(env, "aws"); });

        describe("platform guarantees", () => {
            it("passes the policy pack without violations", async () => {
                assertOnlyImageDigestAdvisories(await policyRunner()(run));
            });
            it("uses the explicit aws provider for every aws resource and the explicit random provider", () => {
                assertExplicitProviders(run, "aws");
                assertExplicitProviders(run, "random");
                const provider = one(run, "pulumi:providers:aws");
                assert.strictEqual(inputs(provider).region, "us-west-2");
            });
            it("tags every taggable aws resource with environment, app and managed-by", () => {
                const types = [...new Set(run.plan.resources.filter((r) => r.custom && r.type.startsWith("aws:")).map((r) => r.type))];
                const taggable = types.filter((t) => !UNTAGGABLE.has(t));
                assert.ok(taggable.length >= 30, `only ${taggable.length} taggable types`);
                assertStandardTags(run, { key: "tags", types: taggable, environment: env, app: "acme" });
            });
            it(`protects stateful resources: ${e.protect}`, () => {
                assertStatefulProtection(run, STATEFUL, e.protect);
                for (const key of ofType(run, T.kms).filter((k) => /^(database|cache|object-store)-key$/.test(k.name))) {
                    assert.strictEqual(key.options.protect, e.protect, `${key.name} protect`);
                }
            });
            it("keeps secrets secret", () => {
                // The RandomPassword's `result` is an output: it reaches the engine through these inputs.
                assertSecretsStaySecret(run, [{ type: T.secretVersion, key: "secretString" }, { type: T.redis, key: "authToken" }]);
                assert.ok(!JSON.stringify(run.plan.outputs).includes(tokenValue(run)), "the auth token is not a stack output");
            });
            it("matches the URN snapshot (a replaced stateful resource needs an alias)", () => {
                assertUrnSnapshot(run.plan, `aws-${env}.urns.json`);
            });
            it("parents every aws resource to a platform component", () => assertParentedToComponents(run, ["aws:", "random:"]));
        });

        describe("network", () => {
            it(`spans ${e.zones} zones with public and private subnets and ${e.nats} NAT gateway(s)`, () => {
                assert.strictEqual(inputs(one(run, T.vpc)).cidrBlock, e.cidr);
                assert.strictEqual(inputs(one(run, T.vpc)).enableDnsHostnames, true);
                const subnets = ofType(run, T.subnet);
                const pub = subnets.filter((s) => inputs(s).tags.tier === "public");
                const priv = subnets.filter((s) => inputs(s).tags.tier === "private");
                assert.strictEqual(pub.length, e.zones);
                assert.strictEqual(priv.length, e.zones);
                assert.strictEqual(new Set(priv.map((s) => inputs(s).availabilityZone)).size, e.zones);
                for (const s of subnets) assert.strictEqual(inputs(s).mapPublicIpOnLaunch, false);
                assert.strictEqual(ofType(run, T.nat).length, e.nats);
                const privateRoutes = ofType(run, T.routeTable).filter((r) => r.name.startsWith("network-private"));
                assert.strictEqual(privateRoutes.length, e.zones);
                for (const r of privateRoutes) {
                    assert.ok(inputs(r).routes.every((route: any) => route.natGatewayId && !route.gatewayId), `${r.name} routes through NAT only`);
                }
                assert.strictEqual(inputs(one(run, T.flowLog)).trafficType, "ALL");
            });
            it("admits the database and cache only from the compute security group", () => {
                const sgId = (kind: string) => named(run, T.sg, `network-${kind}-sg`);
                const ingressTo = (kind: string) => ofType(run, T.ingress).filter((r) => r.name.startsWith(`network-${kind}-in`));
                const db = ingressTo("database");
                const cache = ingressTo("cache");
                assert.strictEqual(db.length, 1);
                assert.strictEqual(cache.length, 1);
                assert.strictEqual(inputs(db[0]!).fromPort, 5432);
                assert.strictEqual(inputs(cache[0]!).fromPort, 6379);
                const computeSg = inputs(named(run, T.egress, "network-compute-out-https")).securityGroupId;
                assert.match(String(computeSg), /^sg-/);
                assert.ok(sgId("compute"));
                for (const rule of [...db, ...cache]) {
                    assert.strictEqual(inputs(rule).referencedSecurityGroupId, computeSg, `${rule.name} admits the compute security group only`);
                    assert.strictEqual(inputs(rule).cidrIpv4, undefined, `${rule.name} has no CIDR source`);
                }
                const compute = ingressTo("compute");
                assert.deepStrictEqual(compute.map((r) => inputs(r).fromPort).sort(), [3000, 8080]);
                for (const rule of compute) assert.strictEqual(inputs(rule).cidrIpv4, undefined);
                const lb = ingressTo("lb");
                assert.deepStrictEqual(lb.map((r) => inputs(r).fromPort).sort(), [443, 80]);
                for (const rule of lb) assert.strictEqual(inputs(rule).cidrIpv4, "0.0.0.0/0");
            });
        });

        describe("database", () => {
            it("is PostgreSQL 16, encrypted, private, TLS-only, with managed password", () => {
                const db = inputs(one(run, T.rds));
                assert.strictEqual(db.engine, "postgres");
                assert.match(String(db.engineVersion), /^16(\.|$)/);
                assert.strictEqual(db.storageEncrypted, true);
                assert.match(String(db.kmsKeyId), /^arn:aws:kms:/);
                assert.strictEqual(db.publiclyAccessible, false);
                assert.strictEqual(db.manageMasterUserPassword, true);
                assert.ok(!("password" in db), "the RDS instance must not set a password input");
                assert.strictEqual(db.performanceInsightsEnabled, true);
                assert.ok(db.performanceInsightsKmsKeyId);
                assert.ok(db.enabledCloudwatchLogsExports.includes("postgresql"));
                assert.strictEqual(db.copyTagsToSnapshot, true);
                assert.strictEqual(db.autoMinorVersionUpgrade, true);
                assert.ok(db.maxAllocatedStorage > db.allocatedStorage);
                assert.strictEqual(db.dbSubnetGroupName, inputs(one(run, T.rdsSubnets)).name);
                const key = ofType(run, T.kms).find((k) => k.name === "database-key")!;
                assert.strictEqual(inputs(key).enableKeyRotation, true);
            });
            it("forces TLS and logs slow queries in the postgres16 parameter group", () => {
                const pg = inputs(one(run, T.rdsParams));
                assert.strictEqual(pg.family, "postgres16");
                const params = Object.fromEntries(pg.parameters.map((p: any) => [p.name, p.value]));
                assert.strictEqual(params["rds.force_ssl"], "1");
                assert.ok(Number(params.log_min_duration_statement) > 0);
                assert.strictEqual(inputs(one(run, T.rds)).parameterGroupName, pg.name);
            });
            it(`has the ${env} backup, availability and deletion settings`, () => {
                const db = inputs(one(run, T.rds));
                assert.strictEqual(db.multiAz, e.multiAz);
                assert.strictEqual(db.backupRetentionPeriod, e.retention);
                assert.strictEqual(db.backupWindow, "03:00-04:00");
                assert.strictEqual(db.maintenanceWindow, "sun:04:00-sun:05:00");
                assert.strictEqual(db.deletionProtection, e.deletionProtection);
                assert.strictEqual(db.skipFinalSnapshot, !e.finalSnapshot);
                assert.ok(db.finalSnapshotIdentifier);
                assert.strictEqual(db.allocatedStorage, e.storage);
                assert.strictEqual(db.instanceClass, e.dbClass);
            });
            it("exposes the managed secret ARN (not a password) as the password reference", () => {
                assert.match(String(run.plan.outputs.databasePasswordSecret), /^arn:aws:secretsmanager:.*:secret:rds!db-/);
            });
        });

        describe("cache", () => {
            it("is Redis 7.1 encrypted at rest and in transit with an auth token", () => {
                const rg = inputs(one(run, T.redis));
                assert.strictEqual(rg.engine, "redis");
                assert.strictEqual(rg.engineVersion, "7.1");
                assert.strictEqual(rg.atRestEncryptionEnabled, true);
                assert.match(String(rg.kmsKeyId), /^arn:aws:kms:/);
                assert.strictEqual(rg.transitEncryptionEnabled, true);
                assert.strictEqual(rg.authToken, "[secret]");
                assert.strictEqual(rg.authTokenUpdateStrategy, "ROTATE", "a rotated token is added next to the old one");
                assert.strictEqual(inputs(one(run, T.redisParams)).family, "redis7");
                const token = inputs(one(run, T.password));
                assert.ok(token.length >= 16 && token.length <= 128);
                assert.doesNotMatch(String(token.overrideSpecial), /[/"@ ]/);
                assert.match(String(inputs(one(run, T.secret)).kmsKeyId), /^arn:aws:kms:/);
            });
            it(`has ${e.cacheNodes} node(s), failover ${e.failover}, snapshots kept ${e.snapshotRetention} day(s)`, () => {
                const rg = inputs(one(run, T.redis));
                assert.strictEqual(rg.numCacheClusters, e.cacheNodes);
                assert.strictEqual(rg.automaticFailoverEnabled, e.failover);
                assert.strictEqual(rg.multiAzEnabled, e.failover);
                assert.strictEqual(rg.snapshotRetentionLimit, e.snapshotRetention);
                assert.ok(rg.snapshotWindow && rg.maintenanceWindow);
            });
        });

        describe("object store", () => {
            const appBucket = () => named(run, T.bucket, "object-store-bucket");
            const forBucket = (type: string) => {
                // The DR replica's satellites (object-store-replica-*) are pinned in disaster-recovery.spec.ts.
                const found = ofType(run, type).filter((r) => r.name.startsWith("object-store-") && !r.name.startsWith("object-store-access-logs") && !r.name.startsWith("object-store-replica"));
                assert.strictEqual(found.length, 1, `one ${type} for the app bucket`);
                return inputs(found[0]!);
            };
            it("uses the v7 split S3 resources: versioned, KMS-encrypted, private, owner-enforced, never forceDestroy", () => {
                assert.ok(!inputs(appBucket()).forceDestroy);
                assert.strictEqual(forBucket(T.versioning).versioningConfiguration.status, "Enabled");
                const sse = forBucket(T.sse).rules[0];
                assert.strictEqual(sse.applyServerSideEncryptionByDefault.sseAlgorithm, "aws:kms");
                assert.ok(sse.applyServerSideEncryptionByDefault.kmsMasterKeyId);
                assert.strictEqual(sse.bucketKeyEnabled, true);
                const pab = forBucket(T.pab);
                for (const k of ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"]) assert.strictEqual(pab[k], true, k);
                assert.strictEqual(forBucket(T.ownership).rule.objectOwnership, "BucketOwnerEnforced");
            });
            it("denies non-TLS access in the bucket policy", () => {
                const doc = JSON.parse(forBucket(T.bucketPolicy).policy);
                const deny = doc.Statement.find((s: any) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false");
                assert.ok(deny, "a Deny on aws:SecureTransport=false");
                assert.strictEqual(deny.Action, "s3:*");
            });
            it("applies the lifecycle: temp uploads 7 days, exports to GLACIER at 30 and expire at 365", () => {
                const rules = forBucket(T.lifecycle).rules as any[];
                const temp = rules.find((r) => r.filter?.prefix === "uploads/temp/");
                assert.strictEqual(temp.status, "Enabled");
                assert.strictEqual(temp.expiration.days, 7);
                const exportsRule = rules.find((r) => r.filter?.prefix === "exports/");
                assert.deepStrictEqual(exportsRule.transitions, [{ days: 30, storageClass: "GLACIER" }]);
                assert.strictEqual(exportsRule.expiration.days, 365);
                assert.ok(rules.some((r) => r.abortIncompleteMultipartUpload?.daysAfterInitiation > 0));
                assert.ok(rules.some((r) => r.noncurrentVersionExpiration?.noncurrentDays > 0));
            });
        });

        describe("load balancer", () => {
            it("serves HTTPS with TLS 1.2+ and an ACM certificate, and redirects HTTP with a 301", () => {
                const https = named(run, T.listener, "load-balancer-https");
                assert.strictEqual(inputs(https).protocol, "HTTPS");
                assert.strictEqual(inputs(https).port, 443);
                assert.strictEqual(inputs(https).sslPolicy, "ELBSecurityPolicy-TLS13-1-2-2021-06");
                assert.match(String(inputs(https).certificateArn), /^arn:aws:acm:/);
                assert.strictEqual(inputs(https).defaultActions[0].fixedResponse.statusCode, "404");
                const http = named(run, T.listener, "load-balancer-http");
                assert.strictEqual(inputs(http).port, 80);
                assert.deepStrictEqual(inputs(http).defaultActions[0].redirect, { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" });
                const cert = inputs(one(run, T.cert));
                assert.strictEqual(cert.validationMethod, "DNS");
                assert.strictEqual(cert.domainName, env === "production" ? "app.acme-platform.example.com" : "staging.acme-platform.example.com");
            });
            it(`is internet-facing in public subnets, drops invalid headers, deletion protection ${e.albDeletionProtection}, access logs on`, () => {
                const alb = inputs(one(run, T.alb));
                assert.strictEqual(alb.internal, false);
                assert.strictEqual(alb.subnets.length, e.zones);
                assert.ok(alb.subnets.every((id: string) => !privateSubnetIds(run).includes(id)), "the ALB uses public subnets only");
                assert.ok(alb.name.length <= 32);
                assert.strictEqual(alb.dropInvalidHeaderFields, true);
                assert.strictEqual(alb.enableDeletionProtection, e.albDeletionProtection);
                assert.strictEqual(alb.accessLogs.enabled, true);
                const logBucket = inputs(named(run, T.bucket, "load-balancer-logs"));
                assert.strictEqual(alb.accessLogs.bucket, logBucket.bucket);
                const doc = policyOf(named(run, T.bucketPolicy, "load-balancer-logs-policy"));
                assert.ok(doc.Statement.some((s: any) => s.Principal?.Service === "logdelivery.elasticloadbalancing.amazonaws.com" && s.Action === "s3:PutObject"));
                assert.ok(doc.Statement.some((s: any) => s.Effect === "Deny" && s.Condition?.Bool?.["aws:SecureTransport"] === "false"));
                const pab = inputs(named(run, T.pab, "load-balancer-logs-public-access-block"));
                assert.strictEqual(pab.blockPublicPolicy && pab.restrictPublicBuckets && pab.blockPublicAcls && pab.ignorePublicAcls, true);
                assert.strictEqual(inputs(named(run, T.sse, "load-balancer-logs-encryption")).rules[0].applyServerSideEncryptionByDefault.sseAlgorithm, "AES256");
                assert.strictEqual(inputs(named(run, T.versioning, "load-balancer-logs-versioning")).versioningConfiguration.status, "Enabled");
                assert.strictEqual(inputs(named(run, T.lifecycle, "load-balancer-logs-lifecycle")).rules[0].expiration.days, 90);
            });
            it("has one ip target group per HTTP service with the /health check every 30 s (2/3) and a routing rule", () => {
                const tgs = ofType(run, T.targetGroup);
                assert.deepStrictEqual(tgs.map((t) => t.name).sort(), ["load-balancer-api-tg", "load-balancer-web-tg"]);
                for (const tg of tgs) {
                    const i = inputs(tg);
                    assert.strictEqual(i.targetType, "ip");
                    assert.ok(i.name.length <= 32);
                    assert.strictEqual(i.healthCheck.path, "/health");
                    assert.strictEqual(i.healthCheck.interval, 30);
                    assert.strictEqual(i.healthCheck.healthyThreshold, 2);
                    assert.strictEqual(i.healthCheck.unhealthyThreshold, 3);
                }
                const api = inputs(named(run, T.rule, "load-balancer-api-rule"));
                const web = inputs(named(run, T.rule, "load-balancer-web-rule"));
                assert.deepStrictEqual(api.conditions, [{ pathPattern: { values: ["/api", "/api/*"] } }]);
                assert.deepStrictEqual(web.conditions, [{ pathPattern: { values: ["/*"] } }]);
                assert.ok(api.priority < web.priority, "the specific route is evaluated before the catch-all");
            });
            it(`WAF ${e.waf ? "guards" : "is absent from"} the load balancer`, () => {
                assert.strictEqual(ofType(run, T.waf).length, e.waf ? 1 : 0);
                assert.strictEqual(ofType(run, T.wafAssoc).length, e.waf ? 1 : 0);
                if (e.waf) {
                    const acl = inputs(one(run, T.waf));
                    assert.strictEqual(acl.scope, "REGIONAL");
                    assert.ok(acl.rules.some((r: any) => r.statement.managedRuleGroupStatement?.name === "AWSManagedRulesCommonRuleSet"));
                }
            });
        });

        describe("compute", () => {
            const services = ["api", "web", "worker"];
            it("runs one ECS cluster with container insights", () => {
                const cluster = inputs(one(run, T.cluster));
                assert.deepStrictEqual(cluster.settings, [{ name: "containerInsights", value: "enabled" }]);
            });
            it("runs Fargate services in private subnets without public IPs, with circuit breaker rollback", () => {
                const privateIds = privateSubnetIds(run);
                assert.strictEqual(privateIds.length, e.zones);
                for (const svc of services) {
                    const s = inputs(named(run, T.service, `service-${svc}-service`));
                    assert.strictEqual(s.launchType, "FARGATE");
                    assert.strictEqual(s.networkConfiguration.assignPublicIp, false);
                    assert.strictEqual(s.networkConfiguration.subnets.length, e.zones);
                    assert.deepStrictEqual([...s.networkConfiguration.subnets].sort(), [...privateIds].sort(), `${svc} runs in the private subnets`);
                    assert.deepStrictEqual(s.deploymentCircuitBreaker, { enable: true, rollback: true });
                    assert.strictEqual(s.desiredCount, e.min);
                    if (svc === "worker") assert.ok(!s.loadBalancers || s.loadBalancers.length === 0);
                    else assert.strictEqual(s.loadBalancers[0].containerName, svc);
                }
            });
            it(`sizes tasks per tier (${e.fargate.cpu}/${e.fargate.memory}) and injects secrets from Secrets Manager, never as plain env`, () => {
                const api = inputs(named(run, T.taskDef, "service-api-task"));
                assert.strictEqual(api.cpu, e.fargate.cpu);
                assert.strictEqual(api.memory, e.fargate.memory);
                assert.deepStrictEqual(api.requiresCompatibilities, ["FARGATE"]);
                const [container] = JSON.parse(api.containerDefinitions);
                const env = Object.fromEntries(container.environment.map((v: any) => [v.name, v.value]));
                assert.ok(env.DATABASE_HOST && env.REDIS_HOST && env.OBJECT_STORE_BUCKET);
                assert.ok(!("DATABASE_PASSWORD" in env) && !("REDIS_AUTH_TOKEN" in env));
                const secrets = Object.fromEntries(container.secrets.map((v: any) => [v.name, v.valueFrom]));
                assert.match(secrets.DATABASE_PASSWORD, /^arn:aws:secretsmanager:.*:secret:rds!db-.*:password::$/);
                assert.strictEqual(secrets.REDIS_AUTH_TOKEN, inputs(one(run, T.secretVersion)).secretId);
                assert.strictEqual(container.readonlyRootFilesystem, true);
                assert.deepStrictEqual(container.portMappings[0].containerPort, 8080);
                assert.match(container.healthCheck.command.join(" "), /\/health/);
                assert.ok(!api.containerDefinitions.includes(tokenValue(run)), "the auth token value is not in the task definition");
            });
            it("gives each service a least-privilege task role (its bucket only) and an execution role reading only the platform secrets", () => {
                const bucketArn = `arn:aws:s3:::${inputs(named(run, T.bucket, "object-store-bucket")).bucket}`;
                for (const svc of services) {
                    const doc = policyOf(named(run, T.rolePolicy, `service-${svc}-task-bucket`));
                    const resources = doc.Statement.flatMap((s: any) => [s.Resource].flat()).filter((r: string) => r.startsWith("arn:aws:s3"));
                    assert.ok(resources.length > 0);
                    for (const r of resources) assert.ok(r === bucketArn || r === `${bucketArn}/*`, `${svc} task role reaches ${r}`);
                    assert.ok(doc.Statement.every((s: any) => ![s.Action].flat().includes("s3:*") && s.Resource !== "*"));
                    const exec = policyOf(named(run, T.rolePolicy, `service-${svc}-execution-secrets`));
                    const read = exec.Statement.find((s: any) => s.Action === "secretsmanager:GetSecretValue");
                    assert.strictEqual(read.Resource.length, 2);
                    assert.ok(read.Resource.every((r: string) => r.startsWith("arn:aws:secretsmanager:")));
                }
            });
            it(`keeps logs ${e.logRetention} days`, () => {
                for (const svc of services) assert.strictEqual(inputs(named(run, T.logGroup, `service-${svc}-logs`)).retentionInDays, e.logRetention);
            });
            it(`autoscales ${e.min}-${e.max} on CPU 70 % and memory 80 % with cooldowns 300/600`, () => {
                for (const svc of services) {
                    const target = inputs(named(run, T.scalingTarget, `service-${svc}-scaling-target`));
                    assert.strictEqual(target.minCapacity, e.min);
                    assert.strictEqual(target.maxCapacity, e.max);
                    assert.strictEqual(target.scalableDimension, "ecs:service:DesiredCount");
                    const expectations = [["cpu", "ECSServiceAverageCPUUtilization", 70], ["memory", "ECSServiceAverageMemoryUtilization", 80]] as const;
                    for (const [kind, metric, value] of expectations) {
                        const p = inputs(named(run, T.scalingPolicy, `service-${svc}-${kind}-scaling`));
                        assert.strictEqual(p.policyType, "TargetTrackingScaling");
                        const c = p.targetTrackingScalingPolicyConfiguration;
                        assert.strictEqual(c.predefinedMetricSpecification.predefinedMetricType, metric);
                        assert.strictEqual(c.targetValue, value);
                        assert.strictEqual(c.scaleOutCooldown, 300);
                        assert.strictEqual(c.scaleInCooldown, 600);
                    }
                }
            });
        });

        describe("monitoring", () => {
            const alarm = (key: string) => inputs(named(run, T.alarm, `monitoring-${key}`));
            it("alerts into KMS-encrypted SNS topics, one per severity", () => {
                assert.strictEqual(ofType(run, T.topic).length, 2);
                for (const topic of ofType(run, T.topic)) assert.match(String(inputs(topic).kmsMasterKeyId), /^arn:aws:kms:/);
                // alertEmail is the default destination of both severities.
                assert.strictEqual(ofType(run, T.subscription).length, env === "production" ? 2 : 0);
                // Release gates (children of the ComputeServices) roll deployments back; the Monitoring alarms notify.
                for (const a of ofType(run, T.alarm).filter((x) => x.parent?.endsWith("::monitoring"))) assert.ok(inputs(a).alarmActions.length === 1, `${a.name} notifies`);
            });
            it("alerts on CPU > 80 % and memory > 85 % per service", () => {
                for (const svc of ["api", "web", "worker"]) {
                    assert.strictEqual(alarm(`${svc}-cpu`).threshold, 80);
                    assert.strictEqual(alarm(`${svc}-cpu`).metricName, "CPUUtilization");
                    assert.strictEqual(alarm(`${svc}-memory`).threshold, 85);
                    assert.strictEqual(alarm(`${svc}-memory`).comparisonOperator, "GreaterThanThreshold");
                }
            });
            it("alerts on the 5xx rate, p95 latency > 2 s, database connections and free storage < 10 %", () => {
                const rate = alarm("alb-5xx");
                assert.strictEqual(rate.threshold, 10);
                assert.deepStrictEqual(rate.metricQueries.map((q: { id: string }) => q.id), ["errors", "requests", "rate"]);
                assert.strictEqual(rate.metricQueries[0].metric.metricName, "HTTPCode_ELB_5XX_Count");
                assert.strictEqual(rate.metricQueries[1].metric.metricName, "RequestCount");
                assert.strictEqual(rate.metricQueries[2].expression, "IF((FILL(requests,0))>=10,100*(FILL(errors,0))/(FILL(requests,0)),0)");
                assert.strictEqual(alarm("alb-p95-latency-critical").threshold, 5);
                const p95 = alarm("alb-p95-latency");
                assert.strictEqual(p95.extendedStatistic, "p95");
                assert.strictEqual(p95.threshold, 2);
                assert.strictEqual(alarm("db-connections").metricName, "DatabaseConnections");
                const storage = alarm("db-free-storage");
                assert.strictEqual(storage.comparisonOperator, "LessThanThreshold");
                assert.strictEqual(storage.threshold, e.storage * 1024 ** 3 * 0.1);
                assert.strictEqual(alarm("db-cpu").threshold, 80);
                const names = run.plan.outputs.alerts as string[];
                assert.strictEqual(names.length, ofType(run, T.alarm).filter((x) => x.parent?.endsWith("::monitoring")).length);
                assert.ok(names.includes("acme-" + (env === "production" ? "prod" : "stg") + "-alb-p95-latency"));
            });
        });
    });
}
