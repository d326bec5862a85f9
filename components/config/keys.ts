import { closest, distance } from "fastest-levenshtein";
import { z } from "zod";
import { ConfigProblem } from "./errors";

export const CONFIG_NAMESPACE = "platform";

/**
 * Keys outside `platform:` the program accepts. Everything else under `config:` is an error
 * naming the nearest known key, so a typo (`platfrom:database`, `PLATFORM:appName`,
 * ` platform:appName`, `monitoring` without a namespace) never falls back to a default.
 *
 * - Keys the Pulumi engine itself reads: stack tags, disabling default providers, autonaming.
 * - The clouds' own region/project/location/subscription keys, which other Pulumi tooling
 *   reads by habit. The program builds explicit providers from `platform:*` only (DESIGN.md),
 *   so these are accepted only when they repeat the `platform:` value: set to something else
 *   they would say the stack deploys where it does not.
 */
export const PULUMI_KEYS = ["pulumi:tags", "pulumi:disable-default-providers", "pulumi:autonaming"] as const;
export const MIRRORED_PROVIDER_KEYS = {
    "aws:region": "aws.region",
    "gcp:project": "gcp.project",
    "gcp:region": "gcp.region",
    "azure-native:location": "azure.location",
    "azure-native:subscriptionId": "azure.subscriptionId",
} as const;
export type MirroredProviderKey = keyof typeof MIRRORED_PROVIDER_KEYS;

/** Every top-level `platform:` key the schema knows, plus the allow-list above. */
export function knownConfigKeys(schema: z.ZodObject): string[] {
    return [...Object.keys(schema.shape).map((k) => `${CONFIG_NAMESPACE}:${k}`), ...PULUMI_KEYS, ...Object.keys(MIRRORED_PROVIDER_KEYS)];
}

/**
 * The nearest of `known` to `key`: exact match ignoring case, whitespace and a missing
 * namespace first, then Levenshtein distance (within half the key's length, so an unrelated
 * word gets no far-fetched suggestion).
 */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
    if (known.length === 0) return undefined;
    const norm = (k: string) => k.replace(/\s+/g, "").toLowerCase();
    const target = norm(key);
    const bare = (k: string) => norm(k).replace(/^[^:]*:/, "");
    const exact = known.find((k) => norm(k) === target) ?? known.find((k) => !target.includes(":") && bare(k) === target && k.startsWith(`${CONFIG_NAMESPACE}:`));
    if (exact) return exact;
    const candidate = closest(target, known.map(norm));
    const budget = Math.max(2, Math.floor(target.length / 2));
    if (distance(target, candidate) > budget) {
        // A misspelled namespace on a known name (`platfrom:database`): compare the names alone.
        const byName = known.find((k) => target.includes(":") && bare(k) === target.replace(/^[^:]*:/, ""));
        return byName;
    }
    return known[known.map(norm).indexOf(candidate)];
}

export function unknownKeyRule(key: string, known: readonly string[]): string {
    const near = nearestKey(key, known);
    return `no such key${near ? `; did you mean ${near}?` : ""} (keys are ${CONFIG_NAMESPACE}:<name> or one listed in README.md "Config reference")`;
}

/** Problems for every key under `config:` that is neither a known `platform:` key nor allow-listed. */
export function namespaceProblems(keys: Iterable<string>, known: readonly string[], valueOf: (key: string) => unknown): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    for (const key of keys) {
        if (known.includes(key)) continue;
        problems.push({ key, value: valueOf(key), allowed: unknownKeyRule(key, known) });
    }
    return problems;
}

/** The keys a (nested) object schema allows at `path`, for "did you mean" on nested typos. */
export function keysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
    let cur: z.ZodType | undefined = unwrap(schema);
    for (const seg of path) {
        if (!cur) return [];
        if (cur instanceof z.ZodObject) cur = unwrap(cur.shape[String(seg)] as z.ZodType | undefined);
        else if (cur instanceof z.ZodRecord) cur = unwrap(cur._zod.def.valueType as z.ZodType);
        else if (cur instanceof z.ZodArray) cur = unwrap(cur._zod.def.element as z.ZodType);
        else return [];
    }
    return cur instanceof z.ZodObject ? Object.keys(cur.shape) : [];
}

function unwrap(s: z.ZodType | undefined): z.ZodType | undefined {
    let cur = s;
    for (let i = 0; i < 10 && cur; i++) {
        const def = cur._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
        if (def.innerType) cur = def.innerType;
        else if (def.type === "pipe" && def.in) cur = def.in;
        else break;
    }
    return cur;
}
