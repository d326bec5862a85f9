import * as assert from "assert";
import { BINDABLE } from "../components/catalog";
import { Cloud, ConfigProblem, Environment } from "../components/config";
import { rawConfigSchema, RESERVED_ENV, tryResolveConfig } from "../components/program-config";

/**
 * The config's bounds as a contract table (README "Config reference"): for every numeric key,
 * the smallest and largest value a stack may set, per cloud and environment where the tier or
 * the cloud moves the bound. Each row is checked on both sides: the bound itself is accepted,
 * one step past it is rejected with a problem naming that key. A completeness check walks the
 * schema so a new numeric key cannot go unlisted, and every section of the schema must reject
 * a key it does not know.
 */

type Raw = Record<string, any>;

function base(cloud: Cloud = "aws", environment: Environment = "staging"): Raw {
    return {
        cloud,
        environment,
        ...(cloud === "gcp" ? { gcp: { project: "acme-prod-1", billingAccount: "01A2B3-C4D5E6-F7A8B9" } } : {}),
        loadBalancer: { domain: "app.example.com" },
        services: { api: { image: "ghcr.io/acme/api:1.0.0", http: { pathPrefix: "/" } } },
    };
}

function withPath(raw: Raw, path: string, value: unknown): Raw {
    const out = structuredClone(raw);
    const keys = path.split(".");
    let node = out;
    for (const k of keys.slice(0, -1)) node = node[k] ??= {};
    node[keys.at(-1)!] = value;
    return out;
}

function problems(raw: Raw): ConfigProblem[] {
    const r = tryResolveConfig(raw);
    return Array.isArray(r) ? r : [];
}

interface Bound {
    /** The key under `platform:`, with `api` as the service name. */
    key: string;
    min: number;
    max: number;
    /** Whole numbers only. */
    int: boolean;
    cloud?: Cloud;
    environment?: Environment;
    /** Other keys the row sets so that only this key's bound decides (e.g. maxReplicas for minReplicas = 1000). */
    with?: Record<string, unknown>;
    /** The key the problem names below `min`, when a cross-field rule sets that bound. */
    belowKey?: string;
}

const BOUNDS: Bound[] = [
    { key: "services.api.port", min: 1, max: 65535, int: true },
    { key: "services.api.minReplicas", min: 0, max: 1000, int: true, with: { "services.api.maxReplicas": 1000 } },
    { key: "services.api.maxReplicas", min: 1, max: 1000, int: true, with: { "services.api.minReplicas": 0 } },
    { key: "services.api.release.percent", min: 1, max: 50, int: false, with: { "services.api.release.strategy": "canary" } },
    { key: "services.api.release.bakeMinutes", min: 0, max: 1440, int: true, with: { "services.api.release.strategy": "canary" } },
    { key: "compute.minReplicas", min: 0, max: 1000, int: true, with: { "compute.maxReplicas": 1000 } },
    { key: "compute.maxReplicas", min: 1, max: 1000, int: true, with: { "compute.minReplicas": 0 } },
    { key: "compute.cpuTargetPercent", min: 10, max: 95, int: true },
    { key: "compute.memoryTargetPercent", min: 10, max: 95, int: true },
    { key: "compute.scaleOutCooldownSeconds", min: 0, max: 3600, int: true },
    { key: "compute.scaleInCooldownSeconds", min: 0, max: 3600, int: true },
    { key: "compute.release.percent", min: 1, max: 50, int: false, with: { "compute.release.strategy": "canary" } },
    { key: "compute.release.bakeMinutes", min: 0, max: 1440, int: true, with: { "compute.release.strategy": "canary" } },
    // One zone is enough only for a staging stack off AWS (an ALB and an RDS subnet group need two).
    { key: "network.zones", min: 1, max: 3, int: true, cloud: "gcp" },
    { key: "network.zones", min: 2, max: 3, int: true, cloud: "aws" },
    { key: "network.zones", min: 2, max: 3, int: true, cloud: "gcp", environment: "production" },
    { key: "database.storageGb", min: 20, max: 16384, int: true },
    { key: "database.backupRetentionDays", min: 7, max: 35, int: true },
    { key: "database.backupRetentionDays", min: 30, max: 35, int: true, environment: "production" },
    { key: "cache.nodes", min: 1, max: 6, int: true },
    { key: "cache.nodes", min: 2, max: 6, int: true, environment: "production" },
    { key: "cache.nodes", min: 1, max: 4, int: true, cloud: "azure" },
    { key: "cache.snapshotRetentionDays", min: 0, max: 35, int: true },
    { key: "cache.snapshotRetentionDays", min: 5, max: 35, int: true, environment: "production" },
    { key: "objectStore.tempExpirationDays", min: 1, max: 3650, int: true },
    { key: "objectStore.archiveAfterDays", min: 1, max: 3650, int: true, with: { "objectStore.expirationDays": 36500 } },
    { key: "objectStore.expirationDays", min: 2, max: 36500, int: true, with: { "objectStore.archiveAfterDays": 1 }, belowKey: "objectStore.archiveAfterDays" },
    { key: "kubernetes.minNodes", min: 1, max: 100, int: true, with: { "kubernetes.maxNodes": 100 } },
    { key: "kubernetes.maxNodes", min: 1, max: 100, int: true, with: { "kubernetes.minNodes": 1 } },
    { key: "monitoring.budget.amount", min: 1, max: 10_000_000, int: true },
    { key: "jobs.migrate.timeoutSeconds", min: 60, max: 86400, int: true, with: { "jobs.migrate.image": "ghcr.io/acme/api:1.0.0", "jobs.migrate.command": ["migrate"] } },
];

