import * as assert from "assert";
import { CLOUDS, Cloud, Environment } from "../../components/config";
import { AZURE_AUDIT_TABLES } from "../../policy/policies/logging";
import { T } from "../../policy/policies/types";
import { analyzerResources, evaluatePack, evaluatePolicies, Evaluation, packEvaluationOptions } from "../../tools/engine/policies";
import type { RecordedResource } from "../../tools/engine/recording-monitor";
import { ENVIRONMENTS, planFor } from "../support/harness";

/*
 * Mutation suite: from each real plan, weaken one guarded setting at a time (data-driven
 * table), re-evaluate the whole pack over the mutated recording (no re-run of the program)
 * and require a NEW mandatory violation. Prints "caught N of M mutations".
 */

const K8S_DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const K8S_INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
const K8S_CONTAINER = "spec.template.spec.containers.0";
const GKE_BACKEND_CONFIG = "kubernetes:cloud.google.com/v1:BackendConfig";
const AKS_NGINX_CONTROLLER = "kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController";

type Edit = (target: RecordedResource, all: RecordedResource[]) => RecordedResource[];

interface Mutation {
    type: string;
    label: string;
    /** Only in this environment (production-only guards). */
    env?: Environment;
    /** Only resources whose inputs satisfy this. */
    when?: (inputs: Record<string, any>) => boolean;
    edit: Edit;
}

/** Copies along `path` only (the rest of the inputs, which may hold class instances, stays shared). */
function setIn(obj: any, keys: string[], value: unknown): any {
    const [k, ...rest] = keys;
    const copy = Array.isArray(obj) ? [...obj] : { ...(obj ?? {}) };
    if (rest.length === 0) {
        if (value === undefined) delete copy[k!];
        else copy[k!] = value;
    } else {
        copy[k!] = setIn(copy[k!], rest, value);
    }
    return copy;
}

const prop =
    (path: string, value: unknown): Edit =>
    (t, all) =>
        all.map((r) => (r === t ? { ...r, rawInputs: setIn(r.rawInputs, path.split("."), value) } : r));
const update =
    (fn: (inputs: Record<string, any>) => Record<string, any>): Edit =>
    (t, all) =>
        all.map((r) => (r === t ? { ...r, rawInputs: fn(r.rawInputs) } : r));
const drop = (): Edit => (t, all) => all.filter((r) => r !== t);

/** Removes one annotation of a Kubernetes object. */
const withoutAnnotation = (name: string): Edit =>
    update((i) => {
        const { [name]: _removed, ...rest } = i.metadata?.annotations ?? {};
        return { ...i, metadata: { ...i.metadata, annotations: rest } };
    });
const isAuditLogGroup = (i: Record<string, any>) => /^(\/vpc\/|aws-waf-logs-|\/aws\/eks\/)/.test(String(i.name));
const isObjectAccessLogLifecycle = (i: Record<string, any>) => i.rules?.[0]?.filter?.prefix === "s3/";
const isGatewayDiagnostics = (i: Record<string, any>) => /applicationGateways\//.test(String(i.resourceUri));

const isHttps = (i: Record<string, any>) => String(i.protocol).toUpperCase() === "HTTPS";
const isHttp = (i: Record<string, any>) => String(i.protocol).toUpperCase() === "HTTP";

