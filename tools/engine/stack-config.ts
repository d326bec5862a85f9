import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { ConfigError, ConfigProblem, NO_VALUE, SourceLocation } from "../../components/config/errors";
import { nearestKey } from "../../components/config/keys";
import { jsonDepth, MAX_JSON_DEPTH } from "../../components/config/read";
import { parseYamlSafely } from "../../components/config/safe-yaml";

/** The directory holding Pulumi.yaml: two levels up from here, or three when running from bin/. */
export const REPO_ROOT = [path.resolve(__dirname, "..", ".."), path.resolve(__dirname, "..", "..", "..")]
    .find((dir) => fs.existsSync(path.join(dir, "Pulumi.yaml"))) ?? path.resolve(__dirname, "..", "..");

/** Config as the Pulumi CLI hands it to a program: every value a string, objects as JSON. */
export interface StackConfig {
    project: string;
    stack: string;
    config: Record<string, string>;
    secretKeys: string[];
    /** Where a config key (`platform:services.api.port`) was written: its line in the stack file, or the `--config` that set it. */
    locate(key: string): SourceLocation | undefined;
}

/** A command-line mistake (unknown stack, malformed `--config`): exit 2, like bad config. */
export class UsageError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UsageError";
    }
}

/** Placeholder for `secure:` values, which cannot be decrypted without the stack's secrets provider. */
export const OFFLINE_SECRET_PLACEHOLDER = "offline-placeholder-secret";

/** Top-level keys of a Pulumi stack file (pulumi/sdk/go/common/workspace/project.go, ProjectStack). */
const STACK_FILE_KEYS = ["config", "secretsprovider", "encryptedkey", "encryptionsalt", "environment"];
/** Path segments that would reach Object.prototype instead of config. */
const FORBIDDEN_SEGMENTS = new Set(["__proto__", "constructor", "prototype"]);
/** Largest list index a `--config` path may name (and never past the end of the list). */
export const MAX_PATH_INDEX = 1000;
export const MAX_OVERRIDE_BYTES = 64 * 1024;

/**
 * Reads `Pulumi.<stack>.yaml` like the CLI does and applies `KEY=VALUE` overrides with
 * `pulumi config set --path` semantics (`platform:database.size=large`,
 * `platform:services.api.minReplicas=2`). As with `--path`, `true`/`false` are booleans and
 * integers are numbers; a value starting with `{` or `[` is JSON; anything else is a string.
 *
 * Every failure is a ConfigError (the file: YAML syntax, structure, with file:line:column) or a
 * UsageError (`--config` syntax and paths); nothing else escapes, whatever the input.
 */
export function loadStackConfig(stack: string, overrides: string[] = [], root = REPO_ROOT): StackConfig {
    const projectFile = readYamlFile(path.join(root, "Pulumi.yaml"), "Pulumi.yaml");
    const project = isMap(projectFile.value) && typeof projectFile.value.name === "string" ? projectFile.value.name : "platform";
    const fileName = `Pulumi.${stack}.yaml`;
    const file = path.join(root, fileName);
    if (!/^[A-Za-z0-9_.-]{1,100}$/.test(stack) || !fs.existsSync(file)) {
        const known = fs.readdirSync(root).filter((f) => /^Pulumi\..+\.yaml$/.test(f)).map((f) => f.slice(7, -5));
        throw new UsageError(`--stack ${JSON.stringify(stack.slice(0, 100))}: no file Pulumi.${stack.slice(0, 100)}.yaml; allowed: ${known.join(", ")}`);
    }
    const stackFile = readYamlFile(file, fileName);
    const locations = new Map<string, SourceLocation>();
    const values = stackFileConfig(stackFile, fileName, locations);

    // As the CLI does: a project-level key the stack leaves unset takes its Pulumi.yaml default.
    const declared = isMap(projectFile.value) && isMap(projectFile.value.config) ? projectFile.value.config : {};
    for (const [key, decl] of Object.entries(declared)) {
        const fullKey = key.includes(":") ? key : `${project}:${key}`;
        if (isMap(decl) && decl.default !== undefined && !Object.hasOwn(values, fullKey)) values[fullKey] = decl.default;
    }
    const overridden: string[] = [];
    for (const override of overrides) overridden.push(applyOverride(values, override));
    // The application's secrets must be `secure:` (in the file, or `{"secure": ...}` in an override).
    const plain = plainServiceSecrets(values);
    if (plain.length > 0) {
        throw new UsageError(`${fileName}: ${plain.map((k) => `${k} = [secret]: allowed: a secure value: set it with pulumi config set --secret --path '${k}'`).join("; ")}`);
    }
    const secretKeys = new Set<string>();
    for (const [key, value] of Object.entries(values)) {
        const { value: replaced, secret } = replaceSecure(value);
        values[key] = replaced;
        if (secret) secretKeys.add(key);
    }

    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(values)) config[key] = typeof value === "string" ? value : JSON.stringify(value);

    const locate = (key: string): SourceLocation | undefined => {
        const hit = overridden.find((o) => o === key || key.startsWith(`${o}.`) || key.startsWith(`${o}[`) || o.startsWith(`${key}.`) || o.startsWith(`${key}[`));
        if (hit) return { file: "--config" };
        for (let k = key; k; k = parentKey(k)) {
            const loc = locations.get(k);
            if (loc) return loc;
        }
        return { file: fileName };
    };
    return { project, stack, config, secretKeys: [...secretKeys], locate };
}

