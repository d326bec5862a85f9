import { Cloud, Environment } from "../../components/config";
import { RESERVED_ENV } from "../../components/program-config";

/**
 * One bad value per config rule, with the exact words the user reads. Each case sets `set`
 * (dotted paths under `platform:`, `api` being the service) on a valid stack of `cloud` and
 * `environment`, and names the key the problem must carry, the value as the message prints it
 * and the whole "allowed" text: a rule that loses the key, the value or what is allowed fails.
 */
export interface MessageCase {
    title: string;
    set: Record<string, unknown>;
    cloud?: Cloud;
    environment?: Environment;
    /** The key the problem names, after `platform:`. */
    key: string;
    /** The value as the message line prints it (JSON text, `(missing)`, `[secret]`). */
    shown: string;
    allowed: string;
}

const KUBE = "apiVersion: v1\nkind: Config\n";
const cluster = "clusters: [{name: c, cluster: {server: 'https://10.0.0.1'}}]\n";
const user = "users: [{name: u, user: {token: t0ken-value-1234}}]\n";
const context = "contexts: [{name: x, context: {cluster: c, user: u}}]\n";
const DIGEST = "0123456789abcdef".repeat(4);
const job = { "jobs.migrate.image": "ghcr.io/acme/api:1.0.0", "jobs.migrate.command": ["migrate"] };

