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
    // One CST (the library's parseAllDocuments does the same two steps): measured, then composed.
    const lines = new YAML.LineCounter();
    const tokens = Array.from(new YAML.Parser(lines.addNewLine).parse(text));
    const tooDeep = cstDepthFailure(tokens, lines);
    if (tooDeep) return { ok: false, failure: tooDeep };
    // The library's unique-keys check compares each key with every earlier one of its mapping
    // (quadratic: seconds for a 10,000-key file under maxBytes). Compose without it and look for
    // a duplicate in one pass; only a text that has one is composed again with the library's
    // check, so its message, position and order among the other errors stay the library's.
    let list = composeAll(tokens, lines, false);
    if (list.some(hasDuplicateKey)) list = composeAll(tokens, lines, true);
    if (list.length > 1) {
        const pos = lines.linePos(list[1]!.range[0]);
        return { ok: false, failure: { line: pos.line, column: pos.col, message: "a second YAML document (---): a stack file is one document" } };
    }
    const doc = list[0];
    if (!doc) return { ok: true, doc: new YAML.Document() as YAML.Document.Parsed, value: null, lines };
    if (doc.errors.length > 0) return { ok: false, failure: firstError(doc.errors, lines) };
    try {
        // Stryker disable next-line ObjectLiteral: the library's default cap is the same 100; it is set here so the message's number is ours
        return { ok: true, doc, value: doc.toJS({ maxAliasCount: YAML_LIMITS.maxAliasCount }), lines };
    } catch (err) {
        const msg = err instanceof Error ? err.message : String(err);
        // The library's own words for its alias cap (yaml 2.x, nodes/Alias.js); an unresolved alias is a plain error.
        if (msg.startsWith("Excessive alias count")) return { ok: false, failure: { message: `more than ${YAML_LIMITS.maxAliasCount} alias expansions (an alias bomb?)` } };
        return { ok: false, failure: { message: msg.split("\n")[0]!.slice(0, 200) } };
    }
}

function composeAll(tokens: readonly YAML.CST.Token[], lines: YAML.LineCounter, uniqueKeys: boolean): YAML.Document.Parsed[] {
    // prettyErrors off: messages are the library's plain words, without a source excerpt. `strict` is the default.
    // Stryker disable next-line StringLiteral: "" prints no warning either (yaml 2.x log.js warns on "warn" and "debug" only)
    const composer = new YAML.Composer({ lineCounter: lines, uniqueKeys, prettyErrors: false, logLevel: "error" });
    return Array.from(composer.compose(tokens)) as YAML.Document.Parsed[];
}

/**
 * Whether a mapping holds two keys the library's `uniqueKeys: true` calls equal: scalars with
 * `===` values (NaN never equals itself). Another key (a collection, an alias) equals only itself.
 */
function hasDuplicateKey(doc: YAML.Document.Parsed): boolean {
    let found = false;
    YAML.visit(doc, {
        Map(_, map) {
            const seen = new Set<unknown>();
            for (const { key } of map.items) {
                if (!YAML.isScalar(key) || Number.isNaN(key.value)) continue;
                if (seen.has(key.value)) {
                    found = true;
                    return YAML.visit.BREAK;
                }
                seen.add(key.value);
            }
            return undefined;
        },
    });
    return found;
}

function firstError(errors: readonly YAML.YAMLError[], lines: YAML.LineCounter): YamlFailure {
    const e = errors[0]!;
    const pos = lines.linePos(e.pos[0]);
    return { line: pos.line, column: pos.col, message: `${e.message} (${e.code})` };
}

/**
 * Walks the CST with an explicit stack: nesting beyond the limit fails before composing. Each
 * token is visited once and the text is at most maxBytes, so the walk is linear in the input.
 */
function cstDepthFailure(tokens: readonly YAML.CST.Token[], lines: YAML.LineCounter): YamlFailure | undefined {
    const stack = tokens.map((node) => ({ node, depth: 0 }));
    // A collection item's key and value, a document's value: absent ones (undefined, or a null key) are skipped.
    const push = (node: YAML.CST.Token | null | undefined, depth: number) => { if (node) stack.push({ node, depth }); };
    while (stack.length > 0) {
        const { node, depth } = stack.pop()!;
        if (node.type === "document") {
            push(node.value, depth);
            continue;
        }
        if (node.type !== "block-map" && node.type !== "block-seq" && node.type !== "flow-collection") continue;
        const d = depth + 1;
        if (d > YAML_LIMITS.maxDepth) {
            const pos = lines.linePos(node.offset);
            return { line: pos.line, column: pos.col, message: `nested more than ${YAML_LIMITS.maxDepth} levels deep` };
        }
        for (const item of node.items) {
            push(item.key, d);
            push(item.value, d);
        }
    }
    return undefined;
}
