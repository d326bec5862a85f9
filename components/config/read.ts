import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { ConfigError, ConfigProblem } from "./errors";
import { CONFIG_NAMESPACE, knownConfigKeys, MIRRORED_PROVIDER_KEYS, namespaceProblems } from "./keys";
import type { PlatformConfig } from "./resolve";
import { CLOUD_PLUGINS } from "../../providers/registry";
import type { Cloud } from "./schema";
import { SecretMask } from "./secrets";

export { CONFIG_NAMESPACE };

/** The engine's list of secret config keys (`PULUMI_CONFIG_SECRET_KEYS`, as the CLI's language host sets it). */
export function engineSecretKeys(): string[] {
    // @pulumi/pulumi 3.248.0 runtime/config.js exports the variable's name (not in its .d.ts).
    const runtimeConfig = require("@pulumi/pulumi/runtime/config") as { configSecretKeysEnvKey: string };
    const state = require("@pulumi/pulumi/runtime/state") as { getStore(): { config: Record<string, string | undefined> } };
    const text = state.getStore().config[runtimeConfig.configSecretKeysEnvKey];
    // Stryker disable next-line ConditionalExpression: JSON.parse of an absent or empty text throws, and the catch gives the same []
    if (!text) return [];
    try {
        const keys: unknown = JSON.parse(text);
        return Array.isArray(keys) ? keys.filter((k): k is string => typeof k === "string") : [];
    } catch {
        return [];
    }
}

/** What validating a stack's config reads: the raw schema and the resolver of one section list (layer.ts). */
export interface ConfigReader<Resolved> {
    readonly schema: RawSchema;
    /** The schema's top-level keys whose type is a string (`stringKeysOf`). */
    readonly stringKeys: ReadonlySet<string>;
    tryResolve(raw: Record<string, unknown>, isSecretKey: (key: string) => boolean): Resolved | ConfigProblem[];
}
/** A raw `platform:*` schema (schema.ts `rawSchemaOf`), as reading it needs: its top-level keys. */
export type RawSchema = z.ZodObject<z.core.$ZodShape>;

/**
 * Reads the whole config the engine handed the program and validates it: every key must be a
 * known `platform:` key or on the allow-list (keys.ts), every value must pass the schema and
 * the cross-field rules. Errors mask every value the engine marks secret. Nothing is
 * registered from a config that fails. (The program's: components/program-config.ts `readPlatformConfig`.)
 */
export function readEngineConfig<Resolved>(reader: ConfigReader<Resolved>): Resolved {
    // Required here, not imported: the offline CLI's usage and config errors (stack-config.ts reads this file) need no SDK.
    const runtime = (require("@pulumi/pulumi") as typeof pulumi).runtime;
    return validateConfigWith(reader, withReleasePhase(runtime.allConfig(), process.env[RELEASE_PHASE_ENV]), engineSecretKeys());
}

/**
 * The deploy workflow's promote / rollback switch: this variable sets `compute.releasePhase`
 * for one `pulumi up` without editing the committed stack file (workflows never write one).
 */
export const RELEASE_PHASE_ENV = "PLATFORM_RELEASE_PHASE";

/** `all` with `platform:compute.releasePhase` set to `phase` (validated with the rest of the config). */
export function withReleasePhase(all: Record<string, string>, phase: string | undefined): Record<string, string> {
    if (!phase) return all;
    const key = `${CONFIG_NAMESPACE}:compute`;
    let compute: unknown = {};
    try {
        compute = all[key] === undefined ? {} : JSON.parse(all[key]!);
    } catch {
        return all; // the schema reports the stack's own bad value
    }
    if (!compute || typeof compute !== "object" || Array.isArray(compute)) return all;
    return { ...all, [key]: JSON.stringify({ ...compute, releasePhase: phase }) };
}

/** The same from an explicit key/value map (values as the CLI passes them: text, objects as JSON). */
// Stryker disable next-line ArrayDeclaration: a default list's entries would only matter for keys the config has; none is named "Stryker was here"
export function validateConfigWith<Resolved>(reader: ConfigReader<Resolved>, all: Record<string, string>, secretKeys: readonly string[] = []): Resolved {
    const mask = new SecretMask(secretKeys);
    const known = knownConfigKeys(reader.schema);
    const problems: ConfigProblem[] = namespaceProblems(Object.keys(all), known, (k) => decode(all[k]!));
    const raw = rawPlatformConfigOf(reader, all);
    // A top-level key is secret as a whole (the engine marks `platform:services` once it holds one `secure:` value).
    const result = reader.tryResolve(raw, (key) => secretKeys.includes(key));
    if (Array.isArray(result)) problems.push(...result);
    else problems.push(...mirroredKeyProblems(all, result as PlatformConfig));
    if (problems.length > 0) throw new ConfigError(problems, mask);
    return result as Resolved;
}

