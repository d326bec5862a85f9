import { z } from "zod";
import { RESERVED_ENV } from "./binding-env";
import { schemaAt } from "./keys";
import { rawConfigSchema } from "./schema";
/**
 * The config reference: one row per key of the README's table, in table order. The schema
 * (schema.ts) says which keys exist and what they allow (enum values, numeric bounds, literal
 * lists: `allowedBySchema`), and the tier profiles (tiers.ts) hold the per-tier defaults; this
 * map holds only what neither can say: how a key is written in the table, what a string key
 * allows in words, the note beside a schema-derived rule, and what changing it does. `npm run docs:config` renders it into
 * README.md; tests/config-reference.spec.ts fails when a schema key has no row, a row names no
 * schema key, or the README is stale.
 */

export interface ConfigReferenceRow {
    /** The key column as the README writes it (several related keys may share a row). */
    label: string;
    /** The schema keys the row documents, dotted (`services.<name>.port`). */
    keys: string[];
    /** The row also documents every key below its keys (an object value described as a whole). */
    subtree?: boolean;
    /**
     * What a key allows, in words: only for keys the schema cannot state in a cell (strings
     * with patterns, lists, maps). Keys whose schema is an enum, a bounded number, a boolean or
     * a list of literals get their rule from the schema (`allowedBySchema`), with `note` after it.
     */
    allowed?: string;
    /** Words after the schema-derived rule: in parentheses, or appended as is when it starts with `,`, `;` or `:`. */
    note?: string;
    /**
     * Where the production and staging columns come from: `tier` (each key's value in
     * TIERS, joined by " / "), `schema` (the schema's default, the same on both tiers), or text.
     */
    defaults: "tier" | "schema" | { production: string; staging: string };
    change: string;
}

