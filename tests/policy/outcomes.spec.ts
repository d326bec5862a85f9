import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { DEFAULT_MINIMUM_AUDIT_LOG_RETENTION_DAYS, DEFAULT_MINIMUM_BACKUP_RETENTION_DAYS, DEFAULT_MINIMUM_SNAPSHOT_RETENTION_DAYS } from "../../policy/policies";
import type { PlatformPolicy } from "../../policy/policies";
import { Fixture, runPolicy, withPath } from "../support/policy-harness";
import { CASES, PolicyCase } from "./cases";
import { KUBERNETES_CASES } from "./kubernetes-cases";

/*
 * What the pack tells a user, for every policy on every resource shape it inspects, pinned in
 * tests/snapshots/policy-outcomes.json. Each case of the tables (cases.ts, kubernetes-cases.ts) is
 * perturbed the ways a regression would show:
 * - the compliant resource and every listed violation, in production and in staging (the
 *   production-only guards must say "not applicable" in staging, naming where the environment
 *   came from);
 * - every fixture's `protect` option flipped;
 * - every property of every fixture removed, one at a time, objects as well as leaves (an
 *   unset setting must fail where the policy requires it, and never crash the policy);
 * - every boolean flipped, every string emptied and replaced by another;
 * - every number at 0, -1, on both sides of itself and of each default minimum of the pack (30/7-day
 *   backups, 365/90-day audit logs, 5-day snapshots): both sides of every bound;
 * - every resource of a stack policy left out, of another type, linked by name only (no dependency), and next to
 *   an unrelated one of its kind (every string different).
 * The outcome of a row is what `npm run check` shows: each violation's level and full message
 * (problem, value found, fix) and each "not applicable" reason, or the error a crash raises.
 * The file lists, per case, the compliant outcome and the rows whose outcome differs from it.
 * After an intended change of the pack's behaviour, review and rewrite it with
 * `UPDATE_SNAPSHOTS=1 npx mocha tests/policy/outcomes.spec.ts`.
 */

const FILE = path.join(__dirname, "..", "snapshots", "policy-outcomes.json");
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

interface Row {
    label: string;
    fixtures: Fixture[];
    config?: Record<string, unknown>;
}

/** The bounds a number is tried on both sides of: the pack's default minimums. */
const BOUNDS = [
    ...Object.values(DEFAULT_MINIMUM_BACKUP_RETENTION_DAYS),
    ...Object.values(DEFAULT_MINIMUM_AUDIT_LOG_RETENTION_DAYS),
    DEFAULT_MINIMUM_SNAPSHOT_RETENTION_DAYS,
];

/** Every path in `value` (objects and leaves), with the leaf values; a secret envelope is one leaf. */
function paths(value: unknown, prefix = "", out: Array<[string, unknown]> = []): Array<[string, unknown]> {
    if (value !== null && typeof value === "object" && !(SECRET_SIG in (value as object))) {
        const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
        for (const [k, v] of entries) {
            const p = prefix ? `${prefix}.${k}` : k;
            out.push([p, v]);
            paths(v, p, out);
        }
    }
    return out;
}

/** The same fixtures in the staging environment: environment tags and the stack name say staging. */
function inStaging(fixtures: Fixture[]): Fixture[] {
    const swap = (v: unknown): unknown =>
        typeof v === "string" ? v.replace(/production/g, "staging")
        : Array.isArray(v) ? v.map(swap)
        : v !== null && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, swap(x)]))
        : v;
    return fixtures.map((f) => ({ ...f, stack: "staging", props: swap(f.props) as Record<string, unknown> }));
}

/** The same shape naming nothing the case has: every string replaced. */
function unrelated(v: unknown): unknown {
    if (typeof v === "string") return `unrelated-${v.length}`;
    if (Array.isArray(v)) return v.map(unrelated);
    if (v !== null && typeof v === "object" && !(SECRET_SIG in (v as object))) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unrelated(x)]));
    return v;
}

function edit(fixtures: Fixture[], i: number, p: string, value: unknown): Fixture[] {
    const copy = structuredClone(fixtures);
    copy[i] = { ...copy[i]!, props: withPath(copy[i]!.props, p, value) };
    return copy;
}

/** Removes the property at `p`; an array element is spliced out (the RPC has no holes in lists). */
function without(fixtures: Fixture[], i: number, p: string): Fixture[] {
    const keys = p.split(".");
    const last = keys.pop()!;
    if (!/^\d+$/.test(last)) return edit(fixtures, i, p, undefined);
    const copy = structuredClone(fixtures);
    const list = keys.reduce<any>((o, k) => o[k], copy[i]!.props) as unknown[];
    list.splice(Number(last), 1);
    return copy;
}

interface TableCase {
    key: string;
    policy: PlatformPolicy;
    fixtures: Fixture[];
    variants: Array<{ label: string; fixtures: Fixture[]; config?: Record<string, unknown> }>;
    stack: boolean;
}

function applyVariant(c: PolicyCase, v: PolicyCase["variants"][number]): Fixture[] {
    let fixtures = structuredClone(c.fixtures);
    for (const [i, p, value] of v.set ?? []) {
        if (p.startsWith("!")) (fixtures[i] as unknown as Record<string, unknown>)[p.slice(1)] = value;
        else fixtures = edit(fixtures, i, p, value);
    }
    if (v.remove?.length) fixtures = fixtures.map((f, i) => (v.remove!.includes(i) ? { type: "random:index/randomId:RandomId", name: `removed-${i}`, props: {} } : f));
    return fixtures;
}

