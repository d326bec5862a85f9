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
    const plain = plainServiceSecrets(values);
    if (plain.length > 0) {
        throw new UsageError(`Pulumi.${stack}.yaml: ${plain.map((k) => `${k} = [secret]: allowed: a secure value: set it with pulumi config set --secret --path '${k}'`).join("; ")}`);
    }

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

function isSecure(value: unknown): boolean {
    return value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in value;
}

/**
 * As the CLI does: a `secure:` value anywhere inside a key (set with `--secret --path`) makes the
 * whole key secret. Each is replaced by the placeholder, since it cannot be decrypted here.
 */
function encode(value: unknown): { text: string; secret: boolean } {
    let secret = false;
    const strip = (v: unknown): unknown => {
        if (isSecure(v)) {
            secret = true;
            return OFFLINE_SECRET_PLACEHOLDER;
        }
        if (Array.isArray(v)) return v.map(strip);
        if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, strip(x)]));
        return v;
    };
    const stripped = strip(value);
    if (typeof stripped === "string") return { text: stripped, secret };
    return { text: JSON.stringify(stripped), secret };
}

/**
 * The program sees secrecy per top-level key only, so it cannot tell one plain value among
 * secure ones; the stack file can. Every `services.<name>.secrets.<ENV>` must be `secure:`.
 */
function plainServiceSecrets(values: Record<string, unknown>): string[] {
    return (["services", "jobs"] as const).flatMap((top) => plainSecretsUnder(values, top));
}

function plainSecretsUnder(values: Record<string, unknown>, top: "services" | "jobs"): string[] {
    const services = values[`platform:${top}`];
    if (services === null || typeof services !== "object") return [];
    const plain: string[] = [];
    for (const [service, svc] of Object.entries(services as Record<string, unknown>)) {
        const secrets = (svc as { secrets?: unknown } | null)?.secrets;
        if (secrets === null || typeof secrets !== "object") continue;
        for (const [envName, v] of Object.entries(secrets as Record<string, unknown>)) {
            if (!isSecure(v)) plain.push(`platform:${top}.${service}.secrets.${envName}`);
        }
    }
    return plain;
}
