import * as assert from "assert";
import { ConfigError } from "../components/config";
import { minimumAvailabilityHours } from "../providers/gcp/rules/maintenance";
import type { PlannedResource } from "../providers/shared/rules";
import { dailyWindow, overlaps, weeklyWindow } from "../providers/shared/windows";
import { allRules, plannedResources, runRules } from "../tools/engine/rules";
import { COMMITTED_VARIANTS, deployFindings, uncoveredTypes } from "./support/deploy-checks";
import { planFor } from "./support/harness";
import { deepFreeze } from "./support/plan-cache";
import { resolveConfig } from "../components/program-config";

/*
 * The clouds' own rules (providers/<cloud>/rules) over the committed plans: zero findings, every
 * resource type covered, and every rule broken once by an input that violates it, taken from a
 * real plan resource and changed in the one way the rule forbids.
 */

type Mutation = (r: PlannedResource, all: PlannedResource[]) => PlannedResource[] | void;

const clone = <T>(x: T): T => JSON.parse(JSON.stringify(x));
const copyOf = (r: PlannedResource, suffix = "copy"): PlannedResource => ({ ...clone(r), urn: `${r.urn}-${suffix}`, name: `${r.name}-${suffix}` });
const many = (r: PlannedResource, n: number, edit: (c: PlannedResource, i: number) => void = () => undefined) =>
    Array.from({ length: n }, (_, i) => { const c = copyOf(r, `n${i}`); edit(c, i); return c; });
const byType = (all: PlannedResource[], type: string) => all.filter((x) => x.type === type);

