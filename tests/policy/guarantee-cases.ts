import * as P from "../../policy/policies/all";
import { POD_SPEC_PATHS } from "../../policy/policies/kubernetes";
import { T } from "../../policy/policies/types";
import type { Fixture } from "../support/policy-harness";
import type { PolicyCase } from "./cases";

/*
 * Cases of the production-guarantee policies (issue 14): high availability, WAF in front of
 * load balancers, access and audit logs, alert destinations, the closed default security
 * group, image digests. Same table shape as cases.ts; its own fixtures (no import cycle).
 */

const env = (e = "production") => ({ environment: e, app: "platform", "managed-by": "pulumi" });
const DIGEST = `ghcr.io/acme/api@sha256:${"a".repeat(64)}`;
const mandatory = { enforcementLevel: "mandatory" };

const alb = (type: string): Fixture => ({
    type,
    name: "load-balancer-alb",
    props: {
        loadBalancerType: "application",
        internal: false,
        accessLogs: { enabled: true, bucket: "platform-alb-logs-123456789012", prefix: "alb" },
        tags: env(),
    },
});
const wafAssociation = (): Fixture => ({ type: T.aws.wafAssociation, name: "load-balancer-waf-association", props: { resourceArn: "arn:aws:elasticloadbalancing:us-west-2:1:loadbalancer/app/x", webAclArn: "arn:aws:wafv2:us-west-2:1:regional/webacl/w" }, dependsOn: [0] });
const backendService = (): Fixture => ({
    type: T.gcp.backendService,
    name: "load-balancer-api-backend",
    stack: "production-gcp",
    props: { loadBalancingScheme: "EXTERNAL_MANAGED", protocol: "HTTPS", securityPolicy: "projects/p/global/securityPolicies/waf", logConfig: { enable: true, sampleRate: 1 } },
});
const gateway = (): Fixture => ({
    type: T.azure.applicationGateway,
    name: "load-balancer-gateway",
    props: {
        applicationGatewayName: "platform-prod-agw",
        sku: { name: "WAF_v2", tier: "WAF_v2" },
        firewallPolicy: { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf" },
        tags: env(),
    },
});
const diagnosticSetting = (): Fixture => ({
    type: T.azure.diagnosticSetting,
    name: "load-balancer-diagnostics",
    props: { resourceUri: "/subscriptions/s/.../applicationGateways/platform-prod-agw", workspaceId: "/subscriptions/s/.../workspaces/logs", logs: [{ categoryGroup: "allLogs", enabled: true }] },
    dependsOn: [0],
});
const albIngress = (): Fixture => ({
    type: T.kubernetes.ingress,
    name: "load-balancer-ingress",
    props: {
        metadata: {
            name: "platform-ingress",
            labels: env(),
            annotations: {
                "alb.ingress.kubernetes.io/wafv2-acl-arn": "arn:aws:wafv2:us-west-2:1:regional/webacl/w",
                "alb.ingress.kubernetes.io/load-balancer-attributes": "deletion_protection.enabled=true,access_logs.s3.enabled=true,access_logs.s3.bucket=logs",
            },
        },
        spec: { ingressClassName: "alb", rules: [] },
    },
});
const gceIngress = (): Fixture => ({
    type: T.kubernetes.ingress,
    name: "load-balancer-ingress",
    props: { metadata: { name: "platform-ingress", labels: env(), annotations: { "kubernetes.io/ingress.class": "gce" } }, spec: { rules: [] } },
});
const gkeService = (): Fixture => ({
    type: "kubernetes:core/v1:Service",
    name: "service-api-service",
    props: { metadata: { name: "api", annotations: { "cloud.google.com/backend-config": JSON.stringify({ default: "api-backend" }) } } },
});
const backendConfig = (): Fixture => ({
    type: "kubernetes:cloud.google.com/v1:BackendConfig",
    name: "load-balancer-api-backend-config",
    props: { apiVersion: "cloud.google.com/v1", kind: "BackendConfig", metadata: { name: "api-backend" }, spec: { securityPolicy: { name: "platform-prod-waf" }, logging: { enable: true, sampleRate: 1 } } },
});
const APP_ROUTING_IP = "10.0.11.254";
const appRoutingIngress = (): Fixture => ({
    type: T.kubernetes.ingress,
    name: "load-balancer-ingress",
    props: { metadata: { name: "platform-ingress", labels: env(), annotations: {} }, spec: { ingressClassName: "webapprouting-internal", rules: [] } },
});
const appRoutingController = (): Fixture => ({
    type: "kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController",
    name: "load-balancer-ingress-controller",
    props: {
        apiVersion: "approuting.kubernetes.azure.com/v1alpha1",
        kind: "NginxIngressController",
        metadata: { name: "webapprouting-internal" },
        spec: {
            ingressClassName: "webapprouting-internal",
            controllerNamePrefix: "nginx-internal",
            loadBalancerAnnotations: { "service.beta.kubernetes.io/azure-load-balancer-internal": "true", "service.beta.kubernetes.io/azure-load-balancer-ipv4": APP_ROUTING_IP },
        },
    },
});
const ingressGateway = (): Fixture => {
    const g = gateway();
    const pools = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/platform-prod-agw/backendAddressPools";
    return {
        ...g,
        props: {
            ...g.props,
            backendAddressPools: [{ name: "ingress-pool", backendAddresses: [{ ipAddress: APP_ROUTING_IP }] }],
            requestRoutingRules: [{ name: "route-https", ruleType: "Basic", backendAddressPool: { id: `${pools}/ingress-pool` } }],
        },
    };
};
/** AGIC: the Ingress's class names the Application Gateway Ingress Controller, which programs the gateway itself. */
const agicIngress = (): Fixture => ({
    type: T.kubernetes.ingress,
    name: "load-balancer-ingress",
    props: { metadata: { name: "platform-ingress", labels: env(), annotations: {} }, spec: { ingressClassName: "azure-application-gateway", rules: [] } },
});
/**
 * A gateway that routes to the app-routing controller through a URL path map (PathBasedRouting
 * rule: azure-native ApplicationGateway urlPathMaps[].defaultBackendAddressPool / pathRules[].backendAddressPool,
 * requestRoutingRules[].urlPathMap), either by a path rule or by the map's default pool.
 */
const pathMapGateway = (via: "pathRule" | "default"): Fixture => {
    const g = gateway();
    const base = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/platform-prod-agw";
    const ingressPool = { id: `${base}/backendAddressPools/ingress-pool` };
    const otherPool = { id: `${base}/backendAddressPools/static-pool` };
    return {
        ...g,
        props: {
            ...g.props,
            backendAddressPools: [
                { name: "static-pool", backendAddresses: [{ ipAddress: "10.0.11.10" }] },
                { name: "ingress-pool", backendAddresses: [{ ipAddress: APP_ROUTING_IP }] },
            ],
            urlPathMaps: [{
                name: "paths",
                defaultBackendAddressPool: via === "default" ? ingressPool : otherPool,
                pathRules: [{ name: "api", paths: ["/api/*"], backendAddressPool: via === "pathRule" ? ingressPool : otherPool }],
            }],
            requestRoutingRules: [{ name: "route-paths", ruleType: "PathBasedRouting", urlPathMap: { id: `${base}/urlPathMaps/paths` } }],
        },
    };
};
const azureVnet = (): Fixture => ({
    type: T.azure.virtualNetwork,
    name: "network-vnet",
    props: { virtualNetworkName: "platform-prod-vnet", id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/platform-prod-vnet", tags: env() },
});
const azureFlowLog = (dependsOn: number[] = []): Fixture => ({
    type: T.azure.flowLog,
    name: "network-flow-log",
    props: {
        networkWatcherName: "NetworkWatcher_eastus",
        resourceGroupName: "NetworkWatcherRG",
        targetResourceId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/platform-prod-vnet",
        storageId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/platformprodf12345",
        enabled: true,
        retentionPolicy: { enabled: true, days: 365 },
        tags: env(),
    },
    dependsOn,
});
const logGroup = (name: string): Fixture => ({
    type: T.aws.logGroup,
    name: "network-flow-logs",
    props: { name, retentionInDays: 365, kmsKeyId: "arn:aws:kms:us-west-2:123456789012:key/logs", tags: env() },
});
const flowLog = (): Fixture => ({ type: T.aws.flowLog, name: "network-flow-log", props: { trafficType: "ALL", logDestination: "arn:aws:logs:us-west-2:1:log-group:/vpc/platform-flow-logs" }, dependsOn: [0] });
const accessLogBucket = (): Fixture => ({ type: T.aws.s3Bucket, name: "object-store-access-logs", props: { bucket: "platform-access-logs-123456789012", tags: env() } });
const bucketLogging = (): Fixture => ({ type: T.aws.s3Logging, name: "object-store-access-logging", props: { bucket: "platform-data-123456789012", targetBucket: "platform-access-logs-123456789012", targetPrefix: "s3/" } });
const accessLogLifecycle = (): Fixture => ({
    type: T.aws.s3Lifecycle,
    name: "object-store-access-logs-lifecycle",
    props: { bucket: "platform-access-logs-123456789012", rules: [{ id: "expire-access-logs", status: "Enabled", filter: { prefix: "s3/" }, expiration: { days: 365 } }] },
    dependsOn: [0],
});
const logBucket = (): Fixture => ({
    type: T.gcp.logBucket,
    name: "network-audit-log-bucket",
    stack: "production-gcp",
    props: { bucketId: "platform-prod-audit", location: "us-central1", retentionDays: 365, cmekSettings: { kmsKeyName: "projects/p/locations/us-central1/keyRings/r/cryptoKeys/logs" } },
});
const auditSink = (): Fixture => ({
    type: "gcp:logging/projectSink:ProjectSink",
    name: "network-audit-sink",
    stack: "production-gcp",
    props: { destination: "logging.googleapis.com/projects/p/locations/us-central1/buckets/platform-prod-audit", filter: 'logName:"compute.googleapis.com%2Fvpc_flows" OR logName:"cloudaudit.googleapis.com"' },
    dependsOn: [0],
});
/** A flow log's destination named by ARN only (no dependency): the writer makes its log group an audit log. */
const namedLogGroup = (): Fixture => ({ ...logGroup("/vpc/platform-flow-logs"), props: { ...logGroup("/vpc/platform-flow-logs").props, arn: "arn:aws:logs:us-west-2:1:log-group:/vpc/platform-flow-logs" } });
/** An application log group: not an audit log, so a short retention is the team's choice. */
const appLogGroup = (): Fixture => ({ type: T.aws.logGroup, name: "compute-api-logs", props: { name: "/ecs/platform-api", retentionInDays: 30, kmsKeyId: "arn:aws:kms:us-west-2:123456789012:key/logs", tags: env() } });
/** A bucket with a short lifecycle that receives no access logs: not an audit log either. */
const dataBucketWithShortLifecycle = (): Fixture[] => [
    { type: T.aws.s3Bucket, name: "compute-scratch-bucket", props: { bucket: "platform-scratch-123456789012", id: "platform-scratch-123456789012", tags: env() } },
    { type: T.aws.s3Lifecycle, name: "compute-scratch-lifecycle", props: { bucket: "platform-scratch-123456789012", rules: [{ id: "expire-scratch", status: "Enabled", expiration: { days: 7 } }] } },
];
const vpc = (): Fixture => ({ type: T.aws.vpc, name: "network-vpc", props: { cidrBlock: "10.0.0.0/16", id: "vpc-0abc", tags: env() } });
const defaultSg = (): Fixture => ({ type: T.aws.defaultSecurityGroup, name: "network-default-sg", props: { vpcId: "vpc-0abc", ingress: [], egress: [], tags: env() }, dependsOn: [0] });

/** A workload of `type` with its pod spec where the kind keeps it. */
function workload(type: string): Fixture {
    const path = POD_SPEC_PATHS[type]!;
    let spec: Record<string, unknown> = { containers: [{ name: "api", image: DIGEST }] };
    for (const key of [...path].reverse()) spec = { [key]: spec };
    return { type, name: "service-api-deployment", props: { ...spec, metadata: { name: "api", labels: env() } } };
}
const podImagePath = (type: string) => `${POD_SPEC_PATHS[type]!.join(".")}.containers.0.image`;

export const GUARANTEE_CASES: PolicyCase[] = [
    // ---- high availability
    {
        policy: P.awsRdsRequireMultiAz,
        type: T.aws.rdsInstance,
        fixtures: [{ type: T.aws.rdsInstance, name: "database-instance", props: { engine: "postgres", multiAz: true, tags: env() } }],
        variants: [
            { label: "single-AZ", set: [[0, "multiAz", false]], found: "found false" },
            { label: "unset", set: [[0, "multiAz", undefined]], found: "found not set" },
        ],
        unknown: [0, "multiAz"],
    },
    {
        policy: P.awsElasticacheRequireAutomaticFailover,
        type: T.aws.elasticacheReplicationGroup,
        fixtures: [{ type: T.aws.elasticacheReplicationGroup, name: "cache-replication-group", props: { numCacheClusters: 2, automaticFailoverEnabled: true, multiAzEnabled: true, tags: env() } }],
        variants: [
            { label: "one node", set: [[0, "numCacheClusters", 1]], found: "found 1" },
            { label: "failover off", set: [[0, "automaticFailoverEnabled", false]], found: "found false" },
            { label: "multi-AZ off", set: [[0, "multiAzEnabled", false]], found: "found false" },
        ],
        unknown: [0, "automaticFailoverEnabled"],
    },
    {
        policy: P.gcpSqlRequireHighAvailability,
        type: T.gcp.sqlInstance,
        fixtures: [{ type: T.gcp.sqlInstance, name: "database-instance", props: { settings: { availabilityType: "REGIONAL", userLabels: env() } } }],
        variants: [{ label: "zonal", set: [[0, "settings.availabilityType", "ZONAL"]], found: '"ZONAL"' }],
        unknown: [0, "settings.availabilityType"],
    },
    {
        policy: P.gcpRedisRequireHighAvailability,
        type: T.gcp.redisInstance,
        fixtures: [{ type: T.gcp.redisInstance, name: "cache-instance", props: { tier: "STANDARD_HA", labels: env() } }],
        variants: [{ label: "BASIC tier", set: [[0, "tier", "BASIC"]], found: '"BASIC"' }],
        unknown: [0, "tier"],
    },
    {
        policy: P.azurePostgresqlRequireHighAvailability,
        type: T.azure.postgresServer,
        fixtures: [{ type: T.azure.postgresServer, name: "database-server", props: { highAvailability: { mode: "ZoneRedundant" }, tags: env() } }],
        variants: [
            { label: "HA disabled", set: [[0, "highAvailability.mode", "Disabled"]], found: '"Disabled"' },
            { label: "HA unset", set: [[0, "highAvailability", undefined]], found: "Disabled" },
        ],
        unknown: [0, "highAvailability"],
    },
    {
        policy: P.azureRedisRequireHighAvailability,
        type: T.azure.redis,
        fixtures: [{ type: T.azure.redis, name: "cache-redis", props: { sku: { name: "Premium", family: "P", capacity: 1 }, replicasPerMaster: 1, tags: env() } }],
        variants: [
            { label: "Basic SKU", set: [[0, "sku.name", "Basic"]], found: '"Basic"' },
            { label: "no replica", set: [[0, "replicasPerMaster", 0]], found: "found 0" },
        ],
        unknown: [0, "sku"],
    },
    // ---- WAF in front of every production load balancer
    ...[T.aws.lb, T.aws.alb].map((type): PolicyCase => ({
        policy: P.awsLbRequireWaf,
        type,
        fixtures: [alb(type), wafAssociation()],
        variants: [{ label: "no WebACL association", remove: [1], found: "no WebAclAssociation" }],
        unknown: [1, "webAclArn"],
    })),
    {
        // The association names the ALB by ARN only (no dependency); an internal ALB, a network LB and a staging
        // ALB (its own stack) need no WAF.
        policy: P.awsLbRequireWaf,
        type: T.aws.lb,
        fixtures: [
            { ...alb(T.aws.lb), props: { ...alb(T.aws.lb).props, arn: "arn:aws:elasticloadbalancing:us-west-2:1:loadbalancer/app/platform-prod/abc" } },
            { ...wafAssociation(), dependsOn: [], props: { ...wafAssociation().props, resourceArn: "arn:aws:elasticloadbalancing:us-west-2:1:loadbalancer/app/platform-prod/abc" } },
            { ...alb(T.aws.lb), name: "load-balancer-internal-alb", props: { ...alb(T.aws.lb).props, internal: true } },
            { ...alb(T.aws.lb), name: "load-balancer-nlb", props: { ...alb(T.aws.lb).props, loadBalancerType: "network" } },
            { ...alb(T.aws.lb), name: "load-balancer-staging-alb", stack: "staging", props: { ...alb(T.aws.lb).props, tags: env("staging") } },
        ],
        variants: [
            { label: "association of another load balancer", set: [[1, "resourceArn", "arn:aws:elasticloadbalancing:us-west-2:1:loadbalancer/app/other/def"]], found: "no WebAclAssociation" },
            { label: "association without a WebACL", set: [[1, "webAclArn", undefined]], found: "no WebAclAssociation" },
            { label: "load balancer type unset (application)", set: [[0, "loadBalancerType", undefined]], remove: [1], found: "no WebAclAssociation" },
        ],
        unknown: [1, "webAclArn"],
    },
    {
        policy: P.gcpComputeRequireWaf,
        type: T.gcp.backendService,
        fixtures: [backendService()],
        variants: [{ label: "no security policy", set: [[0, "securityPolicy", undefined]], found: "found not set" }],
        unknown: [0, "securityPolicy"],
    },
    {
        policy: P.azureNetworkRequireAppgwWaf,
        type: T.azure.applicationGateway,
        fixtures: [gateway()],
        variants: [
            { label: "Standard_v2 SKU", set: [[0, "sku", { name: "Standard_v2", tier: "Standard_v2" }]], found: '"Standard_v2"' },
            { label: "no WAF policy", set: [[0, "firewallPolicy", undefined]], found: "found not set" },
        ],
        unknown: [0, "firewallPolicy"],
    },
    {
        policy: P.kubernetesIngressRequireWaf,
        type: T.kubernetes.ingress,
        fixtures: [albIngress()],
        variants: [{ label: "alb without a WebACL", set: [[0, "metadata.annotations", {}]], found: '"alb"' }],
        unknown: [0, "metadata.labels"],
    },
    {
        policy: P.kubernetesIngressRequireWaf,
        type: T.kubernetes.ingress,
        fixtures: [gceIngress(), gkeService(), backendConfig()],
        variants: [
            { label: "BackendConfig without Cloud Armor", set: [[2, "spec.securityPolicy", undefined]], found: '["api-backend"]' },
            { label: "Services without a BackendConfig", remove: [1], found: "no BackendConfig on its Services" },
            { label: "app routing nginx (no WAF)", set: [[0, "metadata.annotations", {}], [0, "spec.ingressClassName", "webapprouting.kubernetes.azure.com"]], found: '"webapprouting.kubernetes.azure.com"' },
        ],
        unknown: [2, "spec.securityPolicy"],
    },
    {
        // AKS app routing behind the Application Gateway: the controller internal, a WAF gateway routing to its address.
        policy: P.kubernetesIngressRequireWaf,
        type: T.kubernetes.ingress,
        fixtures: [appRoutingIngress(), appRoutingController(), ingressGateway()],
        variants: [
            { label: "controller on a public load balancer", set: [[1, "spec.loadBalancerAnnotations", {}]], found: "no internal load balancer annotation" },
            { label: "internal annotation false", set: [[1, "spec.loadBalancerAnnotations", { "service.beta.kubernetes.io/azure-load-balancer-internal": "false", "service.beta.kubernetes.io/azure-load-balancer-ipv4": APP_ROUTING_IP }]], found: '"false"' },
            { label: "gateway on Standard_v2", set: [[2, "sku", { name: "Standard_v2", tier: "Standard_v2" }]], found: '["platform-prod-agw"]' },
            { label: "gateway without a WAF policy", set: [[2, "firewallPolicy", undefined]], found: '["platform-prod-agw"]' },
            { label: "gateway pool at another address", set: [[2, "backendAddressPools.0.backendAddresses.0.ipAddress", "10.0.11.200"]], found: "[]" },
            { label: "no rule routes to the pool", set: [[2, "requestRoutingRules", []]], found: "[]" },
            { label: "no gateway", remove: [2], found: "[]" },
        ],
        unknown: [2, "firewallPolicy"],
    },
    {
        // AGIC: the controller programs the gateway, so a WAF_v2 gateway with a WAF policy must be in the stack.
        policy: P.kubernetesIngressRequireWaf,
        type: T.kubernetes.ingress,
        fixtures: [agicIngress(), gateway()],
        variants: [
            { label: "AGIC gateway on Standard_v2", set: [[1, "sku", { name: "Standard_v2", tier: "Standard_v2" }]], found: "no WAF_v2 gateway with a WAF policy" },
            { label: "AGIC gateway without a WAF policy", set: [[1, "firewallPolicy", undefined]], found: "no WAF_v2 gateway with a WAF policy" },
            { label: "AGIC without a gateway", remove: [1], found: "no WAF_v2 gateway with a WAF policy" },
            { label: "class annotation overrides spec.ingressClassName", set: [[0, "metadata.annotations", { "kubernetes.io/ingress.class": "nginx" }]], found: '"nginx"' },
            { label: "no ingress class", set: [[0, "spec.ingressClassName", undefined]], found: "no ingress class" },
        ],
        unknown: [1, "firewallPolicy"],
    },
    ...(["pathRule", "default"] as const).map((via): PolicyCase => ({
        // App routing behind a gateway whose path-based rule reaches the controller's pool through a URL path map.
        policy: P.kubernetesIngressRequireWaf,
        type: T.kubernetes.ingress,
        fixtures: [appRoutingIngress(), appRoutingController(), pathMapGateway(via)],
        variants: [
            { label: `path map (${via}) names another pool`, set: [[2, via === "default" ? "urlPathMaps.0.defaultBackendAddressPool.id" : "urlPathMaps.0.pathRules.0.backendAddressPool.id", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/platform-prod-agw/backendAddressPools/static-pool"]], found: "[]" },
            { label: `rule (${via}) names another path map`, set: [[2, "requestRoutingRules.0.urlPathMap.id", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/platform-prod-agw/urlPathMaps/other"]], found: "[]" },
            { label: `path-map gateway (${via}) without a WAF policy`, set: [[2, "firewallPolicy", undefined]], found: '["platform-prod-agw"]' },
        ],
        unknown: [2, "firewallPolicy"],
    })),
    // ---- access logs on load balancers
    ...[T.aws.lb, T.aws.alb].map((type): PolicyCase => ({
        policy: P.awsLbRequireAccessLogs,
        type,
        fixtures: [alb(type)],
        variants: [
            { label: "disabled", set: [[0, "accessLogs.enabled", false]], found: '"enabled":false' },
            { label: "unset", set: [[0, "accessLogs", undefined]], found: "found not set" },
        ],
        unknown: [0, "accessLogs"],
    })),
    {
        policy: P.gcpComputeRequireBackendLogging,
        type: T.gcp.backendService,
        fixtures: [backendService()],
        variants: [{ label: "logging off", set: [[0, "logConfig.enable", false]], found: '"enable":false' }],
        unknown: [0, "logConfig"],
    },
    {
        policy: P.azureNetworkRequireAppgwAccessLogs,
        type: T.azure.applicationGateway,
        fixtures: [gateway(), diagnosticSetting()],
        variants: [
            { label: "no diagnostic setting", remove: [1], found: "no DiagnosticSetting" },
            { label: "logs disabled", set: [[1, "logs.0.enabled", false]], found: '"enabled":false' },
        ],
        unknown: [1, "logs"],
    },
    {
        // The setting names the gateway by id (no dependency), sends the access-log category (not the group) to storage.
        policy: P.azureNetworkRequireAppgwAccessLogs,
        type: T.azure.applicationGateway,
        fixtures: [
            { ...gateway(), props: { ...gateway().props, id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/platform-prod-agw" } },
            {
                type: T.azure.diagnosticSetting,
                name: "load-balancer-diagnostics",
                props: {
                    resourceUri: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/platform-prod-agw",
                    storageAccountId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/platformprodlogs",
                    logs: [{ category: "ApplicationGatewayFirewallLog", enabled: true }, { category: "ApplicationGatewayAccessLog", enabled: true }],
                },
            },
        ],
        variants: [
            { label: "only the firewall log", set: [[1, "logs.1.enabled", false]], found: '"category":"ApplicationGatewayAccessLog","enabled":false' },
            { label: "no destination", set: [[1, "storageAccountId", undefined]], found: '"category":"ApplicationGatewayAccessLog"' },
            { label: "setting of another gateway", set: [[1, "resourceUri", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/other"]], found: "no DiagnosticSetting" },
        ],
        unknown: [1, "logs"],
    },
    {
        policy: P.kubernetesIngressRequireAccessLogs,
        type: T.kubernetes.ingress,
        fixtures: [albIngress()],
        variants: [
            {
                label: "alb access logs off",
                set: [[0, "metadata.annotations", { "alb.ingress.kubernetes.io/load-balancer-attributes": "access_logs.s3.enabled=false" }]],
                found: "access_logs.s3.enabled=false",
            },
        ],
        unknown: [0, "spec"],
    },
    {
        policy: P.kubernetesIngressRequireAccessLogs,
        type: T.kubernetes.ingress,
        fixtures: [gceIngress(), gkeService(), backendConfig()],
        variants: [{ label: "BackendConfig logging off", set: [[2, "spec.logging.enable", false]], found: '["api-backend"]' }],
        unknown: [2, "spec.logging"],
    },
    {
        policy: P.awsWafv2RequireLogging,
        type: T.aws.wafAcl,
        fixtures: [
            { type: T.aws.wafAcl, name: "load-balancer-waf", props: { name: "platform-waf", scope: "REGIONAL", tags: env() } },
            {
                type: T.aws.wafLogging,
                name: "load-balancer-waf-logging",
                props: { resourceArn: "arn:aws:wafv2:us-west-2:1:regional/webacl/platform-waf", logDestinationConfigs: ["arn:aws:logs:us-west-2:1:log-group:aws-waf-logs-platform"], redactedFields: [{ singleHeader: { name: "authorization" } }, { singleHeader: { name: "cookie" } }] },
                dependsOn: [0],
            },
        ],
        variants: [
            { label: "no logging configuration", remove: [1], found: "no WebAclLoggingConfiguration" },
            { label: "cookie not redacted", set: [[1, "redactedFields", [{ singleHeader: { name: "authorization" } }]]], found: '["cookie"]' },
        ],
        unknown: [1, "redactedFields"],
    },
    {
        // The logging configuration names the WebACL by ARN only (no dependency), headers in upper case.
        policy: P.awsWafv2RequireLogging,
        type: T.aws.wafAcl,
        fixtures: [
            { type: T.aws.wafAcl, name: "load-balancer-waf", props: { name: "platform-waf", arn: "arn:aws:wafv2:us-west-2:1:regional/webacl/platform-waf/abc", scope: "REGIONAL", tags: env() } },
            {
                type: T.aws.wafLogging,
                name: "load-balancer-waf-logging",
                props: { resourceArn: "arn:aws:wafv2:us-west-2:1:regional/webacl/platform-waf/abc", logDestinationConfigs: ["arn:aws:logs:us-west-2:1:log-group:aws-waf-logs-platform"], redactedFields: [{ singleHeader: { name: "Authorization" } }, { singleHeader: { name: "Cookie" } }] },
            },
        ],
        variants: [
            { label: "logging configuration of another WebACL", set: [[1, "resourceArn", "arn:aws:wafv2:us-west-2:1:regional/webacl/other/def"]], found: "no WebAclLoggingConfiguration" },
            { label: "no destination", set: [[1, "logDestinationConfigs", []]], found: "found []" },
            { label: "authorization not redacted", set: [[1, "redactedFields", [{ singleHeader: { name: "Cookie" } }, { method: {} }]]], found: '["authorization"]' },
        ],
        unknown: [1, "logDestinationConfigs"],
    },
    {
        policy: P.azureNetworkRequireWafLogScrubbing,
        type: T.azure.wafPolicy,
        fixtures: [{
            type: T.azure.wafPolicy,
            name: "load-balancer-waf",
            props: {
                policySettings: {
                    state: "Enabled",
                    mode: "Prevention",
                    logScrubbing: { state: "Enabled", scrubbingRules: ["authorization", "cookie"].map((h) => ({ matchVariable: "RequestHeaderNames", selectorMatchOperator: "Equals", selector: h, state: "Enabled" })) },
                },
                tags: env(),
            },
        }],
        variants: [
            { label: "scrubbing off", set: [[0, "policySettings.logScrubbing.state", "Disabled"]], found: '"Disabled"' },
            { label: "cookie rule disabled", set: [[0, "policySettings.logScrubbing.scrubbingRules.1.state", "Disabled"]], found: '["cookie"]' },
        ],
        unknown: [0, "policySettings"],
    },
    // ---- audit logs
    {
        policy: P.awsLogsRequireAuditRetention,
        type: T.aws.logGroup,
        fixtures: [logGroup("/vpc/platform-flow-logs"), flowLog()],
        variants: [
            { label: "flow logs kept 30 days", set: [[0, "retentionInDays", 30]], found: "found 30" },
            { label: "WAF log group kept 90 days", set: [[0, "name", "aws-waf-logs-platform"], [0, "retentionInDays", 90]], remove: [1], found: "found 90" },
            { label: "under a configured 731-day minimum", set: [], config: { minimumAuditLogRetentionDays: { production: 731, staging: 90 } }, found: "found 365" },
        ],
        unknown: [0, "retentionInDays"],
    },
    {
        policy: P.awsLogsRequireAuditRetention,
        type: T.aws.s3Bucket,
        fixtures: [accessLogBucket(), accessLogLifecycle(), bucketLogging()],
        variants: [{ label: "access logs expire after 90 days", set: [[1, "rules.0.expiration.days", 90]], found: "expire-access-logs: 90 days" }],
        unknown: [1, "rules"],
    },
    {
        // Linked by name only (no dependencies): the flow log names its group's ARN, the lifecycle its bucket;
        // an application log group and a scratch bucket with short lifecycles are not audit logs.
        policy: P.awsLogsRequireAuditRetention,
        type: T.aws.logGroup,
        fixtures: [
            namedLogGroup(),
            { ...flowLog(), dependsOn: [], props: { ...flowLog().props, logDestination: "arn:aws:logs:us-west-2:1:log-group:/vpc/platform-flow-logs" } },
            appLogGroup(),
            ...dataBucketWithShortLifecycle(),
            // A task writing its container logs to the application group (the group's name flowed into it).
            { type: T.aws.ecsTaskDefinition, name: "compute-api-task", props: { family: "platform-api", containerDefinitions: "[]" }, dependsOn: [2] },
            // Container logs shipped under the cluster's prefix: not the control plane's `/aws/eks/<cluster>/cluster`.
            { type: T.aws.logGroup, name: "compute-fluent-bit-logs", props: { name: "/aws/eks/platform-prod/cluster-fluent-bit", retentionInDays: 7, tags: env() } },
        ],
        variants: [
            { label: "flow-log group named by ARN kept 30 days", set: [[0, "retentionInDays", 30]], found: "found 30" },
            { label: "flow-log group named by ARN kept 1 day", set: [[0, "retentionInDays", 1]], found: "found 1" },
        ],
        unknown: [0, "retentionInDays"],
    },
    {
        // The EKS control plane's log group is an audit log by its name alone.
        policy: P.awsLogsRequireAuditRetention,
        type: T.aws.logGroup,
        fixtures: [logGroup("/aws/eks/platform-prod/cluster")],
        variants: [{ label: "EKS control-plane logs kept 30 days", set: [[0, "retentionInDays", 30]], found: "found 30" }],
        unknown: [0, "retentionInDays"],
    },
    {
        // Access-log bucket named by its id in the BucketLogging, lifecycle linked by name only.
        policy: P.awsLogsRequireAuditRetention,
        type: T.aws.s3Bucket,
        fixtures: [
            { ...accessLogBucket(), props: { id: "platform-access-logs-123456789012", tags: env() } },
            { ...accessLogLifecycle(), dependsOn: [], props: { ...accessLogLifecycle().props, rules: [...(accessLogLifecycle().props.rules as unknown[]), { id: "expire-old-versions", status: "Disabled", expiration: { days: 1 } }] } },
            bucketLogging(),
            ...dataBucketWithShortLifecycle(),
        ],
        variants: [{ label: "access logs (bucket named by id) expire after 30 days", set: [[1, "rules.0.expiration.days", 30]], found: "expire-access-logs: 30 days" }],
        unknown: [1, "rules"],
    },
    {
        policy: P.awsCloudwatchRequireLogGroupKms,
        type: T.aws.logGroup,
        fixtures: [logGroup("/ecs/platform-api")],
        variants: [{ label: "no KMS key", set: [[0, "kmsKeyId", undefined]], found: "found not set" }],
        unknown: [0, "kmsKeyId"],
    },
    {
        policy: P.gcpLoggingRequireAuditRetention,
        type: T.gcp.logBucket,
        fixtures: [logBucket(), auditSink()],
        variants: [
            { label: "kept 30 days", set: [[0, "retentionDays", 30]], found: "found 30" },
            { label: "no CMEK", set: [[0, "cmekSettings", undefined]], found: "found not set" },
        ],
        unknown: [0, "retentionDays"],
    },
    {
        // The sink names its bucket by path only (no dependency); a bucket fed by a non-audit sink keeps what it likes.
        policy: P.gcpLoggingRequireAuditRetention,
        type: T.gcp.logBucket,
        fixtures: [
            logBucket(),
            { ...auditSink(), dependsOn: [], props: { ...auditSink().props, filter: 'resource.type="http_load_balancer"' } },
            { ...logBucket(), name: "compute-app-log-bucket", props: { bucketId: "platform-prod-app", location: "us-central1", retentionDays: 7 } },
            { ...auditSink(), name: "compute-app-sink", dependsOn: [2], props: { destination: "logging.googleapis.com/projects/p/locations/us-central1/buckets/platform-prod-app", filter: "severity>=ERROR" } },
        ],
        variants: [
            { label: "load balancer logs kept 30 days", set: [[0, "retentionDays", 30]], found: "found 30" },
            { label: "GKE audit logs kept 30 days", set: [[1, "filter", 'resource.type="k8s_cluster"'], [0, "retentionDays", 30]], found: "found 30" },
            { label: "retention unset", set: [[0, "retentionDays", undefined]], found: "not set (30 days)" },
        ],
        unknown: [0, "retentionDays"],
    },
    {
        policy: P.azureOperationalinsightsRequireAuditRetention,
        type: T.azure.logTable,
        fixtures: [{ type: T.azure.logTable, name: "network-logs-AGWFirewallLogs", props: { tableName: "AGWFirewallLogs", retentionInDays: 90, totalRetentionInDays: 365 } }],
        variants: [{ label: "kept 30 days", set: [[0, "totalRetentionInDays", 30]], found: "found 30" }],
        unknown: [0, "totalRetentionInDays"],
    },
    {
        policy: P.azureNetworkRequireFlowLogRetention,
        type: T.azure.flowLog,
        fixtures: [azureFlowLog()],
        variants: [
            { label: "kept 30 days", set: [[0, "retentionPolicy.days", 30]], found: "found 30" },
            { label: "disabled", set: [[0, "enabled", false]], found: "found false" },
        ],
        unknown: [0, "retentionPolicy"],
    },
    {
        // Retention switched off keeps the records forever; 0 days too.
        policy: P.azureNetworkRequireFlowLogRetention,
        type: T.azure.flowLog,
        fixtures: [{ ...azureFlowLog(), props: { ...azureFlowLog().props, retentionPolicy: { enabled: false, days: 7 } } }],
        variants: [
            { label: "retention on at 7 days", set: [[0, "retentionPolicy.enabled", true]], found: "found 7" },
            { label: "retention on without days", set: [[0, "retentionPolicy", { enabled: true }]], found: "found not set" },
        ],
        unknown: [0, "retentionPolicy"],
    },
    {
        policy: P.azureNetworkRequireVnetFlowLogs,
        type: T.azure.virtualNetwork,
        fixtures: [azureVnet(), azureFlowLog([0])],
        variants: [
            { label: "no flow log", remove: [1], found: "no FlowLog targets this VNet" },
            { label: "flow log disabled", set: [[1, "enabled", false]], found: "[false]" },
            { label: "flow log of another VNet", set: [[1, "targetResourceId", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/other"], [1, "!dependsOn", []]], found: "no FlowLog targets this VNet" },
        ],
        unknown: [1, "enabled"],
    },
    {
        // The flow log names the VNet by id only (no dependency).
        policy: P.azureNetworkRequireVnetFlowLogs,
        type: T.azure.virtualNetwork,
        fixtures: [azureVnet(), azureFlowLog([])],
        variants: [
            { label: "flow log by id, disabled", set: [[1, "enabled", false]], found: "[false]" },
            { label: "flow log names the VNet by name", set: [[1, "targetResourceId", "platform-prod-vnet"], [1, "enabled", "true"]], found: '["true"]' },
        ],
        unknown: [1, "enabled"],
    },
    // ---- alerts that notify someone
    {
        policy: P.awsCloudwatchRequireAlarmActions,
        type: T.aws.metricAlarm,
        fixtures: [{ type: T.aws.metricAlarm, name: "monitoring-db-cpu", props: { alarmActions: ["arn:aws:sns:us-west-2:1:alerts"], tags: env("staging") } }],
        variants: [
            { label: "no actions", set: [[0, "alarmActions", []]], found: "found []" },
            { label: "actions disabled", set: [[0, "actionsEnabled", false]], found: "found false" },
        ],
        unknown: [0, "alarmActions"],
    },
    {
        policy: P.gcpMonitoringRequireNotificationChannels,
        type: T.gcp.alertPolicy,
        fixtures: [{ type: T.gcp.alertPolicy, name: "monitoring-cpu", props: { notificationChannels: ["projects/p/notificationChannels/1"], userLabels: env("staging") } }],
        variants: [{ label: "no channels", set: [[0, "notificationChannels", []]], found: "found []" }],
        unknown: [0, "notificationChannels"],
    },
    {
        policy: P.azureMonitorRequireAlertActions,
        type: T.azure.metricAlert,
        fixtures: [{ type: T.azure.metricAlert, name: "monitoring-cpu", props: { actions: [{ actionGroupId: "/subscriptions/s/.../actionGroups/alerts" }], enabled: true, tags: env("staging") } }],
        variants: [
            { label: "no actions", set: [[0, "actions", []]], found: "found []" },
            { label: "disabled", set: [[0, "enabled", false]], found: "found false" },
        ],
        unknown: [0, "actions"],
    },
    // ---- default security group
    {
        policy: P.awsVpcRequireClosedDefaultSecurityGroup,
        type: T.aws.vpc,
        fixtures: [vpc(), defaultSg()],
        variants: [
            { label: "default group not managed", remove: [1], found: "no DefaultSecurityGroup" },
            { label: "self-referencing ingress", set: [[1, "ingress", [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }]]], found: '"self":true' },
            { label: "all egress", set: [[1, "egress", [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }]]], found: "0.0.0.0/0" },
        ],
        unknown: [1, "ingress"],
    },
    // ---- images by digest (advisory by default; the variants make it mandatory)
    ...Object.keys(POD_SPEC_PATHS).map((type): PolicyCase => ({
        policy: P.kubernetesPodRequireImageDigest,
        type,
        fixtures: [workload(type)],
        variants: [{ label: "image by tag", set: [[0, podImagePath(type), "ghcr.io/acme/api:1.4.2"]], config: mandatory, found: '"ghcr.io/acme/api:1.4.2"' }],
        unknown: [0, podImagePath(type)],
    })),
    {
        policy: P.awsEcsRequireImageDigest,
        type: T.aws.ecsTaskDefinition,
        fixtures: [{ type: T.aws.ecsTaskDefinition, name: "service-api-task", props: { family: "platform-api", containerDefinitions: JSON.stringify([{ name: "api", image: DIGEST }]), tags: env() } }],
        variants: [{ label: "image by tag", set: [[0, "containerDefinitions", JSON.stringify([{ name: "api", image: "ghcr.io/acme/api:1.4.2" }])]], config: mandatory, found: '"ghcr.io/acme/api:1.4.2"' }],
        unknown: [0, "containerDefinitions"],
    },
    {
        policy: P.gcpCloudrunRequireImageDigest,
        type: T.gcp.cloudRunService,
        fixtures: [{ type: T.gcp.cloudRunService, name: "service-api-service", props: { template: { containers: [{ name: "api", image: DIGEST }] }, labels: env() } }],
        variants: [{ label: "image by tag", set: [[0, "template.containers.0.image", "ghcr.io/acme/api:1.4.2"]], config: mandatory, found: '"ghcr.io/acme/api:1.4.2"' }],
        unknown: [0, "template.containers.0.image"],
    },
    {
        policy: P.azureAppRequireImageDigest,
        type: T.azure.containerApp,
        fixtures: [{ type: T.azure.containerApp, name: "service-api-app", props: { template: { containers: [{ name: "api", image: DIGEST }] }, tags: env() } }],
        variants: [{ label: "image by tag", set: [[0, "template.containers.0.image", "ghcr.io/acme/api:1.4.2"]], config: mandatory, found: '"ghcr.io/acme/api:1.4.2"' }],
        unknown: [0, "template.containers.0.image"],
    },
    {
        // GKE: the BackendConfig named per port, next to a Service with an unparsable annotation and one with none.
        policy: P.kubernetesIngressRequireWaf,
        type: T.kubernetes.ingress,
        fixtures: [
            gceIngress(),
            { ...gkeService(), props: { metadata: { name: "api", annotations: { "cloud.google.com/backend-config": JSON.stringify({ ports: { "443": "api-backend" } }) } } } },
            backendConfig(),
            { ...gkeService(), name: "service-broken-service", props: { metadata: { name: "broken", annotations: { "cloud.google.com/backend-config": "{not json" } } } },
            { ...gkeService(), name: "service-plain-service", props: { metadata: { name: "plain" } } },
        ],
        variants: [
            { label: "per-port BackendConfig without Cloud Armor", set: [[2, "spec.securityPolicy", undefined]], found: '["api-backend"]' },
            { label: "per-port BackendConfig names another config", set: [[1, "metadata.annotations", { "cloud.google.com/backend-config": JSON.stringify({ ports: { "443": "other" } }) }]], found: "no BackendConfig on its Services" },
            { label: "ALB WAF annotation empty", set: [[0, "metadata.annotations", { "kubernetes.io/ingress.class": "alb", "alb.ingress.kubernetes.io/wafv2-acl-arn": "" }]], found: '"alb"' },
        ],
        unknown: [2, "spec.securityPolicy"],
    },
    // The access-log attribute first in the list, or after a comma and a space.
    ...["access_logs.s3.enabled=true,access_logs.s3.bucket=logs", "idle_timeout.timeout_seconds=60, access_logs.s3.enabled=true"].map((attrs): PolicyCase => ({
        policy: P.kubernetesIngressRequireAccessLogs,
        type: T.kubernetes.ingress,
        fixtures: [{ ...albIngress(), props: { ...albIngress().props, metadata: { name: "platform-ingress", labels: env(), annotations: { "alb.ingress.kubernetes.io/load-balancer-attributes": attrs } } } }],
        variants: [{ label: `attributes "${attrs}" with the flag off`, set: [[0, "metadata.annotations", { "alb.ingress.kubernetes.io/load-balancer-attributes": attrs.replace("enabled=true", "enabled=false") }]], found: "access_logs.s3.enabled=false" }],
        unknown: [0, "spec"],
    })),
    // ---- high availability: the shapes each policy leaves to another resource, and the other ways to say "replicated"
    {
        // An Aurora member: the cluster spreads its instances over zones.
        policy: P.awsRdsRequireMultiAz,
        type: T.aws.rdsInstance,
        fixtures: [{ type: T.aws.rdsInstance, name: "database-instance", props: { engine: "aurora-postgresql", clusterIdentifier: "platform-db", tags: env() } }],
        variants: [{ label: "not an Aurora member after all", set: [[0, "clusterIdentifier", undefined]], found: "found not set" }],
        unknown: [0, "multiAz"],
    },
    {
        // Cluster mode: shards with replicasPerNodeGroup (numCacheClusters unset).
        policy: P.awsElasticacheRequireAutomaticFailover,
        type: T.aws.elasticacheReplicationGroup,
        fixtures: [{ type: T.aws.elasticacheReplicationGroup, name: "cache-replication-group", props: { numNodeGroups: 2, replicasPerNodeGroup: 1, automaticFailoverEnabled: true, multiAzEnabled: true, tags: env() } }],
        variants: [
            { label: "no replica per shard", set: [[0, "replicasPerNodeGroup", 0]], found: "found 1" },
            { label: "neither node count set", set: [[0, "replicasPerNodeGroup", undefined]], found: "not set (1 node)" },
        ],
        unknown: [0, "replicasPerNodeGroup"],
    },
    {
        // A read replica: the primary holds the availability setting.
        policy: P.gcpSqlRequireHighAvailability,
        type: T.gcp.sqlInstance,
        fixtures: [{ type: T.gcp.sqlInstance, name: "database-replica", props: { masterInstanceName: "platform-prod-postgres", settings: { availabilityType: "ZONAL", userLabels: env() } } }],
        variants: [{ label: "not a replica after all", set: [[0, "masterInstanceName", undefined]], found: '"ZONAL"' }],
        unknown: [0, "settings.availabilityType"],
    },
    {
        // A read replica: no standby of its own; SameZone counts where the region has no zones.
        policy: P.azurePostgresqlRequireHighAvailability,
        type: T.azure.postgresServer,
        fixtures: [{ type: T.azure.postgresServer, name: "database-replica", props: { createMode: "Replica", tags: env() } }],
        variants: [
            { label: "created as a primary", set: [[0, "createMode", "Default"]], found: "not set (Disabled)" },
            { label: "point-in-time restore without a standby", set: [[0, "createMode", "PointInTimeRestore"], [0, "highAvailability", { mode: "Disabled" }]], found: '"Disabled"' },
        ],
        unknown: [0, "createMode"],
    },
    {
        policy: P.azurePostgresqlRequireHighAvailability,
        type: T.azure.postgresServer,
        fixtures: [{ type: T.azure.postgresServer, name: "database-server", props: { highAvailability: { mode: "SameZone" }, tags: env() } }],
        variants: [{ label: "SameZone turned off", set: [[0, "highAvailability.mode", "Disabled"]], found: '"Disabled"' }],
        unknown: [0, "highAvailability"],
    },
    {
        // Standard (one replica, no replica count) and the newer replicasPerPrimary name.
        policy: P.azureRedisRequireHighAvailability,
        type: T.azure.redis,
        fixtures: [{ type: T.azure.redis, name: "cache-redis", props: { sku: { name: "Standard", family: "C", capacity: 1 }, tags: env() } }],
        variants: [
            { label: "no SKU", set: [[0, "sku", undefined]], found: "found not set" },
            { label: "Premium with no replica per primary", set: [[0, "sku", { name: "Premium", family: "P", capacity: 1 }], [0, "replicasPerPrimary", 0]], found: "found 0" },
        ],
        unknown: [0, "sku"],
    },
];
