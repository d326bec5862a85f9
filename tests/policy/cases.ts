import * as P from "../../policy/policies/all";
import type { PlatformPolicy } from "../../policy/policies";
import { T } from "../../policy/policies/types";
import type { Fixture } from "../support/policy-harness";
import { GUARANTEE_CASES } from "./guarantee-cases";
import { DISASTER_RECOVERY_CASES } from "./disaster-recovery-cases";

/*
 * The per-policy table: for every policy and every resource type it covers, a compliant
 * fixture set, the non-compliant variants (each must fail with the resource name, the value
 * found and a fix hint in the message) and a path that is made unknown for the preview case.
 */

export interface Variant {
    label: string;
    /** [fixture index, dotted path, value] edits; `undefined` deletes. */
    set?: Array<[number, string, unknown]>;
    /** Fixture indexes to drop (stack policies: the satellite resource is missing). */
    remove?: number[];
    /** This policy's config for the variant. */
    config?: Record<string, unknown>;
    /** Text the message must contain as the found value. */
    found: string;
}

export interface PolicyCase {
    policy: PlatformPolicy;
    /** The resource type under test (one case per covered type). */
    type: string;
    fixtures: Fixture[];
    /** Index of the resource the violation is about. @default 0 */
    subject?: number;
    variants: Variant[];
    /** [fixture index, path] made unknown for the preview case. */
    unknown: [number, string];
    /** Extra config under which the compliant fixture must still pass (e.g. CMK required). */
    strictConfig?: Record<string, unknown>;
}

const env = (e = "production") => ({ environment: e, app: "platform", "managed-by": "pulumi" });

const rdsInstance = (): Fixture => ({
    type: T.aws.rdsInstance,
    name: "database-instance",
    props: {
        engine: "postgres",
        engineVersion: "16.4",
        storageEncrypted: true,
        kmsKeyId: "arn:aws:kms:us-west-2:123456789012:key/db",
        parameterGroupName: "platform-db-pg16",
        publiclyAccessible: false,
        multiAz: true,
        backupRetentionPeriod: 30,
        deletionProtection: true,
        skipFinalSnapshot: false,
        finalSnapshotIdentifier: "platform-db-final",
        tags: env(),
    },
});
const rdsCluster = (): Fixture => ({
    type: T.aws.rdsCluster,
    name: "database-cluster",
    props: {
        engine: "aurora-postgresql",
        storageEncrypted: true,
        kmsKeyId: "arn:aws:kms:us-west-2:123456789012:key/db",
        dbClusterParameterGroupName: "platform-cluster-pg",
        backupRetentionPeriod: 30,
        deletionProtection: true,
        skipFinalSnapshot: false,
        tags: env(),
    },
});
const redisGroup = (): Fixture => ({
    type: T.aws.elasticacheReplicationGroup,
    name: "cache-replication-group",
    props: {
        engine: "redis",
        atRestEncryptionEnabled: true,
        kmsKeyId: "arn:aws:kms:us-west-2:123456789012:key/cache",
        transitEncryptionEnabled: true,
        transitEncryptionMode: "required",
        authToken: { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "s3cr3t-token-value" },
        snapshotRetentionLimit: 7,
        numCacheClusters: 2,
        automaticFailoverEnabled: true,
        multiAzEnabled: true,
        tags: env(),
    },
});
const bucket = (): Fixture => ({ type: T.aws.s3Bucket, name: "object-store-bucket", props: { bucket: "platform-data-123456789012", tags: env() } });
const sse = (dep = true): Fixture => ({
    type: T.aws.s3Sse,
    name: "object-store-encryption",
    props: { bucket: "platform-data-123456789012", rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms", kmsMasterKeyId: "arn:aws:kms:us-west-2:1:key/s3" }, bucketKeyEnabled: true }] },
    dependsOn: dep ? [0] : [],
});
const versioning = (): Fixture => ({ type: T.aws.s3Versioning, name: "object-store-versioning", props: { bucket: "platform-data-123456789012", versioningConfiguration: { status: "Enabled" } }, dependsOn: [0] });
const pab = (): Fixture => ({
    type: T.aws.s3PublicAccessBlock,
    name: "object-store-public-access-block",
    props: { bucket: "platform-data-123456789012", blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true },
    dependsOn: [0],
});
const bucketPolicy = (): Fixture => ({
    type: T.aws.s3BucketPolicy,
    name: "object-store-policy",
    props: {
        bucket: "platform-data-123456789012",
        policy: JSON.stringify({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "DenyInsecureTransport",
                    Effect: "Deny",
                    Principal: "*",
                    Action: "s3:*",
                    Resource: ["arn:aws:s3:::platform-data-123456789012", "arn:aws:s3:::platform-data-123456789012/*"],
                    Condition: { Bool: { "aws:SecureTransport": "false" } },
                },
            ],
        }),
    },
    dependsOn: [0],
});
const rdsParameterGroup = (): Fixture => ({
    type: T.aws.rdsParameterGroup,
    name: "database-parameter-group",
    props: { name: "platform-db-pg16", family: "postgres16", parameters: [{ name: "log_min_duration_statement", value: "1000" }, { name: "rds.force_ssl", value: "1" }] },
});
const rdsClusterParameterGroup = (): Fixture => ({
    type: T.aws.rdsClusterParameterGroup,
    name: "database-cluster-parameter-group",
    props: { name: "platform-cluster-pg", family: "aurora-postgresql16", parameters: [{ name: "rds.force_ssl", value: "1" }] },
});
const httpsListener = (): Fixture => ({
    type: T.aws.lbListener,
    name: "load-balancer-https",
    props: { protocol: "HTTPS", port: 443, sslPolicy: "ELBSecurityPolicy-TLS13-1-2-2021-06", certificateArn: "arn:aws:acm:...", defaultActions: [{ type: "fixed-response" }] },
});
const httpListener = (type: string = T.aws.lbListener): Fixture => ({
    type,
    name: "load-balancer-http",
    props: { protocol: "HTTP", port: 80, defaultActions: [{ type: "redirect", redirect: { port: "443", protocol: "HTTPS", statusCode: "HTTP_301" } }] },
});

