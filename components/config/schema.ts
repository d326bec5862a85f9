import { z } from "zod";
import { closest } from "fastest-levenshtein";
import { Cloud, CLOUD_PLUGINS } from "../../providers/registry";
import type { CloudPlugin } from "./cloud-plugin";
import { cidrHostBitsProblem, EMAIL_MAX, emailProblem, IMAGE_RULE, imageProblem, kubeconfigProblem } from "./value-rules";

/**
 * The shape of the `platform:*` stack config, as a user writes it in
 * `Pulumi.<stack>.yaml`. Everything except `cloud`, `environment`, the services and the
 * load balancer's domain is optional: the tier profile (tiers.ts) fills the rest, so a
 * stack file says only what differs from its tier.
 *
 * Cross-field rules (min <= max, retention >= the tier minimum, per-cloud required keys)
 * need the tier, so they live in resolve.ts, which runs on the merged result.
 *
 * Every string, list and map has an upper bound, so no value can make validation or the
 * plan slow, and a pattern is only tried on a string that already fits its length.
 */

/** The clouds, in the registry's order (providers/registry.ts is the only list). */
export const CLOUDS = Object.keys(CLOUD_PLUGINS) as [Cloud, ...Cloud[]];
export type { Cloud };

export const ENVIRONMENTS = ["production", "staging"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const SIZES = ["small", "medium", "large"] as const;
export type Size = (typeof SIZES)[number];

/** `jobs.<name>.databaseRole`: which database login a workload gets (components/database-access.ts). */
export const DATABASE_ROLES = ["app", "admin"] as const;
export type DatabaseRole = (typeof DATABASE_ROLES)[number];

export const RUNTIMES = ["managed", "kubernetes"] as const;
export type Runtime = (typeof RUNTIMES)[number];

/**
 * App names become part of every resource name on every cloud, so they must fit the
 * strictest rule among them: GCP's lowercase RFC 1035 names (Cloud SQL, Cloud Run, Memorystore)
 * and Azure's 24-character storage account names once the environment is appended.
 */
// No two hyphens in a row: RDS and ElastiCache identifiers reject them.
export const APP_NAME_PATTERN = /^(?!.*--)[a-z][a-z0-9-]{1,10}[a-z0-9]$/;
export const APP_NAME_RULE = "3-12 characters: lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen";

/** Service names are appended to the app name (Cloud Run, Container Apps, ECS names). */
export const SERVICE_NAME_PATTERN = /^[a-z][a-z0-9]{0,9}$/;
export const SERVICE_NAME_RULE = "1-10 characters: lowercase letters and digits, starting with a letter";

const HOSTNAME_PATTERN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const HOSTNAME_RULE = "a lowercase DNS hostname such as app.example.com";

/** Audit-log retention steps: CloudWatch Logs' allowed values from 90 days to 10 years. */
export const AUDIT_RETENTION_DAYS = [90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** `/`, or `/`-separated segments of URL-safe characters: no empty (`//`) or dot segments, which clients and proxies rewrite. */
const URL_PATH = /^(?!.*\/\/)(?!(.*\/)?\.{1,2}(\/|$))\/[A-Za-z0-9._~\-/]*$/;
const URL_PATH_RULE = "a URL path starting with '/', at most 128 characters of A-Z a-z 0-9 . _ ~ - /, without // or . and .. segments";

/** A string of at most `max` characters that then passes `rule` (so no pattern runs on a megabyte). */
const bounded = (max: number, pattern: RegExp, rule: string) =>
    z.string().max(max, { error: /characters|at most/.test(rule) ? rule : `${rule}; at most ${max} characters` }).pipe(z.string().regex(pattern, { error: rule }));
/** A zod check reporting what a value rule of value-rules.ts says is allowed. */
const valueRule = (problem: (v: string) => string | undefined) => (ctx: z.core.ParsePayload<string>) => {
    const msg = problem(ctx.value);
    // Stryker disable next-line StringLiteral: allowedText reads a custom issue's message whatever its code
    if (msg) ctx.issues.push({ code: "custom", message: msg, input: ctx.value });
};
/** A string checked by a value rule from value-rules.ts. */
const checked = (max: number, problem: (v: string) => string | undefined, rule: string) =>
    z.string().max(max).pipe(z.string().check(valueRule(problem))).describe(rule);
/** One of a cloud's regions; the message names the nearest one. */
const region = (plugin: CloudPlugin) =>
    z.string().max(64).pipe(z.string().refine((r) => plugin.regions.includes(r), {
        // Stryker disable next-line ConditionalExpression: the refine only ever sees strings (z.string() runs first)
        error: (iss) => `${plugin.article} ${plugin.regionKey} such as ${plugin.defaultRegion}${typeof iss.input === "string" && iss.input ? `; did you mean ${closest(iss.input, [...plugin.regions])}?` : ""} (the list is providers/${plugin.name}/regions.ts)`,
    }));

type Plugins = typeof CLOUD_PLUGINS;
/** `platform:<cloud>` for every registered cloud, each from the cloud's own plugin. */
type CloudSections = { [K in Cloud]: z.ZodOptional<ReturnType<Plugins[K]["configSchema"]>> };
function cloudSections(): CloudSections {
    return Object.fromEntries(Object.values(CLOUD_PLUGINS).map((plugin: CloudPlugin) =>
        [plugin.name, plugin.configSchema({ region: region(plugin), bounded }).optional()])) as CloudSections;
}

/** Upper bounds of the stack config (README "Config reference"). */
export const LIMITS = {
    /**
     * Services per stack. Not a cloud quota (those are higher: ECS 5,000 services per cluster,
     * Cloud Run 1,000 per region); a product bound that keeps a plan within seconds and memory,
     * above every load balancer's route limit (providers/<cloud>/load-balancer-limits.ts).
     */
    services: 200,
    envVarsPerService: 100,
    commandArgs: 100,
    argLength: 4096,
    envValueLength: 32_768,
    tags: 50,
} as const;

const port = z.number().int().min(1).max(65535);
const days = (max: number) => z.number().int().min(1).max(max);
const replicas = z.number().int().min(0).max(1000);
const percent = z.number().int().min(10).max(95);

export const sizeSchema = z.enum(SIZES);

export const RELEASE_STRATEGIES = ["rolling", "canary", "blueGreen"] as const;
export type ReleaseStrategyName = (typeof RELEASE_STRATEGIES)[number];

/**
 * How a new revision replaces the old one (components/release.ts maps it per runtime).
 * `percent` is the canary's share of traffic, `bakeMinutes` how long the new revision runs
 * under its alarms before it takes all traffic (canary) or the old one is retired (blueGreen).
 */
/**
 * Where a canary / blue-green release of the revision runtimes (Cloud Run, Container Apps)
 * stands: `deploy` starts or keeps the split, `promote` sends all traffic to the new revision,
 * `rollback` all of it back to the `stable` one (components/release.ts). The deploy workflow
 * sets it for its second `pulumi up`; a committed stack file never does (tools/ci/stacks.ts).
 */
export const RELEASE_PHASES = ["deploy", "promote", "rollback"] as const;
export type ReleasePhase = (typeof RELEASE_PHASES)[number];

export const releaseSchema = z.strictObject({
    strategy: z.enum(RELEASE_STRATEGIES),
    percent: z.number().min(1).max(50).optional(),
    bakeMinutes: z.number().int().min(0).max(1440).optional(),
});

/** An alert destination: one e-mail address or several. */
/** An address of at most 254 characters (RFC 5321), checked as an address only once it fits. */
const email = z.string().max(EMAIL_MAX, { error: `an email address of at most ${EMAIL_MAX} characters (RFC 5321)` })
    .pipe(z.email({ error: "an email address" }))
    .pipe(z.string().check(valueRule(emailProblem)));
const alertDestination = z.union([email, z.array(email).min(1).max(20)], {
    error: "an email address or a list of them",
});

const httpRouteSchema = z.strictObject({
    /** Path prefix routed to this service, e.g. `/api`. `/` is the default route. */
    pathPrefix: bounded(128, URL_PATH, URL_PATH_RULE).optional(),
    /** Host routed to this service, for host-based routing. */
    host: bounded(253, HOSTNAME_PATTERN, HOSTNAME_RULE).optional(),
});

const envName = bounded(128, /^[A-Z_][A-Z0-9_]*$/, "an upper-case environment variable name of at most 128 characters");
/**
 * Secret names also become secret-manager names (lowercase, `_` to `-`), so no leading,
 * trailing or doubled `_`; 64 characters keep `<app>-<env>-<service>-<name>` within Key
 * Vault's 127-character secret names and Secret Manager's 255.
 */
const secretEnvName = bounded(64, /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/, "an upper-case environment variable name such as SECRET_KEY (letters, digits, single underscores; at most 64 characters)");
const envMap = z.record(envName, z.string().max(LIMITS.envValueLength))
    .refine((e) => Object.keys(e).length <= LIMITS.envVarsPerService, { error: `at most ${LIMITS.envVarsPerService} variables` });

export const serviceSchema = z.strictObject({
    /** Container image, pinned by tag or digest. Required. */
    image: checked(512, imageProblem, IMAGE_RULE),
    /** Port the container listens on. */
    port: port.default(8080),
    size: sizeSchema.optional(),
    /** Where the load balancer sends traffic to this service; omit for a worker. */
    http: httpRouteSchema.optional(),
    healthPath: bounded(128, URL_PATH, URL_PATH_RULE).default("/health"),
    /** Readiness probe path (traffic gating); defaults to healthPath, which stays the liveness probe. */
    readinessPath: bounded(128, URL_PATH, URL_PATH_RULE).optional(),
    minReplicas: replicas.optional(),
    maxReplicas: replicas.optional(),
    command: z.array(z.string().max(LIMITS.argLength)).min(1).max(LIMITS.commandArgs).optional(),
    /** Release strategy of this service; defaults to `compute.release`. */
    release: releaseSchema.optional(),
    /** Plain, non-secret environment variables. Secrets are wired by the platform. */
    env: envMap.optional(),
    /**
     * The application's own secrets, each set with `pulumi config set --secret --path
     * platform:services.<name>.secrets.<ENV_NAME>`: stored in the cloud's secret manager and
     * injected by reference. resolve.ts rejects values that are not secure.
     */
    secrets: z.record(secretEnvName, z.string().min(1).max(LIMITS.envValueLength))
        .refine((e) => Object.keys(e).length <= LIMITS.envVarsPerService, { error: `at most ${LIMITS.envVarsPerService} secrets` }).optional(),
});

/** A one-off job (`platform:jobs.<name>`): a service's placement, identity, bindings and secrets, run to completion. */
export const jobSchema = z.strictObject({
    image: serviceSchema.shape.image,
    command: z.array(z.string().max(LIMITS.argLength)).min(1, { error: "the command the job runs, e.g. [\"python\", \"manage.py\", \"migrate\"]" }).max(LIMITS.commandArgs),
    size: sizeSchema.optional(),
    env: serviceSchema.shape.env,
    secrets: serviceSchema.shape.secrets,
    /** Cloud Run and Container Apps cap a task at 24 h. */
    timeoutSeconds: z.number().int().min(60).max(86400).default(3600),
    /** The deploy workflow runs it (migrations) before the services roll, and stops on failure. */
    runBeforeDeploy: z.boolean().default(false),
    /**
     * `admin`: the job logs in as the platform's admin with its password (the migration job:
     * it creates the services' database roles and the extensions). `app`: its own IAM login,
     * like a service. components/database-access.ts
     */
    databaseRole: z.enum(DATABASE_ROLES).default("app"),
});

export const rawConfigSchema = z.strictObject({
    cloud: z.enum(CLOUDS),
    environment: z.enum(ENVIRONMENTS),
    appName: bounded(12, APP_NAME_PATTERN, APP_NAME_RULE).default("platform"),
    /** Extra tags/labels added to every resource (the three standard ones always win). */
    // Keys and values follow GCP's label rules, the strictest of the three clouds.
    tags: z.record(
        bounded(63, /^[a-z][a-z0-9_-]{0,62}$/, "a lowercase tag key (letters, digits, _ and -, starting with a letter; at most 63)"),
        bounded(63, /^[a-z0-9_-]{0,63}$/, "a tag value of at most 63 lowercase letters, digits, _ and - (GCP label rules)"),
    ).refine((t) => Object.keys(t).length <= LIMITS.tags, { error: `at most ${LIMITS.tags} tags (AWS allows 50 per resource)` }).optional(),

    ...cloudSections(),

    network: z.strictObject({
        cidr: z.string().max(18).pipe(z.cidrv4({ error: "an IPv4 CIDR block such as 10.0.0.0/16" })).pipe(z.string().check(valueRule(cidrHostBitsProblem))).optional(),
        zones: z.number().int().min(1).max(3).optional(),
    }).optional(),

    database: z.strictObject({
        size: sizeSchema.optional(),
        storageGb: z.number().int().min(20).max(16384).optional(),
        backupRetentionDays: days(35).optional(),
        highAvailability: z.boolean().optional(),
        deletionProtection: z.boolean().optional(),
        name: bounded(63, /^[a-z][a-z0-9_]{0,62}$/, "a PostgreSQL identifier (lowercase letters, digits, underscores; at most 63)").optional(),
        /** PostgreSQL extensions (checked against the stack cloud's `databaseExtensions` in extensions.ts), created by the migration job. */
        extensions: z.array(bounded(63, /^[a-z][a-z0-9_-]{0,62}$/, "a PostgreSQL extension name such as postgis or pg_stat_statements")).max(32).optional(),
        /** Create the database from a backup: an RFC 3339 point in time or a backup id (per-cloud rules in disaster-recovery.ts). Replaces the database. */
        // A backup run id may arrive as a YAML number: keep it as text.
        restore: z.union([z.string().min(1).max(300), z.number().int().nonnegative()]).transform(String).optional(),
        /** What `restore` reads from, when not this stack's own database (e.g. replicated automated backups). */
        restoreSource: z.string().min(1).max(400).optional(),
    }).optional(),

    cache: z.strictObject({
        size: sizeSchema.optional(),
        nodes: z.number().int().min(1).max(6).optional(),
        snapshotRetentionDays: z.number().int().min(0).max(35).optional(),
        /** Azure: which of the cache's two access keys the Key Vault secret carries (the rotation switch). */
        keySlot: z.enum(["primary", "secondary"]).optional(),
    }).optional(),

    objectStore: z.strictObject({
        tempExpirationDays: days(3650).optional(),
        archiveAfterDays: days(3650).optional(),
        expirationDays: days(36500).optional(),
    }).optional(),

    loadBalancer: z.strictObject({
        domain: bounded(253, HOSTNAME_PATTERN, HOSTNAME_RULE),
        waf: z.boolean().optional(),
        deletionProtection: z.boolean().optional(),
    }),

    compute: z.strictObject({
        runtime: z.enum(RUNTIMES).optional(),
        size: sizeSchema.optional(),
        minReplicas: replicas.optional(),
        maxReplicas: replicas.optional(),
        cpuTargetPercent: percent.optional(),
        memoryTargetPercent: percent.optional(),
        scaleOutCooldownSeconds: z.number().int().min(0).max(3600).optional(),
        scaleInCooldownSeconds: z.number().int().min(0).max(3600).optional(),
        /** Default release strategy of the services that take HTTP traffic. */
        release: releaseSchema.optional(),
        /** Phase of the release in progress (set by the deploy workflow, never committed). @default deploy */
        releasePhase: z.enum(RELEASE_PHASES).optional(),
        logRetentionDays: z.union([z.literal(7), z.literal(14), z.literal(30), z.literal(60), z.literal(90), z.literal(180), z.literal(365)], {
            error: "one of 7, 14, 30, 60, 90, 180, 365",
        }).optional(),
    }).optional(),

    /** Audit-log retention; CloudWatch Logs' retention steps from 90 days up (GCP and Azure accept any of them). */
    audit: z.strictObject({
        logRetentionDays: z.literal(AUDIT_RETENTION_DAYS, { error: `one of ${AUDIT_RETENTION_DAYS.join(", ")}` }).optional(),
    }).optional(),

    /** Cluster settings for `compute.runtime: kubernetes`. */
    kubernetes: z.strictObject({
        version: bounded(8, /^1\.\d{2}$/, "a Kubernetes minor version such as 1.33").optional(),
        nodeSize: sizeSchema.optional(),
        minNodes: z.number().int().min(1).max(100).optional(),
        maxNodes: z.number().int().min(1).max(100).optional(),
        /** Ingress class to use instead of the cloud's own (required with an existing cluster). */
        ingressClass: bounded(63, /^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/, "a Kubernetes resource name (at most 63 lowercase letters, digits, . and -)").optional(),
    }).optional(),
    /**
     * Kubeconfig of an existing cluster (set it with `pulumi config set --secret`). When set,
     * the kubernetes runtime deploys into that cluster and creates nothing cloud-side for compute.
     */
    kubeconfig: z.string().check(valueRule(kubeconfigProblem)).optional(),

    /** Disaster recovery (docs/disaster-recovery.md); the region is checked against the cloud's rule in disaster-recovery.ts. */
    dr: z.strictObject({
        /** The other region of the pair. @default the documented pair of the primary region (the cloud plugin's `disasterRecovery.regionPairs`) */
        region: z.string().regex(/^[a-z][a-z0-9-]{2,30}$/, { error: "a region or location such as us-east-2, us-east1 or westus" }).optional(),
        /** Database backups and objects copied to the other region. @default production: true, staging: false */
        crossRegionCopies: z.boolean().optional(),
        /** `recovery`: this stack is the recovery stack, running in `dr.region` with names that carry it. @default primary */
        role: z.enum(["primary", "recovery"]).optional(),
    }).optional(),

    monitoring: z.strictObject({
        alertEmail: email.optional(),
        /** Who is paged for critical alerts; defaults to alertEmail. */
        critical: alertDestination.optional(),
        /** Who hears about warnings and the budget; defaults to alertEmail. */
        warning: alertDestination.optional(),
        /** Where alert descriptions link to (the runbook's published URL); defaults to the repo path docs/runbook.md. */
        runbookUrl: z.string().max(2048).pipe(z.url({ error: "a URL such as https://github.com/acme/platform/blob/main/docs/runbook.md" })).optional(),
        budget: z.strictObject({
            enabled: z.boolean().optional(),
            /** Monthly amount in the billing currency (USD on AWS; the account's currency on GCP and Azure). */
            amount: z.number().int().min(1).max(10_000_000).optional(),
        }).optional(),
    }).optional(),

    services: z.record(bounded(10, SERVICE_NAME_PATTERN, SERVICE_NAME_RULE), serviceSchema)
        .refine((s) => Object.keys(s).length > 0, { error: "at least one service" })
        .refine((s) => Object.keys(s).length <= LIMITS.services, { error: `at most ${LIMITS.services} services per stack` }),
    /** Job names follow the service name rule (they share the services' naming on every cloud). */
    jobs: z.record(bounded(10, SERVICE_NAME_PATTERN, SERVICE_NAME_RULE), jobSchema)
        .refine((s) => Object.keys(s).length <= LIMITS.services, { error: `at most ${LIMITS.services} jobs per stack` }).optional(),
});

export type RawPlatformConfig = z.infer<typeof rawConfigSchema>;