/** One breaking change per rule id: [resource type to start from, mutation]. */
const BREAKS: Record<string, [string, Mutation]> = {
    "aws/dashboard-body": ["aws:cloudwatch/dashboard:Dashboard", (r) => { const d = JSON.parse(r.inputs.dashboardBody); d.widgets[0].x = 20; d.widgets[0].width = 8; r.inputs.dashboardBody = JSON.stringify(d); }],
    "aws/budget-shape": ["aws:budgets/budget:Budget", (r) => { r.inputs.notifications[0].subscriberSnsTopicArns = []; }],
    "aws/log-metric-filter": ["aws:cloudwatch/logMetricFilter:LogMetricFilter", (r) => { r.inputs.metricTransformation.namespace = "Platform:acme"; }],
    "aws/topic-policy": ["aws:sns/topicPolicy:TopicPolicy", (r) => { r.inputs.arn = "arn:aws:sns:us-west-2:123456789012:someone-elses"; }],
    "aws/rds-backup-replication": ["aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", (r) => { delete r.inputs.kmsKeyId; }],
    "aws/s3-replication-rule": ["aws:s3/bucketReplicationConfig:BucketReplicationConfig", (r) => { delete r.inputs.rules[0].destination.metrics; }],
    "gcp/transfer-job-replication": ["gcp:storage/transferJob:TransferJob", (r) => { r.inputs.schedule = { scheduleStartDate: { year: 2026, month: 1, day: 1 } }; }],
    "aws/default-security-group": ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", (r) => { r.inputs.vpcId = "vpc-someone-elses"; }],
    "aws/s3-access-logging": ["aws:s3/bucketLogging:BucketLogging", (r) => { r.inputs.targetBucket = r.inputs.bucket; }],
    "aws/waf-logging": ["aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", (r) => { r.inputs.logDestinationConfigs = ["arn:aws:logs:us-west-2:123456789012:log-group:platform-waf"]; }],
    "aws/tag-limits": ["aws:s3/bucket:Bucket", (r) => { r.inputs.tags = { "aws:owner": "x" }; }],
    "aws/rds-instance-class-engine": ["aws:rds/instance:Instance", (r) => { r.inputs.instanceClass = "db.m1.small"; }],
    "aws/rds-backup-retention": ["aws:rds/instance:Instance", (r) => { r.inputs.backupRetentionPeriod = 36; }],
    "aws/rds-backup-maintenance-windows": ["aws:rds/instance:Instance", (r) => { r.inputs.backupWindow = "03:30-04:30"; r.inputs.maintenanceWindow = "sun:04:00-sun:05:00"; }],
    "aws/rds-performance-insights-retention": ["aws:rds/instance:Instance", (r) => { r.inputs.performanceInsightsEnabled = true; r.inputs.performanceInsightsRetentionPeriod = 30; }],
    "aws/rds-final-snapshot": ["aws:rds/instance:Instance", (r) => { r.inputs.skipFinalSnapshot = false; delete r.inputs.finalSnapshotIdentifier; }],
    "aws/rds-parameter-group-family": ["aws:rds/instance:Instance", (r) => { r.inputs.engineVersion = "15"; }],
    "aws/rds-subnet-group-two-azs": ["aws:rds/subnetGroup:SubnetGroup", (r) => { r.inputs.subnetIds = r.inputs.subnetIds.slice(0, 1); }],
    "aws/elasticache-multi-az-subnets": ["aws:elasticache/replicationGroup:ReplicationGroup", (r, all) => { r.inputs.multiAzEnabled = true; byType(all, "aws:elasticache/subnetGroup:SubnetGroup").forEach((g) => { g.inputs.subnetIds = g.inputs.subnetIds.slice(0, 1); }); }],
    "aws/elasticache-failover-companions": ["aws:elasticache/replicationGroup:ReplicationGroup", (r) => { r.inputs.automaticFailoverEnabled = true; r.inputs.numCacheClusters = 1; }],
    "aws/elasticache-snapshot-windows": ["aws:elasticache/replicationGroup:ReplicationGroup", (r) => { r.inputs.snapshotWindow = "05:00-06:00"; r.inputs.maintenanceWindow = "sun:05:30-sun:06:30"; }],
    "aws/elasticache-parameter-group-family": ["aws:elasticache/replicationGroup:ReplicationGroup", (r) => { r.inputs.engineVersion = "6.2"; }],
    "aws/s3-one-configuration-per-bucket": ["aws:s3/bucketVersioning:BucketVersioning", (r) => [copyOf(r)]],
    "aws/s3-lifecycle-transitions": ["aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", (r) => { r.inputs.rules[1].transitions[0].days = 400; }],
    "aws/s3-bucket-policy-size": ["aws:s3/bucketPolicy:BucketPolicy", (r) => { r.inputs.policy = "x".repeat(20481); }],
    "aws/vpc-cidr-size": ["aws:ec2/vpc:Vpc", (r) => { r.inputs.cidrBlock = "10.0.0.0/12"; }],
    "aws/subnet-cidr": ["aws:ec2/subnet:Subnet", (r) => { r.inputs.cidrBlock = "192.168.0.0/24"; }],
    "aws/one-internet-gateway-per-vpc": ["aws:ec2/internetGateway:InternetGateway", (r) => [copyOf(r)]],
    "aws/nat-gateway-eip": ["aws:ec2/natGateway:NatGateway", (r) => { r.inputs.allocationId = undefined; }],
    "aws/one-route-table-per-subnet": ["aws:ec2/routeTableAssociation:RouteTableAssociation", (r) => [copyOf(r)]],
    "aws/security-group-rules": ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", (r) => { r.inputs.fromPort = 444; r.inputs.toPort = 443; }],
    "aws/flow-log-destination": ["aws:ec2/flowLog:FlowLog", (r) => { r.inputs.maxAggregationInterval = 120; }],
    "aws/fargate-cpu-memory": ["aws:ecs/taskDefinition:TaskDefinition", (r) => { r.inputs.cpu = "512"; r.inputs.memory = "8192"; }],
    "aws/ecs-service-after-listener": ["aws:ecs/service:Service", (r, all) => { byType(all, r.type).forEach((s) => { s.dependencies = []; }); }],
    "aws/appautoscaling-target-policy": ["aws:appautoscaling/policy:Policy", (r) => { r.dependencies = []; }],
    "aws/log-group-retention": ["aws:cloudwatch/logGroup:LogGroup", (r) => { r.inputs.retentionInDays = 45; }],
    "aws/ecs-cluster-settings": ["aws:ecs/cluster:Cluster", (r) => { r.inputs.settings = [{ name: "containerInsights", value: "on" }]; }],
    "aws/eks-auto-mode": ["aws:eks/cluster:Cluster", (r) => { r.inputs.storageConfig = { blockStorage: { enabled: false } }; }],
    "aws/alb-two-azs": ["aws:lb/loadBalancer:LoadBalancer", (r) => { r.inputs.subnets = r.inputs.subnets.slice(0, 1); }],
    "aws/listener-tls": ["aws:lb/listener:Listener", (r) => { r.inputs.defaultActions = [{ type: "redirect", redirect: { statusCode: "HTTP_308" } }]; }],
    "aws/listener-rule-priority": ["aws:lb/listenerRule:ListenerRule", (r) => { r.inputs.priority = 50001; }],
    "aws/target-group-health-check": ["aws:lb/targetGroup:TargetGroup", (r) => { r.inputs.healthCheck.timeout = 30; }],
    "aws/acm-validation": ["aws:acm/certificateValidation:CertificateValidation", (r) => { r.dependencies = []; }],
    "aws/wafv2-web-acl": ["aws:wafv2/webAcl:WebAcl", (r) => { r.inputs.rules[1].priority = r.inputs.rules[0].priority; }],
    "aws/iam-policy-sizes": ["aws:iam/role:Role", (r) => { r.inputs.assumeRolePolicy = JSON.stringify({ Statement: "x".repeat(2100) }); }],
    "aws/iam-managed-policies-per-role": ["aws:iam/rolePolicyAttachment:RolePolicyAttachment", (r) => many(r, 10, (c, i) => { c.inputs.policyArn = `arn:aws:iam::aws:policy/P${i}`; })],
    "aws/kms-key": ["aws:kms/key:Key", (r) => { r.inputs.deletionWindowInDays = 31; }],
    "aws/secretsmanager-secret": ["aws:secretsmanager/secret:Secret", (r) => { r.inputs.recoveryWindowInDays = 3; }],
    "aws/sns-subscription": ["aws:sns/topicSubscription:TopicSubscription", (r) => { r.inputs.endpoint = "not-an-address"; }],
    "aws/metric-alarm-period": ["aws:cloudwatch/metricAlarm:MetricAlarm", (r) => { r.inputs.period = 90; }],

    "gcp/dashboard-json": ["gcp:monitoring/dashboard:Dashboard", (r) => { const d = JSON.parse(r.inputs.dashboardJson); d.mosaicLayout = { columns: 12, tiles: [] }; r.inputs.dashboardJson = JSON.stringify(d); }],
    "gcp/billing-budget": ["gcp:billing/budget:Budget", (r) => { r.inputs.billingAccount = "billing-123"; }],
    "gcp/log-metric": ["gcp:logging/metric:Metric", (r) => { r.inputs.name = "db connection failures"; }],
    "gcp/audit-config": ["gcp:projects/iAMAuditConfig:IAMAuditConfig", (r) => { r.inputs.auditLogConfigs = [{ logType: "DATA_READ" }, { logType: "DATA_READ" }]; }],
    "gcp/pubsub-topic": ["gcp:pubsub/topic:Topic", (r) => { r.inputs.messageRetentionDuration = "60s"; }],
    "gcp/pubsub-topic-iam": ["gcp:pubsub/topicIAMMember:TopicIAMMember", (r) => { r.inputs.topic = "projects/other/topics/elsewhere"; }],
    "gcp/label-limits": ["gcp:storage/bucket:Bucket", (r) => { r.inputs.labels = { Team: "x" }; }],
    "gcp/cloud-sql-custom-tier": ["gcp:sql/databaseInstance:DatabaseInstance", (r) => { r.inputs.settings.tier = "db-custom-3-7680"; }],
    "gcp/cloud-sql-backup-retention": ["gcp:sql/databaseInstance:DatabaseInstance", (r) => { r.inputs.settings.backupConfiguration.transactionLogRetentionDays = 8; }],
    "gcp/cloud-sql-after-private-service-access": ["gcp:sql/databaseInstance:DatabaseInstance", (r) => { r.dependencies = []; }],
    "gcp/memorystore-tier": ["gcp:redis/instance:Instance", (r) => { r.inputs.tier = "STANDARD_HA"; r.inputs.readReplicasMode = "READ_REPLICAS_ENABLED"; r.inputs.memorySizeGb = 4; r.inputs.replicaCount = 1; }],
    "gcp/storage-lifecycle": ["gcp:storage/bucket:Bucket", (r) => { r.inputs.lifecycleRules[1].condition.age = 400; }],
    "gcp/secret-manager": ["gcp:secretmanager/secret:Secret", (r) => { r.inputs.replication = { userManaged: { replicas: [] } }; }],
    "gcp/kms-crypto-key": ["gcp:kms/cryptoKey:CryptoKey", (r) => { r.inputs.rotationPeriod = "3600s"; }],
    "gcp/firewall-path-to-data-tier": ["gcp:container/cluster:Cluster", (r) => { delete r.inputs.nodePoolAutoConfig; }],
    "gcp/firewall-shape": ["gcp:compute/firewall:Firewall", (r) => { r.inputs.allows = [{ protocol: "tcp" }]; r.inputs.denies = [{ protocol: "all" }]; }],
    "gcp/subnet-ranges": ["gcp:compute/subnetwork:Subnetwork", (r) => { r.inputs.secondaryIpRanges = [{ rangeName: "x", ipCidrRange: r.inputs.ipCidrRange }]; }],
    "gcp/private-service-access-range": ["gcp:compute/globalAddress:GlobalAddress", (r) => { r.inputs.purpose = "VPC_PEERING"; r.inputs.addressType = "INTERNAL"; r.inputs.prefixLength = 28; }],
    "gcp/cloud-nat-router": ["gcp:compute/routerNat:RouterNat", (r) => { r.inputs.region = "europe-west1"; }],
    "gcp/cloud-run-traffic": ["gcp:cloudrunv2/service:Service", (r) => { r.inputs.traffics = [{ type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", percent: 20, tag: "candidate" }, { type: "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", revision: "api-00007-abc", percent: 90, tag: "candidate" }]; }],
    "azure/container-app-traffic": ["azure-native:app:ContainerApp", (r) => { (r.inputs.configuration.ingress ??= {}).traffic = [{ latestRevision: true, weight: 20, label: "candidate" }, { revisionName: "api--abc", weight: 80 }]; }],
    "gcp/cloud-run-cpu-memory": ["gcp:cloudrunv2/service:Service", (r) => { r.inputs.template.containers[0].resources.limits = { cpu: "1", memory: "8Gi" }; }],
    "gcp/gke-maintenance-availability": ["gcp:container/cluster:Cluster", (r) => { r.inputs.maintenancePolicy.recurringWindow = { startTime: "2025-01-05T04:00:00Z", endTime: "2025-01-05T08:00:00Z", recurrence: "FREQ=WEEKLY;BYDAY=SU" }; }],
    "gcp/gke-autopilot": ["gcp:container/cluster:Cluster", (r) => { r.inputs.workloadIdentityConfig = { workloadPool: "wrong.example" }; }],
    "gcp/load-balancer-chain": ["gcp:compute/backendService:BackendService", (r) => { r.inputs.timeoutSec = 30; }],
    "gcp/ssl-policy-and-certificate": ["gcp:compute/sSLPolicy:SSLPolicy", (r) => { r.inputs.profile = "CUSTOM"; }],
    "gcp/cloud-armor-rules": ["gcp:compute/securityPolicy:SecurityPolicy", (r) => { r.inputs.rules[1].priority = r.inputs.rules[0].priority; }],
    "gcp/iam-member": ["gcp:projects/iAMMember:IAMMember", (r) => { r.inputs.role = "container.admin"; }],
    "gcp/logging-retention-and-sink": ["gcp:logging/projectBucketConfig:ProjectBucketConfig", (r) => { r.inputs.retentionDays = 4000; }],
    "gcp/monitoring-alerts": ["gcp:monitoring/alertPolicy:AlertPolicy", (r) => { r.inputs.conditions = []; }],
    "gcp/cloud-sql-companions": ["gcp:sql/database:Database", (r) => { r.inputs.instance = "elsewhere"; }],

    "azure/tag-limits": ["azure-native:storage:StorageAccount", (r) => { r.inputs.tags = { "a/b": "x" }; }],
    "azure/archive-tier-redundancy": ["azure-native:storage:ManagementPolicy", (r) => {
        const actions = r.inputs.policy.rules[1].definition.actions.baseBlob;
        actions.tierToArchive = actions.tierToCold ?? actions.tierToArchive;
        delete actions.tierToCold;
    }],
    "azure/lifecycle-order": ["azure-native:storage:ManagementPolicy", (r) => { r.inputs.policy.rules[1].definition.actions.baseBlob.delete.daysAfterModificationGreaterThan = 10; }],
    "azure/storage-diagnostic-metric-categories": ["azure-native:monitor:DiagnosticSetting", (r, all) => { Object.assign(r, clone(all.find((d) => d.type === r.type && /blobServices/.test(d.inputs.resourceUri))!)); r.inputs.metrics = [{ category: "AllMetrics", enabled: true }]; }],
    "azure/blob-service-retention": ["azure-native:storage:BlobServiceProperties", (r) => { r.inputs.deleteRetentionPolicy.days = 400; }],
    "azure/storage-account-kind": ["azure-native:storage:StorageAccount", (r) => { r.inputs.kind = "Storage"; }],
    "azure/postgres-network-companions": ["azure-native:dbforpostgresql:Server", (r) => { r.dependencies = []; }],
    "azure/postgres-high-availability": ["azure-native:dbforpostgresql:Server", (r) => { r.inputs.highAvailability = { mode: "ZoneRedundant", standbyAvailabilityZone: r.inputs.availabilityZone }; }],
    "azure/postgres-backup-storage-maintenance": ["azure-native:dbforpostgresql:Server", (r) => { r.inputs.storage.storageSizeGB = 100; }],
    "azure/postgres-configurations-serialised": ["azure-native:dbforpostgresql:Configuration", (r, all) => { byType(all, r.type).forEach((c) => { c.dependencies = []; }); }],
    "azure/redis-sku-features": ["azure-native:redis:Redis", (r) => { r.inputs.sku = { name: "Standard", family: "C", capacity: 1 }; r.inputs.redisConfiguration = { ...r.inputs.redisConfiguration, rdbBackupEnabled: "true" }; }],
    "azure/key-vault-retention": ["azure-native:keyvault:Vault", (r) => { r.inputs.properties.softDeleteRetentionInDays = 120; }],
    "azure/subnet-ranges": ["azure-native:network:Subnet", (r) => { r.inputs.addressPrefix = "192.168.0.0/24"; }],
    "azure/nsg-rules": ["azure-native:network:NetworkSecurityGroup", (r) => { r.inputs.securityRules[0].priority = 50; }],
    "azure/private-endpoint-dns": ["azure-native:network:PrivateDnsZoneGroup", (r, all) => { r.inputs.privateDnsZoneConfigs[0].privateDnsZoneId = all.find((z) => z.type === "azure-native:privatedns:PrivateZone" && /postgres/.test(z.inputs.privateZoneName))!.id; }],
    "azure/private-dns-global": ["azure-native:privatedns:VirtualNetworkLink", (r) => { r.inputs.location = "eastus"; }],
    "azure/application-gateway-v2": ["azure-native:network:ApplicationGateway", (r) => { r.inputs.autoscaleConfiguration = { minCapacity: 3, maxCapacity: 2 }; }],
    "azure/public-ip-standard-static": ["azure-native:network:PublicIPAddress", (r) => { r.inputs.publicIPAllocationMethod = "Dynamic"; }],
    "azure/waf-policy-limits": ["azure-native:network:WebApplicationFirewallPolicy", (r) => { r.inputs.policySettings.maxRequestBodySizeInKb = 4096; }],
    "azure/container-app-resources": ["azure-native:app:ContainerApp", (r) => { r.inputs.template.containers[0].resources = { cpu: 0.5, memory: "3Gi" }; }],
    "azure/container-apps-environment": ["azure-native:app:ManagedEnvironment", (r) => { r.inputs.vnetConfiguration = { internal: true }; }],
    "azure/aks-network": ["azure-native:containerservice:ManagedCluster", (r) => { r.inputs.networkProfile.serviceCidr = r.inputs.networkProfile.podCidr; }],
    "azure/aks-maintenance-window": ["azure-native:containerservice:MaintenanceConfiguration", (r) => { r.inputs.maintenanceWindow.durationHours = 2; }],
    "azure/federated-identity": ["azure-native:managedidentity:FederatedIdentityCredential", (r) => { r.inputs.audiences = ["api://other"]; }],
    "azure/authorization-shapes": ["azure-native:authorization:RoleAssignment", (r) => { r.inputs.roleDefinitionId = "Contributor"; }],
    "azure/budget-shape": ["azure-native:consumption:Budget", (r) => { r.inputs.timePeriod.startDate = "2020-01-01T00:00:00Z"; }],
    "azure/dashboard-parts": ["azure-native:portal:Dashboard", (r) => { r.inputs.properties.lenses[0].parts[1].position = { ...r.inputs.properties.lenses[0].parts[0].position }; }],
    "azure/log-alert-shape": ["azure-native:monitor:ScheduledQueryRule", (r) => { r.inputs.evaluationFrequency = "PT15M"; r.inputs.windowSize = "PT5M"; }],
    "azure/log-analytics-retention": ["azure-native:operationalinsights:Table", (r) => { r.inputs.totalRetentionInDays = 5000; }],
    "azure/metric-alert-shape": ["azure-native:monitor:MetricAlert", (r) => { r.inputs.severity = 5; }],
    "azure/data-collection": ["azure-native:monitor:DataCollectionRuleAssociation", (r) => { r.inputs.dataCollectionRuleId = "/subscriptions/x/dataCollectionRules/other"; }],

    "kubernetes/object-name": ["kubernetes:core/v1:Service", (r) => { r.inputs.metadata.name = "Api_Service"; }],
    "kubernetes/labels-and-annotations": ["kubernetes:apps/v1:Deployment", (r) => { r.inputs.metadata.labels["bad key!"] = "x"; }],
    "kubernetes/deployment-shape": ["kubernetes:apps/v1:Deployment", (r) => { r.inputs.spec.selector.matchLabels = { "app.kubernetes.io/name": "other" }; }],
    "kubernetes/service-ports": ["kubernetes:core/v1:Service", (r) => { r.inputs.spec.ports = [{ name: "http", port: 70000 }]; }],
    "kubernetes/hpa-shape": ["kubernetes:autoscaling/v2:HorizontalPodAutoscaler", (r) => { r.inputs.spec.minReplicas = r.inputs.spec.maxReplicas + 1; }],
    "kubernetes/pdb-shape": ["kubernetes:policy/v1:PodDisruptionBudget", (r) => { r.inputs.spec.minAvailable = 1; }],
    "kubernetes/ingress-backends": ["kubernetes:networking.k8s.io/v1:Ingress", (r) => { r.inputs.spec.rules[0].http.paths[0].backend.service.name = "missing"; }],
    "kubernetes/cloud-custom-resources": ["kubernetes:networking.gke.io/v1:ManagedCertificate", (r) => { r.inputs.spec.domains = ["*.example.com"]; }],
    "azure/flow-log-shape": ["azure-native:network:FlowLog", (r) => { r.inputs.retentionPolicy = { enabled: true, days: 400 }; }],
    "kubernetes/app-routing-controller": ["kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController", (r) => { r.inputs.spec.controllerNamePrefix = "Nginx_Internal"; }],

    "gcp/cloud-sql-iam-user": ["gcp:sql/user:User", (r, all) => { const u = all.find((x) => x.type === r.type && x.inputs.type === "CLOUD_IAM_SERVICE_ACCOUNT")!; u.inputs.name = `${u.inputs.name}.gserviceaccount.com`; }],
    "azure/postgres-entra-administrator": ["azure-native:dbforpostgresql:Server", (r) => {
        r.inputs.authConfig = { ...r.inputs.authConfig, activeDirectoryAuth: "Disabled" };
        const admin = copyOf(r, "admin");
        admin.type = "azure-native:dbforpostgresql:Administrator";
        admin.inputs = { serverName: r.inputs.serverName, resourceGroupName: r.inputs.resourceGroupName, objectId: "00000000-0000-0000-0000-000000000001", principalName: "acme-prod-job-migrate-id", principalType: "servicePrincipal", tenantId: "00000000-0000-0000-0000-000000000002" };
        return [admin];
    }],

    "random/password-fits-consumers": ["random:index/randomPassword:RandomPassword", (r) => { r.inputs.overrideSpecial = "@/"; }],
};

describe("deploy rules: the clouds' own rules over the committed plans", function () {
    const resources = new Map<string, PlannedResource[]>();
    before(async function () {
        // Frozen: the unbroken plans are read as they are (a rule that wrote to its input would throw).
        for (const v of COMMITTED_VARIANTS) resources.set(v.label, deepFreeze(plannedResources(await planFor(v.stack, v.cloud, v.config))));
    });

    for (const v of COMMITTED_VARIANTS) {
        it(`${v.label}: zero schema and rule findings, and every resource type has a rule`, async () => {
            const run = await planFor(v.stack, v.cloud, v.config);
            assert.deepStrictEqual(deployFindings(run), []);
            assert.deepStrictEqual(uncoveredTypes(run), []);
        });
    }

    it("every rule has a counterexample here, and every rule cites an https documentation page", () => {
        const ids = allRules().map((r) => r.id);
        assert.strictEqual(new Set(ids).size, ids.length, "rule ids are unique");
        assert.deepStrictEqual(allRules().filter((r) => !r.limits && !BREAKS[r.id]).map((r) => r.id), [], "rules without a counterexample");
        assert.deepStrictEqual(Object.keys(BREAKS).filter((id) => !ids.includes(id)), [], "counterexamples for rules that do not exist");
        for (const r of allRules()) assert.match(r.doc, /^https:\/\//, r.id);
    });

    /** A plan that holds a resource of `type`: its frozen resources. */
    function planWith(type: string): readonly PlannedResource[] {
        for (const list of resources.values()) if (list.some((r) => r.type === type)) return list;
        throw new Error(`no committed plan has a ${type}`);
    }

    for (const rule of allRules()) {
        it(`${rule.id} fires on an input that breaks it`, () => {
            const [type, mutate] = rule.limits ? [rule.types[0]!, ((r: PlannedResource) => setPath(r.inputs, rule.limits!.field, "a".repeat(rule.limits!.max + 1))) as Mutation] : BREAKS[rule.id]!;
            const unbroken = planWith(type);
            const all = clone(unbroken) as PlannedResource[];
            const target = all.find((r) => r.type === type)!;
            const extra = mutate(target, all) ?? [];
            // The unbroken plan is clean under this rule (asserted below), so any finding is the change's.
            const findings = runRules([...all, ...extra], [rule]);
            assert.ok(findings.length > 0, `${rule.id} found nothing after the breaking change on ${target.urn}`);
            assert.deepStrictEqual(runRules([...unbroken], [rule]).map((f) => f.message), []);
        });
    }
});

function setPath(obj: Record<string, any>, field: string, value: unknown): void {
    const keys = field.split(".");
    let cur = obj;
    for (const k of keys.slice(0, -1)) cur = cur[k] ??= {};
    cur[keys[keys.length - 1]!] = value;
}

describe("deploy rules: window arithmetic", () => {
    it("GKE availability: a weekly 4 h window gives 16 h per 32 days, two 8 h weekend windows at least 64 h", () => {
        assert.strictEqual(minimumAvailabilityHours({ startTime: "2025-01-05T04:00:00Z", endTime: "2025-01-05T08:00:00Z", recurrence: "FREQ=WEEKLY;BYDAY=SU" }), 16);
        assert.ok(minimumAvailabilityHours({ startTime: "2025-01-05T04:00:00Z", endTime: "2025-01-05T12:00:00Z", recurrence: "FREQ=WEEKLY;BYDAY=SA,SU" })! >= 64);
        assert.strictEqual(minimumAvailabilityHours({ startTime: "2025-01-05T04:00:00Z", endTime: "2025-01-05T07:00:00Z", recurrence: "FREQ=DAILY" }), 0, "windows under 4 h do not count");
        assert.strictEqual(minimumAvailabilityHours({ startTime: "x", endTime: "y", recurrence: "FREQ=DAILY" }), undefined);
    });

    it("daily and weekly windows overlap across midnight and the week's end", () => {
        assert.ok(overlaps(dailyWindow("23:30-00:30")!.intervals, weeklyWindow("sun:00:00-sun:01:00")!.intervals));
        assert.ok(!overlaps(dailyWindow("03:00-04:00")!.intervals, weeklyWindow("sun:04:00-sun:05:00")!.intervals));
        assert.ok(overlaps(weeklyWindow("sat:23:00-sun:01:00")!.intervals, weeklyWindow("sun:00:30-sun:00:45")!.intervals));
        assert.strictEqual(weeklyWindow("sun:25:00-sun:26:00"), undefined);
    });
});

describe("deploy rules: config bounds the rules forced", () => {
    const base = (cloud: string) => ({ cloud, environment: "staging", gcp: { project: "acme-platform-stg", billingAccount: "01A2B3-C4D5E6-F7A8B9" }, loadBalancer: { domain: "app.example.com" }, services: { api: { image: "ghcr.io/acme/api:1.0.0", http: { pathPrefix: "/" } } } });
    const problems = (raw: Record<string, unknown>) => {
        try {
            resolveConfig(raw);
            return [];
        } catch (err) {
            return (err as ConfigError).problems.map((p) => `${p.key}: ${p.allowed}`);
        }
    };

    it("AWS needs two zones (ALB and RDS subnet group), Azure at most 4 cache nodes, app names no double hyphen", () => {
        assert.match(problems({ ...base("aws"), network: { zones: 1 } }).join("\n"), /platform:network\.zones: 2 or 3 on AWS/);
        assert.deepStrictEqual(problems({ ...base("gcp"), network: { zones: 1 } }), []);
        assert.match(problems({ ...base("azure"), cache: { nodes: 5 } }).join("\n"), /platform:cache\.nodes: 1 to 4 on Azure/);
        assert.deepStrictEqual(problems({ ...base("aws"), cache: { nodes: 5 } }), []);
        assert.match(problems({ ...base("aws"), appName: "ab--cd" }).join("\n"), /platform:appName: .*single hyphens/);
        assert.deepStrictEqual(problems({ ...base("aws"), appName: "ab-cd-ef" }), []);
    });

    it("Azure with one zone and HA uses SameZone high availability (zone-redundant needs a second zone)", async () => {
        const run = await planFor("staging", "azure", ["platform:network.zones=1", "platform:database.highAvailability=true"]);
        const server = run.plan.resources.find((r) => r.type === "azure-native:dbforpostgresql:Server")!;
        assert.strictEqual((server.inputs.highAvailability as { mode: string }).mode, "SameZone");
        assert.deepStrictEqual(deployFindings(run), []);
    });
});
