import { cloudLabel, supportedExtensions } from "./extensions";
import type * as pulumi from "@pulumi/pulumi";
import { DatabaseRestore, disasterRecoveryProblems, DisasterRecoveryConfig, parseRestore, resolveDisasterRecovery } from "./disaster-recovery";
import type { CloudPlugin } from "./cloud-plugin";
import { ConfigError, ConfigProblem, SECRET_VALUE } from "./errors";
import { problemsFromIssue } from "./issues";
import { reservedEnvNameRule } from "./binding-env";
import { CLOUD_PLUGINS } from "../../providers/registry";
import { reservedServiceNameRule } from "./reserved-names";
import { HttpRoute, routeKey } from "./routes";
import { secretValues, serviceSecretProblems } from "./service-secrets";
import { Cloud, CLOUDS, DatabaseRole, Environment, rawConfigSchema, RawPlatformConfig, Runtime, Size } from "./schema";
import { ReleaseStrategy, TierProfile, TIERS } from "./tiers";
import { prefixOf } from "../cidr";

export type { HttpRoute };

export interface ServiceConfig {
    name: string;
    image: string;
    port: number;
    size: Size;
    http?: HttpRoute;
    healthPath: string;
    /** Readiness probe path; `healthPath` unless set. */
    readinessPath: string;
    minReplicas: number;
    maxReplicas: number;
    command?: string[];
    env: Record<string, string>;
    /** How a new revision takes over; services without `http` have no traffic to shift and always roll. */
    release: ReleaseStrategy;
    /** Application secrets by env name, as Pulumi secrets (never plain values). */
    secrets: Record<string, pulumi.Output<string>>;
}

/** A one-off job: what a service has minus port, route, probes and replicas. */
export interface JobConfig {
    name: string;
    image: string;
    command: string[];
    size: Size;
    env: Record<string, string>;
    secrets: Record<string, pulumi.Output<string>>;
    timeoutSeconds: number;
    runBeforeDeploy: boolean;
    /** How it logs in to PostgreSQL. @default app */
    databaseRole: DatabaseRole;
}

/**
 * Each cloud's own section as written (`platform:<cloud>`: region, project, billing account,
 * subscription, ...), validated by the cloud's plugin; one optional field per registered cloud.
 */
export type CloudSections = { [C in Cloud]?: RawPlatformConfig[C] };

/** The validated, tier-merged config every component and provider reads. */
export interface PlatformConfig extends CloudSections {
    cloud: Cloud;
    environment: Environment;
    appName: string;
    /** The region (AWS, GCP) or location (Azure) this stack runs in: a recovery stack runs in `dr.drRegion`. */
    region: string;
    /** `environment`, `app`, `managed-by` plus any extra tags from config. */
    tags: Record<string, string>;
    network: TierProfile["network"];
    /** `extensions`: PostgreSQL extensions the migration job creates; the cloud's allow-list and preload follow them (extensions.ts). */
    database: TierProfile["database"] & {
        name: string;
        extensions: string[];
        /**
         * Create the database from a point in time or a backup (`platform:database.restore`).
         * @default none. Setting or changing it REPLACES the database: the restore gets a new name beside the old one.
         */
        restore?: DatabaseRestore;
    };
    cache: TierProfile["cache"];
    objectStore: TierProfile["objectStore"];
    loadBalancer: TierProfile["loadBalancer"] & {
        /** Hostname the managed certificate is issued for. Changing it re-issues the certificate. */
        domain: string;
    };
    compute: TierProfile["compute"] & { runtime: Runtime };
    audit: TierProfile["audit"];
    /** Cluster settings (kubernetes runtime); `kubeconfig` means an existing cluster. Never print it. */
    kubernetes: TierProfile["kubernetes"] & {
        /** Ingress class override (required with an existing cluster). */
        ingressClass?: string;
        kubeconfig?: string;
    };
    /**
     * `critical` / `warning` are the destinations of the two severities (each defaults to
     * `alertEmail`, so a stack with only `alertEmail` keeps sending everything there).
     */
    monitoring: TierProfile["monitoring"] & { alertEmail?: string; critical: string[]; warning: string[]; runbookUrl: string };
    services: ServiceConfig[];
    jobs: JobConfig[];
    /** Pulumi `protect` and cloud deletion protection on stateful resources. */
    protect: boolean;
    dr: DisasterRecoveryConfig;
}