export const MUTATIONS: Mutation[] = [
    // AWS
    { type: T.aws.rdsInstance, label: "storageEncrypted=false", edit: prop("storageEncrypted", false) },
    { type: T.aws.rdsInstance, label: "publiclyAccessible=true", edit: prop("publiclyAccessible", true) },
    { type: T.aws.rdsInstance, label: "backupRetentionPeriod=1", edit: prop("backupRetentionPeriod", 1) },
    { type: T.aws.rdsInstance, label: "deletionProtection=false", env: "production", edit: prop("deletionProtection", false) },
    { type: T.aws.rdsInstance, label: "skipFinalSnapshot=true", env: "production", edit: prop("skipFinalSnapshot", true) },
    {
        type: T.aws.rdsParameterGroup,
        label: "rds.force_ssl=0",
        edit: update((i) => ({ ...i, parameters: (i.parameters ?? []).map((p: any) => (p.name === "rds.force_ssl" ? { ...p, value: "0" } : p)) })),
    },
    { type: T.aws.rdsParameterGroup, label: "rds.force_ssl removed", edit: update((i) => ({ ...i, parameters: (i.parameters ?? []).filter((p: any) => p.name !== "rds.force_ssl") })) },
    { type: T.aws.elasticacheReplicationGroup, label: "atRestEncryptionEnabled=false", edit: prop("atRestEncryptionEnabled", false) },
    { type: T.aws.elasticacheReplicationGroup, label: "transitEncryptionEnabled=false", edit: prop("transitEncryptionEnabled", false) },
    { type: T.aws.elasticacheReplicationGroup, label: "transitEncryptionMode=preferred", edit: prop("transitEncryptionMode", "preferred") },
    { type: T.aws.elasticacheReplicationGroup, label: "authToken removed", edit: prop("authToken", undefined) },
    { type: T.aws.elasticacheReplicationGroup, label: "snapshotRetentionLimit=0", env: "production", edit: prop("snapshotRetentionLimit", 0) },
    { type: T.aws.s3Sse, label: "encryption configuration removed", edit: drop() },
    { type: T.aws.s3Sse, label: "sseAlgorithm=none", edit: update((i) => ({ ...i, rules: (i.rules ?? []).map((r: any) => ({ ...r, applyServerSideEncryptionByDefault: { sseAlgorithm: "none" } })) })) },
    { type: T.aws.s3Versioning, label: "versioning Suspended", edit: prop("versioningConfiguration.status", "Suspended") },
    { type: T.aws.s3Versioning, label: "versioning removed", edit: drop() },
    ...(["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"] as const).map((f) => ({ type: T.aws.s3PublicAccessBlock, label: `${f}=false`, edit: prop(f, false) })),
    { type: T.aws.s3PublicAccessBlock, label: "public access block removed", edit: drop() },
    { type: T.aws.s3BucketPolicy, label: "TLS-only statement removed", edit: prop("policy", JSON.stringify({ Version: "2012-10-17", Statement: [] })) },
    { type: T.aws.s3BucketPolicy, label: "bucket policy removed", edit: drop() },
    { type: T.aws.lbListener, label: "HTTPS sslPolicy=ELBSecurityPolicy-2016-08", when: isHttps, edit: prop("sslPolicy", "ELBSecurityPolicy-2016-08") },
    { type: T.aws.lbListener, label: "HTTP listener forwards", when: isHttp, edit: prop("defaultActions", [{ type: "forward", targetGroupArn: "arn:aws:elasticloadbalancing:tg" }]) },
    // AWS production guarantees (issue 14)
    { type: T.aws.rdsInstance, label: "multiAz=false", env: "production", edit: prop("multiAz", false) },
    { type: T.aws.elasticacheReplicationGroup, label: "automaticFailoverEnabled=false", env: "production", edit: prop("automaticFailoverEnabled", false) },
    { type: T.aws.elasticacheReplicationGroup, label: "multiAzEnabled=false", env: "production", edit: prop("multiAzEnabled", false) },
    { type: T.aws.elasticacheReplicationGroup, label: "numCacheClusters=1", env: "production", edit: prop("numCacheClusters", 1) },
    { type: T.aws.elasticacheReplicationGroup, label: "snapshotRetentionLimit=4", env: "production", edit: prop("snapshotRetentionLimit", 4) },
    { type: T.aws.lb, label: "accessLogs disabled", edit: prop("accessLogs.enabled", false) },
    { type: T.aws.wafAssociation, label: "WebACL association removed", env: "production", edit: drop() },
    { type: T.aws.wafLogging, label: "WAF logging removed", edit: drop() },
    { type: T.aws.wafLogging, label: "authorization header no longer redacted", edit: prop("redactedFields", []) },
    { type: T.aws.logGroup, label: "kmsKeyId removed", edit: prop("kmsKeyId", undefined) },
    { type: T.aws.logGroup, label: "audit log group kept 30 days", when: isAuditLogGroup, edit: prop("retentionInDays", 30) },
    { type: T.aws.s3Lifecycle, label: "object-access logs expire after 30 days", when: isObjectAccessLogLifecycle, edit: prop("rules.0.expiration.days", 30) },
    { type: T.aws.metricAlarm, label: "alarmActions removed", edit: prop("alarmActions", []) },
    { type: T.aws.metricAlarm, label: "actionsEnabled=false", edit: prop("actionsEnabled", false) },
    { type: T.aws.defaultSecurityGroup, label: "default SG admits its members", edit: prop("ingress", [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }]) },
    { type: T.aws.defaultSecurityGroup, label: "default SG no longer managed", edit: drop() },
    {
        type: T.aws.ecsTaskDefinition,
        label: "SMTP_PASSWORD as a literal environment value",
        edit: update((i) => ({ ...i, containerDefinitions: JSON.stringify(JSON.parse(i.containerDefinitions).map((c: any, n: number) => (n === 0 ? { ...c, environment: [...(c.environment ?? []), { name: "SMTP_PASSWORD", value: "hunter2hunter2" }] } : c))) })),
    },
    // GCP
    { type: T.gcp.sqlInstance, label: "sslMode=ALLOW_UNENCRYPTED_AND_ENCRYPTED", edit: prop("settings.ipConfiguration.sslMode", "ALLOW_UNENCRYPTED_AND_ENCRYPTED") },
    { type: T.gcp.sqlInstance, label: "ipv4Enabled=true", edit: prop("settings.ipConfiguration.ipv4Enabled", true) },
    { type: T.gcp.sqlInstance, label: "authorizedNetworks 0.0.0.0/0", edit: prop("settings.ipConfiguration.authorizedNetworks", [{ name: "any", value: "0.0.0.0/0" }]) },
    { type: T.gcp.sqlInstance, label: "backups disabled", edit: prop("settings.backupConfiguration.enabled", false) },
    { type: T.gcp.sqlInstance, label: "retainedBackups=3", edit: prop("settings.backupConfiguration.backupRetentionSettings.retainedBackups", 3) },
    { type: T.gcp.sqlInstance, label: "pointInTimeRecoveryEnabled=false", env: "production", edit: prop("settings.backupConfiguration.pointInTimeRecoveryEnabled", false) },
    { type: T.gcp.sqlInstance, label: "deletionProtection=false", env: "production", edit: prop("deletionProtection", false) },
    { type: T.gcp.sqlInstance, label: "deletionProtectionEnabled=false", env: "production", edit: prop("settings.deletionProtectionEnabled", false) },
    { type: T.gcp.redisInstance, label: "transitEncryptionMode=DISABLED", edit: prop("transitEncryptionMode", "DISABLED") },
    { type: T.gcp.redisInstance, label: "authEnabled=false", edit: prop("authEnabled", false) },
    { type: T.gcp.redisInstance, label: "persistence DISABLED", env: "production", edit: prop("persistenceConfig", { persistenceMode: "DISABLED" }) },
    { type: T.gcp.storageBucket, label: "versioning disabled", edit: prop("versioning", { enabled: false }) },
    { type: T.gcp.storageBucket, label: "publicAccessPrevention=inherited", edit: prop("publicAccessPrevention", "inherited") },
    { type: T.gcp.storageBucket, label: "uniformBucketLevelAccess=false", edit: prop("uniformBucketLevelAccess", false) },
    { type: T.gcp.sslPolicy, label: "minTlsVersion=TLS_1_0", edit: prop("minTlsVersion", "TLS_1_0") },
    { type: T.gcp.targetHttpsProxy, label: "sslPolicy removed", edit: prop("sslPolicy", undefined) },
    { type: T.gcp.sqlInstance, label: "availabilityType=ZONAL", env: "production", edit: prop("settings.availabilityType", "ZONAL") },
    { type: T.gcp.redisInstance, label: "tier=BASIC", env: "production", edit: prop("tier", "BASIC") },
    { type: T.gcp.backendService, label: "Cloud Armor policy removed", env: "production", edit: prop("securityPolicy", undefined) },
    { type: T.gcp.backendService, label: "request logging off", edit: prop("logConfig.enable", false) },
    { type: T.gcp.alertPolicy, label: "notificationChannels removed", edit: prop("notificationChannels", []) },
    { type: T.gcp.logBucket, label: "audit bucket kept 30 days", when: (i) => /audit/.test(String(i.bucketId)), edit: prop("retentionDays", 30) },
    { type: T.gcp.logBucket, label: "audit bucket without CMEK", when: (i) => /audit/.test(String(i.bucketId)), edit: prop("cmekSettings", undefined) },
    { type: T.gcp.urlMap, label: "HTTP redirect map serves a backend", when: (i) => !!i.defaultUrlRedirect, edit: update((i) => ({ ...i, defaultUrlRedirect: undefined, defaultService: "projects/p/global/backendServices/app" })) },
    {
        type: T.gcp.cloudRunService,
        label: "SECRET_KEY as a literal env value",
        edit: update((i) => setIn(i, ["template", "containers", "0", "envs"], [...(i.template.containers[0].envs ?? []), { name: "SECRET_KEY", value: "django-insecure" }])),
    },
    // Azure
    { type: T.azure.postgresServer, label: "backupRetentionDays=3", edit: prop("backup.backupRetentionDays", 3) },
    { type: T.azure.postgresServer, label: "publicNetworkAccess=Enabled", edit: prop("network.publicNetworkAccess", "Enabled") },
    {
        type: T.azure.postgresServer,
        label: "unprotected and unlocked",
        env: "production",
        edit: (t, all) =>
            all
                .filter((r) => !((r.type === T.azure.managementLock || r.type === T.azure.managementLockByScope) && (r.options.dependencies.includes(t.urn) || String(r.rawInputs.scope ?? "").endsWith(`/${String(t.rawInputs.serverName)}`))))
                .map((r) => (r === t ? { ...r, options: { ...r.options, protect: false } } : r)),
    },
    { type: T.azure.postgresConfiguration, label: "require_secure_transport=off", when: (i) => i.configurationName === "require_secure_transport", edit: prop("value", "off") },
    { type: T.azure.postgresConfiguration, label: "require_secure_transport removed", when: (i) => i.configurationName === "require_secure_transport", edit: drop() },
    { type: T.azure.redis, label: "enableNonSslPort=true", edit: prop("enableNonSslPort", true) },
    { type: T.azure.redis, label: "minimumTlsVersion=1.0", edit: prop("minimumTlsVersion", "1.0") },
    { type: T.azure.redis, label: "publicNetworkAccess=Enabled", edit: prop("publicNetworkAccess", "Enabled") },
    { type: T.azure.redis, label: "rdbBackupEnabled=false", env: "production", edit: prop("redisConfiguration.rdbBackupEnabled", "false") },
    { type: T.azure.redis, label: "sku Standard", env: "production", edit: prop("sku.name", "Standard") },
    { type: T.azure.storageAccount, label: "enableHttpsTrafficOnly=false", edit: prop("enableHttpsTrafficOnly", false) },
    { type: T.azure.storageAccount, label: "minimumTlsVersion=TLS1_0", edit: prop("minimumTlsVersion", "TLS1_0") },
    { type: T.azure.storageAccount, label: "allowBlobPublicAccess=true", edit: prop("allowBlobPublicAccess", true) },
    { type: T.azure.storageAccount, label: "blob encryption disabled", edit: prop("encryption.services.blob.enabled", false) },
    { type: T.azure.blobServiceProperties, label: "isVersioningEnabled=false", edit: prop("isVersioningEnabled", false) },
    { type: T.azure.blobServiceProperties, label: "blob service properties removed", edit: drop() },
    { type: T.azure.applicationGateway, label: "sslPolicy AppGwSslPolicy20150501", edit: prop("sslPolicy", { policyType: "Predefined", policyName: "AppGwSslPolicy20150501" }) },
    {
        type: T.azure.applicationGateway,
        label: "HTTP listener routed to the backend",
        edit: update((i) => {
            const backend = (i.requestRoutingRules ?? []).find((r: any) => r.backendAddressPool)?.backendAddressPool ?? { id: "/x/backendAddressPools/app" };
            return { ...i, requestRoutingRules: (i.requestRoutingRules ?? []).map((r: any) => (r.redirectConfiguration ? { ...r, redirectConfiguration: undefined, backendAddressPool: backend } : r)) };
        }),
    },
    { type: T.azure.postgresServer, label: "highAvailability Disabled", env: "production", edit: prop("highAvailability", { mode: "Disabled" }) },
    { type: T.azure.redis, label: "sku Basic", env: "production", edit: prop("sku", { name: "Basic", family: "C", capacity: 1 }) },
    { type: T.azure.redis, label: "replicasPerMaster=0", env: "production", when: (i) => typeof i.replicasPerMaster === "number", edit: prop("replicasPerMaster", 0) },
    { type: T.azure.applicationGateway, label: "sku Standard_v2", env: "production", edit: prop("sku", { name: "Standard_v2", tier: "Standard_v2" }) },
    { type: T.azure.applicationGateway, label: "WAF policy detached", env: "production", edit: prop("firewallPolicy", undefined) },
    { type: T.azure.wafPolicy, label: "WAF log scrubbing off", edit: prop("policySettings.logScrubbing.state", "Disabled") },
    { type: T.azure.wafPolicy, label: "authorization header no longer scrubbed", edit: update((i) => setIn(i, ["policySettings", "logScrubbing", "scrubbingRules"], (i.policySettings?.logScrubbing?.scrubbingRules ?? []).filter((r: any) => r.selector !== "authorization"))) },
    { type: T.azure.diagnosticSetting, label: "gateway diagnostics removed", when: isGatewayDiagnostics, edit: drop() },
    { type: T.azure.metricAlert, label: "actions removed", edit: prop("actions", []) },
    { type: T.azure.flowLog, label: "VNet flow log kept 30 days", edit: prop("retentionPolicy", { enabled: true, days: 30 }) },
    { type: T.azure.flowLog, label: "VNet flow log removed", edit: drop() },
    { type: T.azure.logTable, label: "audit table kept 30 days", when: (i) => AZURE_AUDIT_TABLES.includes(i.tableName), edit: prop("totalRetentionInDays", 30) },
    { type: T.azure.containerApp, label: "ingress allowInsecure=true", when: (i) => !!i.configuration?.ingress, edit: prop("configuration.ingress.allowInsecure", true) },
    // Disaster recovery: the copies in the second region (production)
    { type: T.aws.rdsBackupsReplication, label: "backup replication removed", env: "production", edit: drop() },
    { type: T.aws.rdsBackupsReplication, label: "backup replication in the source region", env: "production", edit: prop("region", undefined) },
    { type: T.aws.s3Replication, label: "object replication removed", env: "production", edit: drop() },
    { type: T.aws.s3Replication, label: "replication rule Disabled", env: "production", edit: update((i) => ({ ...i, rules: (i.rules ?? []).map((r: any) => ({ ...r, status: "Disabled" })) })) },
    { type: T.gcp.sqlInstance, label: "backups kept in the instance's region", env: "production", edit: update((i) => setIn(i, ["settings", "backupConfiguration", "location"], i.region)) },
    { type: T.gcp.transferJob, label: "object replication job removed", env: "production", edit: drop() },
    { type: T.gcp.transferJob, label: "object replication job DISABLED", env: "production", edit: prop("status", "DISABLED") },
    { type: T.azure.postgresServer, label: "geoRedundantBackup=Disabled", env: "production", edit: prop("backup.geoRedundantBackup", "Disabled") },
    { type: T.azure.storageAccount, label: "sku Standard_ZRS (no paired-region copy)", env: "production", when: (i) => /GR|GZ/.test(String(i.sku?.name)), edit: prop("sku.name", "Standard_ZRS") },
    {
        type: T.azure.containerApp,
        label: "JWT_SIGNING_KEY as a literal env value",
        edit: update((i) => setIn(i, ["template", "containers", "0", "env"], [...(i.template.containers[0].env ?? []), { name: "JWT_SIGNING_KEY", value: "not-a-secret-ref" }])),
    },
    // Kubernetes runtime (plans with compute.runtime=kubernetes)
    { type: K8S_DEPLOYMENT, label: "container runAsNonRoot=false", edit: prop(`${K8S_CONTAINER}.securityContext.runAsNonRoot`, false) },
    { type: K8S_DEPLOYMENT, label: "container runAsUser=0", edit: prop(`${K8S_CONTAINER}.securityContext.runAsUser`, 0) },
    { type: K8S_DEPLOYMENT, label: "readOnlyRootFilesystem=false", edit: prop(`${K8S_CONTAINER}.securityContext.readOnlyRootFilesystem`, false) },
    { type: K8S_DEPLOYMENT, label: "limits removed", edit: prop(`${K8S_CONTAINER}.resources.limits`, undefined) },
    {
        type: K8S_DEPLOYMENT,
        label: "DATABASE_PASSWORD as a literal env value",
        edit: update((i) => setIn(i, [...K8S_CONTAINER.split("."), "env"], [...(i.spec.template.spec.containers[0].env ?? []), { name: "DATABASE_PASSWORD", value: "hunter2hunter2" }])),
    },
    { type: K8S_INGRESS, label: "ALB WebACL annotation removed", env: "production", when: (i) => !!i.metadata?.annotations?.["alb.ingress.kubernetes.io/wafv2-acl-arn"], edit: withoutAnnotation("alb.ingress.kubernetes.io/wafv2-acl-arn") },
    {
        type: K8S_INGRESS,
        label: "ALB access logs off",
        when: (i) => /access_logs\.s3\.enabled=true/.test(String(i.metadata?.annotations?.["alb.ingress.kubernetes.io/load-balancer-attributes"] ?? "")),
        edit: update((i) => setIn(i, ["metadata", "annotations", "alb.ingress.kubernetes.io/load-balancer-attributes"], String(i.metadata.annotations["alb.ingress.kubernetes.io/load-balancer-attributes"]).replace("access_logs.s3.enabled=true", "access_logs.s3.enabled=false"))),
    },
    { type: GKE_BACKEND_CONFIG, label: "BackendConfig without Cloud Armor", env: "production", edit: prop("spec.securityPolicy", undefined) },
    // AKS: the app-routing controller behind the WAF gateway (made public, or the gateway sent elsewhere).
    { type: AKS_NGINX_CONTROLLER, label: "app-routing controller on a public load balancer", env: "production", edit: prop("spec.loadBalancerAnnotations", {}) },
    {
        type: T.azure.applicationGateway,
        label: "gateway's ingress pool at another address",
        env: "production",
        when: (i) => (i.backendAddressPools ?? []).some((p: any) => p.name === "ingress-pool"),
        edit: update((i) => ({ ...i, backendAddressPools: i.backendAddressPools.map((p: any) => ({ ...p, backendAddresses: [{ ipAddress: "10.0.11.200" }] })) })),
    },
    { type: GKE_BACKEND_CONFIG, label: "BackendConfig logging off", edit: prop("spec.logging.enable", false) },
    { type: K8S_INGRESS, label: "no TLS and no certificate annotation", edit: update((i) => setIn(setIn(i, ["spec", "tls"], undefined), ["metadata", "annotations"], {})) },
];