/** The entry name the tables use in a map: `api` for services, `migrate` for jobs. */
const recordName = (path: string[]) => (path.at(-1) === "jobs" ? "migrate" : "api");

/**
 * Walks the schema to every leaf and object, as dotted paths (`api` / `migrate` for a map's
 * entry), collecting what `visit` returns for each node; wrappers (optional, default, pipe,
 * union) are looked through.
 */
function walk(schema: any, visit: (type: string, path: string[]) => string[], path: string[] = []): string[] {
    const def = schema._zod.def;
    const inner = (s: any, p = path) => walk(s, visit, p);
    switch (def.type) {
        case "optional":
        case "default":
        case "nullable":
            return inner(def.innerType);
        case "pipe":
            return [...inner(def.in), ...inner(def.out)];
        case "union":
            // `database.restore` takes a backup id as a number too: an id, not a bound.
            return path.join(".") === "database.restore" ? [] : def.options.flatMap((o: any) => inner(o));
        case "record":
            return inner(def.valueType, [...path, recordName(path)]);
        case "object":
            return [...visit("object", path), ...Object.entries(def.shape).flatMap(([k, v]) => inner(v, [...path, k]))];
        default:
            return visit(def.type, path);
    }
}

/** Numeric keys of the schema. */
const numericKeys = (schema: unknown) => walk(schema, (type, path) => (type === "number" ? [path.join(".")] : []));
/** Every object section of the schema, as a path (`` for the top level). */
const sections = (schema: unknown) => walk(schema, (type, path) => (type === "object" ? [path.join(".")] : []));

function rowConfig(b: Bound, value: number): Raw {
    let raw = base(b.cloud, b.environment);
    for (const [k, v] of Object.entries(b.with ?? {})) raw = withPath(raw, k, v);
    return withPath(raw, b.key, value);
}

describe("config contract: both sides of every numeric bound", () => {
    it("lists every numeric key of the schema", () => {
        const listed = new Set(BOUNDS.map((b) => b.key));
        const unlisted = [...new Set(numericKeys(rawConfigSchema))].filter((k) => !listed.has(k));
        assert.deepStrictEqual(unlisted, [], "numeric keys without a row in BOUNDS");
    });

    for (const b of BOUNDS) {
        const where = `${b.cloud ?? "aws"}/${b.environment ?? "staging"}`;
        it(`${b.key} on ${where}: ${b.min} to ${b.max}${b.int ? ", whole numbers" : ""}`, () => {
            for (const ok of [b.min, b.max]) assert.deepStrictEqual(problems(rowConfig(b, ok)), [], `${b.key} = ${ok} must be accepted`);
            const step = b.int ? 1 : 0.5;
            for (const bad of [b.min - step, b.max + step, ...(b.int ? [b.min + 0.5] : [])]) {
                const found = problems(rowConfig(b, bad));
                const key = bad < b.min && b.belowKey ? b.belowKey : b.key;
                assert.ok(found.some((p) => p.key === `platform:${key}` && (key !== b.key || p.value === bad)),
                    `${b.key} = ${bad} must be rejected naming the key: ${JSON.stringify(found)}`);
            }
        });
    }
});

