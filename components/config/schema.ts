import { z } from "zod";

/**
 * The shape of the `platform:*` stack config, as a user writes it in
 * `Pulumi.<stack>.yaml`. Everything except `cloud`, `environment`, the services and the
 * load balancer's domain is optional: the tier profile (tiers.ts) fills the rest, so a
 * stack file says only what differs from its tier.
 *
 * Cross-field rules (min <= max, retention >= the tier minimum, per-cloud required keys)
 * need the tier, so they live in validate.ts, which runs on the merged result.
 */

export const CLOUDS = ["aws", "gcp", "azure"] as const;
export type Cloud = (typeof CLOUDS)[number];

export const ENVIRONMENTS = ["production", "staging"] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

export const SIZES = ["small", "medium", "large"] as const;
export type Size = (typeof SIZES)[number];

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
export const releaseSchema = z.strictObject({
    strategy: z.enum(RELEASE_STRATEGIES),
    percent: z.number().min(1).max(50).optional(),
    bakeMinutes: z.number().int().min(0).max(1440).optional(),
});

/** An alert destination: one e-mail address or several. */
const alertDestination = z.union([z.email({ error: "an email address" }), z.array(z.email({ error: "an email address" })).min(1)], {
    error: "an email address or a list of them",
});

const httpRouteSchema = z.strictObject({
    /** Path prefix routed to this service, e.g. `/api`. `/` is the default route. */
    pathPrefix: z.string().regex(/^\/[A-Za-z0-9._~\-/]*$/, { error: "a URL path starting with '/'" }).optional(),
    /** Host routed to this service, for host-based routing. */
    host: z.string().regex(HOSTNAME_PATTERN, { error: HOSTNAME_RULE }).optional(),
});

const envName = z.string().regex(/^[A-Z_][A-Z0-9_]*$/, { error: "an upper-case environment variable name" });
/** Secret names also become secret-manager names (lowercase, `_` to `-`), so no leading, trailing or doubled `_`. */
const secretEnvName = z.string().regex(/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/, { error: "an upper-case environment variable name such as SECRET_KEY (letters, digits, single underscores)" });

export const serviceSchema = z.strictObject({
    /** Container image, pinned by tag or digest. Required. */
    image: z.string().min(3).regex(/^[a-z0-9][a-z0-9._\-/:@]*$/i, { error: "a container image reference such as ghcr.io/acme/api:1.4.2" }),
    /** Port the container listens on. */
    port: port.default(8080),
    size: sizeSchema.optional(),
    /** Where the load balancer sends traffic to this service; omit for a worker. */
    http: httpRouteSchema.optional(),
    healthPath: z.string().regex(/^\/[A-Za-z0-9._~\-/]*$/, { error: "a URL path starting with '/'" }).default("/health"),
    /** Readiness probe path (traffic gating); defaults to healthPath, which stays the liveness probe. */
    readinessPath: z.string().regex(/^\/[A-Za-z0-9._~\-/]*$/, { error: "a URL path starting with '/'" }).optional(),
    minReplicas: replicas.optional(),
    maxReplicas: replicas.optional(),
    command: z.array(z.string()).optional(),
    /** Release strategy of this service; defaults to `compute.release`. */
    release: releaseSchema.optional(),
    /** Plain, non-secret environment variables. Secrets are wired by the platform. */
    env: z.record(envName, z.string()).optional(),
    /**
     * The application's own secrets, each set with `pulumi config set --secret --path
     * platform:services.<name>.secrets.<ENV_NAME>`: stored in the cloud's secret manager and
     * injected by reference. resolve.ts rejects values that are not secure.
     */
    secrets: z.record(secretEnvName, z.string().min(1)).optional(),
});

/** A one-off job (`platform:jobs.<name>`): a service's placement, identity, bindings and secrets, run to completion. */
export const jobSchema = z.strictObject({
    image: serviceSchema.shape.image,
    command: z.array(z.string()).min(1, { error: "the command the job runs, e.g. [\"python\", \"manage.py\", \"migrate\"]" }),
    size: sizeSchema.optional(),
    env: serviceSchema.shape.env,
    secrets: serviceSchema.shape.secrets,
    /** Cloud Run and Container Apps cap a task at 24 h. */
    timeoutSeconds: z.number().int().min(60).max(86400).default(3600),
    /** The deploy workflow runs it (migrations) before the services roll, and stops on failure. */
    runBeforeDeploy: z.boolean().default(false),
});

