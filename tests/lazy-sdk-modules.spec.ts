import * as assert from "assert";
import { spawnSync } from "child_process";
import { deferArborist, deferTypeScript } from "../tools/engine/lazy-sdk-modules";
import { REPO_ROOT, tsNodeArgs } from "../tools/engine/ts-loader";

/*
 * tools/engine/lazy-sdk-modules.ts keeps npm's arborist and the TypeScript compiler unloaded in an
 * engine process until the SDK's closure serializer uses them (tests/registry.spec.ts checks a
 * fresh plan's modules). What the serializer gets must not change: the stand-in loads the real
 * module on first use.
 */

/** Runs `check` with `id`'s cache entry removed and restores it afterwards. */
function withoutCached(id: string, check: () => void): void {
    const before = require.cache[id];
    try {
        delete require.cache[id];
        check();
    } finally {
        if (before) require.cache[id] = before;
        else delete require.cache[id];
    }
}

describe("@npmcli/arborist, loaded on first use", () => {
    const id = require.resolve("@npmcli/arborist", { paths: [require.resolve("@pulumi/pulumi")] });

    it("a stand-in while unused; its first use loads the real module, which then is the cache's entry", () => {
        withoutCached(id, () => {
            assert.strictEqual(deferArborist(), true);
            assert.strictEqual(deferArborist(), false, "a second stand-in over the first");
            const standIn = require(id) as { __esModule?: boolean; Arborist: new (o: { path: string }) => { loadActual: unknown } };
            assert.strictEqual(standIn.__esModule, true, "TypeScript's __importStar keeps it as it is");
            assert.strictEqual(require.cache[id]!.exports, standIn, "nothing loaded yet");
            const { Arborist } = standIn;
            assert.strictEqual(typeof new Arborist({ path: __dirname }).loadActual, "function");
            const real = require.cache[id]!.exports as { Arborist: unknown };
            assert.notStrictEqual(real, standIn, "the real module replaced the stand-in");
            assert.strictEqual(real.Arborist, Arborist);
        });
    });
});

describe("TypeScript, as the SDK's closure serializer requires it, loaded on first use", () => {
    const shim = require.resolve("@pulumi/pulumi/typescript-shim");

    it("the shim is a stand-in while unused; its first use gives the compiler the project resolves (typescript itself is never proxied)", () => {
        withoutCached(shim, () => {
            assert.strictEqual(deferTypeScript(), true);
            assert.strictEqual(deferTypeScript(), false, "a second stand-in over the first");
            const standIn = require(shim) as { __esModule?: boolean; version: string; createSourceFile: unknown };
            assert.strictEqual(standIn.__esModule, true);
            assert.strictEqual(require.cache[shim]!.exports, standIn, "nothing loaded yet");
            // What the shim exports once loaded: this project's compiler (the SDK's vendored copy only where there is none).
            const ts = require("typescript") as { version: string; createSourceFile: unknown };
            assert.strictEqual(standIn.version, ts.version);
            assert.strictEqual(standIn.createSourceFile, ts.createSourceFile);
            assert.strictEqual(require.cache[shim]!.exports, ts, "the real shim replaced the stand-in");
        });
    });

    it("the SDK's closure serializer still serializes a function (it parses the function's source with the compiler)", async function () {
        this.timeout(60_000);
        // A fresh process: the stand-in in place before the SDK loads, as in a plan.
        const script = [
            `const { SDK_MODULES_DEFERRED } = require("./tools/engine/lazy-sdk-modules");`,
            `const pulumi = require("@pulumi/pulumi");`,
            `const before = Object.keys(require.cache).some((f) => /[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$/.test(f));`,
            `const answer = 42;`,
            `pulumi.runtime.serializeFunction(function () { return { answer: answer + 1 }; }, { isFactoryFunction: false })`,
            `  .then((s) => process.stdout.write(JSON.stringify({ deferred: SDK_MODULES_DEFERRED, before, after: Object.keys(require.cache).some((f) => /[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$/.test(f)), text: s.text })));`,
        ].join("\n");
        const r = spawnSync(process.execPath, tsNodeArgs("-e", script), { cwd: REPO_ROOT, encoding: "utf8" });
        assert.strictEqual(r.status, 0, r.stderr);
        const out = JSON.parse(r.stdout) as { deferred: { typescript: boolean }; before: boolean; after: boolean; text: string };
        assert.strictEqual(out.deferred.typescript, true);
        assert.strictEqual(out.before, false, "loading the SDK loaded the compiler");
        assert.strictEqual(out.after, true, "serializing a function did not load the compiler");
        assert.match(out.text, /answer \+ 1/);
        assert.match(out.text, /\banswer\b[^\n]*\b42\b/, "the captured value is not in the serialized closure");
    });
});

describe("npm's arborist and TypeScript stay unloaded in check's process too", () => {
    it("loading check's engine (the policies module, then the plan's) leaves only their stand-ins", function () {
        this.timeout(60_000);
        // check loads tools/engine/policies.ts, which loads @pulumi/pulumi, before run-plan.ts could defer them.
        const script = [
            `require("./tools/engine/check-pairs");`,
            `const files = Object.keys(require.cache);`,
            `process.stdout.write(JSON.stringify({ arborist: files.filter((f) => /[\\\\/]@npmcli[\\\\/]arborist[\\\\/]/.test(f)).length, typescript: files.filter((f) => /[\\\\/]typescript[\\\\/]lib[\\\\/]/.test(f)).length, shim: files.filter((f) => f.endsWith("typescript-shim.js")).length }));`,
        ].join("\n");
        const r = spawnSync(process.execPath, tsNodeArgs("-e", script), { cwd: REPO_ROOT, encoding: "utf8" });
        assert.strictEqual(r.status, 0, r.stderr);
        assert.deepStrictEqual(JSON.parse(r.stdout), { arborist: 1, typescript: 0, shim: 1 }, "1 is the stand-in");
    });
});