describe("config contract: every section rejects a key it does not know", () => {
    const all = [...new Set(sections(rawConfigSchema))];

    it("finds the sections a stack file can write", () => {
        for (const s of ["", "database", "cache", "compute", "compute.release", "monitoring.budget", "services.api", "services.api.http", "dr"]) {
            assert.ok(all.includes(s), `section ${s || "(top level)"}`);
        }
    });

    for (const section of all) {
        it(`${section || "(top level)"}: a typo is named, not ignored`, () => {
            const key = section ? `${section}.zzTypo` : "zzTypo";
            let raw = base();
            if (section.startsWith("services.api.release") || section === "compute.release") raw = withPath(raw, `${section}.strategy`, "rolling");
            if (section === "loadBalancer") raw = withPath(raw, "loadBalancer.domain", "app.example.com");
            raw = withPath(raw, key, 1);
            const found = problems(raw);
            assert.ok(found.some((p) => p.key === `platform:${key}` && /no such key/.test(p.allowed)), `${key}: ${JSON.stringify(found)}`);
        });
    }
});

describe("config contract: size-bounded lists and maps", () => {
    const many = (n: number, f: (i: number) => [string, unknown]) => Object.fromEntries(Array.from({ length: n }, (_, i) => f(i)));
    const ROWS: Array<{ key: string; max: number; make: (n: number) => Raw }> = [
        { key: "tags", max: 50, make: (n) => withPath(base(), "tags", many(n, (i) => [`t${i}`, "v"])) },
        { key: "services.api.env", max: 100, make: (n) => withPath(base(), "services.api.env", many(n, (i) => [`V${i}`, "x"])) },
        { key: "services", max: 200, make: (n) => withPath(base(), "services", many(n, (i) => [`s${i}`, { image: "ghcr.io/acme/api:1.0.0", ...(i === 0 ? { http: {} } : {}) }])) },
    ];
    for (const r of ROWS) {
        it(`${r.key}: at most ${r.max}`, () => {
            assert.deepStrictEqual(problems(r.make(r.max)), []);
            const found = problems(r.make(r.max + 1));
            assert.ok(found.some((p) => p.key === `platform:${r.key}` && new RegExp(`at most ${r.max}`).test(p.allowed)), JSON.stringify(found).slice(0, 400));
        });
    }
    it("services: at least one", () => {
        assert.ok(problems(withPath(base(), "services", {})).some((p) => p.key === "platform:services"));
    });
    it("appName: 3 to 12 characters", () => {
        assert.deepStrictEqual(problems(withPath(base(), "appName", "abc")), []);
        assert.deepStrictEqual(problems(withPath(base(), "appName", "abcdefghijkl")), []);
        for (const bad of ["ab", "abcdefghijklm"]) assert.ok(problems(withPath(base(), "appName", bad)).some((p) => p.key === "platform:appName"), bad);
    });
});

describe("config contract: a service's or job's env cannot set the platform's binding variables", () => {
    it("the reserved names include every binding variable", () => {
        const variables = BINDABLE.flatMap((d) => d.binding!.variables);
        assert.ok(variables.length >= 12, variables.join(", "));
        for (const name of variables) assert.ok(RESERVED_ENV.includes(name), name);
    });
    for (const name of RESERVED_ENV) {
        it(`services.api.env.${name} and jobs.migrate.env.${name} are rejected, naming the variable`, () => {
            let raw = withPath(base(), "services.api.env", { APP_MODE: "x", [name]: "disable" });
            raw = withPath(raw, "jobs.migrate", { image: "ghcr.io/acme/api:1.0.0", command: ["migrate"], env: { [name]: "disable" } });
            const found = problems(raw);
            assert.deepStrictEqual(found.map((p) => p.key), [`platform:services.api.env.${name}`, `platform:jobs.migrate.env.${name}`]);
            assert.match(found[0]!.allowed, /^a name the platform does not set itself \(reserved: DATABASE_HOST, DATABASE_PORT, .*PGSSLMODE, .*AZURE_STORAGE_BLOB_ENDPOINT\)$/);
        });
    }
    it("any other upper-case name is the service's own", () => {
        assert.deepStrictEqual(problems(withPath(base(), "services.api.env", { PGAPPNAME: "api", LOG_LEVEL: "debug" })), []);
    });
});