const key = (v: { policy: string; urn: string; message: string }) => `${v.policy}|${v.urn}|${v.message}`;
const mandatoryKeys = (e: Evaluation) => new Set(e.violations.filter((v) => v.level === "mandatory").map(key));

/** What the baseline evaluation of a plan tells the shortcut below. */
interface Baseline {
    mandatory: Set<string>;
    /** The resource types of the plan. */
    types: Set<string>;
    /** The stack policies that found no subject in the plan (reported not applicable to the stack). */
    stackNotApplicable: Set<string>;
    /** Per stack policy, the URNs of the resources whose props it read. */
    propsRead: Map<string, Set<string>>;
}

async function baselineOf(plan: RecordedResource[]): Promise<Baseline> {
    const options = packEvaluationOptions(plan);
    const propsRead = new Map<string, Set<string>>();
    const onPropsRead = (policy: string, urn: string) => void (propsRead.get(policy) ?? propsRead.set(policy, new Set()).get(policy)!).add(urn);
    // What evaluatePack(plan) does, also noting which resources each stack policy read.
    const evaluation = await evaluatePolicies(analyzerResources(plan), { ...options, onPropsRead });
    return {
        mandatory: mandatoryKeys(evaluation),
        types: new Set(plan.map((r) => r.type)),
        stackNotApplicable: new Set(evaluation.notApplicable.filter((n) => n.urn === options.stackUrn).map((n) => n.policy)),
        propsRead,
    };
}

