import type { z } from "zod";

/** One bad config value: the full key as `pulumi config` names it, what was found, what is allowed. */
export interface ConfigProblem {
    key: string;
    value: unknown;
    allowed: string;
}

/**
 * Thrown before any resource is registered when the stack config is invalid. The message
 * lists every problem, one per line, as `platform:<path> = <value>: allowed: <rule>`.
 */
export class ConfigError extends Error {
    constructor(readonly problems: ConfigProblem[]) {
        super(
            "Invalid stack config:\n" +
                problems.map((p) => `  ${p.key} = ${formatValue(p.value)}: allowed: ${p.allowed}`).join("\n"),
        );
        this.name = "ConfigError";
    }
}

/** Config keys whose values are secrets: an error names them but never prints the value. */
export const SECRET_CONFIG_KEYS = ["platform:kubeconfig"];
export const SECRET_VALUE = Symbol("secret");
/** Config paths under which every value is a secret (the applications' own secrets). */
export const SECRET_CONFIG_PATH = /^platform:(services|jobs)\.[^.]+\.secrets(\.|$)/;

export function formatValue(value: unknown): string {
    if (value === undefined) return "(missing)";
    if (value === SECRET_VALUE) return "[secret]";
    const text = JSON.stringify(value);
    return text.length > 80 ? text.slice(0, 77) + "..." : text;
}

export function configKey(path: ReadonlyArray<PropertyKey>): string {
    const [head, ...rest] = path.map(String);
    return `platform:${head ?? ""}${rest.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join("")}`;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
    let cur: unknown = root;
    for (const p of path) {
        if (cur === null || typeof cur !== "object") return undefined;
        cur = (cur as Record<PropertyKey, unknown>)[p];
    }
    return cur;
}

/** Turns a zod issue into the key / value / allowed triple, whatever the issue kind. */
export function problemFromIssue(issue: z.core.$ZodIssue, input: unknown): ConfigProblem[] {
    const key = configKey(issue.path);
    const secret = SECRET_CONFIG_KEYS.some((k) => key === k || key.startsWith(`${k}.`)) || SECRET_CONFIG_PATH.test(key);
    const value = secret ? SECRET_VALUE : valueAt(input, issue.path);
    switch (issue.code) {
        case "invalid_value":
            return [{ key, value, allowed: `one of ${issue.values.map((v) => String(v)).join(", ")}${value === undefined ? " (this key is required)" : ""}` }];
        case "invalid_type":
            return [{ key, value, allowed: value === undefined ? `a ${issue.expected} (this key is required)` : `a ${issue.expected}` }];
        case "too_small":
            return [{ key, value, allowed: issue.origin === "number" ? `a number >= ${issue.minimum}` : `at least ${issue.minimum} ${issue.origin === "string" ? "characters" : "items"}` }];
        case "too_big":
            return [{ key, value, allowed: issue.origin === "number" ? `a number <= ${issue.maximum}` : `at most ${issue.maximum} ${issue.origin === "string" ? "characters" : "items"}` }];
        case "unrecognized_keys":
            return issue.keys.map((k) => ({ key: configKey([...issue.path, k]), value: valueAt(input, [...issue.path, k]), allowed: "no such key (check the config reference in README.md)" }));
        case "invalid_key":
            // A bad map key (service name, tag key): report the key itself and the key rule.
            return [{ key, value: issue.path[issue.path.length - 1], allowed: `a key that is ${issue.issues[0]?.message ?? issue.message}` }];
        case "invalid_union":
            return [{ key, value, allowed: issue.message.startsWith("Invalid") ? "see the config reference in README.md" : issue.message }];
        default:
            return [{ key, value, allowed: issue.message }];
    }
}
