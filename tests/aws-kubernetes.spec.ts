import * as assert from "assert";
import type { PlanResource } from "../tools/engine/plan";
import type { PlanRun } from "../tools/engine/run-plan";
import { isSecretEnvelope } from "../tools/engine/plan";
import { policyRunner } from "../tools/engine/policies";
import { assertExplicitProviders, assertSecretsStaySecret, assertStandardTags, assertUrnSnapshot, assertParentedToComponents } from "./support/assertions";
import { ENVIRONMENTS, ofType, one, planFor, rawInputs, named, inputs } from "./support/harness";
import { eksKubeconfig, EKS_LOG_TYPES, EKS_NODE, nodePoolLimits } from "../providers/aws/kubernetes-cluster";
import { albAttributes } from "../providers/aws/kubernetes-ingress";
import { pickSecret } from "../providers/aws/kubernetes-secrets";
import { TIERS } from "../components/program-config";

const KUBERNETES = ["platform:compute.runtime=kubernetes"];
const ALB = "alb.ingress.kubernetes.io";

const T = {
    eks: "aws:eks/cluster:Cluster",
    addon: "aws:eks/addon:Addon",
    oidc: "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    attachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    kms: "aws:kms/key:Key",
    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    sgIngress: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    cert: "aws:acm/certificate:Certificate",
    certValidation: "aws:acm/certificateValidation:CertificateValidation",
    waf: "aws:wafv2/webAcl:WebAcl",
    bucket: "aws:s3/bucket:Bucket",
    secretVersion: "aws:secretsmanager/secretVersion:SecretVersion",
    redis: "aws:elasticache/replicationGroup:ReplicationGroup",
    alarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    k8sProvider: "pulumi:providers:kubernetes",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    k8sSecret: "kubernetes:core/v1:Secret",
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
    ingressClass: "kubernetes:networking.k8s.io/v1:IngressClass",
    ingressClassParams: "kubernetes:eks.amazonaws.com/v1:IngressClassParams",
    nodePool: "kubernetes:karpenter.sh/v1:NodePool",
} as const;

/** AWS types in the kubernetes plan whose resources have no `tags` argument. */
const UNTAGGABLE = new Set([
    // aws_cloudwatch_log_metric_filter, aws_sns_topic_policy and aws_cloudwatch_dashboard take no tags.
    "aws:cloudwatch/logMetricFilter:LogMetricFilter", "aws:sns/topicPolicy:TopicPolicy", "aws:cloudwatch/dashboard:Dashboard",
    // No tags argument in the SDK: the DR copies' satellites (the provider's default tags do not apply either).
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
    "aws:ec2/routeTableAssociation:RouteTableAssociation", T.rolePolicy, T.attachment, T.secretVersion, T.certValidation,
    "aws:s3/bucketVersioning:BucketVersioning", "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
    "aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration",
    "aws:sns/topicSubscription:TopicSubscription", "aws:s3/bucketLogging:BucketLogging", "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
]);

const SERVICES = ["api", "web", "worker"];

const EXPECT = {
    production: { zones: 3, waf: true, deletionProtection: true, size: "medium", maxNodes: 10, cpu: "40", memory: "160Gi", namespace: "acme-production", cluster: "acme-prod" },
    staging: { zones: 2, waf: false, deletionProtection: false, size: "small", maxNodes: 3, cpu: "6", memory: "24Gi", namespace: "acme-staging", cluster: "acme-stg" },
} as const;

const policyOf = (r: PlanResource) => JSON.parse(String(inputs(r).policy));
const subnetIdsOf = (run: PlanRun, tier: "public" | "private"): string[] =>
    ofType(run, "aws:ec2/routeTableAssociation:RouteTableAssociation")
        .filter((r) => new RegExp(`^network-${tier}-\\d+-rta$`).test(r.name))
        .map((r) => String(inputs(r).subnetId))
        .sort();

