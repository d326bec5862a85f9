import * as assert from "assert";
import { CLOUD_BUILT } from "../components/catalog";
import { builderEngineFacts } from "../providers/shared/builder-engine-facts";
import { mergeEngineFacts } from "../providers/shared/cloud-engine";
import type { Rule } from "../providers/shared/rules";

/**
 * What the offline engine knows about a cloud's types (replacement entries, rules, stateful
 * and guard types) is merged from the files that state it: the cloud's engine.ts and each
 * builder file's `engineFacts`.
 */

describe("engine facts: merging what the files state", () => {
    const rule = (id: string, types: string[]): Rule => ({ id, family: "names", types, doc: "https://example.com", check: () => [] });
    const entry = { source: "a provider source file", replace: ["name"], update: [] };

    it("merges the files' tables and rules, and says which file stated each", () => {
        const merged = mergeEngineFacts("test", [
            { file: "providers/test/engine.ts", facts: { replacement: { "test:a:A": entry }, rules: [rule("test/a", ["test:a:A"])], statefulTypes: { "test:a:A": "an A" } } },
            { file: "providers/test/queue.ts", facts: { replacement: { "test:q:Q": entry }, rules: [rule("test/q", ["test:q:Q"])], guardTypes: { "test:q:Lock": "a lock" } } },
        ]);
        assert.deepStrictEqual(Object.keys(merged.replacement), ["test:a:A", "test:q:Q"]);
        assert.deepStrictEqual(merged.rules.map((r) => r.id), ["test/a", "test/q"]);
        assert.deepStrictEqual(merged.statefulTypes, { "test:a:A": "an A" });
        assert.deepStrictEqual(merged.guardTypes, { "test:q:Lock": "a lock" });
        assert.strictEqual(merged.statedIn["replacement test:q:Q"], "providers/test/queue.ts");
        assert.strictEqual(merged.statedIn["rule test/a"], "providers/test/engine.ts");
    });

    it("fails on a type or a rule two files state, naming both", () => {
        const a = { file: "providers/test/engine.ts", facts: { replacement: { "test:a:A": entry }, rules: [rule("test/a", ["test:a:A"])] } };
        assert.throws(() => mergeEngineFacts("test", [a, { file: "providers/test/queue.ts", facts: { replacement: { "test:a:A": entry } } }]),
            /replacement of test:a:A is stated in providers\/test\/engine\.ts and in providers\/test\/queue\.ts/);
        assert.throws(() => mergeEngineFacts("test", [a, { file: "providers/test/queue.ts", facts: { rules: [rule("test/a", ["test:q:Q"])] } }]),
            /rule test\/a is stated in providers\/test\/engine\.ts and in providers\/test\/queue\.ts/);
        assert.throws(() => mergeEngineFacts("test", [{ file: "x.ts", facts: { statefulTypes: { "test:a:A": "1" } } }, { file: "y.ts", facts: { statefulTypes: { "test:a:A": "2" } } }]), /statefulTypes of test:a:A/);
    });

    it("reads each cloud-built entry's builder file, in catalog order, and skips a file that states none", () => {
        const loaded: string[] = [];
        const facts = builderEngineFacts("test", (file) => {
            loaded.push(file);
            return file === `./${CLOUD_BUILT[1]!.file}` ? { builder: () => undefined, engineFacts: { replacement: { "test:q:Q": entry } } } : { builder: () => undefined };
        });
        assert.deepStrictEqual(loaded, CLOUD_BUILT.map((d) => `./${d.file}`));
        assert.deepStrictEqual(facts.map((f) => f.file), [`providers/test/${CLOUD_BUILT[1]!.file}.ts`]);
    });
});
