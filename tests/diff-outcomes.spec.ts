import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { comparePlans, diffExitCode, displayValue, emptyPlan, stackTitle, StackDiff, summaryLine } from "../tools/engine/diff/compare";
import { SECRET_MARK, UNKNOWN_MARK } from "../tools/engine/plan";
import type { Plan, PlanResource } from "../tools/engine/plan";
import { FIXTURE_PAIRS, fixturePlan } from "../tools/sample-report";

/*
 * What the reviewer's diff says (the lines of its JSON a reviewer reads: each change's kind,
 * URNs, component and its status, why it replaces, every property with its verdict, the
 * weakenings, the stateful warnings with their advice, the counts and the exit code), pinned in
 * tests/snapshots/diff-outcomes.json for the fixture plan pairs and the ways a change shows up:
 * - the pair as it is, reversed, and against a side that could not be planned (empty);
 * - every resource of the head left out (a delete: stateful ones warn, guard ones warn);
 * - every resource of the base left out (a create);
 * - every resource renamed, without an alias (stateful: a replacement) and with one (a move);
 * - every top-level input of every head resource removed, known only after apply, secret, and
 *   (strings) secret, each boolean flipped and each number one lower and one higher;
 * - every resource's `protect` turned off and its provider changed.
 * A row records only the lines that differ from the pair as it is. After an intended change of
 * the diff's rules, review and rewrite it with `UPDATE_SNAPSHOTS=1 npx mocha tests/diff-outcomes.spec.ts`.
 */

const FILE = path.join(__dirname, "snapshots", "diff-outcomes.json");