function parentKey(key: string): string {
    const m = /^(.*)(\.[^.[\]]*|\[\d+\])$/.exec(key);
    return m && m[1]!.includes(":") ? m[1]! : "";
}

function isMap(v: unknown): v is Record<string, unknown> {
    return typeof v === "object" && v !== null && !Array.isArray(v);
}

interface ParsedFile {
    value: unknown;
    doc?: YAML.Document.Parsed;
    lines?: YAML.LineCounter;
}

function readYamlFile(file: string, label: string): ParsedFile {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (err) {
        throw new UsageError(`${label}: cannot read it (${(err as NodeJS.ErrnoException).code ?? "error"})`);
    }
    const parsed = parseYamlSafely(text);
    if (!parsed.ok) {
        const { line, column, message } = parsed.failure;
        throw new ConfigError([{ key: "stack file", value: NO_VALUE, allowed: `not valid YAML: ${message}`, location: { file: label, line, column } }]);
    }
    return { value: parsed.value, doc: parsed.doc, lines: parsed.lines };
}

/** The `config:` map of a parsed stack file, checking its structure and recording where each key was written. */
function stackFileConfig(parsed: ParsedFile, label: string, locations: Map<string, SourceLocation>): Record<string, unknown> {
    const at = (node: unknown): SourceLocation => {
        const range = (node as { range?: [number, number, number] } | null)?.range;
        if (!range || !parsed.lines) return { file: label };
        const pos = parsed.lines.linePos(range[0]);
        return { file: label, line: pos.line, column: pos.col };
    };
    const fail = (problems: ConfigProblem[]): never => {
        throw new ConfigError(problems);
    };
    const top = parsed.value;
    if (top === null || top === undefined) return {};
    const root = parsed.doc?.contents;
    if (!isMap(top) || !YAML.isMap(root)) fail([{ key: "stack file", value: NO_VALUE, allowed: "a YAML mapping with a config: key", location: at(root) }]);
    const rootMap = root as YAML.YAMLMap;
    const problems: ConfigProblem[] = [];
    let configNode: unknown;
    for (const pair of rootMap.items) {
        const key = YAML.isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key === "config") configNode = pair.value;
        else if (key === undefined || !STACK_FILE_KEYS.includes(key)) {
            const near = key === undefined ? undefined : nearestKey(key, STACK_FILE_KEYS);
            problems.push({ key: key ?? "(complex key)", value: NO_VALUE, allowed: `not a stack file key; allowed: ${STACK_FILE_KEYS.join(", ")}${near ? ` (did you mean ${near}?)` : ""}`, location: at(pair.key) });
        }
    }
    if (problems.length > 0) fail(problems);
    if (configNode === null || configNode === undefined || (YAML.isScalar(configNode) && configNode.value === null)) return {};
    if (!YAML.isMap(configNode)) fail([{ key: "config", value: NO_VALUE, allowed: "a mapping of config keys to values", location: at(configNode) }]);

    // Every key in the config tree must be a plain scalar (no `? [a, b]: x` complex keys).
    const walk: Array<{ node: unknown; key: string }> = [];
    for (const pair of (configNode as YAML.YAMLMap).items) {
        if (!YAML.isScalar(pair.key) || pair.key.value === null || typeof pair.key.value === "object") {
            problems.push({ key: "config", value: NO_VALUE, allowed: "keys that are plain text (a complex or empty key was found)", location: at(pair.key) });
            continue;
        }
        const key = String(pair.key.value);
        locations.set(key, at(pair.key));
        walk.push({ node: pair.value, key });
    }
    while (walk.length > 0) {
        const { node, key } = walk.pop()!;
        if (YAML.isMap(node)) {
            for (const pair of node.items) {
                if (!YAML.isScalar(pair.key) || pair.key.value === null || typeof pair.key.value === "object") {
                    problems.push({ key, value: NO_VALUE, allowed: "keys that are plain text (a complex or empty key was found)", location: at(pair.key) });
                    continue;
                }
                const sub = `${key}.${String(pair.key.value)}`;
                locations.set(sub, at(pair.key));
                walk.push({ node: pair.value, key: sub });
            }
        } else if (YAML.isSeq(node)) {
            node.items.forEach((item, i) => {
                locations.set(`${key}[${i}]`, at(item));
                walk.push({ node: item, key: `${key}[${i}]` });
            });
        }
    }
    if (problems.length > 0) fail(problems);
    // Copy into a fresh object: a key named __proto__ stays an ordinary key (it is then reported as unknown).
    const config: Record<string, unknown> = {};
    for (const [k, v] of Object.entries((top as Record<string, unknown>).config as Record<string, unknown>)) {
        Object.defineProperty(config, k, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return config;
}

/** `{secure: ...}` anywhere in a value becomes the placeholder; the top-level key is then secret, as under the CLI. */
function replaceSecure(value: unknown): { value: unknown; secret: boolean } {
    let secret = false;
    const visit = (v: unknown): unknown => {
        if (Array.isArray(v)) return v.map(visit);
        if (isMap(v)) {
            const keys = Object.keys(v);
            if (keys.length === 1 && keys[0] === "secure" && typeof v.secure === "string") {
                secret = true;
                return OFFLINE_SECRET_PLACEHOLDER;
            }
            const out: Record<string, unknown> = {};
            for (const k of keys) Object.defineProperty(out, k, { value: visit(v[k]), enumerable: true, writable: true, configurable: true });
            return out;
        }
        return v;
    };
    return { value: visit(value), secret };
}

type Segment = { kind: "key"; name: string } | { kind: "index"; index: number };

/**
 * Applies one `KEY=VALUE` and returns the key's path as config keys print (`platform:services.api.port`).
 * Throws UsageError naming the path and why for anything `pulumi config set --path` would not do.
 */
function applyOverride(values: Record<string, unknown>, override: string): string {
    const shown = JSON.stringify(override.length > 120 ? override.slice(0, 117) + "..." : override);
    if (override.length > MAX_OVERRIDE_BYTES) throw new UsageError(`--config ${shown}: longer than ${MAX_OVERRIDE_BYTES} bytes`);
    const eq = override.indexOf("=");
    if (eq <= 0) throw new UsageError(`--config ${shown}: allowed: KEY=VALUE with KEY like platform:database.size`);
    const fullKey = override.slice(0, eq);
    const colon = fullKey.indexOf(":");
    if (colon <= 0 || colon === fullKey.length - 1) {
        throw new UsageError(`--config ${shown}: the key ${JSON.stringify(fullKey)} has no namespace; allowed: KEY=VALUE with KEY like platform:database.size`);
    }
    const ns = fullKey.slice(0, colon);
    const segments = parsePath(fullKey.slice(colon + 1), shown);
    const value = parseOverrideValue(override.slice(eq + 1), shown);
    const [head, ...rest] = segments;
    if (head?.kind !== "key") throw new UsageError(`--config ${shown}: the path must start with a key name, e.g. platform:database.size`);
    const topKey = `${ns}:${head.name}`;
    let printed = topKey;
    if (rest.length === 0) {
        values[topKey] = value;
        return printed;
    }
    if (!Object.hasOwn(values, topKey)) values[topKey] = rest[0]!.kind === "index" ? [] : {};
    let parent: Record<string, unknown> | unknown[] = values;
    let slot: string | number = topKey;
    for (const seg of rest) {
        const cur: unknown = Array.isArray(parent) ? parent[slot as number] : (parent as Record<string, unknown>)[slot as string];
        const next = seg.kind === "index" ? `${printed}[${seg.index}]` : `${printed}.${seg.name}`;
        if (seg.kind === "index") {
            if (!Array.isArray(cur)) throw new UsageError(`--config ${shown}: ${printed} is ${describe(cur)}, not a list, so ${next} cannot be set`);
            if (seg.index > cur.length) throw new UsageError(`--config ${shown}: ${next} is past the end of ${printed} (${cur.length} item(s)); allowed: an index from 0 to ${cur.length}`);
        } else if (!isMap(cur)) {
            throw new UsageError(`--config ${shown}: ${printed} is ${describe(cur)}, not an object, so ${next} cannot be set`);
        }
        parent = cur as Record<string, unknown> | unknown[];
        slot = seg.kind === "index" ? seg.index : seg.name;
        printed = next;
        const isLast = seg === rest[rest.length - 1];
        const existing = Array.isArray(parent) ? parent[slot as number] : Object.hasOwn(parent, slot as string) ? (parent as Record<string, unknown>)[slot as string] : undefined;
        if (!isLast && existing === undefined) {
            const following = rest[rest.indexOf(seg) + 1]!;
            setSlot(parent, slot, following.kind === "index" ? [] : {});
        }
        if (isLast) setSlot(parent, slot, value);
    }
    return printed;
}

function setSlot(parent: Record<string, unknown> | unknown[], slot: string | number, value: unknown): void {
    if (Array.isArray(parent)) parent[slot as number] = value;
    else Object.defineProperty(parent, slot as string, { value, enumerable: true, writable: true, configurable: true });
}

function describe(v: unknown): string {
    if (Array.isArray(v)) return "a list";
    if (v === null) return "null";
    if (typeof v === "object") return "an object";
    return typeof v === "number" ? "a number" : typeof v === "boolean" ? "a boolean" : "a string";
}

/** `a.b[0].c` into segments; names are any characters but `.`, `[` and `]`. */
function parsePath(text: string, shown: string): Segment[] {
    const segments: Segment[] = [];
    const re = /([^.[\]]+)|\[(\d+)\]|(\.)/gy;
    let expectName = true;
    let m: RegExpExecArray | null;
    let pos = 0;
    while (pos < text.length) {
        re.lastIndex = pos;
        m = re.exec(text);
        if (!m) throw new UsageError(`--config ${shown}: cannot read the path at ${JSON.stringify(text.slice(pos, pos + 20))}; allowed: name(.name|[index])*`);
        pos = re.lastIndex;
        if (m[3]) {
            if (expectName) throw new UsageError(`--config ${shown}: empty path segment; allowed: name(.name|[index])*`);
            expectName = true;
        } else if (m[2] !== undefined) {
            if (segments.length === 0) throw new UsageError(`--config ${shown}: the path must start with a key name`);
            if (m[2].length > 4 || Number(m[2]) > MAX_PATH_INDEX) throw new UsageError(`--config ${shown}: index [${m[2].slice(0, 12)}] is too large; allowed: 0 to ${MAX_PATH_INDEX}, and at most the list's length`);
            segments.push({ kind: "index", index: Number(m[2]) });
            expectName = false;
        } else {
            if (!expectName) throw new UsageError(`--config ${shown}: a name must follow "." ; allowed: name(.name|[index])*`);
            const name = m[1]!;
            if (FORBIDDEN_SEGMENTS.has(name)) throw new UsageError(`--config ${shown}: the path segment ${JSON.stringify(name)} is not allowed (__proto__, constructor and prototype are never config keys)`);
            segments.push({ kind: "key", name });
            expectName = false;
        }
    }
    if (expectName) throw new UsageError(`--config ${shown}: the path ends with "." or is empty; allowed: name(.name|[index])*`);
    return segments;
}

function parseOverrideValue(text: string, shown: string): unknown {
    if (text === "true" || text === "false") return text === "true";
    if (/^-?\d{1,15}$/.test(text)) return Number(text);
    if (/^[[{]/.test(text)) {
        if (jsonDepth(text) > MAX_JSON_DEPTH) throw new UsageError(`--config ${shown}: the JSON value is nested more than ${MAX_JSON_DEPTH} levels deep`);
        try {
            return JSON.parse(text, (k, v) => (FORBIDDEN_SEGMENTS.has(k) ? undefined : v));
        } catch {
            throw new UsageError(`--config ${shown}: the value is not valid JSON; allowed: valid JSON when it starts with { or [`);
        }
    }
    return text;
}

/** `{secure: "<ciphertext>"}`, the stack file's encrypted value (what replaceSecure recognises). */
function isSecure(value: unknown): boolean {
    return isMap(value) && Object.keys(value).length === 1 && typeof value.secure === "string";
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
