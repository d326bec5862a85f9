import * as assert from "assert";
import { spawnSync } from "child_process";
import { deferArborist } from "../tools/engine/lazy-arborist";
import { REPO_ROOT, tsNodeArgs } from "../tools/engine/ts-loader";

/*
 * tools/engine/lazy-arborist.ts keeps npm's arborist unloaded in an engine process until the
 * SDK's closure serializer uses it (tests/registry.spec.ts checks a fresh plan's modules). What
 * the serializer gets must not change: the stand-in loads the real module on first use.
 */
describe("@npmcli/arborist, loaded on first use", () => {
    const id = require.resolve("@npmcli/arborist", { paths: [require.resolve("@pulumi/pulumi")] });

    it("a stand-in while unused; its first use loads the real module, which then is the cache's entry", () => {
        const before = require.cache[id];
        try {
            delete require.cache[id];
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
        } finally {
            if (before) require.cache[id] = before;
            else delete require.cache[id];
        }
    });
});

describe("@npmcli/arborist stays unloaded in check's process too", () => {
    it("loading check's engine (the policies module, then the plan's) leaves only the stand-in", function () {
        this.timeout(60_000);
        // check loads tools/engine/policies.ts, which loads @pulumi/pulumi, before run-plan.ts could defer arborist.
        const script = `require("./tools/engine/check-pairs"); const ids = Object.keys(require.cache).filter((f) => /[\\\\/]@npmcli[\\\\/]arborist[\\\\/]/.test(f)); process.stdout.write(String(ids.length));`;
        const r = spawnSync(process.execPath, tsNodeArgs("-e", script), { cwd: REPO_ROOT, encoding: "utf8" });
        assert.strictEqual(r.status, 0, r.stderr);
        assert.strictEqual(r.stdout, "1", "arborist's modules loaded in check's process (1 is the stand-in)");
    });
});
