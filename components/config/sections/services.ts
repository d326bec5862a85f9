import type * as pulumi from "@pulumi/pulumi";
import { z } from "../zod";
import { reservedEnvNameRule } from "../reserved-env";
import { reservedServiceNameRule } from "../reserved-names";
import { HttpRoute, routeKey } from "../routes";
import { secretValues } from "../service-secrets";
import { IMAGE_RULE, imageProblem } from "../value-rules";
import {
    bounded, checked, HOSTNAME_PATTERN, HOSTNAME_RULE, LIMITS, port, releaseSchema, ReleaseStrategy, replicas, SERVICE_NAME_PATTERN, SERVICE_NAME_RULE,
    sizeSchema, URL_PATH, URL_PATH_RULE, type Size,
} from "../schema-values";
import { checkReleasePercent, checkReplicas, computeSection } from "./compute";
import { defineSection } from "./section";

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

const ROLLING: ReleaseStrategy = { strategy: "rolling", percent: 0, bakeMinutes: 0 };

/** Services and jobs get the same binding variables (plainBindingEnv): their own env may not set them (service-secrets.ts holds their secrets to the same list). */
export function reservedEnvProblems(section: "services" | "jobs", workloads: Array<{ name: string; env: Record<string, string> }>, reserved: readonly string[], add: (k: string, v: unknown, a: string) => void): void {
    for (const w of workloads) {
        for (const envName of Object.keys(w.env)) {
            const rule = reservedEnvNameRule(envName, reserved);
            if (rule) add(`${section}.${w.name}.env.${envName}`, w.env[envName], rule);
        }
    }
}