export const CONFIG_REFERENCE: ConfigReferenceRow[] = [
    { label: "`cloud`", keys: ["cloud"], defaults: { production: "required", staging: "required" }, change: "a different platform: deploy as a new stack" },
    { label: "`environment`", keys: ["environment"], defaults: { production: "required", staging: "required" }, change: "switches the whole tier profile" },
    { label: "`appName`", keys: ["appName"], allowed: "3–12 chars `[a-z][a-z0-9-]`, no `--` (fits GCP names, Azure storage accounts and RDS/ElastiCache identifiers)", defaults: "schema", change: "**renames and replaces everything**" },
    { label: "`tags`", keys: ["tags"], subtree: true, allowed: "map of extra tags/labels", defaults: { production: "—", staging: "—" }, change: "in place" },
    { label: "`aws.region`", keys: ["aws.region"], allowed: "an AWS region (`providers/aws/regions.ts`, the AWS provider's list)", defaults: { production: "`us-west-2`", staging: "`us-west-2`" }, change: "replaces everything" },
    { label: "`gcp.project`, `gcp.region`", keys: ["gcp.project", "gcp.region"], allowed: "project id (required on GCP), a GCP region (`providers/gcp/regions.ts`)", defaults: { production: "—, `us-central1`", staging: "—, `us-central1`" }, change: "replaces everything" },
    { label: "`gcp.billingAccount`", keys: ["gcp.billingAccount"], allowed: "billing account id `XXXXXX-XXXXXX-XXXXXX`; required on GCP while `monitoring.budget.enabled`", defaults: { production: "—", staging: "—" }, change: "in place (the budget)" },
    { label: "`azure.location`, `azure.subscriptionId`", keys: ["azure.location", "azure.subscriptionId"], allowed: "an Azure location (`providers/azure/regions.ts`), UUID", defaults: { production: "`eastus`", staging: "`eastus`" }, change: "replaces everything" },
    { label: "`network.cidr`", keys: ["network.cidr"], allowed: "IPv4 network address (no host bits: `10.0.0.0/16`, not `10.0.3.7/16`), prefix /16–/20", defaults: "tier", change: "**replaces the network and all that is in it**" },
    { label: "`network.zones`", keys: ["network.zones"], note: "≥ 2 in production and on AWS: an ALB and an RDS subnet group need two AZs; ≥ 2 whenever `database.highAvailability` or `cache.nodes` > 1 needs a standby zone", defaults: "tier", change: "adds/removes subnets" },
    { label: "`database.size`", keys: ["database.size"], defaults: "tier", change: "in-place resize (failover)" },
    { label: "`database.storageGb`", keys: ["database.storageGb"], defaults: "tier", change: "grows in place" },
    { label: "`database.backupRetentionDays`", keys: ["database.backupRetentionDays"], note: "never below the tier minimum", defaults: "tier", change: "in place" },
    { label: "`database.highAvailability`", keys: ["database.highAvailability"], defaults: "tier", change: "in place" },
    { label: "`database.deletionProtection`", keys: ["database.deletionProtection"], defaults: "tier", change: "in place" },
    { label: "`database.name`", keys: ["database.name"], allowed: "PostgreSQL identifier", defaults: { production: "`app`", staging: "`app`" }, change: "**replaces the database on GCP/Azure**" },
    { label: "`database.extensions`", keys: ["database.extensions"], allowed: "list of PostgreSQL 16 extensions the stack's cloud offers (`providers/<cloud>/database-extensions.ts`: e.g. `postgis`, `pg_stat_statements`, `pgcrypto`, `uuid-ossp`, `hstore`, `citext`, `pg_trgm`, `vector`, `pg_cron`, `pgaudit`; `timescaledb` on Azure only); an unsupported one fails naming the key, the value and the cloud's list", defaults: { production: "—", staging: "—" }, change: "AWS: `shared_preload_libraries` in the parameter group (pending reboot) for `pg_cron`, `pgaudit`, `pg_hint_plan`; GCP: their `cloudsql.enable_*` flag; Azure: the `azure.extensions` allow-list and `shared_preload_libraries` (static: next restart). `CREATE EXTENSION` is the migration job's (see \"The database identity of services\")" },
    { label: "`database.restore`", keys: ["database.restore"], allowed: "RFC 3339 time (`2026-11-30T09:15:00Z`) or backup id (RDS snapshot id/ARN, Cloud SQL backup run id; Azure: time only)", defaults: { production: "—", staging: "—" }, change: "**creates a new database from it and replaces the old** (see [docs/disaster-recovery.md](docs/disaster-recovery.md))" },
    { label: "`database.restoreSource`", keys: ["database.restoreSource"], allowed: "source instance id / name / ARM id, or RDS replicated-backups ARN; only with `restore`", defaults: { production: "this stack's (or, in a recovery stack, the primary's) database", staging: "—" }, change: "with `restore`" },
    { label: "`dr.region`", keys: ["dr.region"], allowed: "another region of the cloud (Azure: its paired region)", defaults: { production: "AWS `us-east-2`, GCP `us-east1`, Azure `westus` (the pair of the default regions)", staging: "same" }, change: "moves the copies" },
    { label: "`dr.crossRegionCopies`", keys: ["dr.crossRegionCopies"], note: ": database backups and objects copied to `dr.region`", defaults: "tier", change: "in place (Azure geo-backup: set at server creation)" },
    { label: "`dr.role`", keys: ["dr.role"], note: "a recovery stack runs in `dr.region`, names carry its code", defaults: { production: "`primary`", staging: "`primary`" }, change: "a different stack: never change it on a running one" },
    { label: "`cache.size`", keys: ["cache.size"], defaults: "tier", change: "resize in place (GCP BASIC: replace)" },
    { label: "`cache.nodes`", keys: ["cache.nodes"], note: "≥ 2 in production; ≤ 4 on Azure, whose Premium cache has at most 3 replicas", defaults: "tier", change: "in place" },
    { label: "`cache.snapshotRetentionDays`", keys: ["cache.snapshotRetentionDays"], note: "≥ 5 in production", defaults: "tier", change: "in place" },
    { label: "`cache.keySlot`", keys: ["cache.keySlot"], note: "Azure only; rejected on AWS and GCP", defaults: { production: "`primary`", staging: "`primary`" }, change: "which Azure Cache access key the Key Vault secret carries: a new secret version, nothing replaced (see \"Rotating the cache AUTH token\")" },
    { label: "`objectStore.tempExpirationDays`", keys: ["objectStore.tempExpirationDays"], note: "days: `uploads/temp/` expiry", defaults: "tier", change: "in place" },
    { label: "`objectStore.archiveAfterDays` / `expirationDays`", keys: ["objectStore.archiveAfterDays", "objectStore.expirationDays"], note: "days: `exports/` archive / expiry", defaults: "tier", change: "in place" },
    { label: "`loadBalancer.domain`", keys: ["loadBalancer.domain"], allowed: "DNS hostname", defaults: { production: "required", staging: "required" }, change: "re-issues the certificate" },
    { label: "`loadBalancer.waf`", keys: ["loadBalancer.waf"], defaults: "tier", change: "in place" },
    { label: "`loadBalancer.deletionProtection`", keys: ["loadBalancer.deletionProtection"], defaults: "tier", change: "in place" },
    { label: "`compute.runtime`", keys: ["compute.runtime"], defaults: { production: "`managed`", staging: "`managed`" }, change: "moves every service (see \"Compute runtimes\")" },
    { label: "`kubernetes.version`", keys: ["kubernetes.version"], allowed: "Kubernetes minor, e.g. `1.33`", defaults: "tier", change: "in-place upgrade" },
    { label: "`kubernetes.nodeSize`", keys: ["kubernetes.nodeSize"], defaults: "tier", change: "new nodes" },
    { label: "`kubernetes.minNodes` / `maxNodes`", keys: ["kubernetes.minNodes", "kubernetes.maxNodes"], note: ", min ≤ max", defaults: "tier", change: "in place" },
    { label: "`kubernetes.ingressClass`", keys: ["kubernetes.ingressClass"], allowed: "Kubernetes name; required with `kubeconfig`", defaults: { production: "the cloud's", staging: "the cloud's" }, change: "re-creates the Ingress" },
    { label: "`kubeconfig`", keys: ["kubeconfig"], allowed: "secret: an existing cluster's kubeconfig, YAML or JSON (`pulumi config set --secret`), with `kind: Config`, clusters with a server, users, contexts naming them", defaults: { production: "—", staging: "—" }, change: "moves every service" },
    { label: "`compute.size`", keys: ["compute.size"], defaults: "tier", change: "new revision" },
    { label: "`compute.minReplicas` / `maxReplicas`", keys: ["compute.minReplicas", "compute.maxReplicas"], note: ", min ≤ max", defaults: "tier", change: "in place" },
    { label: "`compute.cpuTargetPercent` / `memoryTargetPercent`", keys: ["compute.cpuTargetPercent", "compute.memoryTargetPercent"], defaults: "tier", change: "in place" },
    { label: "`compute.scaleOutCooldownSeconds` / `scaleInCooldownSeconds`", keys: ["compute.scaleOutCooldownSeconds", "compute.scaleInCooldownSeconds"], defaults: "tier", change: "in place" },
    { label: "`compute.logRetentionDays`", keys: ["compute.logRetentionDays"], defaults: "tier", change: "in place" },
    { label: "`audit.logRetentionDays`", keys: ["audit.logRetentionDays"], note: "≥ 365 in production, enforced by the pack", defaults: "tier", change: "in place" },
    { label: "`compute.release.strategy`", keys: ["compute.release.strategy"], note: "see [Releases](#releases); applies to services with `http`", defaults: "tier", change: "in place, from the next revision" },
    { label: "`compute.release.percent`", keys: ["compute.release.percent"], note: ", canary's share of traffic (canary only)", defaults: "tier", change: "in place" },
    { label: "`compute.release.bakeMinutes`", keys: ["compute.release.bakeMinutes"], note: ", minutes under alarms before all traffic moves / the old revision goes", defaults: "tier", change: "in place" },
    { label: "`compute.releasePhase`", keys: ["compute.releasePhase"], note: ": where a Cloud Run / Container Apps release stands (see [Releases](#releases)); set per `pulumi up` by the deploy workflow (`PLATFORM_RELEASE_PHASE`), never committed", defaults: { production: "`deploy`", staging: "`deploy`" }, change: "in place (traffic only)" },
    { label: "`monitoring.alertEmail`", keys: ["monitoring.alertEmail"], allowed: "email of at most 254 characters: the default of both destinations below", defaults: { production: "—", staging: "—" }, change: "in place" },
    { label: "`monitoring.critical` / `monitoring.warning`", keys: ["monitoring.critical", "monitoring.warning"], allowed: "email or list of emails: who is paged for critical alerts / told of warnings and the budget", defaults: { production: "`alertEmail`", staging: "`alertEmail`" }, change: "in place" },
    { label: "`monitoring.runbookUrl`", keys: ["monitoring.runbookUrl"], allowed: "URL alert descriptions link to (`<url>#<alert>`)", defaults: { production: "`docs/runbook.md`", staging: "`docs/runbook.md`" }, change: "in place" },
    { label: "`monitoring.budget.enabled` / `.amount`", keys: ["monitoring.budget.enabled", "monitoring.budget.amount"], note: "the amount is monthly: USD on AWS, the billing currency on GCP and Azure", defaults: "tier", change: "in place" },
    { label: "`services.<name>`", keys: ["services.<name>"], subtree: true, allowed: "name 1–10 chars `[a-z][a-z0-9]`, not a reserved name; at most 200", defaults: { production: "required", staging: "required" }, change: "renaming replaces the service" },
    { label: "`services.<name>.image`", keys: ["services.<name>.image"], allowed: "image reference with a tag and/or digest: lowercase repository, `:tag` ≤ 128 chars, `@sha256:` + 64 lowercase hex", defaults: { production: "required", staging: "required" }, change: "new revision" },
    { label: "`services.<name>.port`", keys: ["services.<name>.port"], defaults: "schema", change: "new revision" },
    { label: "`services.<name>.size`", keys: ["services.<name>.size"], defaults: { production: "`compute.size`", staging: "`compute.size`" }, change: "new revision" },
    { label: "`services.<name>.http`", keys: ["services.<name>.http"], subtree: true, allowed: "`{pathPrefix?, host?}`, unique per load balancer after normalisation; omit for a worker", defaults: { production: "—", staging: "—" }, change: "re-routes" },
    { label: "`services.<name>.healthPath`", keys: ["services.<name>.healthPath"], allowed: "path: the liveness check (container health check, liveness probe)", defaults: "schema", change: "in place" },
    { label: "`services.<name>.readinessPath`", keys: ["services.<name>.readinessPath"], allowed: "path: what gates traffic (load balancer health check, readiness probe; Cloud Run's startup probe)", defaults: { production: "`healthPath`", staging: "`healthPath`" }, change: "in place" },
    { label: "`services.<name>.minReplicas` / `maxReplicas`", keys: ["services.<name>.minReplicas", "services.<name>.maxReplicas"], note: "as `compute.*`", defaults: { production: "tier", staging: "tier" }, change: "in place" },
    { label: "`services.<name>.command`, `.env`", keys: ["services.<name>.command", "services.<name>.env"], allowed: `list / map of plain values; \`.env\` (like \`.secrets\`) may not set a name the platform sets itself (${RESERVED_ENV.map((n) => `\`${n}\``).join(", ")})`, defaults: { production: "—", staging: "—" }, change: "new revision" },
    { label: "`services.<name>.release`", keys: ["services.<name>.release"], subtree: true, allowed: "`{strategy, percent?, bakeMinutes?}` as `compute.release`; only `rolling` for a service without `http`", defaults: { production: "`compute.release`", staging: "`compute.release`" }, change: "in place" },
    { label: "`services.<name>.secrets.<ENV_NAME>`", keys: ["services.<name>.secrets.<name>"], allowed: "secret: set with `pulumi config set --secret --path 'platform:services.<name>.secrets.<ENV_NAME>' <value>`; name `[A-Z][A-Z0-9]*(_[A-Z0-9]+)*`, not one the platform sets (`DATABASE_*`, `REDIS_*`, `PGSSLMODE`, `OBJECT_STORE_BUCKET`, `PORT`, `AZURE_CLIENT_ID`, `AZURE_STORAGE_BLOB_ENDPOINT`) nor in `.env`", defaults: { production: "—", staging: "—" }, change: "new secret version, new revision" },
    { label: "`jobs.<name>`", keys: ["jobs.<name>"], allowed: "name as a service's, not one a service has", defaults: { production: "—", staging: "—" }, change: "adds/removes the job" },
    { label: "`jobs.<name>.image`, `.command`", keys: ["jobs.<name>.image", "jobs.<name>.command"], allowed: "image reference; command list (required)", defaults: { production: "required", staging: "required" }, change: "new definition" },
    { label: "`jobs.<name>.size`", keys: ["jobs.<name>.size"], defaults: { production: "`compute.size`", staging: "`compute.size`" }, change: "new definition" },
    { label: "`jobs.<name>.env`, `.secrets.<ENV_NAME>`", keys: ["jobs.<name>.env", "jobs.<name>.secrets.<name>"], subtree: true, allowed: "as a service's (`secrets` set with `pulumi config set --secret --path 'platform:jobs.<name>.secrets.<ENV_NAME>'`)", defaults: { production: "—", staging: "—" }, change: "new definition" },
    { label: "`jobs.<name>.timeoutSeconds`", keys: ["jobs.<name>.timeoutSeconds"], defaults: "schema", change: "new definition" },
    { label: "`jobs.<name>.runBeforeDeploy`", keys: ["jobs.<name>.runBeforeDeploy"], note: ": the deploy workflow runs it before the services roll and stops when it fails", defaults: "schema", change: "—" },
    { label: "`jobs.<name>.databaseRole`", keys: ["jobs.<name>.databaseRole"], note: "`app` logs in with its own IAM identity, like a service; `admin` is the migration job: logs in as the platform's admin with its password by reference; on Azure its identity is also the server's Entra administrator", defaults: "schema", change: "new definition; `admin` adds the password grant (and on Azure the Entra administrator)" },
];

const code = (v: unknown) => (typeof v === "string" ? `\`${v}\`` : String(v));