export const rawConfigSchema = z.strictObject({
    cloud: z.enum(CLOUDS),
    environment: z.enum(ENVIRONMENTS),
    appName: z.string().regex(APP_NAME_PATTERN, { error: APP_NAME_RULE }).default("platform"),
    /** Extra tags/labels added to every resource (the three standard ones always win). */
    // Keys and values follow GCP's label rules, the strictest of the three clouds.
    tags: z.record(
        z.string().regex(/^[a-z][a-z0-9_-]{0,62}$/, { error: "a lowercase tag key (letters, digits, _ and -, starting with a letter; at most 63)" }),
        z.string().regex(/^[a-z0-9_-]{0,63}$/, { error: "a tag value of at most 63 lowercase letters, digits, _ and - (GCP label rules)" }),
    ).optional(),

    aws: z.strictObject({
        region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, { error: "an AWS region such as us-west-2" }).optional(),
    }).optional(),
    gcp: z.strictObject({
        project: z.string().regex(/^[a-z][a-z0-9-]{4,28}[a-z0-9]$/, { error: "a GCP project id (6-30 lowercase letters, digits, hyphens)" }).optional(),
        /** The billing account the stack's budget watches (needed only with monitoring.budget on). */
        billingAccount: z.string().regex(/^[A-F0-9]{6}-[A-F0-9]{6}-[A-F0-9]{6}$/, { error: "a billing account id such as 01A2B3-C4D5E6-F7A8B9" }).optional(),
        region: z.string().regex(/^[a-z]+-[a-z]+\d$/, { error: "a GCP region such as us-central1" }).optional(),
    }).optional(),
    azure: z.strictObject({
        location: z.string().regex(/^[a-z][a-z0-9]{2,30}$/, { error: "an Azure location such as eastus" }).optional(),
        subscriptionId: z.uuid({ error: "an Azure subscription id (a UUID)" }).optional(),
    }).optional(),

    network: z.strictObject({
        cidr: z.cidrv4({ error: "an IPv4 CIDR block such as 10.0.0.0/16" }).optional(),
        zones: z.number().int().min(1).max(3).optional(),
    }).optional(),

    database: z.strictObject({
        size: sizeSchema.optional(),
        storageGb: z.number().int().min(20).max(16384).optional(),
        backupRetentionDays: days(35).optional(),
        highAvailability: z.boolean().optional(),
        deletionProtection: z.boolean().optional(),
        name: z.string().regex(/^[a-z][a-z0-9_]{0,62}$/, { error: "a PostgreSQL identifier (lowercase letters, digits, underscores)" }).optional(),
    }).optional(),

    cache: z.strictObject({
        size: sizeSchema.optional(),
        nodes: z.number().int().min(1).max(6).optional(),
        snapshotRetentionDays: z.number().int().min(0).max(35).optional(),
    }).optional(),

    objectStore: z.strictObject({
        tempExpirationDays: days(3650).optional(),
        archiveAfterDays: days(3650).optional(),
        expirationDays: days(36500).optional(),
    }).optional(),

    loadBalancer: z.strictObject({
        domain: z.string().regex(HOSTNAME_PATTERN, { error: HOSTNAME_RULE }),
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
        version: z.string().regex(/^1\.\d{2}$/, { error: "a Kubernetes minor version such as 1.33" }).optional(),
        nodeSize: sizeSchema.optional(),
        minNodes: z.number().int().min(1).max(100).optional(),
        maxNodes: z.number().int().min(1).max(100).optional(),
        /** Ingress class to use instead of the cloud's own (required with an existing cluster). */
        ingressClass: z.string().regex(/^[a-z0-9]([a-z0-9.-]{0,61}[a-z0-9])?$/, { error: "a Kubernetes resource name" }).optional(),
    }).optional(),
    /**
     * Kubeconfig of an existing cluster (set it with `pulumi config set --secret`). When set,
     * the kubernetes runtime deploys into that cluster and creates nothing cloud-side for compute.
     */
    kubeconfig: z.string().min(20, { error: "a kubeconfig document (set with pulumi config set --secret platform:kubeconfig < file)" }).optional(),

    monitoring: z.strictObject({
        alertEmail: z.email({ error: "an email address" }).optional(),
        /** Who is paged for critical alerts; defaults to alertEmail. */
        critical: alertDestination.optional(),
        /** Who hears about warnings and the budget; defaults to alertEmail. */
        warning: alertDestination.optional(),
        /** Where alert descriptions link to (the runbook's published URL); defaults to the repo path docs/runbook.md. */
        runbookUrl: z.url({ error: "a URL such as https://github.com/acme/platform/blob/main/docs/runbook.md" }).optional(),
        budget: z.strictObject({
            enabled: z.boolean().optional(),
            /** Monthly amount in the billing currency (USD on AWS; the account's currency on GCP and Azure). */
            amount: z.number().int().min(1).max(10_000_000).optional(),
        }).optional(),
    }).optional(),

    services: z.record(z.string().regex(SERVICE_NAME_PATTERN, { error: SERVICE_NAME_RULE }), serviceSchema)
        .refine((s) => Object.keys(s).length > 0, { error: "at least one service" }),
    /** Job names follow the service name rule (they share the services' naming on every cloud). */
    jobs: z.record(z.string().regex(SERVICE_NAME_PATTERN, { error: SERVICE_NAME_RULE }), jobSchema).optional(),
});

export type RawPlatformConfig = z.infer<typeof rawConfigSchema>;
