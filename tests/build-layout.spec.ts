import * as assert from "assert";
import { relativeImportClosure, repoPath, tsconfigFiles } from "./support/import-graph";

/**
 * The build (tsconfig.build.json, compiled to bin/ for `npm run bench` and Pulumi's
 * precompiled mode) is the program and its offline engine; the engine's mocks are product
 * code under tools/engine/mocks (DESIGN.md), so nothing the build compiles may be, or import,
 * a file under tests/.
 */
describe("build layout", () => {
    const roots = tsconfigFiles("tsconfig.build.json");

    it("tsconfig.build.json compiles no test code", () => {
        assert.ok(roots.length > 0, "the build compiles something");
        assert.deepStrictEqual(roots.map(repoPath).filter((f) => f.startsWith("tests/")), []);
    });

    it("no file the build compiles imports test code", () => {
        const reached = relativeImportClosure(roots);
        const offenders = [...reached].filter(([file]) => repoPath(file).startsWith("tests/")).map(([file, by]) => `${repoPath(by)} -> ${repoPath(file)}`);
        assert.deepStrictEqual(offenders, []);
        assert.ok([...reached.keys()].map(repoPath).includes("tools/engine/mocks/index.ts"), "the engine's mocks are part of the build");
    });
});
