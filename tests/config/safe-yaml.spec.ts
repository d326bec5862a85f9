import * as assert from "assert";
import { parseYamlSafely, YAML_LIMITS } from "../../components/config/safe-yaml";

/** Stack files and kubeconfigs are read with bounded time and memory: what each limit and error says, and where. */

const failure = (text: string) => {
    const r = parseYamlSafely(text);
    assert.ok(!r.ok, `${text.slice(0, 40)} must be refused`);
    return r.failure;
};
const value = (text: string) => {
    const r = parseYamlSafely(text);
    assert.ok(r.ok, `${text.slice(0, 40)}: ${JSON.stringify(!r.ok && r.failure)}`);
    return r.value;
};
const flow = (n: number) => "[".repeat(n) + "]".repeat(n);

describe("safe YAML: what is read", () => {
    it("a mapping, nested block mappings, an empty text or document", () => {
        assert.deepStrictEqual(value("a:\n  b:\n    c: 1\n"), { a: { b: { c: 1 } } });
        assert.strictEqual(value(""), null);
        assert.strictEqual(value("---\n"), null);
        assert.deepStrictEqual(value("a: &x 1\nb: *x\n"), { a: 1, b: 1 });
    });
    it(`${YAML_LIMITS.maxBytes} bytes are read, one more is not`, () => {
        assert.strictEqual(value("x".repeat(YAML_LIMITS.maxBytes)), "x".repeat(YAML_LIMITS.maxBytes));
        assert.deepStrictEqual(failure("x".repeat(YAML_LIMITS.maxBytes + 1)), { message: "larger than 1048576 bytes" });
    });
    it(`${YAML_LIMITS.maxDepth} levels of nesting are read, one more is refused where it starts`, () => {
        assert.ok(Array.isArray(value(flow(YAML_LIMITS.maxDepth))));
        assert.deepStrictEqual(failure(flow(YAML_LIMITS.maxDepth + 1)), { line: 1, column: 65, message: "nested more than 64 levels deep" });
        const block = (n: number) => Array.from({ length: n }, (_, i) => `${"  ".repeat(i)}a:\n`).join("") + `${"  ".repeat(n)}b: 1\n`;
        assert.ok(value(block(YAML_LIMITS.maxDepth - 1)));
        assert.deepStrictEqual(failure(block(YAML_LIMITS.maxDepth)), { line: 65, column: 129, message: "nested more than 64 levels deep" });
    });
    it("nesting inside a complex key and inside a value counts too", () => {
        assert.deepStrictEqual(failure(`? ${flow(YAML_LIMITS.maxDepth)}\n: 1\n`), { line: 1, column: 66, message: "nested more than 64 levels deep" });
        assert.deepStrictEqual(failure(`a: ${flow(YAML_LIMITS.maxDepth)}\n`), { line: 1, column: 67, message: "nested more than 64 levels deep" });
        assert.deepStrictEqual(failure(`- ${flow(YAML_LIMITS.maxDepth)}\n`), { line: 1, column: 66, message: "nested more than 64 levels deep" });
    });
});

describe("safe YAML: what is refused, with the line and column", () => {
    const ROWS: Array<[string, string, { line?: number; column?: number; message: string }]> = [
        ["duplicate keys", "a: 1\na: 2\n", { line: 2, column: 1, message: "Map keys must be unique (DUPLICATE_KEY)" }],
        ["an unclosed flow sequence", "a: [1\n", { line: 2, column: 1, message: "Flow sequence in block collection must be sufficiently indented and end with a ] (BAD_INDENT)" }],
        ["a stray bracket", "]\n", { line: 1, column: 1, message: 'Unexpected flow-seq-end token in YAML document: "]" (UNEXPECTED_TOKEN)' }],
        ["a compact nested mapping", "a: b: c\n", { line: 1, column: 4, message: "Nested mappings are not allowed in compact mappings (BLOCK_AS_IMPLICIT_KEY)" }],
        ["tab indentation", "\t- a\n", { line: 1, column: 1, message: "Tabs are not allowed as indentation (TAB_AS_INDENT)" }],
        ["a bad escape", 'a: "\\q"\n', { line: 1, column: 5, message: "Invalid escape sequence \\q (BAD_DQ_ESCAPE)" }],
        ["a second document", "a: 1\n---\nb: 2\n", { line: 2, column: 1, message: "a second YAML document (---): a stack file is one document" }],
        ["an alias bomb", "a: &a [x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n", { message: "more than 100 alias expansions (an alias bomb?)" }],
        ["an alias to no anchor (not a bomb)", "a: &x 1\nb: *y\n", { message: "Unresolved alias (the anchor must be set before the alias): y" }],
        ["an alias with a long name, its message cut at 200 characters", `a: *${"y".repeat(300)}\n`, { message: `Unresolved alias (the anchor must be set before the alias): ${"y".repeat(300)}`.slice(0, 200) }],
    ];
    for (const [title, text, expected] of ROWS) it(title, () => assert.deepStrictEqual(failure(text), expected));
});

describe("safe YAML: the library stays quiet", () => {
    it("a collection as a key is read without a warning on stderr", () => {
        const warnings: unknown[] = [];
        const emit = process.emitWarning;
        process.emitWarning = ((w: unknown) => { warnings.push(w); }) as typeof process.emitWarning;
        try {
            assert.deepStrictEqual(value("? [a, b]\n: 1\n"), { '[ a, b ]': 1 });
        } finally {
            process.emitWarning = emit;
        }
        assert.deepStrictEqual(warnings, []);
    });
});