/** The mutated plan is the plan with some resources' inputs replaced, and nothing else changed (no resource dropped, added, moved, or edited elsewhere). */
function onlyInputsEdited(mutated: RecordedResource[], plan: RecordedResource[]): boolean {
    const sameButInputs = (r: RecordedResource, o: RecordedResource) => {
        const keys = Object.keys(r);
        return keys.length === Object.keys(o).length && keys.every((k) => k === "rawInputs" || r[k as keyof RecordedResource] === o[k as keyof RecordedResource]);
    };
    return mutated.length === plan.length && mutated.every((r, i) => r === plan[i] || sameButInputs(r, plan[i]!));
}

/**
 * The mandatory violations of the whole pack over `mutated` that the baseline did not have.
 * Exactly what a full evaluatePack of `mutated` minus the baseline gives, for a fraction of the
 * work:
 * - A resource policy sees one resource (its inputs, options and provider) and nothing else, so
 *   on a resource the edit left untouched (the same recorded object as in the plan) it reports
 *   what it reported in the baseline, and cannot add a fresh violation. So resource policies
 *   run on the edited resources only. An edit to a provider object changes what its dependents
 *   see: then everything is evaluated.
 * - Stack policies see everything, so they run over the whole mutated list, except those the
 *   baseline found not applicable: a stack policy (policy/policies/support.ts `stackPolicy`)
 *   is not applicable exactly when no resource has one of its subject types, and decides so
 *   before it reads anything else. An edit changes inputs or drops resources, so when the
 *   mutated plan has no type the plan lacked, such a policy has no subject there either.
 *   (An AWS stack policy over a GCP plan used to convert every resource for nothing.)
 *   And when the edit only replaced some resources' inputs, a stack policy that read none of
 *   those resources' props in the baseline is skipped too: a policy is a function of what it
 *   reads, everything else it reads (the list, types, names, options, dependencies, the other
 *   resources' props) is the baseline's, so it takes the same path to the same verdict.
 */