describe("aws kubernetes: pure helpers", () => {
    it("picks a JSON key of a secret or the whole string, and fails on a missing key", () => {
        assert.strictEqual(pickSecret('{"username":"app","password":"p4ss"}', "password"), "p4ss");
        assert.strictEqual(pickSecret("token-value"), "token-value");
        assert.throws(() => pickSecret('{"username":"app"}', "password"), /no string key "password"/);
    });
    it("builds the ALB attributes per tier", () => {
        assert.strictEqual(albAttributes({ deletionProtection: true }, "logs"),
            "deletion_protection.enabled=true,routing.http.drop_invalid_header_fields.enabled=true,idle_timeout.timeout_seconds=60,access_logs.s3.enabled=true,access_logs.s3.bucket=logs,access_logs.s3.prefix=alb");
        assert.match(albAttributes({ deletionProtection: false }), /^deletion_protection\.enabled=false,.*access_logs\.s3\.enabled=false$/);
    });
    it("turns maxNodes into NodePool capacity limits", () => {
        assert.deepStrictEqual(nodePoolLimits("medium", 10), { cpu: "40", memory: "160Gi" });
        assert.deepStrictEqual(nodePoolLimits("small", 3), { cpu: "6", memory: "24Gi" });
    });
    it("writes a kubeconfig that authenticates with aws eks get-token", () => {
        const kc = JSON.parse(eksKubeconfig({ clusterName: "c", endpoint: "https://e", certificateAuthority: "Q0E=", region: "us-west-2" }));
        assert.strictEqual(kc.clusters[0].cluster.server, "https://e");
        assert.strictEqual(kc.clusters[0].cluster["certificate-authority-data"], "Q0E=");
        assert.strictEqual(kc["current-context"], "c");
        assert.strictEqual(kc.users[0].user.exec.command, "aws");
        assert.deepStrictEqual(kc.users[0].user.exec.args, ["eks", "get-token", "--cluster-name", "c", "--region", "us-west-2", "--output", "json"]);
        assert.ok(!("token" in kc.users[0].user), "no static token");
    });
});

