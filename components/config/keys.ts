import { closest, distance } from "fastest-levenshtein";
import { z } from "./zod";
import { CLOUD_PLUGINS } from "../../providers/registry";
import type { CloudPlugin } from "./cloud-plugin";
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
/** Each cloud's own keys (its plugin's `providerConfigKeys`), with the `platform:` key (`<cloud>.<key>`) each must repeat. */
export const MIRRORED_PROVIDER_KEYS: Readonly<Record<string, string>> = Object.fromEntries(Object.values(CLOUD_PLUGINS).flatMap((p: CloudPlugin) =>
    Object.entries(p.providerConfigKeys).map(([key, sectionKey]) => [key, `${p.name}.${sectionKey}`])));

/** Every top-level `platform:` key the schema knows, plus the allow-list above. */
export function knownConfigKeys(schema: z.ZodObject): string[] {
    return [...Object.keys(schema.shape).map((k) => `${CONFIG_NAMESPACE}:${k}`), ...PULUMI_KEYS, ...Object.keys(MIRRORED_PROVIDER_KEYS)];
}

/**
 * The nearest of `known` to `key`, or undefined when nothing is near: first the same key
 * ignoring case, whitespace, `-` and `_`; then the same name under another or no namespace
 * (`platfrom:database`, `monitoring`); then a name one is a prefix of (`imag`, `path`); then
 * the smallest edit distance within a third of the name's length (`sise`, `databse`).
 */
export function nearestKey(key: string, known: readonly string[]): string | undefined {
    if (known.length === 0 || key.length > 200) return undefined;
    // Stryker disable next-line MethodExpression: upper and lower case fold ASCII keys alike; they differ only on letters such as ſ or ı, which no key has
    const norm = (k: string) => k.replace(/[\s_-]/g, "").toLowerCase();
    const split = (k: string): [string, string] => {
        const i = Math.max(k.lastIndexOf("."), k.lastIndexOf(":"), k.lastIndexOf("]"));
        return [k.slice(0, i + 1), k.slice(i + 1)];
    };
    const t = norm(key);
    const exact = known.find((k) => norm(k) === t);
    if (exact) return exact;
    const [prefix, name] = split(t);
    const byName = known.filter((k) => split(norm(k))[1] === name);
    if (byName.length > 0) return byName.find((k) => k.startsWith(`${CONFIG_NAMESPACE}:`)) ?? byName[0];
    const siblings = known.filter((k) => split(norm(k))[0] === prefix);
    const pool = siblings.length > 0 ? siblings : known;
    if (name.length >= 3) {
        const prefixed = pool.find((k) => { const n = split(norm(k))[1]; return n.startsWith(name) || (n.length >= 3 && name.startsWith(n)); });
        if (prefixed) return prefixed;
    }
    const names = pool.map((k) => (siblings.length > 0 ? split(norm(k))[1] : norm(k)));
    const target = siblings.length > 0 ? name : t;
    const best = closest(target, names);
    return distance(target, best) <= Math.max(1, Math.floor(target.length / 3)) ? pool[names.indexOf(best)] : undefined;
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

/** The (unwrapped) schema of the value at `path`, through objects, records and lists. */
export function schemaAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): z.ZodType | undefined {
    let cur: z.ZodType | undefined = unwrap(schema);
    for (const seg of path) {
        // Own keys only: `constructor` is no key of any section.
        if (cur instanceof z.ZodObject) cur = Object.prototype.hasOwnProperty.call(cur.shape, String(seg)) ? unwrap(cur.shape[String(seg)] as z.ZodType) : undefined;
        else if (cur instanceof z.ZodRecord) cur = unwrap(cur._zod.def.valueType as z.ZodType);
        // Stryker disable next-line ConditionalExpression: only arrays carry `element`; any other schema's is undefined, as the else's is
        else if (cur instanceof z.ZodArray) cur = unwrap(cur._zod.def.element as z.ZodType);
        else return undefined;
    }
    return cur;
}

/** The keys a (nested) object schema allows at `path`, for "did you mean" on nested typos. */
export function keysAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): string[] {
    const cur = schemaAt(schema, path);
    return cur instanceof z.ZodObject ? Object.keys(cur.shape) : [];
}

/** Whether the schema at `path` takes whole numbers only (zod reports those bounds as plain "number"). */
export function isIntegerAt(schema: z.ZodType, path: ReadonlyArray<PropertyKey>): boolean {
    const cur = schemaAt(schema, path);
    return cur instanceof z.ZodNumber && cur.isInt === true;
}

function unwrap(s: z.ZodType | undefined): z.ZodType | undefined {
    let cur = s;
    for (let i = 0; i < 10 && cur; i++) {
        const def = cur._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
        if (def.innerType) cur = def.innerType;
        else if (def.in) cur = def.in; // only a pipe has `in`
        else break;
    }
    return cur;
}