async function freshMandatory(mutated: RecordedResource[], plan: RecordedResource[], baseline: Baseline): Promise<string[]> {
    const original = new Set(plan);
    const edited = mutated.filter((r) => !original.has(r));
    const all = analyzerResources(mutated);
    const options = packEvaluationOptions(mutated);
    const touchesProvider = edited.some((r) => r.type.startsWith("pulumi:providers:"));
    const noNewType = mutated.every((r) => baseline.types.has(r.type));
    const editedUrns = new Set(edited.map((r) => r.urn));
    const inputsOnly = onlyInputsEdited(mutated, plan);
    const stackPolicies = options.policies.filter(
        (p) => !(noNewType && baseline.stackNotApplicable.has(p.name)) && !(inputsOnly && !edited.some((r) => baseline.propsRead.get(p.name)?.has(r.urn))),
    );
    const evaluations = touchesProvider
        ? [await evaluatePolicies(all, options)]
        : [
              await evaluatePolicies(all.filter((r) => editedUrns.has(r.urn)), { ...options, analyzeStack: false }),
              await evaluatePolicies(all, { ...options, policies: stackPolicies, analyzeResources: false }),
          ];
    return evaluations.flatMap((e) => [...mandatoryKeys(e)]).filter((k) => !baseline.mandatory.has(k));
}