/**
 * Validates raw `platform:*` config (already JSON-decoded) and merges it over its tier.
 * Throws ConfigError listing every problem; returns only a fully valid config, so nothing
 * is registered from a half-valid one.
 */
/** `isSecretKey` says which config keys the engine handed over as secret (service secrets must be). */
// Stryker disable next-line ArrowFunction: a default returning undefined is as false as one returning false
export function resolveConfig(raw: Record<string, unknown>, isSecretKey: (key: string) => boolean = () => false): PlatformConfig {
    const cfg = tryResolveConfig(raw, isSecretKey);
    if (Array.isArray(cfg)) throw new ConfigError(cfg);
    return cfg;
}

/** The config, or every problem found (schema first; cross-field rules only on a schema-valid config). */
// Stryker disable next-line ArrowFunction: a default returning undefined is as false as one returning false
export function tryResolveConfig(raw: Record<string, unknown>, isSecretKey: (key: string) => boolean = () => false): PlatformConfig | ConfigProblem[] {
    const parsed = rawConfigSchema.safeParse(raw);
    if (!parsed.success) return parsed.error.issues.flatMap((i) => problemsFromIssue(i, raw, rawConfigSchema));
    const secretProblems = serviceSecretProblems(parsed.data, isSecretKey);
    if (secretProblems.length > 0) return secretProblems;
    const cfg = merge(parsed.data);
    const problems = crossFieldProblems(cfg, parsed.data);
    return problems.length > 0 ? problems : cfg;
}

/** The selected cloud's region (`platform:<cloud>.<regionKey>`), else its plugin's default. */
function regionOf(raw: RawPlatformConfig): string {
    const plugin = CLOUD_PLUGINS[raw.cloud];
    const section = raw[raw.cloud] as Record<string, unknown> | undefined;
    return (section?.[plugin.regionKey] as string | undefined) ?? plugin.defaultRegion;
}

function merge(raw: RawPlatformConfig): PlatformConfig {
    const tier = TIERS[raw.environment];
    const compute = { ...tier.compute, ...raw.compute, release: { ...tier.compute.release, ...raw.compute?.release }, runtime: raw.compute?.runtime ?? "managed" };
    const region = regionOf(raw);
    const dr = resolveDisasterRecovery(raw, tier, region);
    return {
        cloud: raw.cloud,
        environment: raw.environment,
        appName: raw.appName,
        region: dr.role === "recovery" ? dr.drRegion : region,
        ...(Object.fromEntries(CLOUDS.map((c) => [c, raw[c]])) as CloudSections),
        tags: { ...raw.tags, environment: raw.environment, app: raw.appName, "managed-by": "pulumi" },
        network: { ...tier.network, ...raw.network },
        database: { ...tier.database, ...raw.database, name: raw.database?.name ?? "app", extensions: [...new Set(raw.database?.extensions ?? [])], restore: parseRestore(raw.database?.restore, raw.database?.restoreSource) },
        cache: {
            ...tier.cache,
            ...raw.cache,
            automaticFailover: (raw.cache?.nodes ?? tier.cache.nodes) > 1,
        },
        objectStore: { ...tier.objectStore, ...raw.objectStore },
        loadBalancer: { ...tier.loadBalancer, ...raw.loadBalancer },
        compute,
        audit: { ...tier.audit, ...raw.audit },
        kubernetes: { ...tier.kubernetes, ...raw.kubernetes, kubeconfig: raw.kubeconfig },
        monitoring: {
            ...tier.monitoring,
            alertEmail: raw.monitoring?.alertEmail,
            critical: destinations(raw.monitoring?.critical, raw.monitoring?.alertEmail),
            warning: destinations(raw.monitoring?.warning, raw.monitoring?.alertEmail),
            runbookUrl: raw.monitoring?.runbookUrl ?? DEFAULT_RUNBOOK_URL,
            budget: { ...tier.monitoring.budget, ...raw.monitoring?.budget },
        },
        services: Object.entries(raw.services).map(([name, s]) => ({
            name,
            image: s.image,
            port: s.port,
            size: s.size ?? compute.size,
            http: s.http,
            healthPath: s.healthPath,
            readinessPath: s.readinessPath ?? s.healthPath,
            minReplicas: s.minReplicas ?? compute.minReplicas,
            maxReplicas: s.maxReplicas ?? compute.maxReplicas,
            command: s.command,
            env: s.env ?? {},
            release: s.http ? { ...compute.release, ...s.release, ...(raw.compute?.releasePhase ? { phase: raw.compute.releasePhase } : {}) } : ROLLING,
            secrets: secretValues(s.secrets),
        })),
        jobs: Object.entries(raw.jobs ?? {}).map(([name, j]) => ({
            name,
            image: j.image,
            command: j.command,
            size: j.size ?? compute.size,
            env: j.env ?? {},
            secrets: secretValues(j.secrets),
            timeoutSeconds: j.timeoutSeconds,
            runBeforeDeploy: j.runBeforeDeploy,
            databaseRole: j.databaseRole,
        })),
        protect: tier.protectStatefulResources,
        dr,
    };
}

