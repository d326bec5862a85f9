import type { z } from "zod";
import { ConfigProblem, configKey } from "./errors";
import { isIntegerAt, keysAt, unknownKeyRule } from "./keys";

/** "a string", "an integer", "an object": zod's type names in the words a user reads. */
const TYPE_WORDS: Record<string, string> = {
    string: "a string",
    number: "a number",
    int: "an integer",
    bigint: "an integer",
    boolean: "true or false",
    object: "an object (a YAML mapping)",
    record: "an object (a YAML mapping)",
    map: "an object (a YAML mapping)",
    array: "a list",
    tuple: "a list",
    set: "a list",
    date: "a date",
    null: "null",
    undefined: "nothing",
};

export function typeWords(expected: string): string {
    return TYPE_WORDS[expected] ?? (/^[aeiou]/i.test(expected) ? `an ${expected}` : `a ${expected}`);
}

function bound(issue: { origin: string; inclusive?: boolean }, limit: number | bigint, dir: "min" | "max"): string {
    const n = Number(limit);
    const numeric = issue.origin === "number" || issue.origin === "int" || issue.origin === "bigint";
    if (numeric) {
        const whole = issue.origin !== "number" ? "an integer" : "a number";
        if (Math.abs(n) >= Number.MAX_SAFE_INTEGER) return dir === "max" ? `${whole} small enough to be exact` : `${whole} large enough to be exact`;
        const op = dir === "min" ? (issue.inclusive === false ? ">" : ">=") : issue.inclusive === false ? "<" : "<=";
        return `${whole} ${op} ${n}`;
    }
    const unit = issue.origin === "string" ? "characters" : "items";
    const count = issue.inclusive === false ? (dir === "min" ? n + 1 : n - 1) : n;
    // Stryker disable next-line Regex: "characters" and "items" have one s, at the end
    return `${dir === "min" ? "at least" : "at most"} ${count} ${count === 1 ? unit.replace(/s$/, "") : unit}`;
}

/** The words for one zod issue's rule, whatever its kind (used for nested map-key issues too). */
export function allowedText(issue: z.core.$ZodIssue, present: boolean, integer = false): string {
    const required = present ? "" : " (this key is required)";
    switch (issue.code) {
        case "invalid_value":
            return `one of ${issue.values.map((v) => String(v)).join(", ")}${required}`;
        case "invalid_type":
            return `${typeWords(integer && issue.expected === "number" ? "int" : issue.expected)}${required}`;
        // A rule's own words win over the generic bound (zod's defaults start "Too small"/"Too big").
        case "too_small":
            return /^Too small/.test(issue.message) ? bound(integer && issue.origin === "number" ? { ...issue, origin: "int" } : issue, issue.minimum, "min") : issue.message;
        case "too_big":
            return /^Too big/.test(issue.message) ? bound(integer && issue.origin === "number" ? { ...issue, origin: "int" } : issue, issue.maximum, "max") : issue.message;
        case "not_multiple_of":
            return `a multiple of ${issue.divisor}`;
        case "invalid_union":
            return issue.message.startsWith("Invalid") ? "see the config reference in README.md" : issue.message;
        default:
            return issue.message;
    }
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
    let cur: unknown = root;
    for (const p of path) {
        if (cur === null || typeof cur !== "object" || !Object.prototype.hasOwnProperty.call(cur, p)) return undefined;
        cur = (cur as Record<PropertyKey, unknown>)[p];
    }
    return cur;
}

/** Turns a zod issue into key / value / allowed problems. */
export function problemsFromIssue(issue: z.core.$ZodIssue, input: unknown, schema: z.ZodType): ConfigProblem[] {
    const key = configKey(issue.path);
    const value = valueAt(input, issue.path);
    switch (issue.code) {
        case "unrecognized_keys": {
            const known = keysAt(schema, issue.path).map((k) => configKey([...issue.path, k]));
            return issue.keys.map((k) => {
                const full = configKey([...issue.path, k]);
                return { key: full, value: valueAt(input, [...issue.path, k]), allowed: unknownKeyRule(full, known) };
            });
        }
        case "invalid_key": {
            // A bad map key (service name, tag key, env name): report the key itself and the key rule.
            const inner = issue.issues[0];
            return [{ key, value: issue.path[issue.path.length - 1], allowed: `a key that is ${inner ? allowedText(inner, true) : issue.message}` }];
        }
        default:
            return [{ key, value, allowed: allowedText(issue, value !== undefined, isIntegerAt(schema, issue.path)) }];
    }
}