export const MESSAGE_CASES: MessageCase[] = [
    // ---- the top level
    { title: "cloud outside the registry", set: { cloud: "oracle" }, key: "cloud", shown: "\"oracle\"", allowed: "one of aws, gcp, azure" },
    { title: "environment missing", set: { environment: undefined }, key: "environment", shown: "(missing)", allowed: "one of production, staging (this key is required)" },
    { title: "appName with upper case", set: { appName: "Shop" }, key: "appName", shown: "\"Shop\"", allowed: "3-12 characters: lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen" },
    { title: "appName with a double hyphen", set: { appName: "my--app" }, key: "appName", shown: "\"my--app\"", allowed: "3-12 characters: lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen" },
    { title: "appName too long", set: { appName: "abcdefghijklm" }, key: "appName", shown: "\"abcdefghijklm\"", allowed: "3-12 characters: lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen" },
    { title: "appName not a string", set: { appName: 42 }, key: "appName", shown: "42", allowed: "a string" },
    { title: "tag key with upper case", set: { "tags.Team": "x" }, key: "tags.Team", shown: "\"Team\"", allowed: "a key that is a lowercase tag key (letters, digits, _ and -, starting with a letter; at most 63)" },
    { title: "tag value with a space", set: { "tags.team": "Payments Team" }, key: "tags.team", shown: "\"Payments Team\"", allowed: "a tag value of at most 63 lowercase letters, digits, _ and - (GCP label rules)" },
    { title: "tag value too long", set: { "tags.team": "a".repeat(64) }, key: "tags.team", shown: "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", allowed: "a tag value of at most 63 lowercase letters, digits, _ and - (GCP label rules)" },
    { title: "tags not a mapping", set: { tags: ["a"] }, key: "tags", shown: "[\"a\"]", allowed: "an object (a YAML mapping)" },
    { title: "unknown top-level key, near a known one", set: { databse: { size: "small" } }, key: "databse", shown: "{\"size\":\"small\"}", allowed: "no such key; did you mean platform:database? (keys are platform:<name> or one listed in README.md \"Config reference\")" },
    { title: "unknown top-level key, near none", set: { zzzzzzzz: 1 }, key: "zzzzzzzz", shown: "1", allowed: "no such key (keys are platform:<name> or one listed in README.md \"Config reference\")" },
    { title: "unknown nested key, near a sibling", set: { "cache.node": 3 }, key: "cache.node", shown: "3", allowed: "no such key; did you mean platform:cache.nodes? (keys are platform:<name> or one listed in README.md \"Config reference\")" },
    { title: "unknown service key, a prefix of a known one", set: { "services.api.imag": "x" }, key: "services.api.imag", shown: "\"x\"", allowed: "no such key; did you mean platform:services.api.image? (keys are platform:<name> or one listed in README.md \"Config reference\")" },
    // ---- the clouds' own sections
    { title: "AWS region unknown, nearest named", set: { "aws.region": "us-west-9" }, key: "aws.region", shown: "\"us-west-9\"", allowed: "an AWS region such as us-west-2; did you mean us-west-1? (the list is providers/aws/regions.ts)" },
    { title: "AWS region empty", set: { "aws.region": "" }, key: "aws.region", shown: "\"\"", allowed: "an AWS region such as us-west-2 (the list is providers/aws/regions.ts)" },
    { title: "Azure location unknown", cloud: "azure", set: { "azure.location": "westeurop" }, key: "azure.location", shown: "\"westeurop\"", allowed: "an Azure location such as eastus; did you mean westeurope? (the list is providers/azure/regions.ts)" },
    { title: "GCP region unknown", cloud: "gcp", set: { "gcp.region": "us-central9" }, key: "gcp.region", shown: "\"us-central9\"", allowed: "a GCP region such as us-central1; did you mean us-central1? (the list is providers/gcp/regions.ts)" },
    { title: "GCP without a project", cloud: "gcp", set: { "gcp.project": undefined }, key: "gcp.project", shown: "(missing)", allowed: "a GCP project id; required when platform:cloud is gcp" },
    { title: "GCP budget without a billing account", cloud: "gcp", set: { "gcp.billingAccount": undefined }, key: "gcp.billingAccount", shown: "(missing)", allowed: "the billing account id the monthly budget watches; required on GCP unless platform:monitoring.budget.enabled is false" },
    { title: "GCP project id too long", cloud: "gcp", set: { "gcp.project": "a".repeat(31) }, key: "gcp.project", shown: "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"", allowed: "a GCP project id (6-30 lowercase letters, digits, hyphens); at most 30 characters" },
    // ---- network
    { title: "CIDR malformed", set: { "network.cidr": "10.0.0.0/33" }, key: "network.cidr", shown: "\"10.0.0.0/33\"", allowed: "an IPv4 CIDR block such as 10.0.0.0/16" },
    { title: "CIDR with host bits", set: { "network.cidr": "10.0.3.7/16" }, key: "network.cidr", shown: "\"10.0.3.7/16\"", allowed: "a network address with no host bits set: 10.0.0.0/16" },
    { title: "CIDR prefix too long for the subnets", set: { "network.cidr": "10.0.0.0/24" }, key: "network.cidr", shown: "\"10.0.0.0/24\"", allowed: "a prefix between /16 and /20, so that every zone gets its subnets" },
    { title: "CIDR prefix too short", set: { "network.cidr": "10.0.0.0/8" }, key: "network.cidr", shown: "\"10.0.0.0/8\"", allowed: "a prefix between /16 and /20, so that every zone gets its subnets" },
    { title: "CIDR text too long", set: { "network.cidr": "10.0.0.0/16".padEnd(19, "0") }, key: "network.cidr", shown: "\"10.0.0.0/1600000000\"", allowed: "at most 18 characters" },
    { title: "zones above 3", cloud: "gcp", set: { "network.zones": 4 }, key: "network.zones", shown: "4", allowed: "an integer <= 3" },
    { title: "zones not whole", cloud: "gcp", set: { "network.zones": 1.5 }, key: "network.zones", shown: "1.5", allowed: "an integer" },
    { title: "one zone in production", cloud: "gcp", environment: "production", set: { "network.zones": 1 }, key: "network.zones", shown: "1", allowed: "2 or 3 in production (high availability needs at least two zones)" },
    { title: "one zone on AWS", set: { "network.zones": 1 }, key: "network.zones", shown: "1", allowed: "2 or 3 on AWS (an Application Load Balancer and an RDS subnet group need two Availability Zones)" },
    // ---- database
    { title: "database size unknown", set: { "database.size": "huge" }, key: "database.size", shown: "\"huge\"", allowed: "one of small, medium, large" },
    { title: "database not a mapping", set: { database: "big" }, key: "database", shown: "\"big\"", allowed: "an object (a YAML mapping)" },
    { title: "storage below 20 GB", set: { "database.storageGb": 19 }, key: "database.storageGb", shown: "19", allowed: "an integer >= 20" },
    { title: "storage a string", set: { "database.storageGb": "lots" }, key: "database.storageGb", shown: "\"lots\"", allowed: "an integer" },
    { title: "backup retention above 35", set: { "database.backupRetentionDays": 36 }, key: "database.backupRetentionDays", shown: "36", allowed: "an integer <= 35" },
    { title: "backup retention below the production floor", environment: "production", set: { "database.backupRetentionDays": 29 }, key: "database.backupRetentionDays", shown: "29", allowed: "30 to 35 days (the production minimum is 30)" },
    { title: "high availability not a boolean", set: { "database.highAvailability": "yes" }, key: "database.highAvailability", shown: "\"yes\"", allowed: "true or false" },
    { title: "database name with upper case", set: { "database.name": "App" }, key: "database.name", shown: "\"App\"", allowed: "a PostgreSQL identifier (lowercase letters, digits, underscores; at most 63)" },
    { title: "extension name malformed", set: { "database.extensions": ["PostGIS"] }, key: "database.extensions[0]", shown: "\"PostGIS\"", allowed: "a PostgreSQL extension name such as postgis or pg_stat_statements" },
    { title: "extension RDS does not offer", set: { "database.extensions": ["postgis", "timescaledb"] }, key: "database.extensions[1]", shown: "\"timescaledb\"", allowed: "an extension RDS supports for PostgreSQL 16: btree_gin, btree_gist, citext, cube, dblink, earthdistance, fuzzystrmatch, hstore, intarray, ltree, pg_buffercache, pg_cron, pg_hint_plan, pg_partman, pg_repack, pg_stat_statements, pg_trgm, pgaudit, pgcrypto, postgis, postgis_raster, postgis_topology, postgres_fdw, tablefunc, unaccent, uuid-ossp, vector" },
    { title: "extension Cloud SQL does not offer", cloud: "gcp", set: { "database.extensions": ["timescaledb"] }, key: "database.extensions[0]", shown: "\"timescaledb\"", allowed: "an extension Cloud SQL supports for PostgreSQL 16: btree_gin, btree_gist, citext, cube, dblink, earthdistance, fuzzystrmatch, hstore, intarray, ltree, pg_buffercache, pg_cron, pg_hint_plan, pg_partman, pg_repack, pg_stat_statements, pg_trgm, pgaudit, pgcrypto, postgis, postgis_raster, postgis_topology, postgres_fdw, tablefunc, unaccent, uuid-ossp, vector" },
    { title: "too many extensions", set: { "database.extensions": Array.from({ length: 33 }, () => "postgis") }, key: "database.extensions", shown: "[\"postgis\",\"postgis\",\"postgis\",\"postgis\",\"postgis\",\"postgis\",\"postgis\",\"postg...", allowed: "at most 32 items" },
    { title: "restore empty", set: { "database.restore": "" }, key: "database.restore", shown: "\"\"", allowed: "at least 1 character" },
    { title: "restore time that is no calendar day", set: { "database.restore": "2026-02-30T09:15:00Z" }, key: "database.restore", shown: "\"2026-02-30T09:15:00Z\"", allowed: "a real date and time in RFC 3339, e.g. 2026-11-30T09:15:00Z" },
    { title: "restore an RDS snapshot id with a double hyphen", set: { "database.restore": "snap--1" }, key: "database.restore", shown: "\"snap--1\"", allowed: "an RFC 3339 time (2026-11-30T09:15:00Z) or an RDS snapshot identifier / ARN (letters, digits, single hyphens, starting with a letter; `rds:` for automated snapshots)" },
    { title: "restore a Cloud SQL backup id that is not digits", cloud: "gcp", set: { "database.restore": "backup-1" }, key: "database.restore", shown: "\"backup-1\"", allowed: "an RFC 3339 time (2026-11-30T09:15:00Z) or a Cloud SQL backup run id (digits, from gcloud sql backups list)" },
    { title: "restore a backup id on Azure", cloud: "azure", set: { "database.restore": "backup-1" }, key: "database.restore", shown: "\"backup-1\"", allowed: "an RFC 3339 time such as 2026-11-30T09:15:00Z (Azure flexible server restores a point in time, not a backup id)" },
    { title: "restore a point in time in a GCP recovery stack", cloud: "gcp", set: { "database.restore": "2026-11-30T09:15:00Z", "dr.role": "recovery" }, key: "database.restore", shown: "\"2026-11-30T09:15:00Z\"", allowed: "a Cloud SQL backup run id in a recovery stack (a clone stays in its source's region; point-in-time restore is for the primary stack)" },
    { title: "restore a point in time in an AWS recovery stack without the backups ARN", set: { "database.restore": "2026-11-30T09:15:00Z", "dr.role": "recovery" }, key: "database.restoreSource", shown: "(missing)", allowed: "the ARN of the replicated automated backups in us-east-2 (pulumi stack output databaseBackupCopy of the primary stack), required to restore a point in time in a recovery stack" },
    { title: "restoreSource without restore", set: { "database.restoreSource": "prod-db" }, key: "database.restoreSource", shown: "\"prod-db\"", allowed: "only together with platform:database.restore" },
    { title: "restoreSource not an RDS identifier", set: { "database.restore": "snap-1", "database.restoreSource": "1db" }, key: "database.restoreSource", shown: "\"1db\"", allowed: "an RDS DB instance identifier, or the ARN of replicated automated backups (arn:aws:rds:<region>:<account>:auto-backup:ab-...)" },
    { title: "restoreSource not a Cloud SQL name", cloud: "gcp", set: { "database.restore": "123", "database.restoreSource": "Prod" }, key: "database.restoreSource", shown: "\"Prod\"", allowed: "a Cloud SQL instance name" },
    { title: "restoreSource not an ARM id", cloud: "azure", set: { "database.restore": "2026-11-30T09:15:00Z", "database.restoreSource": "prod-db" }, key: "database.restoreSource", shown: "\"prod-db\"", allowed: "the ARM id of a flexible server (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.DBforPostgreSQL/flexibleServers/<name>)" },
    // ---- cache
    { title: "cache nodes above 6", set: { "cache.nodes": 7 }, key: "cache.nodes", shown: "7", allowed: "an integer <= 6" },
    { title: "cache nodes above 4 on Azure", cloud: "azure", set: { "cache.nodes": 5 }, key: "cache.nodes", shown: "5", allowed: "1 to 4 on Azure (Azure Cache for Redis Premium has at most 3 replicas)" },
    { title: "one cache node in production", environment: "production", set: { "cache.nodes": 1 }, key: "cache.nodes", shown: "1", allowed: "2 to 6 in production (automatic failover needs a replica)" },
    { title: "snapshot retention below the production floor", environment: "production", set: { "cache.snapshotRetentionDays": 4 }, key: "cache.snapshotRetentionDays", shown: "4", allowed: "5 to 35 days in production" },
    { title: "snapshot retention negative", set: { "cache.snapshotRetentionDays": -1 }, key: "cache.snapshotRetentionDays", shown: "-1", allowed: "an integer >= 0" },
    { title: "key slot unknown", cloud: "azure", set: { "cache.keySlot": "tertiary" }, key: "cache.keySlot", shown: "\"tertiary\"", allowed: "one of primary, secondary" },
    { title: "key slot off Azure", set: { "cache.keySlot": "secondary" }, key: "cache.keySlot", shown: "\"secondary\"", allowed: "unset on aws: only Azure Cache for Redis has two access keys to switch between (see docs/cloud-mapping.md, Cache AUTH rotation)" },
    { title: "key slot on GCP", cloud: "gcp", set: { "cache.keySlot": "primary" }, key: "cache.keySlot", shown: "\"primary\"", allowed: "unset on gcp: only Azure Cache for Redis has two access keys to switch between (see docs/cloud-mapping.md, Cache AUTH rotation)" },
    // ---- object store
    { title: "archive not before expiry", set: { "objectStore.archiveAfterDays": 365, "objectStore.expirationDays": 365 }, key: "objectStore.archiveAfterDays", shown: "365", allowed: "fewer days than objectStore.expirationDays (365)" },
    { title: "temp expiry zero", set: { "objectStore.tempExpirationDays": 0 }, key: "objectStore.tempExpirationDays", shown: "0", allowed: "an integer >= 1" },
    // ---- load balancer
    { title: "domain missing", set: { "loadBalancer.domain": undefined }, key: "loadBalancer.domain", shown: "(missing)", allowed: "a string (this key is required)" },
    { title: "domain not a hostname", set: { "loadBalancer.domain": "not a host" }, key: "loadBalancer.domain", shown: "\"not a host\"", allowed: "a lowercase DNS hostname such as app.example.com" },
    { title: "domain too long", set: { "loadBalancer.domain": `${"a".repeat(250)}.com` }, key: "loadBalancer.domain", shown: "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...", allowed: "a lowercase DNS hostname such as app.example.com; at most 253 characters" },
    { title: "loadBalancer missing", set: { loadBalancer: undefined }, key: "loadBalancer", shown: "(missing)", allowed: "an object (a YAML mapping) (this key is required)" },
    { title: "waf not a boolean", set: { "loadBalancer.waf": "on" }, key: "loadBalancer.waf", shown: "\"on\"", allowed: "true or false" },
    // ---- compute
    { title: "runtime unknown", set: { "compute.runtime": "lambda" }, key: "compute.runtime", shown: "\"lambda\"", allowed: "one of managed, kubernetes" },
    { title: "compute maxReplicas 0", set: { "compute.maxReplicas": 0, "compute.minReplicas": 0 }, key: "compute.maxReplicas", shown: "0", allowed: "at least 1" },
    { title: "compute minReplicas above maxReplicas", set: { "compute.minReplicas": 5, "compute.maxReplicas": 4 }, key: "compute.minReplicas", shown: "5", allowed: "at most compute.maxReplicas (4)" },
    { title: "compute maxReplicas above 1000", set: { "compute.maxReplicas": 1001 }, key: "compute.maxReplicas", shown: "1001", allowed: "an integer <= 1000" },
    { title: "CPU target 96 %", set: { "compute.cpuTargetPercent": 96 }, key: "compute.cpuTargetPercent", shown: "96", allowed: "an integer <= 95" },
    { title: "memory target 9 %", set: { "compute.memoryTargetPercent": 9 }, key: "compute.memoryTargetPercent", shown: "9", allowed: "an integer >= 10" },
    { title: "cooldown above an hour", set: { "compute.scaleInCooldownSeconds": 3601 }, key: "compute.scaleInCooldownSeconds", shown: "3601", allowed: "an integer <= 3600" },
    { title: "log retention not a CloudWatch step", set: { "compute.logRetentionDays": 3 }, key: "compute.logRetentionDays", shown: "3", allowed: "one of 7, 14, 30, 60, 90, 180, 365" },
    { title: "release strategy unknown", set: { "compute.release.strategy": "big-bang" }, key: "compute.release.strategy", shown: "\"big-bang\"", allowed: "one of rolling, canary, blueGreen" },
    { title: "release strategy missing", set: { "compute.release.percent": 10 }, key: "compute.release.strategy", shown: "(missing)", allowed: "one of rolling, canary, blueGreen (this key is required)" },
    { title: "canary share below 1 %", set: { "compute.release.strategy": "canary", "compute.release.percent": 0.5 }, key: "compute.release.percent", shown: "0.5", allowed: "a number >= 1" },
    { title: "canary share above 50 %", set: { "compute.release.strategy": "canary", "compute.release.percent": 51 }, key: "compute.release.percent", shown: "51", allowed: "a number <= 50" },
    { title: "percent without a canary", set: { "compute.release.strategy": "blueGreen", "compute.release.percent": 10 }, key: "compute.release.percent", shown: "10", allowed: "only with strategy canary (the canary's share of traffic)" },
    { title: "bake time above a day", set: { "compute.release.strategy": "canary", "compute.release.bakeMinutes": 1441 }, key: "compute.release.bakeMinutes", shown: "1441", allowed: "an integer <= 1440" },
    { title: "release phase unknown", set: { "compute.releasePhase": "finish" }, key: "compute.releasePhase", shown: "\"finish\"", allowed: "one of deploy, promote, rollback" },
    // ---- audit, kubernetes, kubeconfig
    { title: "audit retention not a step", set: { "audit.logRetentionDays": 100 }, key: "audit.logRetentionDays", shown: "100", allowed: "one of 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653" },
    { title: "kubernetes version not a minor", set: { "kubernetes.version": "1.3" }, key: "kubernetes.version", shown: "\"1.3\"", allowed: "a Kubernetes minor version such as 1.33" },
    { title: "kubernetes version too long", set: { "kubernetes.version": "1.33.0.1" }, key: "kubernetes.version", shown: "\"1.33.0.1\"", allowed: "a Kubernetes minor version such as 1.33" },
    { title: "kubernetes minNodes above maxNodes", set: { "kubernetes.minNodes": 4, "kubernetes.maxNodes": 3 }, key: "kubernetes.minNodes", shown: "4", allowed: "at most kubernetes.maxNodes (3)" },
    { title: "kubernetes maxNodes above 100", set: { "kubernetes.maxNodes": 101 }, key: "kubernetes.maxNodes", shown: "101", allowed: "an integer <= 100" },
    { title: "ingress class with upper case", set: { "kubernetes.ingressClass": "Nginx" }, key: "kubernetes.ingressClass", shown: "\"Nginx\"", allowed: "a Kubernetes resource name (at most 63 lowercase letters, digits, . and -)" },
    { title: "kubeconfig that is not YAML", set: { kubeconfig: "a: [b" }, key: "kubeconfig", shown: "[secret]", allowed: "a kubeconfig document (YAML or JSON; pulumi config set --secret platform:kubeconfig < file); it does not parse as YAML or JSON (line 1)" },
    { title: "kubeconfig that is a list", set: { kubeconfig: "- a\n- b\n" }, key: "kubeconfig", shown: "[secret]", allowed: "a kubeconfig document (YAML or JSON; pulumi config set --secret platform:kubeconfig < file); it is not a mapping" },
    { title: "kubeconfig of another kind", set: { kubeconfig: "apiVersion: v1\nkind: Pod\n" }, key: "kubeconfig", shown: "[secret]", allowed: "a kubeconfig document (YAML or JSON; pulumi config set --secret platform:kubeconfig < file) with kind: Config" },
    { title: "kubeconfig without clusters", set: { kubeconfig: KUBE + user + context }, key: "kubeconfig", shown: "[secret]", allowed: "a kubeconfig document (YAML or JSON; pulumi config set --secret platform:kubeconfig < file) with a non-empty clusters list" },
    { title: "kubeconfig with an unnamed cluster", set: { kubeconfig: KUBE + "clusters: [{cluster: {server: 'https://10.0.0.1'}}]\n" + user + context }, key: "kubeconfig", shown: "[secret]", allowed: "a kubeconfig document (YAML or JSON; pulumi config set --secret platform:kubeconfig < file) with every clusters entry named" },
    { title: "kubeconfig cluster without a server URL", set: { kubeconfig: KUBE + "clusters: [{name: c, cluster: {server: '10.0.0.1'}}]\n" + user + context }, key: "kubeconfig", shown: "[secret]", allowed: "a kubeconfig document (YAML or JSON; pulumi config set --secret platform:kubeconfig < file) whose every cluster has a server URL" },
    { title: "kubeconfig without users", set: { kubeconfig: KUBE + cluster + context }, key: "kubeconfig", shown: "[secret]", allowed: "a kubeconfig document (YAML or JSON; pulumi config set --secret platform:kubeconfig < file) with a non-empty users list" },
    { title: "kubeconfig without contexts", set: { kubeconfig: KUBE + cluster + user }, key: "kubeconfig", shown: "[secret]", allowed: "a kubeconfig document (YAML or JSON; pulumi config set --secret platform:kubeconfig < file) with a non-empty contexts list" },
    { title: "kubeconfig context naming an unknown user", set: { kubeconfig: KUBE + cluster + user + "contexts: [{name: x, context: {cluster: c, user: nobody}}]\n" }, key: "kubeconfig", shown: "[secret]", allowed: "a kubeconfig document (YAML or JSON; pulumi config set --secret platform:kubeconfig < file) whose every context names one of its clusters and users" },
    { title: "kubeconfig current-context naming no context", set: { kubeconfig: KUBE + cluster + user + context + "current-context: other\n" }, key: "kubeconfig", shown: "[secret]", allowed: "a kubeconfig document (YAML or JSON; pulumi config set --secret platform:kubeconfig < file) whose current-context names one of its contexts" },
    { title: "kubeconfig with two contexts and no current one", set: { kubeconfig: KUBE + cluster + user + "contexts: [{name: x, context: {cluster: c, user: u}}, {name: y, context: {cluster: c, user: u}}]\n" }, key: "kubeconfig", shown: "[secret]", allowed: "a kubeconfig document (YAML or JSON; pulumi config set --secret platform:kubeconfig < file) with a current-context (it has several contexts)" },
    { title: "kubeconfig over 1 MiB", set: { kubeconfig: "#".repeat((1 << 20) + 1) }, key: "kubeconfig", shown: "[secret]", allowed: "a kubeconfig document (YAML or JSON; pulumi config set --secret platform:kubeconfig < file) of at most 1 MiB" },
    { title: "kubeconfig under the managed runtime", set: { kubeconfig: KUBE + cluster + user + context, "kubernetes.ingressClass": "nginx" }, key: "kubeconfig", shown: "[secret]", allowed: "only with platform:compute.runtime = kubernetes" },
    { title: "kubeconfig without an ingress class", set: { kubeconfig: KUBE + cluster + user + context, "compute.runtime": "kubernetes" }, key: "kubernetes.ingressClass", shown: "(missing)", allowed: "the ingress class of the existing cluster; required with platform:kubeconfig" },
    // ---- disaster recovery
    { title: "DR region not region-shaped", set: { "dr.region": "US" }, key: "dr.region", shown: "\"US\"", allowed: "a region or location such as us-east-2, us-east1 or westus" },
    { title: "DR region not of the cloud", set: { "dr.region": "westus" }, key: "dr.region", shown: "\"westus\"", allowed: "an AWS region, other than the primary region us-west-2" },
    { title: "DR region the primary region", set: { "dr.region": "us-west-2" }, key: "dr.region", shown: "\"us-west-2\"", allowed: "a region other than the primary region us-west-2" },
    { title: "DR region not the Azure pair", cloud: "azure", set: { "dr.region": "westus2" }, key: "dr.region", shown: "\"westus2\"", allowed: "westus, the Azure paired region of eastus (where geo-redundant backups and storage live)" },
    { title: "no DR pair for the region", set: { "aws.region": "ap-east-1" }, key: "dr.region", shown: "(missing)", allowed: "an AWS region to keep copies in; ap-east-1 has no documented default pair (see docs/disaster-recovery.md)" },
    { title: "DR role unknown", set: { "dr.role": "standby" }, key: "dr.role", shown: "\"standby\"", allowed: "one of primary, recovery" },
    // ---- monitoring
    { title: "alert email without a domain", set: { "monitoring.alertEmail": "oncall" }, key: "monitoring.alertEmail", shown: "\"oncall\"", allowed: "an email address" },
    { title: "alert email too long", set: { "monitoring.alertEmail": `${"a".repeat(60)}@${"b".repeat(190)}.com` }, key: "monitoring.alertEmail", shown: "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@bbbbbbbbbbbbbbb...", allowed: "an email address of at most 254 characters (RFC 5321)" },
    { title: "alert email local part over 64", set: { "monitoring.alertEmail": `${"a".repeat(65)}@example.com` }, key: "monitoring.alertEmail", shown: "\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com\"", allowed: "an email address whose local part (before @) is at most 64 characters (RFC 5321)" },
    { title: "critical destination an empty list", set: { "monitoring.critical": [] }, key: "monitoring.critical", shown: "[]", allowed: "at least 1 item" },
    { title: "warning destination not an address", set: { "monitoring.warning": "ops" }, key: "monitoring.warning", shown: "\"ops\"", allowed: "an email address or a list of them" },
    { title: "runbook URL not a URL", set: { "monitoring.runbookUrl": "docs/runbook" }, key: "monitoring.runbookUrl", shown: "\"docs/runbook\"", allowed: "a URL such as https://github.com/acme/platform/blob/main/docs/runbook.md" },
    { title: "budget amount zero", set: { "monitoring.budget.amount": 0 }, key: "monitoring.budget.amount", shown: "0", allowed: "an integer >= 1" },
    // ---- services
    { title: "no services", set: { services: {} }, key: "services", shown: "{}", allowed: "at least one service" },
    { title: "service name with upper case", set: { "services.Api": { image: "ghcr.io/acme/api:1.0.0" } }, key: "services.Api", shown: "\"Api\"", allowed: "a key that is 1-10 characters: lowercase letters and digits, starting with a letter" },
    { title: "service name reserved", set: { "services.db": { image: "ghcr.io/acme/api:1.0.0" } }, key: "services.db", shown: "\"db\"", allowed: "a service name other than db, cache, alb, targets, http, latency, cluster, aks, alerts, action, agw (reserved: the platform's own alarms and resources use them)" },
    { title: "no service takes HTTP", set: { "services.api.http": undefined }, key: "services", shown: "[\"api\"]", allowed: "at least one service with an `http` route, for the load balancer to front" },
    { title: "two services on one route", set: { "services.web": { image: "ghcr.io/acme/web:1.0.0", http: { pathPrefix: "/" } } }, key: "services.web.http", shown: "{\"pathPrefix\":\"/\"}", allowed: "a route different from service api's (both are */ on Application Load Balancer)" },
    { title: "image missing", set: { "services.api.image": undefined }, key: "services.api.image", shown: "(missing)", allowed: "a string (this key is required)" },
    { title: "image without a tag", set: { "services.api.image": "ghcr.io/acme/api" }, key: "services.api.image", shown: "\"ghcr.io/acme/api\"", allowed: "an image reference: lowercase repository, then :tag (at most 128 of A-Z a-z 0-9 _ . -) and/or @sha256:<64 lowercase hex>, e.g. ghcr.io/acme/api:1.4.2; pin a tag or a digest (no tag means a moving \"latest\")" },
    { title: "image with an upper-case repository", set: { "services.api.image": "ghcr.io/acme/API:1.0.0" }, key: "services.api.image", shown: "\"ghcr.io/acme/API:1.0.0\"", allowed: "an image reference: lowercase repository, then :tag (at most 128 of A-Z a-z 0-9 _ . -) and/or @sha256:<64 lowercase hex>, e.g. ghcr.io/acme/api:1.4.2; the repository must be lowercase" },
    { title: "image with a short digest", set: { "services.api.image": "ghcr.io/acme/api@sha256:abc123" }, key: "services.api.image", shown: "\"ghcr.io/acme/api@sha256:abc123\"", allowed: "an image reference: lowercase repository, then :tag (at most 128 of A-Z a-z 0-9 _ . -) and/or @sha256:<64 lowercase hex>, e.g. ghcr.io/acme/api:1.4.2; a digest is sha256: and exactly 64 lowercase hex digits" },
    { title: "image with a space", set: { "services.api.image": "ghcr.io/acme/api:1 0" }, key: "services.api.image", shown: "\"ghcr.io/acme/api:1 0\"", allowed: "an image reference: lowercase repository, then :tag (at most 128 of A-Z a-z 0-9 _ . -) and/or @sha256:<64 lowercase hex>, e.g. ghcr.io/acme/api:1.4.2" },
    { title: "image repository over 255", set: { "services.api.image": `ghcr.io/${"a".repeat(250)}:1` }, key: "services.api.image", shown: "\"ghcr.io/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa...", allowed: "an image reference: lowercase repository, then :tag (at most 128 of A-Z a-z 0-9 _ . -) and/or @sha256:<64 lowercase hex>, e.g. ghcr.io/acme/api:1.4.2; the repository name is at most 255 characters" },
    { title: "image over 512", set: { "services.api.image": `ghcr.io/acme/api:1@sha256:${DIGEST}`.padEnd(513, "x") }, key: "services.api.image", shown: "\"ghcr.io/acme/api:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef01...", allowed: "at most 512 characters" },
    { title: "port 0", set: { "services.api.port": 0 }, key: "services.api.port", shown: "0", allowed: "an integer >= 1" },
    { title: "port a string", set: { "services.api.port": "80" }, key: "services.api.port", shown: "\"80\"", allowed: "an integer" },
    { title: "health path without a slash", set: { "services.api.healthPath": "health" }, key: "services.api.healthPath", shown: "\"health\"", allowed: "a URL path starting with '/', at most 128 characters of A-Z a-z 0-9 . _ ~ - /, without // or . and .. segments" },
    { title: "readiness path with a dot segment", set: { "services.api.readinessPath": "/a/../b" }, key: "services.api.readinessPath", shown: "\"/a/../b\"", allowed: "a URL path starting with '/', at most 128 characters of A-Z a-z 0-9 . _ ~ - /, without // or . and .. segments" },
    { title: "path prefix with //", set: { "services.api.http.pathPrefix": "/a//b" }, key: "services.api.http.pathPrefix", shown: "\"/a//b\"", allowed: "a URL path starting with '/', at most 128 characters of A-Z a-z 0-9 . _ ~ - /, without // or . and .. segments" },
    { title: "route host with upper case", set: { "services.api.http.host": "App.example.com" }, key: "services.api.http.host", shown: "\"App.example.com\"", allowed: "a lowercase DNS hostname such as app.example.com" },
    { title: "service maxReplicas 0", set: { "services.api.maxReplicas": 0, "services.api.minReplicas": 0 }, key: "services.api.maxReplicas", shown: "0", allowed: "at least 1" },
    { title: "service minReplicas above maxReplicas", set: { "services.api.minReplicas": 3, "services.api.maxReplicas": 2 }, key: "services.api.minReplicas", shown: "3", allowed: "at most services.api.maxReplicas (2)" },
    { title: "command empty", set: { "services.api.command": [] }, key: "services.api.command", shown: "[]", allowed: "at least 1 item" },
    { title: "command over 100 arguments", set: { "services.api.command": Array.from({ length: 101 }, () => "x") }, key: "services.api.command", shown: "[\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",\"x\",...", allowed: "at most 100 items" },
    { title: "command argument over 4096 characters", set: { "services.api.command": ["x".repeat(4097)] }, key: "services.api.command[0]", shown: "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...", allowed: "at most 4096 characters" },
    { title: "env name lower case", set: { "services.api.env": { log_level: "debug" } }, key: "services.api.env.log_level", shown: "\"log_level\"", allowed: "a key that is an upper-case environment variable name of at most 128 characters" },
    { title: "env value not a string", set: { "services.api.env": { LOG_LEVEL: 3 } }, key: "services.api.env.LOG_LEVEL", shown: "3", allowed: "a string" },
    { title: "env over 100 variables", set: { "services.api.env": Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`V${i}`, "x"])) }, key: "services.api.env", shown: "{\"V0\":\"x\",\"V1\":\"x\",\"V2\":\"x\",\"V3\":\"x\",\"V4\":\"x\",\"V5\":\"x\",\"V6\":\"x\",\"V7\":\"x\",\"V8\"...", allowed: "at most 100 variables" },
    { title: "env sets a binding variable", set: { "services.api.env": { PGSSLMODE: "disable" } }, key: "services.api.env.PGSSLMODE", shown: "\"disable\"", allowed: `a name the platform does not set itself (reserved: ${RESERVED_ENV.join(", ")})` },
    { title: "secret in plain text", set: { "services.api.secrets": { API_KEY: "x" } }, key: "services.api.secrets.API_KEY", shown: "[secret]", allowed: "a secure value: set it with pulumi config set --secret --path 'platform:services.api.secrets.API_KEY' (a plain value in the stack file is not accepted)" },
    { title: "secret name with a double underscore", set: { "services.api.secrets": { API__KEY: "x" } }, key: "services.api.secrets.API__KEY", shown: "[secret]", allowed: "a key that is an upper-case environment variable name such as SECRET_KEY (letters, digits, single underscores; at most 64 characters)" },
    { title: "release of a worker", set: { "services.worker": { image: "ghcr.io/acme/w:1.0.0", release: { strategy: "canary" } } }, key: "services.worker.release.strategy", shown: "\"canary\"", allowed: "rolling for a service without `http` (a worker takes no traffic to shift)" },
    { title: "service release percent without a canary", set: { "services.api.release": { strategy: "rolling", percent: 5 } }, key: "services.api.release.percent", shown: "5", allowed: "only with strategy canary (the canary's share of traffic)" },
    // ---- jobs
    { title: "job without a command", set: { ...job, "jobs.migrate.command": [] }, key: "jobs.migrate.command", shown: "[]", allowed: "the command the job runs, e.g. [\"python\", \"manage.py\", \"migrate\"]" },
    { title: "job timeout under a minute", set: { ...job, "jobs.migrate.timeoutSeconds": 59 }, key: "jobs.migrate.timeoutSeconds", shown: "59", allowed: "an integer >= 60" },
    { title: "job database role unknown", set: { ...job, "jobs.migrate.databaseRole": "root" }, key: "jobs.migrate.databaseRole", shown: "\"root\"", allowed: "one of app, admin" },
    { title: "job named like a service", set: { "jobs.api.image": "ghcr.io/acme/api:1.0.0", "jobs.api.command": ["migrate"] }, key: "jobs.api", shown: "\"api\"", allowed: "a name no service has (jobs and services share identities and names)" },
    { title: "job env sets a binding variable", set: { ...job, "jobs.migrate.env": { DATABASE_HOST: "x" } }, key: "jobs.migrate.env.DATABASE_HOST", shown: "\"x\"", allowed: `a name the platform does not set itself (reserved: ${RESERVED_ENV.join(", ")})` },
    { title: "job runBeforeDeploy not a boolean", set: { ...job, "jobs.migrate.runBeforeDeploy": "yes" }, key: "jobs.migrate.runBeforeDeploy", shown: "\"yes\"", allowed: "true or false" },
];

/** A valid stack of the case's cloud and environment with the case's values set (an `undefined` value removes the key). */
export function rawOf(c: Pick<MessageCase, "cloud" | "environment" | "set">): Record<string, any> {
    const cloud = c.cloud ?? "aws";
    const raw: Record<string, any> = {
        cloud,
        environment: c.environment ?? "staging",
        ...(cloud === "gcp" ? { gcp: { project: "acme-prod-1", billingAccount: "01A2B3-C4D5E6-F7A8B9" } } : {}),
        loadBalancer: { domain: "app.example.com" },
        services: { api: { image: "ghcr.io/acme/api:1.0.0", http: { pathPrefix: "/" } } },
    };
    for (const [path, value] of Object.entries(c.set)) {
        const keys = path.split(".");
        let node = raw;
        for (const k of keys.slice(0, -1)) node = node[k] ??= {};
        if (value === undefined) delete node[keys.at(-1)!];
        else node[keys.at(-1)!] = value;
    }
    return raw;
}