for (const env of ENVIRONMENTS) {
    const e = EXPECT[env];
    describe(`aws ${env} plan, compute.runtime kubernetes`, () => {
        let run: PlanRun;
        let managed: PlanRun;
        before(async () => {
            run = await planFor(env, "aws", KUBERNETES);
            managed = await planFor(env, "aws");
        });

        describe("platform guarantees", () => {
            it("has no mandatory policy violations", async () => {
                const violations = await policyRunner()(run);
                assert.deepStrictEqual(violations.filter((v) => v.level === "mandatory"), []);
            });
            it("uses the explicit aws provider for every aws resource and an explicit kubernetes provider for every kubernetes object", () => {
                assertExplicitProviders(run, "aws");
                assertExplicitProviders(run, "kubernetes");
                assert.ok(ofType(run, T.nodePool).length === 1 && ofType(run, T.ingressClass).length === 1, "the AWS-owned kubernetes objects are among them");
            });
            it("tags every taggable aws resource, the EKS ones included", () => {
                const types = [...new Set(run.plan.resources.filter((r) => r.custom && r.type.startsWith("aws:")).map((r) => r.type))];
                for (const t of [T.eks, T.oidc, T.addon]) assert.ok(types.includes(t), `${t} in the plan`);
                assertStandardTags(run, { key: "tags", types: types.filter((t) => !UNTAGGABLE.has(t)), environment: env, app: "acme" });
            });
            it("keeps secrets secret: the kubeconfig, the Kubernetes Secrets and the values read from Secrets Manager", () => {
                assertSecretsStaySecret(run, [
                    { type: T.k8sSecret, key: "stringData" },
                    { type: T.k8sProvider, key: "kubeconfig" },
                    { type: T.secretVersion, key: "secretString" },
                    { type: T.redis, key: "authToken" },
                ]);
                const rendered = JSON.stringify(run.plan);
                assert.ok(!rendered.includes("mock-secret-"), "a value read from Secrets Manager leaks into the plan");
                const data = rawInputs(run, named(run, T.k8sSecret, "service-api-secret").urn).stringData as { value: Record<string, string> };
                assert.strictEqual(data.value.DATABASE_PASSWORD, undefined, "a service's Secret holds no admin password (it logs in with IAM)");
                assert.match(data.value.REDIS_AUTH_TOKEN!, /^mock-secret-/);
            });
            it("creates no ECS cluster, service, task definition or program-owned ALB", () => {
                for (const type of ["aws:ecs/cluster:Cluster", "aws:ecs/service:Service", "aws:ecs/taskDefinition:TaskDefinition", "aws:appautoscaling/target:Target",
                    "aws:lb/loadBalancer:LoadBalancer", "aws:lb/listener:Listener", "aws:lb/targetGroup:TargetGroup", "aws:wafv2/webAclAssociation:WebAclAssociation"]) {
                    assert.strictEqual(ofType(run, type).length, 0, `${type} under kubernetes`);
                }
                assert.ok(ofType(managed, "aws:ecs/service:Service").length > 0, "the managed plan still has them");
            });
            it("parents every aws resource to a platform component with its prefix", () => assertParentedToComponents(run, ["aws:"]));
            it("matches the URN snapshot", () => {
                assertUrnSnapshot(run.plan, `aws-${env}-kubernetes.urns.json`);
            });
        });

        describe("EKS cluster", () => {
            it("runs Kubernetes 1.33 in the private subnets with a private API endpoint only", () => {
                const c = inputs(one(run, T.eks));
                assert.strictEqual(c.name, e.cluster);
                assert.strictEqual(c.version, "1.33");
                assert.strictEqual(c.vpcConfig.endpointPrivateAccess, true);
                assert.strictEqual(c.vpcConfig.endpointPublicAccess, false);
                assert.deepStrictEqual([...c.vpcConfig.subnetIds].sort(), subnetIdsOf(run, "private"));
                assert.strictEqual(c.vpcConfig.subnetIds.length, e.zones);
                const api = ofType(run, T.sgIngress).filter((r) => r.name === "kubernetes-cluster-api-in-https");
                assert.strictEqual(api.length, 1);
                assert.strictEqual(inputs(api[0]!).fromPort, 443);
                assert.strictEqual(inputs(api[0]!).cidrIpv4, env === "production" ? "10.0.0.0/16" : "10.1.0.0/16", "API reachable from inside the VPC only");
                assert.strictEqual(c.deletionProtection, e.deletionProtection);
            });
            it("encrypts Kubernetes Secrets with a rotating customer-managed KMS key the cluster role may use", () => {
                const c = inputs(one(run, T.eks));
                assert.deepStrictEqual(c.encryptionConfig.resources, ["secrets"]);
                const key = named(run, T.kms, "kubernetes-cluster-key");
                assert.strictEqual(inputs(key).enableKeyRotation, true);
                assert.match(String(c.encryptionConfig.provider.keyArn), /^arn:aws:kms:us-west-2:\d+:key\//);
                const keyPolicy = policyOf(named(run, T.rolePolicy, "kubernetes-cluster-cluster-secrets-key"));
                assert.strictEqual(keyPolicy.Statement[0].Resource, c.encryptionConfig.provider.keyArn);
            });
            it(`logs all five control-plane log types into /aws/eks/${e.cluster}/cluster for the audit retention (${TIERS[env].audit.logRetentionDays} days)`, () => {
                const c = inputs(one(run, T.eks));
                assert.deepStrictEqual([...c.enabledClusterLogTypes].sort(), [...EKS_LOG_TYPES].sort());
                assert.strictEqual(c.enabledClusterLogTypes.length, 5);
                const lg = inputs(named(run, T.logGroup, "kubernetes-cluster-control-plane-logs"));
                assert.strictEqual(lg.name, `/aws/eks/${e.cluster}/cluster`);
                assert.strictEqual(lg.retentionInDays, TIERS[env].audit.logRetentionDays);
            });
            it("uses access entries and EKS Auto Mode (compute, ALB ingress, block storage)", () => {
                const c = inputs(one(run, T.eks));
                assert.strictEqual(c.accessConfig.authenticationMode, "API");
                assert.strictEqual(c.bootstrapSelfManagedAddons, false);
                assert.strictEqual(c.computeConfig.enabled, true);
                assert.strictEqual(c.computeConfig.nodeRoleArn, `arn:aws:iam::123456789012:role/${e.cluster}-eks-node`);
                assert.strictEqual(c.kubernetesNetworkConfig.elasticLoadBalancing.enabled, true);
                assert.strictEqual(c.storageConfig.blockStorage.enabled, true);
                assert.strictEqual(c.roleArn, `arn:aws:iam::123456789012:role/${e.cluster}-eks-cluster`);
                const attached = (prefix: string) => ofType(run, T.attachment).filter((a) => a.name.startsWith(prefix)).map((a) => String(inputs(a).policyArn).split("/").pop()).sort();
                assert.deepStrictEqual(attached("kubernetes-cluster-cluster-"), ["AmazonEKSBlockStoragePolicy", "AmazonEKSClusterPolicy", "AmazonEKSComputePolicy", "AmazonEKSLoadBalancingPolicy", "AmazonEKSNetworkingPolicy"]);
                assert.deepStrictEqual(attached("kubernetes-cluster-node-"), ["AmazonEC2ContainerRegistryPullOnly", "AmazonEKSWorkerNodeMinimalPolicy", "CloudWatchAgentServerPolicy"]);
            });
            it(`caps the workload node pool at ${e.maxNodes} ${e.size} nodes (${e.cpu} vCPU, ${e.memory})`, () => {
                const pool = inputs(one(run, T.nodePool));
                assert.deepStrictEqual(pool.spec.limits, { cpu: e.cpu, memory: e.memory });
                const types = pool.spec.template.spec.requirements.find((r: any) => r.key === "node.kubernetes.io/instance-type");
                assert.deepStrictEqual(types.values, EKS_NODE[e.size].instanceTypes);
                assert.deepStrictEqual(pool.spec.template.spec.nodeClassRef, { group: "eks.amazonaws.com", kind: "NodeClass", name: "default" });
            });
            it("admits the EKS nodes (cluster security group) to the database and cache only on their ports", () => {
                const clusterSgRules = ofType(run, T.sgIngress).filter((r) => /^kubernetes-cluster-(database|cache)-in-nodes$/.test(r.name));
                assert.deepStrictEqual(clusterSgRules.map((r) => inputs(r).fromPort).sort(), [5432, 6379]);
                for (const r of clusterSgRules) {
                    assert.match(String(inputs(r).referencedSecurityGroupId), /^sg-/);
                    assert.strictEqual(inputs(r).cidrIpv4, undefined);
                }
            });
            it("hands the runtime a secret kubeconfig for the cluster endpoint that uses aws eks get-token", () => {
                const providers = ofType(run, T.k8sProvider);
                assert.ok(providers.length >= 1);
                for (const p of providers) {
                    const raw = rawInputs(run, p.urn).kubeconfig;
                    assert.ok(isSecretEnvelope(raw), `${p.name} kubeconfig is secret`);
                    const kc = JSON.parse(String((raw as { value: string }).value));
                    assert.match(kc.clusters[0].cluster.server, /^https:\/\/[0-9A-F]+\.gr7\.us-west-2\.eks\.amazonaws\.com$/);
                    assert.ok(kc.clusters[0].cluster["certificate-authority-data"].length > 0);
                    assert.deepStrictEqual(kc.users[0].user.exec.args.slice(0, 4), ["eks", "get-token", "--cluster-name", e.cluster]);
                }
            });
            it("registers the cluster's OIDC issuer for IRSA and installs Container Insights", () => {
                const oidc = inputs(one(run, T.oidc));
                assert.match(String(oidc.url), /^https:\/\/oidc\.eks\.us-west-2\.amazonaws\.com\/id\/[0-9A-F]+$/);
                assert.deepStrictEqual(oidc.clientIdLists, ["sts.amazonaws.com"]);
                assert.strictEqual(inputs(one(run, T.addon)).addonName, "amazon-cloudwatch-observability");
            });
        });

        describe("workload identity (IRSA)", () => {
            for (const svc of SERVICES) {
                it(`${svc}: a role only its ServiceAccount can assume, annotated on the ServiceAccount`, () => {
                    const role = named(run, T.role, `service-${svc}-workload-role`);
                    const trust = JSON.parse(String(inputs(role).assumeRolePolicy));
                    assert.strictEqual(trust.Statement.length, 1);
                    const st = trust.Statement[0];
                    assert.strictEqual(st.Action, "sts:AssumeRoleWithWebIdentity");
                    const issuerHost = String(inputs(one(run, T.oidc)).url).replace(/^https:\/\//, "");
                    assert.strictEqual(st.Principal.Federated, `arn:aws:iam::123456789012:oidc-provider/${issuerHost}`);
                    assert.deepStrictEqual(st.Condition.StringEquals, {
                        [`${issuerHost}:sub`]: `system:serviceaccount:${e.namespace}:${svc}`,
                        [`${issuerHost}:aud`]: "sts.amazonaws.com",
                    });
                    const arn = `arn:aws:iam::123456789012:role/${inputs(role).name}`;
                    const sa = inputs(named(run, T.serviceAccount, `service-${svc}-sa`));
                    assert.strictEqual(sa.metadata.annotations["eks.amazonaws.com/role-arn"], arn);
                    assert.strictEqual(sa.metadata.namespace, e.namespace);
                    assert.strictEqual((run.plan.outputs.services as any)[svc].identity, arn);
                });
                it(`${svc}: exactly the ECS task role's bucket document and the execution role's secrets document`, () => {
                    assert.deepStrictEqual(policyOf(named(run, T.rolePolicy, `service-${svc}-workload-bucket`)), policyOf(named(managed, T.rolePolicy, `service-${svc}-task-bucket`)));
                    assert.deepStrictEqual(policyOf(named(run, T.rolePolicy, `service-${svc}-workload-secrets`)), policyOf(named(managed, T.rolePolicy, `service-${svc}-execution-secrets`)));
                    const bucket = policyOf(named(run, T.rolePolicy, `service-${svc}-workload-bucket`));
                    assert.ok(bucket.Statement.every((s: any) => s.Resource !== "*" && ![s.Action].flat().includes("s3:*")));
                    const secrets = policyOf(named(run, T.rolePolicy, `service-${svc}-workload-secrets`));
                    assert.strictEqual(secrets.Statement.find((s: any) => s.Action === "secretsmanager:GetSecretValue").Resource.length, 1, "the cache token only, not the admin password");
                    assert.deepStrictEqual(policyOf(named(run, T.rolePolicy, `service-${svc}-workload-database`)), policyOf(named(managed, T.rolePolicy, `service-${svc}-task-database`)));
                    assert.strictEqual(ofType(run, T.rolePolicy).filter((p) => p.name.startsWith(`service-${svc}-`)).length, 3, "no other policy on the workload role");
                });
            }
        });

        describe("ingress (ALB by EKS Auto Mode)", () => {
            const annotations = () => inputs(one(run, T.ingress)).metadata.annotations as Record<string, string>;
            it("uses the alb class served by the Auto Mode controller, internet-facing, only for this namespace", () => {
                assert.strictEqual(inputs(one(run, T.ingress)).spec.ingressClassName, "alb");
                const cls = inputs(one(run, T.ingressClass));
                assert.strictEqual(cls.metadata.name, "alb");
                assert.strictEqual(cls.spec.controller, "eks.amazonaws.com/alb");
                assert.deepStrictEqual(cls.spec.parameters, { apiGroup: "eks.amazonaws.com", kind: "IngressClassParams", name: "alb" });
                const params = inputs(one(run, T.ingressClassParams));
                assert.strictEqual(params.spec.scheme, "internet-facing");
                assert.deepStrictEqual(params.spec.namespaceSelector.matchLabels, { "kubernetes.io/metadata.name": e.namespace });
            });
            it("terminates TLS 1.2+ with the DNS-validated ACM certificate and redirects HTTP to HTTPS", () => {
                const a = annotations();
                const cert = one(run, T.cert);
                assert.strictEqual(inputs(cert).validationMethod, "DNS");
                assert.strictEqual(cert.parent?.split("::").pop(), "load-balancer");
                assert.match(a[`${ALB}/certificate-arn`]!, /^arn:aws:acm:us-west-2:\d+:certificate\//);
                assert.strictEqual(a[`${ALB}/certificate-arn`], inputs(one(run, T.certValidation)).certificateArn);
                assert.strictEqual(a[`${ALB}/ssl-policy`], "ELBSecurityPolicy-TLS13-1-2-2021-06");
                assert.strictEqual(a[`${ALB}/ssl-redirect`], "443");
                assert.deepStrictEqual(JSON.parse(a[`${ALB}/listen-ports`]!), [{ HTTP: 80 }, { HTTPS: 443 }]);
                assert.strictEqual(a[`${ALB}/scheme`], "internet-facing");
                assert.strictEqual(a[`${ALB}/target-type`], "ip");
            });
            it("health-checks /health every 30 s (healthy 2, unhealthy 3)", () => {
                const a = annotations();
                assert.strictEqual(a[`${ALB}/healthcheck-path`], "/health");
                assert.strictEqual(a[`${ALB}/healthcheck-interval-seconds`], "30");
                assert.strictEqual(a[`${ALB}/healthy-threshold-count`], "2");
                assert.strictEqual(a[`${ALB}/unhealthy-threshold-count`], "3");
            });
            it("health-checks each service on its own path, through its Service's target-group annotation", async () => {
                const custom = await planFor(env, "aws", [...KUBERNETES, "platform:services.api.healthPath=/api/healthz"]);
                const pathOf = (r: PlanRun, svc: string) => inputs(named(r, "kubernetes:core/v1:Service", `service-${svc}-service`)).metadata.annotations?.[`${ALB}/healthcheck-path`];
                assert.strictEqual(pathOf(custom, "api"), "/api/healthz");
                assert.strictEqual(pathOf(custom, "web"), "/health");
                assert.strictEqual(pathOf(run, "api"), "/health");
            });
            it(`places the ALB in the public subnets with access logs and deletion protection ${e.deletionProtection}`, () => {
                const a = annotations();
                assert.deepStrictEqual(a[`${ALB}/subnets`]!.split(",").sort(), subnetIdsOf(run, "public"));
                const attrs = Object.fromEntries(a[`${ALB}/load-balancer-attributes`]!.split(",").map((kv) => kv.split("=") as [string, string]));
                assert.strictEqual(attrs["deletion_protection.enabled"], String(e.deletionProtection));
                assert.strictEqual(attrs["access_logs.s3.enabled"], "true");
                assert.strictEqual(attrs["access_logs.s3.bucket"], inputs(named(run, T.bucket, "load-balancer-logs")).bucket);
                assert.strictEqual(attrs["routing.http.drop_invalid_header_fields.enabled"], "true");
                assert.match(a[`${ALB}/tags`]!, new RegExp(`environment=${env}`));
            });
            it(`WAF ${e.waf ? "guards" : "is absent from"} the ALB`, () => {
                const a = annotations();
                assert.strictEqual(ofType(run, T.waf).length, e.waf ? 1 : 0);
                if (e.waf) assert.match(a[`${ALB}/wafv2-acl-arn`]!, /^arn:aws:wafv2:us-west-2:\d+:regional\/webacl\/acme-prod-waf\//);
                else assert.ok(!(`${ALB}/wafv2-acl-arn` in a));
            });
        });

        describe("monitoring", () => {
            it("alerts on EKS node CPU > 80 % and memory > 85 % from Container Insights, keeps the data-tier alarms, drops the ECS ones", () => {
                const alarm = (key: string) => inputs(named(run, T.alarm, `monitoring-${key}`));
                for (const [key, metric, threshold] of [["cluster-node-cpu", "node_cpu_utilization", 80], ["cluster-node-memory", "node_memory_utilization", 85]] as const) {
                    const a = alarm(key);
                    assert.strictEqual(a.namespace, "ContainerInsights");
                    assert.strictEqual(a.metricName, metric);
                    assert.strictEqual(a.threshold, threshold);
                    assert.strictEqual(a.comparisonOperator, "GreaterThanThreshold");
                    assert.deepStrictEqual(a.dimensions, { ClusterName: e.cluster });
                }
                for (const key of ["db-connections", "db-free-storage", "db-cpu", "cache-cpu", "cache-memory"]) assert.ok(alarm(key));
                const namespaces = new Set(ofType(run, T.alarm).map((a) => inputs(a).namespace));
                assert.ok(!namespaces.has("AWS/ECS"), `unexpected ${[...namespaces].join(", ")}`);
            });
            it("alerts on the ingress controller's ALB, found by the name the Ingress annotation gives it (5xx rate, p95)", () => {
                const ingress = inputs(named(run, "kubernetes:networking.k8s.io/v1:Ingress", "load-balancer-ingress"));
                const albName = ingress.metadata.annotations["alb.ingress.kubernetes.io/load-balancer-name"];
                const rate = inputs(named(run, T.alarm, "monitoring-targets-5xx"));
                const errors = rate.metricQueries.find((q: { id: string }) => q.id === "errors");
                assert.strictEqual(errors.metric.metricName, "HTTPCode_Target_5XX_Count");
                assert.match(errors.metric.dimensions.LoadBalancer, new RegExp(`^app/${albName}/[0-9a-f]+$`));
                const p95 = inputs(named(run, T.alarm, "monitoring-alb-p95-latency"));
                assert.strictEqual(p95.dimensions.LoadBalancer, errors.metric.dimensions.LoadBalancer);
                for (const svc of ["api", "web", "worker"]) assert.strictEqual(inputs(named(run, T.alarm, `monitoring-${svc}-crash-loop`)).metricQueries[0].metric.metricName, "pod_number_of_container_restarts");
            });
        });
    });
}
