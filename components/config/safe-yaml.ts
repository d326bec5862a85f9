import * as YAML from "yaml";

/**
 * YAML parsing with bounded time and memory on hostile input. The `yaml` library's lexer and
 * CST parser are iterative, but composing the document recurses per nesting level (20,000
 * nested `[` exhaust the heap) and aliases can expand exponentially. So: cap the size, measure
 * the nesting on the CST without recursion, refuse more than one document, and cap alias
 * expansion before converting to JavaScript.
 */
export const YAML_LIMITS = {
    /** Bytes: a stack file is a few kilobytes; a kubeconfig with embedded certificates tens. */
    maxBytes: 1 << 20,
    /** Nesting of mappings/sequences; the deepest value of the schema is 5 levels under `config:`. */
    maxDepth: 64,
    /** Alias dereferences per document (the library's default is 100). */
    maxAliasCount: 100,
};

export interface YamlFailure {
    /** 1-based; absent when the failure is about the whole input. */
    line?: number;
    column?: number;
    message: string;
}

export type YamlResult = { ok: true; doc: YAML.Document.Parsed; value: unknown; lines: YAML.LineCounter } | { ok: false; failure: YamlFailure };

export function parseYamlSafely(text: string): YamlResult {
    if (text.length > YAML_LIMITS.maxBytes) return { ok: false, failure: { message: `larger than ${YAML_LIMITS.maxBytes} bytes` } };
    const lines = new YAML.LineCounter();
    const tooDeep = cstDepthFailure(text);
    if (tooDeep) return { ok: false, failure: tooDeep };
    const docs = YAML.parseAllDocuments(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true, logLevel: "error" });
    const list = Array.isArray(docs) ? docs : [docs];
    if (!Array.isArray(docs) && (docs as { errors?: unknown[] }).errors?.length) {
        // EmptyStream with errors
        return { ok: false, failure: firstError((docs as unknown as { errors: YAML.YAMLError[] }).errors, lines) };
    }
    if (list.length > 1) {
        const pos = lines.linePos(list[1]!.range[0]);
        return { ok: false, failure: { line: pos.line, column: pos.col, message: "a second YAML document (---): a stack file is one document" } };
    }
    const doc = list[0];
    if (!doc) return { ok: true, doc: new YAML.Document() as YAML.Document.Parsed, value: null, lines };
    if (doc.errors.length > 0) return { ok: false, failure: firstError(doc.errors, lines) };
    try {
        return { ok: true, doc, value: doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount }), lines };
    } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        // The library's own words for its alias cap (yaml 2.x, nodes/Alias.js); an unresolved alias is a plain error.
        if (/^Excessive alias count/.test(msg)) return { ok: false, failure: { message: `more than ${YAML_LIMITS.maxAliasCount} alias expansions (an alias bomb?)` } };
        return { ok: false, failure: { message: msg.split("\n")[0]!.slice(0, 200) } };
    }
}

function firstError(errors: readonly YAML.YAMLError[], lines: YAML.LineCounter): YamlFailure {
    const e = errors[0]!;
    const pos = lines.linePos(e.pos[0]);
    // The library's message ends with a source excerpt when prettyErrors is on; it is off, but keep one line.
    return { line: pos.line, column: pos.col, message: `${e.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "")} (${e.code})` };
}

/** Walks the CST with an explicit stack: nesting beyond the limit fails before composing. */
function cstDepthFailure(text: string): YamlFailure | undefined {
    const lines = new YAML.LineCounter();
    const parser = new YAML.Parser(lines.addNewLine);
    const stack: Array<{ node: unknown; depth: number }> = [];
    for (const token of parser.parse(text)) stack.push({ node: token, depth: 0 });
    let visited = 0;
    while (stack.length > 0) {
        if (++visited > 4_000_000) return { message: "too complex to read" };
        const { node, depth } = stack.pop()!;
        if (!node || typeof node !== "object") continue;
        const t = node as { type?: string; offset?: number; items?: unknown[]; value?: unknown; key?: unknown; sep?: unknown; start?: unknown };
        const nesting = t.type === "block-map" || t.type === "block-seq" || t.type === "flow-collection";
        const d = depth + (nesting ? 1 : 0);
        if (d > YAML_LIMITS.maxDepth) {
            const pos = typeof t.offset === "number" ? lines.linePos(t.offset) : undefined;
            return { line: pos?.line, column: pos?.col, message: `nested more than ${YAML_LIMITS.maxDepth} levels deep` };
        }
        if (Array.isArray(t.items)) for (const item of t.items) stack.push({ node: item, depth: d });
        if (t.key && typeof t.key === "object") stack.push({ node: t.key, depth: d });
        if (t.value && typeof t.value === "object") stack.push({ node: t.value, depth: d });
    }
    return undefined;
}
