import { z } from "./zod";
import { closest } from "fastest-levenshtein";
import { Cloud, CLOUD_PLUGINS } from "../../providers/registry";
import type { CloudPlugin } from "./cloud-plugin";
import { EMAIL_MAX, emailProblem } from "./value-rules";

/**
 * The value schemas and vocabularies the config sections (sections/*.ts) and the top level of
 * the schema (schema.ts) share. Imports no section, so every section can build on it.
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

/** Service names are appended to the app name (Cloud Run, Container Apps, ECS names). */
export const SERVICE_NAME_PATTERN = /^[a-z][a-z0-9]{0,9}$/;
export const SERVICE_NAME_RULE = "1-10 characters: lowercase letters and digits, starting with a letter";

export const HOSTNAME_PATTERN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const HOSTNAME_RULE = "a lowercase DNS hostname such as app.example.com";

/** `/`, or `/`-separated segments of URL-safe characters: no empty (`//`) or dot segments, which clients and proxies rewrite. */
export const URL_PATH = /^(?!.*\/\/)(?!(.*\/)?\.{1,2}(\/|$))\/[A-Za-z0-9._~\-/]*$/;
export const URL_PATH_RULE = "a URL path starting with '/', at most 128 characters of A-Z a-z 0-9 . _ ~ - /, without // or . and .. segments";

/** A string of at most `max` characters that then passes `rule` (so no pattern runs on a megabyte). */
export const bounded = (max: number, pattern: RegExp, rule: string) =>
    z.string().max(max, { error: /characters|at most/.test(rule) ? rule : `${rule}; at most ${max} characters` }).pipe(z.string().regex(pattern, { error: rule }));
/** A zod check reporting what a value rule of value-rules.ts says is allowed. */
export const valueRule = (problem: (v: string) => string | undefined) => (ctx: z.core.ParsePayload<string>) => {
    const msg = problem(ctx.value);
    // Stryker disable next-line StringLiteral: allowedText reads a custom issue's message whatever its code
    if (msg) ctx.issues.push({ code: "custom", message: msg, input: ctx.value });
};
/** A string checked by a value rule from value-rules.ts. */
export const checked = (max: number, problem: (v: string) => string | undefined, rule: string) =>
    z.string().max(max).pipe(z.string().check(valueRule(problem))).describe(rule);
/** One of a cloud's regions; the message names the nearest one. */
export const region = (plugin: CloudPlugin) =>
    z.string().max(64).pipe(z.string().refine((r) => plugin.regions.includes(r), {
        // Stryker disable next-line ConditionalExpression: the refine only ever sees strings (z.string() runs first)
        error: (iss) => `${plugin.article} ${plugin.regionKey} such as ${plugin.defaultRegion}${typeof iss.input === "string" && iss.input ? `; did you mean ${closest(iss.input, [...plugin.regions])}?` : ""} (the list is providers/${plugin.name}/regions.ts)`,
    }));

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

export const port = z.number().int().min(1).max(65535);
export const days = (max: number) => z.number().int().min(1).max(max);
export const replicas = z.number().int().min(0).max(1000);
export const percent = z.number().int().min(10).max(95);

export const sizeSchema = z.enum(SIZES);

export const RELEASE_STRATEGIES = ["rolling", "canary", "blueGreen"] as const;
export type ReleaseStrategyName = (typeof RELEASE_STRATEGIES)[number];

/**
 * Where a canary / blue-green release of the revision runtimes (Cloud Run, Container Apps)
 * stands: `deploy` starts or keeps the split, `promote` sends all traffic to the new revision,
 * `rollback` all of it back to the `stable` one (components/release.ts). The deploy workflow
 * sets it for its second `pulumi up`; a committed stack file never does (tools/ci/stacks.ts).
 */
export const RELEASE_PHASES = ["deploy", "promote", "rollback"] as const;
export type ReleasePhase = (typeof RELEASE_PHASES)[number];

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

/** A resolved release strategy: canary carries a percentage, canary and blueGreen a bake time. */
export interface ReleaseStrategy {
    strategy: ReleaseStrategyName;
    /** Canary share of traffic, 1-50 %. */
    percent: number;
    /** Minutes the new revision runs under its alarms before it takes all traffic / the old one goes. */
    bakeMinutes: number;
    /** The release's phase on the revision runtimes (`compute.releasePhase`); absent: deploy. */
    phase?: ReleasePhase;
}

/** An address of at most 254 characters (RFC 5321), checked as an address only once it fits. */
export const email = z.string().max(EMAIL_MAX, { error: `an email address of at most ${EMAIL_MAX} characters (RFC 5321)` })
    .pipe(z.email({ error: "an email address" }))
    .pipe(z.string().check(valueRule(emailProblem)));