/** The diff as lines a reviewer reads (order kept where the report keeps it). */
function lines(d: StackDiff): string[] {
    const out = [`${stackTitle(d)}: ${summaryLine(d)}; exit ${diffExitCode([d], false)}, ${diffExitCode([d], true)} with --allow-stateful-replace`];
    for (const g of d.components) {
        out.push(`component ${g.component.key} (${g.component.kind || "-"} ${g.component.name}) ${g.status}: ${g.changes.map((c) => c.name).join(", ")}`);
    }
    for (const c of d.changes) {
        const was = c.previousUrn ? ` (was ${c.previousUrn}${c.previousName ? ` named ${c.previousName}` : ""}${c.renamedByAlias ? ", by alias" : ""})` : "";
        out.push(`${c.kind} ${c.urn}${was} [${c.custom ? "custom" : "component"}${c.stateful ? ", stateful" : ""}${c.protected ? ", protected" : ""}] in ${c.component.key}`);
        for (const r of c.reasons) out.push(`  why: ${r}`);
        for (const p of c.properties) out.push(`  ${p.path}: ${displayValue(p.before)} → ${displayValue(p.after)} (replaces: ${p.forcesReplace})`);
        for (const h of c.highlights) out.push(`  key setting ${h}`);
        for (const w of c.weakenings) out.push(`  weakened ${w.path}: ${w.message}`);
    }
    for (const v of d.policy.introduced) out.push(`policy introduced ${v.policy} ${v.urn}`);
    for (const v of d.policy.fixed) out.push(`policy fixed ${v.policy} ${v.urn}`);
    // A stateful warning's advice depends only on its kind and protection: diff-contract.spec.ts pins it; here its first sentence.
    for (const w of d.warnings) out.push(`warning ${w.kind} ${w.urn} in ${w.component.key}${w.protected ? " (protected)" : ""}: ${w.message.split(". ")[0]}`);
    return out;
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

function renamed(r: PlanResource, alias: boolean): PlanResource {
    const name = `${r.name}-renamed`;
    const urn = `${r.urn.slice(0, r.urn.length - r.name.length)}${name}`;
    return { ...clone(r), name, urn, options: { ...clone(r.options), ...(alias ? { aliases: [r.urn] } : {}) } };
}

function withResource(plan: Plan, i: number, edit: (r: PlanResource) => PlanResource | undefined): Plan {
    const p = clone(plan);
    const r = edit(p.resources[i]!);
    p.resources = r ? p.resources.map((x, j) => (j === i ? r : x)) : p.resources.filter((_, j) => j !== i);
    return p;
}

function withInput(r: PlanResource, key: string, value: unknown): PlanResource {
    const inputs = { ...r.inputs };
    if (value === undefined) delete inputs[key];
    else inputs[key] = value;
    return { ...r, inputs };
}

function rowsOf(base: Plan, head: Plan): Array<[label: string, base: Plan, head: Plan]> {
    const rows: Array<[string, Plan, Plan]> = [
        ["reversed", head, base],
        ["base not planned", emptyPlan(head.stack, head.cloud, head.environment), head],
        ["head not planned", base, emptyPlan(base.stack, base.cloud, base.environment)],
    ];
    head.resources.forEach((r, i) => {
        rows.push([`head without ${r.name}`, base, withResource(head, i, () => undefined)]);
        rows.push([`${r.name} renamed`, base, withResource(head, i, (x) => renamed(x, false))]);
        rows.push([`${r.name} renamed with an alias`, base, withResource(head, i, (x) => renamed(x, true))]);
        rows.push([`${r.name} unprotected`, base, withResource(head, i, (x) => ({ ...x, options: { ...x.options, protect: false, retainOnDelete: false } }))]);
        rows.push([`${r.name} on another provider`, base, withResource(head, i, (x) => ({ ...x, options: { ...x.options, provider: "urn:pulumi:production::platform::pulumi:providers:aws::other" } }))]);
        for (const [key, value] of Object.entries(r.inputs)) {
            rows.push([`${r.name} without ${key}`, base, withResource(head, i, (x) => withInput(x, key, undefined))]);
            rows.push([`${r.name} ${key} known after apply`, base, withResource(head, i, (x) => withInput(x, key, UNKNOWN_MARK))]);
            if (typeof value === "string") rows.push([`${r.name} ${key} secret`, base, withResource(head, i, (x) => withInput(x, key, SECRET_MARK))]);
            if (typeof value === "boolean") rows.push([`${r.name} ${key} = ${!value}`, base, withResource(head, i, (x) => withInput(x, key, !value))]);
            if (typeof value === "number") {
                for (const n of [value - 1, value + 1]) rows.push([`${r.name} ${key} = ${n}`, base, withResource(head, i, (x) => withInput(x, key, n))]);
            }
        }
    });
    base.resources.forEach((r, i) => rows.push([`base without ${r.name}`, withResource(base, i, () => undefined), head]));
    return rows;
}

interface Pinned {
    diff: string[];
    /** Per row, the lines it adds (+) and drops (-) against the pair as it is. */
    rows: Record<string, { "+"?: string[]; "-"?: string[] }>;
}

function delta(diff: string[], got: string[]): { "+"?: string[]; "-"?: string[] } | undefined {
    const added = got.filter((l) => !diff.includes(l));
    const dropped = diff.filter((l) => !got.includes(l));
    return added.length || dropped.length ? { ...(added.length ? { "+": added } : {}), ...(dropped.length ? { "-": dropped } : {}) } : undefined;
}

describe("diff: what the reviewer reads, per change (tests/snapshots/diff-outcomes.json)", () => {
    const update = process.env.UPDATE_SNAPSHOTS === "1";
    const pinned: Record<string, Pinned> = fs.existsSync(FILE) ? JSON.parse(fs.readFileSync(FILE, "utf8")) : {};
    const written: Record<string, Pinned> = {};

    for (const pair of FIXTURE_PAIRS) {
        const base = fixturePlan(`${pair}.base`);
        const head = fixturePlan(`${pair}.head`);
        describe(pair, () => {
            it("the pair as it is", () => {
                const diff = lines(comparePlans(base, head));
                if (update) written[pair] = { diff, rows: {} };
                else assert.deepStrictEqual(diff, pinned[pair]?.diff, `${pair} is not pinned as it is: review, then UPDATE_SNAPSHOTS=1`);
            });
            const rows = rowsOf(base, head);
            it("pins exactly the rows that differ", () => {
                if (update) return;
                const labels = rows.map(([label]) => label);
                assert.deepStrictEqual(Object.keys(pinned[pair]?.rows ?? {}).filter((l) => !labels.includes(l)), [], "pinned rows no longer generated");
            });
            // One test per row: a regression names the row, and mutation testing runs only the rows that reach the mutated code.
            for (const [label, b, h] of rows) {
                it(label, () => {
                    const d = delta(update ? written[pair]!.diff : pinned[pair]?.diff ?? [], lines(comparePlans(b, h)));
                    if (update) {
                        if (d) written[pair]!.rows[label] = d;
                        return;
                    }
                    assert.deepStrictEqual(d, pinned[pair]?.rows[label]);
                });
            }
        });
    }

    after(() => {
        if (update) fs.writeFileSync(FILE, JSON.stringify(written, null, 1) + "\n");
    });
});
