import * as fs from "fs";
import * as path from "path";
import fc from "fast-check";
import * as YAML from "yaml";
import { isUserError } from "../../tools/engine/cli";
import { planUncached } from "../support/plan-cache";
import { REPO_ROOT } from "../../tools/engine/stack-config";
import { scratchRoot, STACK_TRACE, writeStack } from "../support/config-case";

/**
 * Property: whatever a hand edit does to a committed stack file, the plan ends with exit 0, 1 or
 * 2 and never a stack trace or a crash. Mutations of both committed files, at two levels: the
 * YAML text (a character inserted, deleted or replaced; a line dropped, duplicated, indented),
 * and the config tree (a value replaced by arbitrary JSON, a key deleted, renamed or added).
 */
export const STACKS = ["production", "staging"] as const;
const texts = Object.fromEntries(STACKS.map((s) => [s, fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${s}.yaml`), "utf8")])) as Record<(typeof STACKS)[number], string>;

const YAML_CHARS = ["\t", " ", ":", "-", "[", "]", "{", "}", "&a", "*a", "\"", "'", "#", "\n", "?", "|", ">", ",", "!", "%", "@", "`", "---\n", "\\", "0", "A", "é"];

type TextEdit = { kind: "insert" | "replace" | "delete" | "dropLine" | "dupLine" | "indent" | "dedent"; at: number; text: string };
const textEdit: fc.Arbitrary<TextEdit> = fc.record({
    kind: fc.constantFrom("insert", "replace", "delete", "dropLine", "dupLine", "indent", "dedent"),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...YAML_CHARS), fc.string({ maxLength: 4 })),
});

function applyText(src: string, e: TextEdit): string {
    const i = e.at % (src.length + 1);
    const lines = src.split("\n");
    const l = e.at % lines.length;
    switch (e.kind) {
        case "insert": return src.slice(0, i) + e.text + src.slice(i);
        case "replace": return src.slice(0, i) + e.text + src.slice(i + 1);
        case "delete": return src.slice(0, i) + src.slice(i + 1 + (e.text.length % 3));
        case "dropLine": return lines.filter((_, k) => k !== l).join("\n");
        case "dupLine": return [...lines.slice(0, l + 1), lines[l], ...lines.slice(l + 1)].join("\n");
        case "indent": return lines.map((x, k) => (k === l ? `  ${x}` : x)).join("\n");
        case "dedent": return lines.map((x, k) => (k === l ? x.replace(/^ {1,2}/, "") : x)).join("\n");
    }
}

type TreeEdit = { kind: "set" | "delete" | "rename" | "add"; pick: number; value: unknown; name: string };
const treeEdit: fc.Arbitrary<TreeEdit> = fc.record({
    kind: fc.constantFrom("set", "delete", "rename", "add"),
    pick: fc.nat(),
    value: fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        fc.constantFrom("", "db", "cache", "/api/", "10.0.3.7/16", "mars-central1", "ghcr.io/Acme/x:1", "x@y", "__proto__", "true", "1e309", -1, 0, 2 ** 53, 1.5, null),
        fc.string({ maxLength: 40 }),
    ),
    name: fc.oneof(fc.constantFrom("__proto__", "constructor", "db", "cache", "size", "image", " platform:appName", "PLATFORM:cloud", "monitoring", "aws:region"), fc.string({ minLength: 1, maxLength: 12 })),
});

/** Every (container, key) pair in the config tree, so an edit can target any of them. */
function slots(root: Record<string, unknown>): Array<[Record<string, unknown> | unknown[], string | number]> {
    const out: Array<[Record<string, unknown> | unknown[], string | number]> = [];
    const stack: unknown[] = [root];
    while (stack.length > 0) {
        const cur = stack.pop();
        if (Array.isArray(cur)) cur.forEach((v, i) => { out.push([cur, i]); stack.push(v); });
        else if (cur && typeof cur === "object") for (const [k, v] of Object.entries(cur)) { out.push([cur as Record<string, unknown>, k]); stack.push(v); }
    }
    return out;
}

function applyTree(src: string, e: TreeEdit): string {
    const doc = YAML.parse(src) as { config: Record<string, unknown> };
    const all = slots(doc.config);
    const [container, key] = all[e.pick % all.length]!;
    const c = container as Record<string | number, unknown>;
    if (e.kind === "set") c[key] = e.value;
    else if (e.kind === "delete") Array.isArray(container) ? container.splice(key as number, 1) : delete c[key];
    else if (e.kind === "add" && !Array.isArray(container)) Object.defineProperty(container, e.name, { value: e.value, enumerable: true, writable: true, configurable: true });
    else if (e.kind === "rename" && !Array.isArray(container)) {
        const v = c[key];
        delete c[key];
        Object.defineProperty(container, e.name, { value: v, enumerable: true, writable: true, configurable: true });
    }
    return YAML.stringify(doc);
}

export const mutation = fc.record({
    stack: fc.constantFrom(...STACKS),
    edits: fc.array(fc.oneof(textEdit.map((t) => ({ text: t })), treeEdit.map((t) => ({ tree: t }))), { minLength: 1, maxLength: 3 }),
});
export type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

export function mutatedText(m: Mutation): string {
    let src = texts[m.stack];
    for (const e of m.edits) {
        if ("text" in e) src = applyText(src, e.text);
        else {
            try {
                src = applyTree(src, e.tree);
            } catch {
                // The text edits before it made the file unparseable: keep the text as it is.
            }
        }
    }
    return src;
}

export interface FuzzOutcome {
    exitCode: number;
    message: string;
}

/** Plans the mutated file exactly as `npm run plan` would, mapping the outcome to the CLI's exit code. */
export async function planMutation(m: Mutation): Promise<FuzzOutcome> {
    const stack = writeStack(mutatedText(m));
    try {
        const run = await planUncached({ stack, root: scratchRoot() }, { timeBounded: true });
        return { exitCode: run.plan.policy.violations.some((v) => v.level === "mandatory") ? 1 : 0, message: "" };
    } catch (err) {
        if (isUserError(err)) return { exitCode: 2, message: (err as Error).message };
        return { exitCode: 3, message: err instanceof Error ? err.stack ?? err.message : String(err) };
    } finally {
        fs.rmSync(path.join(scratchRoot(), `Pulumi.${stack}.yaml`), { force: true });
    }
}

/** The property every mutation must satisfy. */
export function assertClean(o: FuzzOutcome, m: Mutation): void {
    if (![0, 1, 2].includes(o.exitCode) || STACK_TRACE.test(o.message)) {
        throw new Error(`mutation crashed the plan (exit ${o.exitCode}):\n${o.message.slice(0, 3000)}\n--- stack file ---\n${mutatedText(m).slice(0, 3000)}`);
    }
}
