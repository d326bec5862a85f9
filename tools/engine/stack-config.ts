import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

/** The directory holding Pulumi.yaml: two levels up from here, or three when running from bin/. */
export const REPO_ROOT = [path.resolve(__dirname, "..", ".."), path.resolve(__dirname, "..", "..", "..")]
    .find((dir) => fs.existsSync(path.join(dir, "Pulumi.yaml"))) ?? path.resolve(__dirname, "..", "..");

/** Config as the Pulumi CLI hands it to a program: every value a string, objects as JSON. */
export interface StackConfig {
    project: string;
    stack: string;
    config: Record<string, string>;
    secretKeys: string[];
}

export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

/** Placeholder for `secure:` values, which cannot be decrypted without the stack's secrets provider. */
export const OFFLINE_SECRET_PLACEHOLDER = "offline-placeholder-secret";

/**
 * Reads `Pulumi.<stack>.yaml` like the CLI does and applies `KEY=VALUE` overrides with
 * `pulumi config set --path` semantics (`platform:database.size=large`,
 * `platform:services.api.minReplicas=2`). As with `--path`, `true`/`false` are booleans and
 * integers are numbers; a value starting with `{` or `[` is JSON; anything else is a string.
 */
export function loadStackConfig(stack: string, overrides: string[] = [], root = REPO_ROOT): StackConfig {
    const projectFile = YAML.parse(fs.readFileSync(path.join(root, "Pulumi.yaml"), "utf8"));
    const project: string = projectFile?.name;
    const file = path.join(root, `Pulumi.${stack}.yaml`);
    if (!/^[A-Za-z0-9_.-]+$/.test(stack) || !fs.existsSync(file)) {
        const known = fs.readdirSync(root).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).map((f) => f.slice(7, -5));
        throw new UsageError(`--stack ${JSON.stringify(stack)}: no file Pulumi.${stack}.yaml; allowed: ${known.join(", ")}`);
    }
    const values: Record<string, unknown> = { ...(YAML.parse(fs.readFileSync(file, "utf8"))?.config ?? {}) };
    // As the CLI does: a project-level key the stack leaves unset takes its Pulumi.yaml default.
    for (const [key, decl] of Object.entries<{ default?: unknown }>(projectFile?.config ?? {})) {
        const fullKey = key.includes(":") ? key : `${project}:${key}`;
        if (decl?.default !== undefined && !(fullKey in values)) values[fullKey] = decl.default;
    }
    for (const override of overrides) applyOverride(values, override);

    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(values)) {
        const { text, secret } = encode(value);
        config[key] = text;
        if (secret) secretKeys.push(key);
    }
    return { project, stack, config, secretKeys };
}

function applyOverride(values: Record<string, unknown>, override: string): void {
    const eq = override.indexOf("=");
    const fullKey = override.slice(0, eq);
    if (eq <= 0 || !/^[a-z][a-zA-Z0-9-]*:[A-Za-z0-9_.\-[\]]+$/.test(fullKey)) {
        throw new UsageError(`--config ${JSON.stringify(override)}: allowed: KEY=VALUE with KEY like platform:database.size`);
    }
    const [ns, pathText] = fullKey.split(":", 2) as [string, string];
    const segments = pathText.split(/\.|\[(\d+)\]/).filter((s) => s !== undefined && s !== "");
    const value = parseOverrideValue(override.slice(eq + 1));
    const topKey = `${ns}:${segments[0]}`;
    if (segments.length === 1) {
        values[topKey] = value;
        return;
    }
    const top = (values[topKey] ??= {}) as Record<string, unknown>;
    let cur: Record<string, unknown> = top;
    for (const seg of segments.slice(1, -1)) cur = (cur[seg] ??= {}) as Record<string, unknown>;
    cur[segments[segments.length - 1]!] = value;
}

function parseOverrideValue(text: string): unknown {
    if (text === "true" || text === "false") return text === "true";
    if (/^-?\d+$/.test(text)) return Number(text);
    if (/^[[{]/.test(text)) {
        try {
            return JSON.parse(text);
        } catch {
            throw new UsageError(`--config value ${JSON.stringify(text.slice(0, 40))}: allowed: valid JSON when it starts with { or [`);
        }
    }
    return text;
}

function encode(value: unknown): { text: string; secret: boolean } {
    if (value && typeof value === "object" && !Array.isArray(value) && "secure" in value) {
        return { text: OFFLINE_SECRET_PLACEHOLDER, secret: true };
    }
    return { text: typeof value === "string" ? value : JSON.stringify(value), secret: false };
}