const TABLE: TableCase[] = [
    ...CASES.map((c) => ({
        key: `${c.policy.name} on ${c.type}`,
        policy: c.policy,
        fixtures: c.fixtures,
        variants: c.variants.map((v) => ({ label: v.label, fixtures: applyVariant(c, v), config: v.config })),
        stack: "validateStack" in c.policy,
    })),
    ...KUBERNETES_CASES.map((c) => ({
        key: `${c.policy.name} on ${c.fixture().type}`,
        policy: c.policy,
        fixtures: [c.fixture()],
        variants: c.variants.map((v) => ({ label: v.label, fixtures: edit([c.fixture()], 0, v.path, v.value) })),
        stack: false,
    })),
];

// Some policies have more than one case on a type (different shapes): number them apart.
const seen = new Map<string, number>();
for (const c of TABLE) {
    const n = (seen.get(c.key) ?? 0) + 1;
    seen.set(c.key, n);
    if (n > 1) c.key = `${c.key} (shape ${n})`;
}

function rowsOf(c: TableCase): Row[] {
    const rows = new Map<string, Row>();
    const add = (label: string, fixtures: Fixture[], config?: Record<string, unknown>) => {
        if (!rows.has(label)) rows.set(label, { label, fixtures, config });
    };
    add("compliant", c.fixtures);
    add("compliant, in staging", inStaging(c.fixtures));
    for (const v of c.variants) {
        add(`variant: ${v.label}`, v.fixtures, v.config);
        add(`variant: ${v.label}, in staging`, inStaging(v.fixtures), v.config);
    }
    c.fixtures.forEach((f, i) => {
        const at = c.fixtures.length > 1 ? `#${i} ` : "";
        if (c.stack && c.fixtures.length > 1) {
            add(`${at}left out`, c.fixtures.filter((_, j) => j !== i));
            // The same resource under a type no policy reads: it must count as left out.
            add(`${at}of another type`, c.fixtures.map((x, j) => (j === i ? { ...x, type: "random:index/randomString:RandomString" } : x)));
            // Linked by name only (no engine dependency), and next to an unrelated one of its kind.
            if (f.dependsOn?.length) add(`${at}without dependsOn`, c.fixtures.map((x, j) => (j === i ? { ...x, dependsOn: [] } : x)));
            add(`${at}beside an unrelated one`, [...c.fixtures, { ...structuredClone(f), name: `${f.name}-unrelated`, dependsOn: [], props: unrelated(f.props) as Record<string, unknown> }]);
        }
        add(`${at}protect = ${!(f.protect ?? false)}`, c.fixtures.map((x, j) => (j === i ? { ...x, protect: !(f.protect ?? false) } : x)));
        for (const [p, v] of paths(f.props)) {
            add(`${at}without ${p}`, without(c.fixtures, i, p));
            if (typeof v === "boolean") add(`${at}${p} = ${!v}`, edit(c.fixtures, i, p, !v));
            if (typeof v === "number") {
                for (const n of [0, -1, v - 1, v + 1, ...BOUNDS.flatMap((b) => [b - 1, b, b + 1])]) if (n !== v) add(`${at}${p} = ${n}`, edit(c.fixtures, i, p, n));
            }
            if (typeof v === "string") {
                add(`${at}${p} = ""`, edit(c.fixtures, i, p, ""));
                add(`${at}${p} = "other"`, edit(c.fixtures, i, p, "other"));
            }
        }
    });
    return [...rows.values()];
}

/** What the user sees for one row: levels and full messages, not-applicable reasons, or the crash. */
async function outcome(policy: PlatformPolicy, row: Row): Promise<string[]> {
    try {
        const e = await runPolicy(policy, row.fixtures, { config: row.config });
        return [
            ...e.violations.map((v) => `${v.level} [${v.urn?.split("::").pop() ?? ""}] ${v.message}`),
            ...e.notApplicable.map((n) => `not applicable: ${n.reason}`),
        ];
    } catch (err) {
        return [`error: ${err instanceof Error ? err.message : String(err)}`];
    }
}

interface Pinned {
    compliant: string[];
    /** Rows whose outcome differs from the compliant one. */
    differ: Record<string, string[]>;
}

async function pinnedOf(c: TableCase): Promise<Pinned> {
    const rows = rowsOf(c);
    const compliant = await outcome(c.policy, rows[0]!);
    const differ: Record<string, string[]> = {};
    for (const row of rows.slice(1)) {
        const o = await outcome(c.policy, row);
        if (JSON.stringify(o) !== JSON.stringify(compliant)) differ[row.label] = o;
    }
    return { compliant, differ };
}

describe("policy pack: what each policy tells the user, per resource shape (tests/snapshots/policy-outcomes.json)", () => {
    const update = process.env.UPDATE_SNAPSHOTS === "1";
    const pinned: Record<string, Pinned> = fs.existsSync(FILE) ? JSON.parse(fs.readFileSync(FILE, "utf8")) : {};
    const written: Record<string, Pinned> = {};

    it("pins every case of the tables, and nothing else", () => {
        if (update) return;
        assert.deepStrictEqual(Object.keys(pinned).sort(), TABLE.map((c) => c.key).sort(), "tests/snapshots/policy-outcomes.json is out of date: review, then UPDATE_SNAPSHOTS=1");
    });

    for (const c of TABLE) {
        it(c.key, async () => {
            const actual = await pinnedOf(c);
            if (update) {
                written[c.key] = actual;
                return;
            }
            assert.ok(pinned[c.key], `${c.key} is not in tests/snapshots/policy-outcomes.json: review, then UPDATE_SNAPSHOTS=1`);
            assert.deepStrictEqual(actual, pinned[c.key]);
        });
    }

    after(() => {
        if (update) fs.writeFileSync(FILE, JSON.stringify(Object.fromEntries(TABLE.map((c) => [c.key, written[c.key]])), null, 1) + "\n");
    });
});
