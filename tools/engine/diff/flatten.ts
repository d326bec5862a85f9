/**
 * Flattening plan inputs into dotted property paths, so a diff can say exactly which
 * setting changed: `settings.backupConfiguration.enabled`, `ingress[0].fromPort`,
 * `tags["kubernetes.io/role"]`. Strings holding JSON documents (ECS container definitions,
 * IAM policies) are opened up too, so a changed image tag shows as
 * `containerDefinitions[name="api"].image` instead of one unreadable string.
 * Secrets were already replaced by "[secret]" when the plan was made: they stay that way.
 */

const IDENT = /^[A-Za-z_$][\w$-]*$/;

export function childPath(prefix: string, key: string | number): string {
    // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, a number key is no identifier and the quoted form of 0 is `[0]` too
    if (typeof key === "number") return `${prefix}[${key}]`;
    const segment = IDENT.test(key) ? key : `[${JSON.stringify(key)}]`;
    if (!prefix) return segment;
    return segment.startsWith("[") ? `${prefix}${segment}` : `${prefix}.${segment}`;
}

function parseJsonDocument(value: string): unknown {
    const t = value.trim();
    // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: equivalent, a shortcut past JSON.parse; flatten opens objects and arrays only
    if (!(t.startsWith("{") && t.endsWith("}")) && !(t.startsWith("[") && t.endsWith("]"))) return undefined;
    try {
        return JSON.parse(t);
    // Stryker disable next-line BlockStatement: equivalent, the function returns undefined either way
    } catch {
        return undefined;
    }
}

/**
 * Arrays of objects that each carry a distinct string `name` (environment variables,
 * containers, listeners, rules) are keyed by it — `envs[name="PGSSLMODE"].value` — so
 * inserting one element reads as one addition instead of every later index changing.
 */
function namedElements(items: unknown[]): string[] | undefined {
    const names = items.map((v) => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as { name?: unknown }).name : undefined));
    if (names.length === 0 || !names.every((n): n is string => typeof n === "string")) return undefined;
    return new Set(names).size === names.length ? names : undefined;
}

/** Leaf values by path. Empty objects and arrays are leaves (`{}`, `[]`) so adding one is visible. */
export function flatten(value: unknown, prefix = "", out: Map<string, unknown> = new Map()): Map<string, unknown> {
    if (typeof value === "string") {
        const doc = parseJsonDocument(value);
        // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, parseJsonDocument returns an object, an array or undefined only
        if (doc !== undefined && typeof doc === "object" && doc !== null) return flatten(doc, prefix, out);
    }
    if (Array.isArray(value)) {
        if (value.length === 0) out.set(prefix, []);
        const names = namedElements(value);
        value.forEach((v, i) => flatten(v, names ? `${prefix}[name=${JSON.stringify(names[i])}]` : childPath(prefix, i), out));
        return out;
    }
    if (value !== null && typeof value === "object") {
        const entries = Object.entries(value as Record<string, unknown>);
        if (entries.length === 0) out.set(prefix, {});
        for (const [k, v] of entries) flatten(v, childPath(prefix, k), out);
        return out;
    }
    out.set(prefix, value);
    return out;
}

/** Path segments without array indices or name keys: `a.b[0].c` and `a.b[name="x"].c` → ["a", "b", "c"]; `tags["x.y"]` → ["tags", "x.y"]. */
export function pathSegments(path: string): string[] {
    const segments: string[] = [];
    const re = /\[("(?:[^"\\]|\\.)*")\]|\[\d+\]|\[name="(?:[^"\\]|\\.)*"\]|([^.[\]]+)/g;
    let m: RegExpExecArray | null;
    while ((m = re.exec(path)) !== null) {
        if (m[1]) segments.push(JSON.parse(m[1]) as string);
        else if (m[2]) segments.push(m[2]);
    }
    return segments;
}

/** True when `path` ends with the dotted key `key` (segment-wise, indices ignored). */
export function pathEndsWith(path: string, key: string): boolean {
    const p = pathSegments(path);
    const k = key.split(".");
    // Stryker disable next-line ConditionalExpression: equivalent, a longer key reads past the path's start (undefined) and fails the comparison anyway
    if (k.length > p.length) return false;
    return k.every((seg, i) => p[p.length - k.length + i] === seg);
}

export function sameValue(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}