/** `platform:services.<name>`: the stack's services; each not set falls back to `compute`. */
export const servicesSection = defineSection({
    key: "services",
    shape: {
        services: z.record(bounded(10, SERVICE_NAME_PATTERN, SERVICE_NAME_RULE), serviceSchema)
            .refine((s) => Object.keys(s).length > 0, { error: "at least one service" })
            .refine((s) => Object.keys(s).length <= LIMITS.services, { error: `at most ${LIMITS.services} services per stack` }),
    },
    resolve: ({ raw, resolved, rawOf }): ServiceConfig[] => {
        const compute = resolved(computeSection);
        const phase = rawOf(computeSection).compute?.releasePhase;
        return Object.entries(raw.services).map(([name, s]) => ({
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
            release: s.http ? { ...compute.release, ...s.release, ...(phase ? { phase } : {}) } : ROLLING,
            secrets: secretValues(s.secrets),
        }));
    },
    rules: {
        releasePercent({ raw, add }) {
            for (const [n, s] of Object.entries(raw.services)) checkReleasePercent(`services.${n}.release`, s.release, add);
        },
        workerRollsOnly({ raw, add }) {
            for (const [n, s] of Object.entries(raw.services)) {
                if (s.release && s.release.strategy !== "rolling" && !s.http) {
                    add(`services.${n}.release.strategy`, s.release.strategy, "rolling for a service without `http` (a worker takes no traffic to shift)");
                }
            }
        },
        namesAndReplicas({ raw, value, add }) {
            for (const svc of value) {
                const reserved = reservedServiceNameRule(svc.name);
                if (reserved) add(`services.${svc.name}`, svc.name, reserved);
                const overridden = raw.services[svc.name]?.minReplicas !== undefined || raw.services[svc.name]?.maxReplicas !== undefined;
                if (overridden) checkReplicas(`services.${svc.name}`, svc.minReplicas, svc.maxReplicas, add);
            }
        },
        reservedEnv({ value, reservedEnv, add }) {
            reservedEnvProblems("services", value, reservedEnv, add);
        },
        oneHttpService({ raw, value, add }) {
            if (!value.some((s) => s.http)) add("services", Object.keys(raw.services), "at least one service with an `http` route, for the load balancer to front");
        },
        routeLimit({ cloud, plugin, value, add }) {
            const http = value.filter((s) => s.http);
            const lb = plugin.loadBalancerLimits;
            if (lb.maxRoutes !== undefined && http.length > lb.maxRoutes) {
                add("services", `${http.length} services with an http route`, `at most ${lb.maxRoutes} on ${cloud}: ${lb.limitSource}`);
            }
        },
        // Compared the way the load balancer will see them: trailing slashes dropped (every cloud's
        // rules are built from the prefix without them), case folded where the cloud matches paths
        // case-insensitively, hosts case-folded (DNS).
        distinctRoutes({ plugin, value, add }) {
            const lb = plugin.loadBalancerLimits;
            const routes = new Map<string, string>();
            for (const svc of value.filter((s) => s.http)) {
                const route = routeKey(svc.http ?? {}, lb.caseInsensitivePaths);
                const other = routes.get(route);
                if (other) add(`services.${svc.name}.http`, svc.http, `a route different from service ${other}'s (both are ${route} on ${lb.product})`);
                else routes.set(route, svc.name);
            }
        },
    },
    reference: [
        { label: "`services.<name>`", keys: ["services.<name>"], subtree: true, allowed: "name 1–10 chars `[a-z][a-z0-9]`, not a reserved name; at most 200", defaults: { production: "required", staging: "required" }, change: "renaming replaces the service" },
        { label: "`services.<name>.image`", keys: ["services.<name>.image"], allowed: "image reference with a tag and/or digest: lowercase repository, `:tag` ≤ 128 chars, `@sha256:` + 64 lowercase hex", defaults: { production: "required", staging: "required" }, change: "new revision" },
        { label: "`services.<name>.port`", keys: ["services.<name>.port"], defaults: "schema", change: "new revision" },
        { label: "`services.<name>.size`", keys: ["services.<name>.size"], defaults: { production: "`compute.size`", staging: "`compute.size`" }, change: "new revision" },
        { label: "`services.<name>.http`", keys: ["services.<name>.http"], subtree: true, allowed: "`{pathPrefix?, host?}`, unique per load balancer after normalisation; omit for a worker", defaults: { production: "—", staging: "—" }, change: "re-routes" },
        { label: "`services.<name>.healthPath`", keys: ["services.<name>.healthPath"], allowed: "path: the liveness check (container health check, liveness probe)", defaults: "schema", change: "in place" },
        { label: "`services.<name>.readinessPath`", keys: ["services.<name>.readinessPath"], allowed: "path: what gates traffic (load balancer health check, readiness probe; Cloud Run's startup probe)", defaults: { production: "`healthPath`", staging: "`healthPath`" }, change: "in place" },
        { label: "`services.<name>.minReplicas` / `maxReplicas`", keys: ["services.<name>.minReplicas", "services.<name>.maxReplicas"], note: "as `compute.*`", defaults: { production: "tier", staging: "tier" }, change: "in place" },
        { label: "`services.<name>.command`, `.env`", keys: ["services.<name>.command", "services.<name>.env"], allowed: ({ reservedEnv }) => `list / map of plain values; \`.env\` (like \`.secrets\`) may not set a name the platform sets itself (${reservedEnv.map((n) => `\`${n}\``).join(", ")})`, defaults: { production: "—", staging: "—" }, change: "new revision" },
        { label: "`services.<name>.release`", keys: ["services.<name>.release"], subtree: true, allowed: "`{strategy, percent?, bakeMinutes?}` as `compute.release`; only `rolling` for a service without `http`", defaults: { production: "`compute.release`", staging: "`compute.release`" }, change: "in place" },
        { label: "`services.<name>.secrets.<ENV_NAME>`", keys: ["services.<name>.secrets.<name>"], allowed: "secret: set with `pulumi config set --secret --path 'platform:services.<name>.secrets.<ENV_NAME>' <value>`; name `[A-Z][A-Z0-9]*(_[A-Z0-9]+)*`, not one the platform sets (the reserved names under `.env`) nor in `.env`", defaults: { production: "—", staging: "—" }, change: "new secret version, new revision" },
    ],
});