let totalTried = 0;
let totalCaught = 0;

describe("policy pack: mutation suite over the real plans", function () {
    after(() => {
        // eslint-disable-next-line no-console
        console.log(`      mutation suite: caught ${totalCaught} of ${totalTried} mutations`);
    });

    for (const runtime of ["managed", "kubernetes"] as const) {
        for (const cloud of CLOUDS as readonly Cloud[]) {
            for (const env of ENVIRONMENTS) {
                const label = runtime === "managed" ? `${cloud}/${env}` : `${cloud}/${env} (kubernetes runtime)`;
                it(`${label}: every weakened guard is caught`, async function () {
                    let run;
                    try {
                        run = await planFor(env, cloud, runtime === "managed" ? [] : ["platform:compute.runtime=kubernetes"]);
                    } catch (err) {
                        if (/not available yet/.test(String((err as Error).message))) this.skip();
                        throw err;
                    }
                    const baseline = await baselineOf(run.recorded);
                    const missed: string[] = [];
                    const typesSeen = new Set<string>();
                    let tried = 0;
                    let caught = 0;
                    for (const m of MUTATIONS) {
                        if (m.env && m.env !== env) continue;
                        for (const target of run.recorded.filter((r) => r.type === m.type && (!m.when || m.when(r.rawInputs)))) {
                            typesSeen.add(m.type);
                            tried++;
                            const mutated = m.edit(target, run.recorded);
                            const fresh = await freshMandatory(mutated, run.recorded, baseline);
                            if (tried % 10 === 1) {
                                // The shortcut must agree with the full evaluation it stands for (checked on a sample).
                                const full = [...mandatoryKeys(await evaluatePack(mutated))].filter((k) => !baseline.mandatory.has(k));
                                assert.deepStrictEqual([...new Set(fresh)].sort(), full.sort(), `${label} ${m.label}: the shortcut evaluation differs from the full one`);
                            }
                            if (fresh.length > 0) caught++;
                            else missed.push(`${m.type} ${target.name}: ${m.label}`);
                        }
                    }
                    totalTried += tried;
                    totalCaught += caught;
                    // eslint-disable-next-line no-console
                    console.log(`        ${label}: caught ${caught} of ${tried} mutations`);
                    assert.ok(tried >= 10, `only ${tried} mutations applied to ${label}: the table no longer matches the program`);
                    if (runtime === "kubernetes") assert.ok(typesSeen.has(K8S_DEPLOYMENT) && typesSeen.has(K8S_INGRESS), "the kubernetes mutations applied");
                    assert.deepStrictEqual(missed, [], `mutations not caught:\n${missed.join("\n")}`);
                });
            }
        }
    }
});
