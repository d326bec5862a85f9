import { SecretMask } from "./secrets";

/** Where a value came from: a stack file position (1-based), or a `--config` override. */
export interface SourceLocation {
    file: string;
    line?: number;
    column?: number;
}

/** One bad config value: the full key as `pulumi config` names it, what was found, what is allowed. */
export interface ConfigProblem {
    key: string;
    value: unknown;
    allowed: string;
    location?: SourceLocation;
}

/** Marks a value that must never be printed. */
export const SECRET_VALUE = Symbol("secret");
/** Marks a problem about the input as a whole (a YAML syntax error), which has no key or value. */
export const NO_VALUE = Symbol("no value");

/**
 * The one error of bad stack config, whatever its source (YAML syntax, unknown keys, `--config`
 * paths, schema, cross-field rules). Thrown before any resource is registered; the CLIs exit 2
 * and print only the message, never a stack trace. One line per problem:
 *
 *     [<file>:<line>:<column>: ]<key> = <value or [secret]>: allowed: <what is allowed>
 *
 * Values are masked when they are constructed: a key the engine marks secret, a key whose name
 * says credential, or a value that looks like one prints as `[secret]`, so neither the message
 * nor `problems` ever carries a secret.
 */
export class ConfigError extends Error {
    readonly problems: ConfigProblem[];

    constructor(problems: ConfigProblem[], mask: SecretMask = SecretMask.none) {
        const masked = problems.map((p) => ({ ...p, value: mask.masks(p.key, p.value) ? SECRET_VALUE : p.value }));
        super("Invalid stack config:\n" + masked.map((p) => `  ${formatProblem(p)}`).join("\n"));
        this.name = "ConfigError";
        this.problems = masked;
    }

    /** The same problems with file positions added where the locator knows them. */
    locatedBy(locate: (key: string) => SourceLocation | undefined): ConfigError {
        const err = new ConfigError(this.problems.map((p) => ({ ...p, location: p.location ?? locate(p.key) })));
        err.stack = `${err.name}: ${err.message}`;
        return err;
    }
}

export function formatLocation(loc: SourceLocation): string {
    return loc.line === undefined ? loc.file : `${loc.file}:${loc.line}:${loc.column ?? 1}`;
}

export function formatProblem(p: ConfigProblem): string {
    const where = p.location ? `${formatLocation(p.location)}: ` : "";
    if (p.value === NO_VALUE) return `${where}${p.key}: ${p.allowed}`;
    return `${where}${formatKey(p.key)} = ${formatValue(p.value)}: allowed: ${p.allowed}`;
}

/** Keys print as written; a key with spaces or control characters is quoted so the user sees them. */
function formatKey(key: string): string {
    return /^[\x21-\x7e]+$/.test(key) ? key : JSON.stringify(key);
}

export function formatValue(value: unknown): string {
    if (value === undefined) return "(missing)";
    if (value === SECRET_VALUE) return "[secret]";
    let text: string;
    try {
        text = JSON.stringify(value) ?? String(value);
    } catch {
        text = String(value);
    }
    return text.length > 80 ? text.slice(0, 77) + "..." : text;
}

/** `["services", "api", "command", 0]` -> `platform:services.api.command[0]`. */
export function configKey(path: ReadonlyArray<PropertyKey>): string {
    const [head, ...rest] = path.map(String);
    return `platform:${head ?? ""}${rest.map((p) => (/^\d+$/.test(p) ? `[${p}]` : `.${p}`)).join("")}`;
}