/** Top-level keys whose schema type is a string: their text is the value, never JSON-decoded. */
export function stringKeysOf(schema: RawSchema): ReadonlySet<string> {
    return new Set(Object.entries(schema.shape).filter(([, s]) => isStringSchema(s)).map(([k]) => k));
}

function isStringSchema(s: unknown): boolean {
    let cur = s as { _zod: { def: { type: string; innerType?: unknown; in?: unknown } } } | undefined;
    for (let i = 0; i < 10 && cur; i++) {
        const def = cur._zod.def;
        if (def.type === "string") return true;
        if (def.type === "enum") return true;
        cur = (def.innerType ?? (def.type === "pipe" ? def.in : undefined)) as typeof cur;
    }
    return false;
}

/** Config text nested deeper than this is rejected before decoding (no value of the schema is deeper than 5). */
export const MAX_JSON_DEPTH = 32;
/** And larger than this: a stack's whole config is a few kilobytes. */
export const MAX_VALUE_BYTES = 1 << 20;

/**
 * `platform:*` keys as the schema reads them. Objects arrive as JSON text, exactly as `pulumi
 * config` stores them, and are decoded; a string-typed key (appName, kubeconfig, ...) keeps its
 * text, so a JSON kubeconfig stays a kubeconfig.
 */
export function rawPlatformConfigOf({ schema, stringKeys }: Pick<ConfigReader<unknown>, "schema" | "stringKeys">, all: Record<string, string>): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    for (const [key, text] of Object.entries(all)) {
        if (!key.startsWith(`${CONFIG_NAMESPACE}:`)) continue;
        const name = key.slice(CONFIG_NAMESPACE.length + 1);
        if (!name || !Object.prototype.hasOwnProperty.call(schema.shape, name)) continue;
        raw[name] = stringKeys.has(name) ? text : decode(text);
    }
    return raw;
}

/** `text` is absent for a `platform:<cloud>` section the stack does not set. */
function decode(text: string | undefined): unknown {
    if (typeof text !== "string") return text;
    if (text.length > MAX_VALUE_BYTES || jsonDepth(text) > MAX_JSON_DEPTH) return text; // the schema then reports "an object"
    try {
        return JSON.parse(text, (k, v) => (k === "__proto__" || k === "constructor" || k === "prototype" ? undefined : v));
    } catch {
        return text;
    }
}

/** Bracket depth of JSON text, outside strings, without parsing it. */
export function jsonDepth(text: string): number {
    let depth = 0;
    let max = 0;
    let inString = false;
    // Stryker disable next-line EqualityOperator: charCodeAt past the end is NaN, which is no bracket or quote
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (inString) {
            if (c === 92) i++; // backslash
            else if (c === 34) inString = false;
        } else if (c === 34) inString = true;
        else if (c === 91 || c === 123) max = Math.max(max, ++depth);
        else if (c === 93 || c === 125) depth--;
    }
    return max;
}

/** `aws:region` and friends are accepted only when they say what `platform:*` says (keys.ts). */
function mirroredKeyProblems(all: Record<string, string>, cfg: PlatformConfig): ConfigProblem[] {
    // The stack's own cloud deploys to the resolved region (a recovery stack's is dr.drRegion); any other
    // key must repeat its platform: section as written: another cloud's key has no effect, which is
    // harmless only if it agrees with platform:* when that is set.
    const effective = (platformKey: string): string | undefined => {
        const [cloud, key] = platformKey.split(".") as [Cloud, string];
        return cfg.cloud === cloud && key === CLOUD_PLUGINS[cloud].regionKey ? cfg.region : platformKeyValue(all, platformKey);
    };
    const problems: ConfigProblem[] = [];
    for (const [key, platformKey] of Object.entries(MIRRORED_PROVIDER_KEYS)) {
        if (!(key in all)) continue;
        const platformValue = effective(platformKey);
        if (platformValue === undefined) {
            problems.push({ key, value: all[key], allowed: `not read by this program (it builds explicit providers): set ${CONFIG_NAMESPACE}:${platformKey} instead` });
        } else if (all[key] !== platformValue) {
            problems.push({ key, value: all[key], allowed: `${JSON.stringify(platformValue)}, the value of ${CONFIG_NAMESPACE}:${platformKey} (the program deploys there; set that key to change it)` });
        }
    }
    return problems;
}

/** `platform:<cloud>.<key>` as written. The section has passed the schema (resolve.ts keeps it as written), where each mirrored key is a string. */
function platformKeyValue(all: Record<string, string>, dotted: string): string | undefined {
    const [top, sub] = dotted.split(".") as [string, string];
    const section = decode(all[`${CONFIG_NAMESPACE}:${top}`]) as Record<string, unknown> | undefined;
    return section?.[sub] as string | undefined;
}