const sqlInstance = (): Fixture => ({
    type: T.gcp.sqlInstance,
    name: "database-instance",
    props: {
        databaseVersion: "POSTGRES_16",
        deletionProtection: true,
        encryptionKeyName: "projects/p/locations/us-central1/keyRings/r/cryptoKeys/sql",
        settings: {
            tier: "db-custom-2-7680",
            availabilityType: "REGIONAL",
            deletionProtectionEnabled: true,
            userLabels: env(),
            ipConfiguration: { ipv4Enabled: false, privateNetwork: "projects/p/global/networks/vpc", sslMode: "ENCRYPTED_ONLY", authorizedNetworks: [] },
            backupConfiguration: { enabled: true, pointInTimeRecoveryEnabled: true, startTime: "03:00", backupRetentionSettings: { retainedBackups: 30, retentionUnit: "COUNT" } },
        },
    },
});
const memorystore = (): Fixture => ({
    type: T.gcp.redisInstance,
    name: "cache-instance",
    props: {
        tier: "STANDARD_HA",
        redisVersion: "REDIS_7_2",
        authEnabled: true,
        transitEncryptionMode: "SERVER_AUTHENTICATION",
        customerManagedKey: "projects/p/locations/us-central1/keyRings/r/cryptoKeys/redis",
        persistenceConfig: { persistenceMode: "RDB", rdbSnapshotPeriod: "TWELVE_HOURS" },
        labels: env(),
    },
});
const gcsBucket = (): Fixture => ({
    type: T.gcp.storageBucket,
    name: "object-store-bucket",
    props: {
        location: "US-CENTRAL1",
        uniformBucketLevelAccess: true,
        publicAccessPrevention: "enforced",
        versioning: { enabled: true },
        encryption: { defaultKmsKeyName: "projects/p/locations/us-central1/keyRings/r/cryptoKeys/gcs" },
        labels: env(),
    },
});
const sslPolicy = (): Fixture => ({ type: T.gcp.sslPolicy, name: "load-balancer-ssl-policy", props: { minTlsVersion: "TLS_1_2", profile: "MODERN" } });
const httpsProxy = (): Fixture => ({ type: T.gcp.targetHttpsProxy, name: "load-balancer-https-proxy", props: { urlMap: "projects/p/global/urlMaps/lb", sslPolicy: "projects/p/global/sslPolicies/lb", sslCertificates: ["c"] } });
const redirectMap = (): Fixture => ({
    type: T.gcp.urlMap,
    name: "load-balancer-http-redirect",
    props: { name: "platform-http-redirect", defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT", stripQuery: false } },
});
const httpProxy = (): Fixture => ({ type: T.gcp.targetHttpProxy, name: "load-balancer-http-proxy", props: { urlMap: "projects/p/global/urlMaps/platform-http-redirect" }, dependsOn: [0] });

const flexServer = (): Fixture => ({
    type: T.azure.postgresServer,
    name: "database-server",
    props: {
        serverName: "platform-production-db",
        version: "16",
        backup: { backupRetentionDays: 30, geoRedundantBackup: "Enabled" },
        highAvailability: { mode: "ZoneRedundant", standbyAvailabilityZone: "2" },
        network: { publicNetworkAccess: "Disabled", delegatedSubnetResourceId: "/subscriptions/s/.../subnets/db" },
        dataEncryption: { type: "AzureKeyVault", primaryKeyURI: "https://kv.vault.azure.net/keys/db/1" },
        tags: env(),
    },
    protect: true,
});
const secureTransport = (): Fixture => ({
    type: T.azure.postgresConfiguration,
    name: "database-require-secure-transport",
    props: { configurationName: "require_secure_transport", serverName: "platform-production-db", value: "on", source: "user-override" },
    dependsOn: [0],
});
const azureRedis = (): Fixture => ({
    type: T.azure.redis,
    name: "cache-redis",
    props: {
        sku: { name: "Premium", family: "P", capacity: 1 },
        enableNonSslPort: false,
        minimumTlsVersion: "1.2",
        publicNetworkAccess: "Disabled",
        redisConfiguration: { rdbBackupEnabled: "true", rdbBackupFrequency: "60" },
        tags: env(),
    },
});
const storageAccount = (): Fixture => ({
    type: T.azure.storageAccount,
    name: "object-store-account",
    props: {
        accountName: "platformproddata",
        kind: "StorageV2",
        enableHttpsTrafficOnly: true,
        minimumTlsVersion: "TLS1_2",
        allowBlobPublicAccess: false,
        encryption: { keySource: "Microsoft.Keyvault", requireInfrastructureEncryption: true, services: { blob: { enabled: true }, file: { enabled: true } } },
        tags: env(),
    },
});
const blobService = (): Fixture => ({
    type: T.azure.blobServiceProperties,
    name: "object-store-blob-service",
    props: { accountName: "platformprodata-other", blobServicesName: "default", isVersioningEnabled: true },
    dependsOn: [0],
});
const gwId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/applicationGateways/gw";
const appGateway = (): Fixture => ({
    type: T.azure.applicationGateway,
    name: "load-balancer-gateway",
    props: {
        sku: { name: "WAF_v2", tier: "WAF_v2" },
        firewallPolicy: { id: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/ApplicationGatewayWebApplicationFirewallPolicies/waf" },
        sslPolicy: { policyType: "Predefined", policyName: "AppGwSslPolicy20220101" },
        httpListeners: [
            { name: "https", protocol: "Https" },
            { name: "http", protocol: "Http" },
        ],
        redirectConfigurations: [{ name: "http-to-https", redirectType: "Permanent", targetListener: { id: `${gwId}/httpListeners/https` }, includePath: true }],
        requestRoutingRules: [
            { name: "https-rule", httpListener: { id: `${gwId}/httpListeners/https` }, backendAddressPool: { id: `${gwId}/backendAddressPools/app` } },
            { name: "http-rule", httpListener: { id: `${gwId}/httpListeners/http` }, redirectConfiguration: { id: `${gwId}/redirectConfigurations/http-to-https` } },
        ],
        tags: env(),
    },
});
const containerApp = (): Fixture => ({
    type: T.azure.containerApp,
    name: "compute-api",
    props: { configuration: { ingress: { external: false, targetPort: 8080, allowInsecure: false } }, tags: env() },
});


// Workloads for the plain-secret-env policies: secret-like names only by reference.
const ecsContainers = (extra: Array<Record<string, unknown>> = []) => JSON.stringify([{
    name: "api",
    image: "ghcr.io/acme/api:1",
    environment: [{ name: "DATABASE_HOST", value: "db.internal" }, { name: "PORT", value: "8080" }, ...extra],
    secrets: [{ name: "DATABASE_PASSWORD", valueFrom: "arn:aws:secretsmanager:us-west-2:123456789012:secret:db" }],
}]);
const ecsTaskDefinition = (): Fixture => ({
    type: T.aws.ecsTaskDefinition,
    name: "service-api-task",
    props: { family: "acme-prod-api", containerDefinitions: ecsContainers(), tags: env() },
});
const cloudRunContainers = () => [{
    name: "api",
    image: "ghcr.io/acme/api:1",
    envs: [{ name: "DATABASE_HOST", value: "10.0.0.5" }, { name: "SECRET_KEY", valueSource: { secretKeyRef: { secret: "projects/p/secrets/k", version: "latest" } } }],
}];
const cloudRunService = (): Fixture => ({
    type: T.gcp.cloudRunService,
    name: "service-api-service",
    props: { location: "us-central1", template: { containers: cloudRunContainers() }, labels: env() },
});
const cloudRunJob = (): Fixture => ({
    type: T.gcp.cloudRunJob,
    name: "job-migrate-job",
    props: { location: "us-central1", template: { template: { containers: cloudRunContainers() } }, labels: env() },
});
const containerAppsTemplate = () => ({
    containers: [{ name: "api", image: "ghcr.io/acme/api:1", env: [{ name: "DATABASE_HOST", value: "db" }, { name: "DATABASE_PASSWORD", secretRef: "database-password" }] }],
});
const containerAppWithEnv = (): Fixture => ({ type: T.azure.containerApp, name: "service-api-app", props: { template: containerAppsTemplate(), tags: env() } });
const containerAppJob = (): Fixture => ({ type: T.azure.containerAppJob, name: "job-migrate-job", props: { template: containerAppsTemplate(), tags: env() } });

export const CASES: PolicyCase[] = [
    // ---- encryption at rest
    {
        policy: P.awsRdsRequireStorageEncryption,
        type: T.aws.rdsInstance,
        fixtures: [rdsInstance()],
        variants: [
            { label: "storageEncrypted false", set: [[0, "storageEncrypted", false]], found: "found false" },
            { label: "storageEncrypted unset", set: [[0, "storageEncrypted", undefined]], found: "found not set" },
            { label: "no CMK when required", set: [[0, "kmsKeyId", undefined]], config: { requireCustomerManagedKeys: true }, found: "found not set" },
        ],
        unknown: [0, "storageEncrypted"],
        strictConfig: { requireCustomerManagedKeys: true },
    },
    {
        policy: P.awsRdsRequireStorageEncryption,
        type: T.aws.rdsCluster,
        fixtures: [rdsCluster()],
        variants: [{ label: "storageEncrypted false", set: [[0, "storageEncrypted", false]], found: "found false" }],
        unknown: [0, "storageEncrypted"],
    },
    {
        policy: P.awsElasticacheRequireAtRestEncryption,
        type: T.aws.elasticacheReplicationGroup,
        fixtures: [redisGroup()],
        variants: [
            { label: "atRestEncryptionEnabled false", set: [[0, "atRestEncryptionEnabled", false]], found: "found false" },
            { label: "no CMK when required", set: [[0, "kmsKeyId", undefined]], config: { requireCustomerManagedKeys: true }, found: "found not set" },
        ],
        unknown: [0, "atRestEncryptionEnabled"],
        strictConfig: { requireCustomerManagedKeys: true },
    },
    {
        policy: P.awsS3RequireBucketEncryption,
        type: T.aws.s3Bucket,
        fixtures: [bucket(), sse()],
        variants: [
            { label: "no SSE configuration", remove: [1], found: "no BucketServerSideEncryptionConfiguration" },
            { label: "invalid algorithm", set: [[1, "rules.0.applyServerSideEncryptionByDefault.sseAlgorithm", "none"]], found: '"none"' },
            { label: "AES256 when CMK required", set: [[1, "rules.0.applyServerSideEncryptionByDefault", { sseAlgorithm: "AES256" }]], config: { requireCustomerManagedKeys: true }, found: '"AES256"' },
        ],
        unknown: [1, "rules"],
        strictConfig: { requireCustomerManagedKeys: true },
    },
    {
        policy: P.gcpSqlRequireCustomerManagedKey,
        type: T.gcp.sqlInstance,
        fixtures: [sqlInstance()],
        variants: [{ label: "no key when CMK required", set: [[0, "encryptionKeyName", undefined]], config: { requireCustomerManagedKeys: true }, found: "found not set" }],
        unknown: [0, "encryptionKeyName"],
        strictConfig: { requireCustomerManagedKeys: true },
    },
    {
        policy: P.gcpRedisRequireCustomerManagedKey,
        type: T.gcp.redisInstance,
        fixtures: [memorystore()],
        variants: [{ label: "no key when CMK required", set: [[0, "customerManagedKey", undefined]], config: { requireCustomerManagedKeys: true }, found: "found not set" }],
        unknown: [0, "customerManagedKey"],
        strictConfig: { requireCustomerManagedKeys: true },
    },
    {
        policy: P.gcpStorageRequireCustomerManagedKey,
        type: T.gcp.storageBucket,
        fixtures: [gcsBucket()],
        variants: [{ label: "no key when CMK required", set: [[0, "encryption", undefined]], config: { requireCustomerManagedKeys: true }, found: "found not set" }],
        unknown: [0, "encryption"],
        strictConfig: { requireCustomerManagedKeys: true },
    },
    {
        policy: P.azurePostgresqlRequireCustomerManagedKey,
        type: T.azure.postgresServer,
        fixtures: [flexServer()],
        variants: [{ label: "system-managed key when CMK required", set: [[0, "dataEncryption", { type: "SystemManaged" }]], config: { requireCustomerManagedKeys: true }, found: '"SystemManaged"' }],
        unknown: [0, "dataEncryption"],
        strictConfig: { requireCustomerManagedKeys: true },
    },
    {
        policy: P.azureStorageRequireEncryption,
        type: T.azure.storageAccount,
        fixtures: [storageAccount()],
        variants: [
            { label: "blob encryption disabled", set: [[0, "encryption.services.blob.enabled", false]], found: "found false" },
            { label: "no infrastructure encryption when required", set: [[0, "encryption.requireInfrastructureEncryption", undefined]], config: { requireInfrastructureEncryption: true }, found: "found not set" },
            { label: "Microsoft.Storage keys when CMK required", set: [[0, "encryption.keySource", "Microsoft.Storage"]], config: { requireCustomerManagedKeys: true }, found: '"Microsoft.Storage"' },
        ],
        unknown: [0, "encryption"],
        strictConfig: { requireCustomerManagedKeys: true, requireInfrastructureEncryption: true },
    },
    // ---- encryption in transit
    {
        policy: P.awsRdsRequireForceSsl,
        type: T.aws.rdsInstance,
        fixtures: [rdsInstance(), rdsParameterGroup()],
        variants: [
            { label: "force_ssl 0", set: [[1, "parameters.1.value", "0"]], found: "rds.force_ssl=0" },
            { label: "no force_ssl parameter", set: [[1, "parameters", [{ name: "log_min_duration_statement", value: "1000" }]]], found: "no rds.force_ssl parameter" },
            { label: "default parameter group", set: [[0, "parameterGroupName", undefined]], remove: [1], found: "the engine's default parameter group" },
        ],
        unknown: [1, "parameters"],
    },
    // MySQL and MariaDB force TLS with require_secure_transport (1 or ON), not rds.force_ssl.
    ...[["mysql", "1"], ["mariadb", "ON"], ["aurora-mysql", "on"]].map(([engine, on]): PolicyCase => ({
        policy: P.awsRdsRequireForceSsl,
        type: T.aws.rdsInstance,
        fixtures: [
            { ...rdsInstance(), props: { ...rdsInstance().props, engine, parameterGroupName: "platform-db-mysql8" } },
            { ...rdsParameterGroup(), props: { name: "platform-db-mysql8", family: "mysql8.0", parameters: [{ name: "require_secure_transport", value: on }] } },
        ],
        variants: [
            { label: `${engine}: require_secure_transport OFF`, set: [[1, "parameters.0.value", "OFF"]], found: "require_secure_transport=OFF" },
            { label: `${engine}: only rds.force_ssl`, set: [[1, "parameters.0.name", "rds.force_ssl"]], found: "no require_secure_transport parameter" },
        ],
        unknown: [1, "parameters"],
    })),
    // An Aurora member instance takes its TLS setting from the cluster's parameter group.
    {
        policy: P.awsRdsRequireForceSsl,
        type: T.aws.rdsInstance,
        fixtures: [{ ...rdsInstance(), props: { ...rdsInstance().props, engine: "aurora-postgresql", clusterIdentifier: "platform-db", parameterGroupName: undefined } }, rdsCluster(), rdsClusterParameterGroup()],
        subject: 1,
        variants: [{ label: "the cluster's force_ssl 0", set: [[2, "parameters.0.value", "0"]], found: "rds.force_ssl=0" }],
        unknown: [2, "parameters"],
    },
    {
        policy: P.awsRdsRequireForceSsl,
        type: T.aws.rdsCluster,
        fixtures: [rdsCluster(), rdsClusterParameterGroup()],
        variants: [{ label: "force_ssl 0", set: [[1, "parameters.0.value", "0"]], found: "rds.force_ssl=0" }],
        unknown: [1, "parameters"],
    },
    {
        // The instance names its group, known by id only (no dependency); a legacy group no database uses and an
        // Aurora member without a group of its own are not the instance's concern.
        policy: P.awsRdsRequireForceSsl,
        type: T.aws.rdsInstance,
        fixtures: [
            rdsInstance(),
            { ...rdsParameterGroup(), props: { id: "platform-db-pg16", family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "1" }] } },
            { ...rdsParameterGroup(), name: "database-legacy-parameter-group", props: { name: "platform-legacy-pg", family: "postgres16", parameters: [{ name: "rds.force_ssl", value: "0" }] } },
            { type: T.aws.rdsInstance, name: "database-aurora-member", props: { engine: "aurora-postgresql", clusterIdentifier: "platform-db", tags: env() } },
        ],
        variants: [
            { label: "group known by id: force_ssl 0", set: [[1, "parameters.0.value", "0"]], found: "rds.force_ssl=0" },
            { label: "instance names the legacy group", set: [[0, "parameterGroupName", "platform-legacy-pg"]], found: "rds.force_ssl=0" },
            { label: "instance names a group of another stack", set: [[0, "parameterGroupName", "platform-shared-pg"]], found: '"platform-shared-pg"' },
        ],
        unknown: [1, "parameters"],
    },
    {
        policy: P.gcpSqlRequireSslMode,
        type: T.gcp.sqlInstance,
        fixtures: [sqlInstance()],
        variants: [
            { label: "ALLOW_UNENCRYPTED_AND_ENCRYPTED", set: [[0, "settings.ipConfiguration.sslMode", "ALLOW_UNENCRYPTED_AND_ENCRYPTED"]], found: '"ALLOW_UNENCRYPTED_AND_ENCRYPTED"' },
            { label: "sslMode unset", set: [[0, "settings.ipConfiguration.sslMode", undefined]], found: "found not set" },
        ],
        unknown: [0, "settings.ipConfiguration.sslMode"],
    },
    {
        policy: P.azurePostgresqlRequireSecureTransport,
        type: T.azure.postgresServer,
        fixtures: [flexServer(), secureTransport()],
        variants: [
            { label: "value off", set: [[1, "value", "off"]], found: "require_secure_transport=off" },
            { label: "no configuration", remove: [1], found: "no require_secure_transport Configuration" },
        ],
        unknown: [1, "value"],
    },
    {
        policy: P.awsElasticacheRequireTransitEncryption,
        type: T.aws.elasticacheReplicationGroup,
        fixtures: [redisGroup()],
        variants: [
            { label: "transit encryption off", set: [[0, "transitEncryptionEnabled", false]], found: "found false" },
            { label: "mode preferred", set: [[0, "transitEncryptionMode", "preferred"]], found: '"preferred"' },
        ],
        unknown: [0, "transitEncryptionEnabled"],
    },
    {
        // The flag as the string "true" (as YAML programs pass it), the mode left to its default.
        policy: P.awsElasticacheRequireTransitEncryption,
        type: T.aws.elasticacheReplicationGroup,
        fixtures: [{ ...redisGroup(), props: { ...redisGroup().props, transitEncryptionEnabled: "true", transitEncryptionMode: undefined } }],
        variants: [
            { label: "the string \"false\"", set: [[0, "transitEncryptionEnabled", "false"]], found: 'found "false"' },
            { label: "unset", set: [[0, "transitEncryptionEnabled", undefined]], found: "found not set" },
            { label: "string flag, mode preferred", set: [[0, "transitEncryptionMode", "preferred"]], found: '"preferred"' },
        ],
        unknown: [0, "transitEncryptionEnabled"],
    },
    {
        policy: P.awsElasticacheRequireAuth,
        type: T.aws.elasticacheReplicationGroup,
        fixtures: [redisGroup()],
        variants: [{ label: "no auth token", set: [[0, "authToken", undefined]], found: "no authToken and no userGroupIds" }],
        unknown: [0, "authToken"],
    },
    {
        // RBAC user groups instead of an AUTH token.
        policy: P.awsElasticacheRequireAuth,
        type: T.aws.elasticacheReplicationGroup,
        fixtures: [{ ...redisGroup(), props: { ...redisGroup().props, authToken: undefined, userGroupIds: ["platform-prod-users"] } }],
        variants: [
            { label: "empty user groups", set: [[0, "userGroupIds", []]], found: "no authToken and no userGroupIds" },
            { label: "user groups not a list", set: [[0, "userGroupIds", "platform-prod-users"]], found: "no authToken and no userGroupIds" },
        ],
        unknown: [0, "userGroupIds"],
    },
    {
        policy: P.gcpRedisRequireTransitEncryption,
        type: T.gcp.redisInstance,
        fixtures: [memorystore()],
        variants: [
            { label: "transit DISABLED", set: [[0, "transitEncryptionMode", "DISABLED"]], found: '"DISABLED"' },
            { label: "auth off", set: [[0, "authEnabled", false]], found: "found false" },
        ],
        unknown: [0, "transitEncryptionMode"],
    },
    {
        policy: P.azureRedisRequireTls,
        type: T.azure.redis,
        fixtures: [azureRedis()],
        variants: [
            { label: "non-SSL port on", set: [[0, "enableNonSslPort", true]], found: "found true" },
            { label: "TLS 1.0", set: [[0, "minimumTlsVersion", "1.0"]], found: '"1.0"' },
        ],
        unknown: [0, "minimumTlsVersion"],
    },
    {
        policy: P.awsS3RequireTlsOnlyPolicy,
        type: T.aws.s3Bucket,
        fixtures: [bucket(), bucketPolicy()],
        variants: [
            { label: "no bucket policy", remove: [1], found: "no bucket policy" },
            { label: "policy without SecureTransport deny", set: [[1, "policy", JSON.stringify({ Statement: [{ Effect: "Allow", Principal: "*", Action: "s3:GetObject" }] })]], found: "without a SecureTransport deny" },
        ],
        unknown: [1, "policy"],
    },
    {
        // The policy as an object (not JSON text), named by the bucket's name only (no dependency), one
        // statement with Action "*" and Principal { AWS: "*" } after an unrelated Allow; each variant breaks one clause.
        policy: P.awsS3RequireTlsOnlyPolicy,
        type: T.aws.s3Bucket,
        fixtures: [
            bucket(),
            {
                ...bucketPolicy(),
                dependsOn: [],
                props: {
                    bucket: "platform-data-123456789012",
                    policy: {
                        Version: "2012-10-17",
                        Statement: [
                            { Sid: "ReadForApp", Effect: "Allow", Principal: { AWS: "arn:aws:iam::123456789012:role/app" }, Action: ["s3:GetObject"], Resource: "*" },
                            { Sid: "DenyInsecureTransport", Effect: "Deny", Principal: { AWS: ["*"] }, Action: ["s3:GetObject", "*"], Resource: "*", Condition: { Bool: { "aws:SecureTransport": false } } },
                        ],
                    },
                },
            },
        ],
        variants: [
            { label: "deny statement turned into allow", set: [[1, "policy.Statement.1.Effect", "Allow"]], found: "without a SecureTransport deny" },
            { label: "deny of one action only", set: [[1, "policy.Statement.1.Action", "s3:GetObject"]], found: "without a SecureTransport deny" },
            { label: "deny for one principal only", set: [[1, "policy.Statement.1.Principal", { AWS: "arn:aws:iam::123456789012:role/app" }]], found: "without a SecureTransport deny" },
            { label: "deny without a principal", set: [[1, "policy.Statement.1.Principal", undefined]], found: "without a SecureTransport deny" },
            { label: "deny of TLS requests instead", set: [[1, "policy.Statement.1.Condition.Bool.aws:SecureTransport", "true"]], found: "without a SecureTransport deny" },
            { label: "deny without a condition", set: [[1, "policy.Statement.1.Condition", undefined]], found: "without a SecureTransport deny" },
            { label: "policy text that is not JSON", set: [[1, "policy", "{\"Statement\": ["]], found: "without a SecureTransport deny" },
            { label: "policy is a number", set: [[1, "policy", 42]], found: "without a SecureTransport deny" },
            { label: "policy names another bucket", set: [[1, "bucket", "platform-other-123456789012"]], found: "no bucket policy" },
        ],
        unknown: [1, "policy"],
    },
    {
        policy: P.azureStorageRequireHttps,
        type: T.azure.storageAccount,
        fixtures: [storageAccount()],
        variants: [
            { label: "http allowed", set: [[0, "enableHttpsTrafficOnly", false]], found: "found false" },
            { label: "TLS 1.0", set: [[0, "minimumTlsVersion", "TLS1_0"]], found: '"TLS1_0"' },
        ],
        unknown: [0, "minimumTlsVersion"],
    },
    {
        policy: P.awsLbRequireModernTls,
        type: T.aws.lbListener,
        fixtures: [httpsListener()],
        variants: [
            { label: "TLS 1.0 policy", set: [[0, "sslPolicy", "ELBSecurityPolicy-2016-08"]], found: '"ELBSecurityPolicy-2016-08"' },
            { label: "no policy", set: [[0, "sslPolicy", undefined]], found: "default ELBSecurityPolicy-2016-08" },
        ],
        unknown: [0, "sslPolicy"],
    },
    {
        policy: P.awsLbRequireModernTls,
        type: T.aws.albListener,
        fixtures: [{ ...httpsListener(), type: T.aws.albListener }],
        variants: [{ label: "TLS 1.1 policy", set: [[0, "sslPolicy", "ELBSecurityPolicy-TLS-1-1-2017-01"]], found: '"ELBSecurityPolicy-TLS-1-1-2017-01"' }],
        unknown: [0, "sslPolicy"],
    },
    {
        policy: P.awsLbRequireHttpRedirect,
        type: T.aws.lbListener,
        fixtures: [httpListener()],
        variants: [
            { label: "forwards", set: [[0, "defaultActions", [{ type: "forward", targetGroupArn: "arn:tg" }]]], found: '["forward"]' },
            { label: "redirect to HTTP", set: [[0, "defaultActions.0.redirect.protocol", "HTTP"]], found: '["redirect to HTTP"]' },
        ],
        unknown: [0, "defaultActions"],
    },
    {
        policy: P.awsLbRequireHttpRedirect,
        type: T.aws.albListener,
        fixtures: [httpListener(T.aws.albListener)],
        variants: [{ label: "forwards", set: [[0, "defaultActions", [{ type: "forward" }]]], found: '["forward"]' }],
        unknown: [0, "defaultActions"],
    },
    {
        policy: P.gcpComputeRequireTls12SslPolicy,
        type: T.gcp.sslPolicy,
        fixtures: [sslPolicy()],
        variants: [
            { label: "TLS 1.0", set: [[0, "minTlsVersion", "TLS_1_0"]], found: '"TLS_1_0"' },
            { label: "unset", set: [[0, "minTlsVersion", undefined]], found: "defaults to TLS_1_0" },
        ],
        unknown: [0, "minTlsVersion"],
    },
    {
        policy: P.gcpComputeRequireTls12SslPolicy,
        type: T.gcp.targetHttpsProxy,
        fixtures: [httpsProxy()],
        variants: [{ label: "no SSL policy", set: [[0, "sslPolicy", undefined]], found: "found not set" }],
        unknown: [0, "sslPolicy"],
    },
    {
        policy: P.gcpComputeRequireHttpRedirect,
        type: T.gcp.targetHttpProxy,
        fixtures: [redirectMap(), httpProxy()],
        subject: 1,
        variants: [
            { label: "map serves a backend", set: [[0, "defaultUrlRedirect", undefined], [0, "defaultService", "projects/p/global/backendServices/app"]], found: '"defaultService":"projects/p/global/backendServices/app"' },
            { label: "httpsRedirect false", set: [[0, "defaultUrlRedirect.httpsRedirect", false]], found: '"httpsRedirect":false' },
        ],
        unknown: [0, "defaultUrlRedirect"],
    },
    {
        // The proxy names its map by selfLink (no dependency); a second map that serves a backend is not the proxy's.
        policy: P.gcpComputeRequireHttpRedirect,
        type: T.gcp.targetHttpProxy,
        fixtures: [
            { ...redirectMap(), props: { ...redirectMap().props, name: undefined, selfLink: "https://www.googleapis.com/compute/v1/projects/p/global/urlMaps/platform-http-redirect" } },
            { ...httpProxy(), dependsOn: [], props: { urlMap: "https://www.googleapis.com/compute/v1/projects/p/global/urlMaps/platform-http-redirect" } },
            { type: T.gcp.urlMap, name: "load-balancer-https-map", props: { name: "platform-https", defaultService: "projects/p/global/backendServices/app" } },
        ],
        subject: 1,
        variants: [
            { label: "redirect map with path matchers", set: [[0, "pathMatchers", [{ name: "api", defaultService: "projects/p/global/backendServices/app" }]]], found: '"pathMatchers":1' },
            { label: "proxy on the serving map", set: [[1, "urlMap", "projects/p/global/urlMaps/platform-https"]], found: '"defaultService":"projects/p/global/backendServices/app"' },
            { label: "proxy on a map of another stack", set: [[1, "urlMap", "projects/p/global/urlMaps/elsewhere"]], found: '"projects/p/global/urlMaps/elsewhere"' },
        ],
        unknown: [0, "defaultUrlRedirect"],
    },
    {
        policy: P.azureNetworkRequireAppGatewayTls,
        type: T.azure.applicationGateway,
        fixtures: [appGateway()],
        variants: [
            { label: "old predefined policy", set: [[0, "sslPolicy.policyName", "AppGwSslPolicy20150501"]], found: '"AppGwSslPolicy20150501"' },
            { label: "custom TLS 1.0", set: [[0, "sslPolicy", { policyType: "Custom", minProtocolVersion: "TLSv1_0" }]], found: '"TLSv1_0"' },
            { label: "no policy", set: [[0, "sslPolicy", undefined]], found: "no sslPolicy" },
        ],
        unknown: [0, "sslPolicy"],
    },
    {
        // A CustomV2 policy at TLS 1.3.
        policy: P.azureNetworkRequireAppGatewayTls,
        type: T.azure.applicationGateway,
        fixtures: [{ ...appGateway(), props: { ...appGateway().props, sslPolicy: { policyType: "CustomV2", minProtocolVersion: "TLSv1_3", cipherSuites: [] } } }],
        variants: [
            { label: "CustomV2 TLS 1.1", set: [[0, "sslPolicy.minProtocolVersion", "TLSv1_1"]], found: '"TLSv1_1"' },
            { label: "modern name but a custom type", set: [[0, "sslPolicy", { policyType: "Custom", policyName: "AppGwSslPolicy20220101" }]], found: '"policyType":"Custom"' },
            { label: "TLS 1.2 minimum on a predefined type", set: [[0, "sslPolicy", { policyType: "Predefined", minProtocolVersion: "TLSv1_2" }]], found: '"policyType":"Predefined"' },
        ],
        unknown: [0, "sslPolicy"],
    },
    {
        policy: P.azureNetworkRequireAppGatewayHttpRedirect,
        type: T.azure.applicationGateway,
        fixtures: [appGateway()],
        variants: [
            { label: "HTTP routed to backend", set: [[0, "requestRoutingRules.1", { name: "http-rule", httpListener: { id: `${gwId}/httpListeners/http` }, backendAddressPool: { id: `${gwId}/backendAddressPools/app` } }]], found: "backendAddressPools/app" },
            { label: "temporary redirect", set: [[0, "redirectConfigurations.0.redirectType", "Temporary"]], found: '"redirectType":"Temporary"' },
        ],
        unknown: [0, "requestRoutingRules"],
    },
    {
        // The HTTP listener redirects to an https:// URL; an unrouted HTTP listener serves nothing.
        policy: P.azureNetworkRequireAppGatewayHttpRedirect,
        type: T.azure.applicationGateway,
        fixtures: [{
            ...appGateway(),
            props: {
                ...appGateway().props,
                httpListeners: [{ name: "http", protocol: "Http" }, { name: "http-unused", protocol: "Http" }],
                redirectConfigurations: [{ name: "http-to-url", redirectType: "Permanent", targetUrl: "https://api.example.com", includePath: true }],
                requestRoutingRules: [{ name: "http-rule", httpListener: { id: `${gwId}/httpListeners/http` }, redirectConfiguration: { id: `${gwId}/redirectConfigurations/http-to-url` } }],
            },
        }],
        variants: [
            { label: "redirect to an http:// URL", set: [[0, "redirectConfigurations.0.targetUrl", "http://api.example.com"]], found: '"targetUrl":"http://api.example.com"' },
            { label: "redirect to the other HTTP listener", set: [[0, "redirectConfigurations.0.targetUrl", undefined], [0, "redirectConfigurations.0.targetListener", { id: `${gwId}/httpListeners/http-unused` }]], found: "httpListeners/http-unused" },
            { label: "rule also names a URL path map", set: [[0, "requestRoutingRules.0.urlPathMap", { id: `${gwId}/urlPathMaps/paths` }]], found: '"rule":"http-rule"' },
            { label: "rule names a missing redirect", set: [[0, "requestRoutingRules.0.redirectConfiguration.id", `${gwId}/redirectConfigurations/gone`]], found: '"rule":"http-rule"' },
        ],
        unknown: [0, "redirectConfigurations"],
    },
    {
        policy: P.azureAppDenyInsecureIngress,
        type: T.azure.containerApp,
        fixtures: [containerApp()],
        variants: [{ label: "allowInsecure", set: [[0, "configuration.ingress.allowInsecure", true]], found: "found true" }],
        unknown: [0, "configuration.ingress.allowInsecure"],
    },
    // ---- backup retention
    {
        policy: P.awsRdsRequireBackupRetention,
        type: T.aws.rdsInstance,
        fixtures: [rdsInstance()],
        variants: [
            { label: "7 days in production", set: [[0, "backupRetentionPeriod", 7]], found: "found 7" },
            { label: "unset", set: [[0, "backupRetentionPeriod", undefined]], found: "API default is 1 day" },
            { label: "below a configured minimum", set: [[0, "backupRetentionPeriod", 30]], config: { minimumBackupRetentionDays: { production: 35, staging: 7 } }, found: "found 30" },
        ],
        unknown: [0, "backupRetentionPeriod"],
    },
    {
        policy: P.awsRdsRequireBackupRetention,
        type: T.aws.rdsCluster,
        fixtures: [rdsCluster()],
        variants: [{ label: "1 day", set: [[0, "backupRetentionPeriod", 1]], found: "found 1" }],
        unknown: [0, "backupRetentionPeriod"],
    },
    {
        policy: P.gcpSqlRequireBackups,
        type: T.gcp.sqlInstance,
        fixtures: [sqlInstance()],
        variants: [
            { label: "backups disabled", set: [[0, "settings.backupConfiguration.enabled", false]], found: "found false" },
            { label: "7 retained in production", set: [[0, "settings.backupConfiguration.backupRetentionSettings.retainedBackups", 7]], found: "found 7" },
            { label: "no PITR in production", set: [[0, "settings.backupConfiguration.pointInTimeRecoveryEnabled", false]], found: "found false" },
        ],
        unknown: [0, "settings.backupConfiguration"],
    },
    {
        policy: P.azurePostgresqlRequireBackupRetention,
        type: T.azure.postgresServer,
        fixtures: [flexServer()],
        variants: [
            { label: "7 days in production", set: [[0, "backup.backupRetentionDays", 7]], found: "found 7" },
            { label: "unset", set: [[0, "backup", undefined]], found: "service default is 7 days" },
        ],
        unknown: [0, "backup"],
    },
    {
        policy: P.awsElasticacheRequireSnapshots,
        type: T.aws.elasticacheReplicationGroup,
        fixtures: [redisGroup()],
        variants: [
            { label: "0 in production", set: [[0, "snapshotRetentionLimit", 0]], found: "found 0" },
            { label: "unset in production", set: [[0, "snapshotRetentionLimit", undefined]], found: "defaults to 0" },
            { label: "4 days, under the 5-day minimum", set: [[0, "snapshotRetentionLimit", 4]], found: "found 4" },
            { label: "7 days under a configured 10-day minimum", set: [], config: { minimumSnapshotRetentionDays: 10 }, found: "found 7" },
        ],
        unknown: [0, "snapshotRetentionLimit"],
    },
    {
        policy: P.gcpRedisRequirePersistence,
        type: T.gcp.redisInstance,
        fixtures: [memorystore()],
        variants: [{ label: "persistence disabled", set: [[0, "persistenceConfig.persistenceMode", "DISABLED"]], found: '"DISABLED"' }],
        unknown: [0, "persistenceConfig"],
    },
    {
        policy: P.azureRedisRequireRdbBackup,
        type: T.azure.redis,
        fixtures: [azureRedis()],
        variants: [
            { label: "rdb off", set: [[0, "redisConfiguration.rdbBackupEnabled", "false"]], found: '"false"' },
            { label: "Standard SKU", set: [[0, "sku.name", "Standard"]], found: '"Standard"' },
        ],
        unknown: [0, "redisConfiguration"],
    },
    {
        policy: P.awsS3RequireVersioning,
        type: T.aws.s3Bucket,
        fixtures: [bucket(), versioning()],
        variants: [
            { label: "suspended", set: [[1, "versioningConfiguration.status", "Suspended"]], found: '["Suspended"]' },
            { label: "no versioning resource", remove: [1], found: "no BucketVersioning" },
        ],
        unknown: [1, "versioningConfiguration"],
    },
    {
        policy: P.gcpStorageRequireVersioning,
        type: T.gcp.storageBucket,
        fixtures: [gcsBucket()],
        variants: [
            { label: "disabled", set: [[0, "versioning.enabled", false]], found: "found false" },
            { label: "unset", set: [[0, "versioning", undefined]], found: "found not set" },
        ],
        unknown: [0, "versioning"],
    },
    {
        policy: P.azureStorageRequireBlobVersioning,
        type: T.azure.storageAccount,
        fixtures: [storageAccount(), blobService()],
        variants: [
            { label: "versioning off", set: [[1, "isVersioningEnabled", false]], found: "[false]" },
            { label: "no blob service", remove: [1], found: "no BlobServiceProperties" },
        ],
        unknown: [1, "isVersioningEnabled"],
    },
    // ---- public access
    {
        policy: P.awsRdsDisallowPublicAccess,
        type: T.aws.rdsInstance,
        fixtures: [rdsInstance()],
        variants: [{ label: "public", set: [[0, "publiclyAccessible", true]], found: "found true" }],
        unknown: [0, "publiclyAccessible"],
    },
    {
        policy: P.gcpSqlDisallowPublicIp,
        type: T.gcp.sqlInstance,
        fixtures: [sqlInstance()],
        variants: [
            { label: "public IPv4", set: [[0, "settings.ipConfiguration.ipv4Enabled", true]], found: "found true" },
            { label: "ipv4Enabled unset", set: [[0, "settings.ipConfiguration.ipv4Enabled", undefined]], found: "defaults to true" },
            { label: "0.0.0.0/0 authorized", set: [[0, "settings.ipConfiguration.authorizedNetworks", [{ name: "all", value: "0.0.0.0/0" }]]], found: '["0.0.0.0/0"]' },
        ],
        unknown: [0, "settings.ipConfiguration"],
    },
    {
        policy: P.azurePostgresqlDisallowPublicAccess,
        type: T.azure.postgresServer,
        fixtures: [flexServer()],
        variants: [{ label: "public enabled", set: [[0, "network.publicNetworkAccess", "Enabled"]], found: '"Enabled"' }],
        unknown: [0, "network"],
    },
    {
        policy: P.azureRedisDisallowPublicAccess,
        type: T.azure.redis,
        fixtures: [azureRedis()],
        variants: [
            { label: "public enabled", set: [[0, "publicNetworkAccess", "Enabled"]], found: '"Enabled"' },
            { label: "unset", set: [[0, "publicNetworkAccess", undefined]], found: "defaults to Enabled" },
        ],
        unknown: [0, "publicNetworkAccess"],
    },
    {
        policy: P.awsS3RequirePublicAccessBlock,
        type: T.aws.s3Bucket,
        fixtures: [bucket(), pab()],
        variants: [
            { label: "blockPublicPolicy false", set: [[1, "blockPublicPolicy", false]], found: '{"blockPublicPolicy":false}' },
            { label: "restrictPublicBuckets unset", set: [[1, "restrictPublicBuckets", undefined]], found: '{"restrictPublicBuckets":null}' },
            { label: "no block", remove: [1], found: "no BucketPublicAccessBlock" },
        ],
        unknown: [1, "blockPublicAcls"],
    },
    {
        policy: P.gcpStorageRequirePublicAccessPrevention,
        type: T.gcp.storageBucket,
        fixtures: [gcsBucket()],
        variants: [
            { label: "inherited", set: [[0, "publicAccessPrevention", "inherited"]], found: '"inherited"' },
            { label: "fine-grained ACLs", set: [[0, "uniformBucketLevelAccess", false]], found: "found false" },
        ],
        unknown: [0, "publicAccessPrevention"],
    },
    {
        policy: P.azureStorageDisallowPublicBlobAccess,
        type: T.azure.storageAccount,
        fixtures: [storageAccount()],
        variants: [
            { label: "allowed", set: [[0, "allowBlobPublicAccess", true]], found: "found true" },
            { label: "unset", set: [[0, "allowBlobPublicAccess", undefined]], found: "found not set" },
        ],
        unknown: [0, "allowBlobPublicAccess"],
    },
    // ---- deletion protection
    {
        policy: P.awsRdsRequireDeletionProtection,
        type: T.aws.rdsInstance,
        fixtures: [rdsInstance()],
        variants: [
            { label: "off in production", set: [[0, "deletionProtection", false]], found: "found false" },
            { label: "skip final snapshot", set: [[0, "skipFinalSnapshot", true]], found: "found true" },
        ],
        unknown: [0, "deletionProtection"],
    },
    {
        policy: P.awsRdsRequireDeletionProtection,
        type: T.aws.rdsCluster,
        fixtures: [rdsCluster()],
        variants: [{ label: "off in production", set: [[0, "deletionProtection", false]], found: "found false" }],
        unknown: [0, "deletionProtection"],
    },
    {
        policy: P.gcpSqlRequireDeletionProtection,
        type: T.gcp.sqlInstance,
        fixtures: [sqlInstance()],
        variants: [
            { label: "pulumi-level off", set: [[0, "deletionProtection", false]], found: "found false" },
            { label: "API-level off", set: [[0, "settings.deletionProtectionEnabled", false]], found: "found false" },
        ],
        unknown: [0, "settings.deletionProtectionEnabled"],
    },
    {
        policy: P.azurePostgresqlRequireDeletionProtection,
        type: T.azure.postgresServer,
        fixtures: [flexServer()],
        variants: [{ label: "not protected, no lock", set: [[0, "!protect", false]], found: '{"protect":false,"locks":0}' }],
        unknown: [0, "tags"],
    },
    // Not `protect`ed, but locked: a lock that depends on the server, or one that names it.
    {
        policy: P.azurePostgresqlRequireDeletionProtection,
        type: T.azure.postgresServer,
        fixtures: [
            { ...flexServer(), protect: false },
            { type: T.azure.managementLockByScope, name: "database-lock", props: { level: "CanNotDelete", scope: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/platform-production-db" }, dependsOn: [0] },
        ],
        variants: [
            { label: "the lock only restricts nothing", set: [[1, "level", "NotSpecified"]], found: '{"protect":false,"locks":0}' },
            { label: "the lock is on another server", set: [[1, "!dependsOn", []], [1, "scope", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.DBforPostgreSQL/flexibleServers/other-db"]], found: '{"protect":false,"locks":0}' },
            { label: "no lock at all", remove: [1], found: '{"protect":false,"locks":0}' },
        ],
        // The lock's level unknown at preview: "can't run during preview", never a false "no lock".
        unknown: [1, "level"],
    },
    {
        policy: P.azurePostgresqlRequireDeletionProtection,
        type: T.azure.postgresServer,
        fixtures: [
            { ...flexServer(), protect: false },
            { type: T.azure.managementLock, name: "database-read-only", props: { level: "ReadOnly", resourceName: "platform-production-db", resourceType: "flexibleServers" } },
        ],
        variants: [
            { label: "the lock names another resource", set: [[1, "resourceName", "platform-production-db-2"]], found: '{"protect":false,"locks":0}' },
            { label: "the lock names the server by a path that only ends like it", set: [[1, "resourceName", "x/other-platform-production-db"]], found: '{"protect":false,"locks":0}' },
        ],
        unknown: [1, "level"],
    },
    ...GUARANTEE_CASES,
    // ---- credentials by reference on the managed runtimes
    {
        policy: P.awsEcsDisallowPlainSecretEnv,
        type: T.aws.ecsTaskDefinition,
        fixtures: [ecsTaskDefinition()],
        variants: [
            { label: "literal password", set: [[0, "containerDefinitions", ecsContainers([{ name: "SMTP_PASSWORD", value: "hunter2-hunter2" }])]], found: "env SMTP_PASSWORD with a plain value" },
            { label: "literal API key", set: [[0, "containerDefinitions", ecsContainers([{ name: "STRIPE_API_KEY", value: "sk_live_123" }])]], found: "env STRIPE_API_KEY with a plain value" },
        ],
        unknown: [0, "containerDefinitions"],
    },
    ...[cloudRunService(), cloudRunJob()].map((f): PolicyCase => {
        const base = f.type === T.gcp.cloudRunJob ? "template.template.containers.0.envs" : "template.containers.0.envs";
        return {
            policy: P.gcpCloudrunDisallowPlainSecretEnv,
            type: f.type,
            fixtures: [f],
            variants: [
                { label: "literal secret key", set: [[0, `${base}.1`, { name: "SECRET_KEY", value: "django-insecure-123" }]], found: "env SECRET_KEY with a plain value" },
                { label: "literal token", set: [[0, `${base}.2`, { name: "GITHUB_TOKEN", value: "ghp_123" }]], found: "env GITHUB_TOKEN with a plain value" },
            ],
            unknown: [0, base],
        };
    }),
    ...[containerAppWithEnv(), containerAppJob()].map((f): PolicyCase => ({
        policy: P.azureContainerappsDisallowPlainSecretEnv,
        type: f.type,
        fixtures: [f],
        variants: [
            { label: "literal password", set: [[0, "template.containers.0.env.1", { name: "DATABASE_PASSWORD", value: "hunter2-hunter2" }]], found: "env DATABASE_PASSWORD with a plain value" },
            { label: "literal credential in an init container", set: [[0, "template.initContainers", [{ name: "init", image: "busybox", env: [{ name: "AZURE_CREDENTIALS", value: "{}" }] }]]], found: "env AZURE_CREDENTIALS with a plain value" },
        ],
        unknown: [0, "template.containers"],
    })),
];

CASES.push(...DISASTER_RECOVERY_CASES);

// The deprecated BucketV2 type is guarded like Bucket: same cases with the subject retyped.
for (const c of CASES.filter((x) => x.type === T.aws.s3Bucket)) {
    CASES.push({ ...c, type: T.aws.s3BucketV2, fixtures: c.fixtures.map((f, i) => (i === 0 ? { ...f, type: T.aws.s3BucketV2 } : f)) });
}