/** Alert descriptions link here unless `monitoring.runbookUrl` names the published copy. */
export const DEFAULT_RUNBOOK_URL = "docs/runbook.md";

const ROLLING: ReleaseStrategy = { strategy: "rolling", percent: 0, bakeMinutes: 0 };

function destinations(value: string | string[] | undefined, fallback: string | undefined): string[] {
    if (value !== undefined) return Array.isArray(value) ? value : [value];
    return fallback ? [fallback] : [];
}

function crossFieldProblems(cfg: PlatformConfig, raw: RawPlatformConfig): ConfigProblem[] {
    const tier = TIERS[cfg.environment];
    const problems: ConfigProblem[] = [];
    const add = (key: string, value: unknown, allowed: string) => problems.push({ key: `platform:${key}`, value, allowed });

    problems.push(...disasterRecoveryProblems(cfg.cloud, cfg.dr, raw));
    const plugin: CloudPlugin = CLOUD_PLUGINS[cfg.cloud];
    problems.push(...(plugin.problems?.(raw[cfg.cloud]) ?? []));
    if (cfg.database.backupRetentionDays < tier.database.backupRetentionDays) {
        add("database.backupRetentionDays", cfg.database.backupRetentionDays,
            `${tier.database.backupRetentionDays} to 35 days (the ${cfg.environment} minimum is ${tier.database.backupRetentionDays})`);
    }
    if (cfg.environment === "production" && cfg.network.zones < 2) {
        add("network.zones", cfg.network.zones, "2 or 3 in production (high availability needs at least two zones)");
    }
    problems.push(...(plugin.configProblems?.(raw[cfg.cloud], cfg) ?? []));
    if (!plugin.cacheKeySlots && raw.cache?.keySlot !== undefined) {
        const withSlots = Object.values(CLOUD_PLUGINS).filter((p: CloudPlugin) => p.cacheKeySlots).map((p) => p.cacheService).join(" and ");
        add("cache.keySlot", raw.cache.keySlot, `unset on ${cfg.cloud}: only ${withSlots} has two access keys to switch between (see docs/cloud-mapping.md, Cache AUTH rotation)`);
    }
    if (cfg.environment === "production" && cfg.cache.nodes < 2) {
        add("cache.nodes", cfg.cache.nodes, "2 to 6 in production (automatic failover needs a replica)");
    }
    if (cfg.environment === "production" && cfg.cache.snapshotRetentionDays < tier.cache.snapshotRetentionDays) {
        add("cache.snapshotRetentionDays", cfg.cache.snapshotRetentionDays, `${tier.cache.snapshotRetentionDays} to 35 days in production`);
    }
    const prefix = prefixOf(cfg.network.cidr);
    if (prefix < 16 || prefix > 20) {
        add("network.cidr", cfg.network.cidr, "a prefix between /16 and /20, so that every zone gets its subnets");
    }
    if (cfg.objectStore.archiveAfterDays >= cfg.objectStore.expirationDays) {
        add("objectStore.archiveAfterDays", cfg.objectStore.archiveAfterDays,
            `fewer days than objectStore.expirationDays (${cfg.objectStore.expirationDays})`);
    }
    checkReplicas("compute", cfg.compute.minReplicas, cfg.compute.maxReplicas, add);
    if (cfg.kubernetes.minNodes > cfg.kubernetes.maxNodes) {
        add("kubernetes.minNodes", cfg.kubernetes.minNodes, `at most kubernetes.maxNodes (${cfg.kubernetes.maxNodes})`);
    }
    if (raw.kubeconfig !== undefined && cfg.compute.runtime !== "kubernetes") {
        add("kubeconfig", SECRET_VALUE, "only with platform:compute.runtime = kubernetes");
    }
    if (raw.kubeconfig !== undefined && !cfg.kubernetes.ingressClass) {
        add("kubernetes.ingressClass", undefined, "the ingress class of the existing cluster; required with platform:kubeconfig");
    }
    const releases: Array<[string, { strategy: string; percent?: number } | undefined]> = [
        ["compute.release", raw.compute?.release],
        ...Object.entries(raw.services).map(([n, s]): [string, { strategy: string; percent?: number } | undefined] => [`services.${n}.release`, s.release]),
    ];
    for (const [key, release] of releases) {
        if (release?.percent !== undefined && release.strategy !== "canary") add(`${key}.percent`, release.percent, "only with strategy canary (the canary's share of traffic)");
    }
    for (const [n, s] of Object.entries(raw.services)) {
        if (s.release && s.release.strategy !== "rolling" && !s.http) {
            add(`services.${n}.release.strategy`, s.release.strategy, "rolling for a service without `http` (a worker takes no traffic to shift)");
        }
    }
    for (const svc of cfg.services) {
        const reserved = reservedServiceNameRule(svc.name);
        if (reserved) add(`services.${svc.name}`, svc.name, reserved);
        const overridden = raw.services[svc.name]?.minReplicas !== undefined || raw.services[svc.name]?.maxReplicas !== undefined;
        if (overridden) checkReplicas(`services.${svc.name}`, svc.minReplicas, svc.maxReplicas, add);
    }

    cfg.database.extensions.forEach((e, i) => {
        const allowed = supportedExtensions(cfg.cloud);
        if (!allowed.includes(e)) add(`database.extensions[${i}]`, e, `an extension ${cloudLabel(cfg.cloud)} supports for PostgreSQL 16: ${allowed.join(", ")}`);
    });
    for (const job of cfg.jobs) {
        if (raw.services[job.name]) add(`jobs.${job.name}`, job.name, "a name no service has (jobs and services share identities and names)");
    }
    // Services and jobs get the same binding variables (plainBindingEnv): their own env may not
    // set them (service-secrets.ts holds their secrets to the same list).
    for (const [section, workloads] of [["services", cfg.services], ["jobs", cfg.jobs]] as const) {
        for (const w of workloads) {
            for (const envName of Object.keys(w.env)) {
                const rule = reservedEnvNameRule(envName);
                if (rule) add(`${section}.${w.name}.env.${envName}`, w.env[envName], rule);
            }
        }
    }
    const http = cfg.services.filter((s) => s.http);
    if (http.length === 0) {
        add("services", Object.keys(raw.services), "at least one service with an `http` route, for the load balancer to front");
    }
    const lb = CLOUD_PLUGINS[cfg.cloud].loadBalancerLimits;
    if (lb.maxRoutes !== undefined && http.length > lb.maxRoutes) {
        add("services", `${http.length} services with an http route`, `at most ${lb.maxRoutes} on ${cfg.cloud}: ${lb.limitSource}`);
    }
    // Compared the way the load balancer will see them: trailing slashes dropped (every cloud's
    // rules are built from the prefix without them), case folded where the cloud matches paths
    // case-insensitively, hosts case-folded (DNS).
    const routes = new Map<string, string>();
    for (const svc of http) {
        const route = routeKey(svc.http ?? {}, lb.caseInsensitivePaths);
        const other = routes.get(route);
        if (other) add(`services.${svc.name}.http`, svc.http, `a route different from service ${other}'s (both are ${route} on ${lb.product})`);
        else routes.set(route, svc.name);
    }
    return problems;
}

function checkReplicas(key: string, min: number, max: number, add: (k: string, v: unknown, a: string) => void): void {
    if (max < 1) add(`${key}.maxReplicas`, max, "at least 1");
    if (min > max) add(`${key}.minReplicas`, min, `at most ${key}.maxReplicas (${max})`);
}
