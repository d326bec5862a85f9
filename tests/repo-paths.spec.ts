import * as assert from "assert";
import { staleReferences } from "./support/repo-paths";

/*
 * Comments and docs that name a repo file keep naming one: a file that moves or goes takes
 * every mention of it along (or the mention goes). The scan is tests/support/repo-paths.ts.
 */
describe("repo paths named in comments and docs exist", () => {
    it("no comment, doc or workflow names a repo path that is not there", () => {
        const stale = staleReferences().map((s) => `${s.file}:${s.line}: ${s.path}`);
        assert.deepStrictEqual(stale, []);
    });

    it("the scan finds stale paths in comments, bare module names and doc links, and leaves code, URLs and live paths alone", () => {
        const texts: Record<string, string> = {
            "tools/engine/run.ts": [
                "/** The pack plugs in here (tools/engine/policy-runner.ts); see tools/engine/run.ts and validate.ts. */",
                "const spec = \"tests/gone.spec.ts\"; // a string is code, not a reference",
                "// https://example.com/tools/engine/nowhere.ts is a URL; lib.es2020.d.ts a typing",
                "export const x = 1; // tests/policy/types.spec.ts",
            ].join("\n"),
            "docs/guide.md": "See [the runbook](runbook.md), [the plan](../tools/engine/run.ts) and [gone](old.md#top); `tests/old.spec.ts` too.",
            "docs/runbook.md": "Pulumi.<name>.yaml and tools/**/*.ts are patterns, not paths.",
            ".github/workflows/ci.yml": "run: node tools/engine/run.ts && node tools/ci/missing.ts",
            "tests/policy/plans.spec.ts": "",
        };
        const stale = staleReferences(Object.keys(texts), (f) => texts[f]!);
        assert.deepStrictEqual(stale.map((s) => `${s.file}:${s.line}: ${s.path}`), [
            "tools/engine/run.ts:1: tools/engine/policy-runner.ts",
            "tools/engine/run.ts:1: validate.ts",
            "tools/engine/run.ts:4: tests/policy/types.spec.ts",
            "docs/guide.md:1: tests/old.spec.ts",
            "docs/guide.md:1: old.md",
            ".github/workflows/ci.yml:1: tools/ci/missing.ts",
        ]);
    });
});