/** What the schema allows at one dotted key, as a table cell; undefined when the schema cannot say it briefly (strings, lists, maps). */
export function allowedBySchema(key: string, schema: z.ZodType = rawConfigSchema): string | undefined {
    const s = schemaAt(schema, key.split("."));
    if (s instanceof z.ZodEnum) return s.options.map(code).join(" \\| ");
    if (s instanceof z.ZodBoolean) return "boolean";
    if (s instanceof z.ZodLiteral) return [...s.values].map(String).join(", ");
    if (s instanceof z.ZodNumber) {
        const { minValue: min, maxValue: max } = s;
        // Number.isFinite(null) is false: an absent bound is no bound.
        const finite = (n: number | null): n is number => Number.isFinite(n) && Math.abs(n as number) < Number.MAX_SAFE_INTEGER;
        if (finite(min) && finite(max)) return `${min}–${max}`;
        if (finite(min)) return `≥ ${min}`;
        return finite(max) ? `≤ ${max}` : "a number";
    }
    if (s instanceof z.ZodUnion && s.options.every((o) => o instanceof z.ZodLiteral)) {
        return s.options.flatMap((o) => [...(o as z.ZodLiteral).values]).map(String).join(", ");
    }
    return undefined;
}

/** The Allowed cell of a row: its words, or the schema's rule for its keys (one rule when they share it) and the note. */
export function allowedCell(row: ConfigReferenceRow, schema: z.ZodType = rawConfigSchema): string {
    if (row.allowed !== undefined) return row.allowed;
    const rules = row.keys.map((k) => allowedBySchema(k, schema));
    if (rules.some((r) => r === undefined)) throw new Error(`config reference: ${row.label}: the schema cannot state what ${row.keys[rules.indexOf(undefined)]} allows; write it in \`allowed\``);
    const distinct = [...new Set(rules)];
    const rule = distinct.length === 1 ? distinct[0]! : rules.join(" / ");
    if (!row.note) return rule;
    return /^[,;:]/.test(row.note) ? `${rule}${row.note}` : `${rule} (${row.note})`;
}
