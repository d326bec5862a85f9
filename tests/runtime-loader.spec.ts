import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import * as YAML from "yaml";
import { TS_LOADER } from "../tools/engine/ts-loader";
import { backgroundNode } from "./support/background-child";

/**
 * The TypeScript loader Pulumi.yaml ships is the one the CLI runs the program with on every
 * preview and up. These specs run the program exactly the way that option says, and pin the
 * properties the choice rests on (README "Performance").
 */

const ROOT = path.resolve(__dirname, "..");
const project = YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8"));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const shippedArgs: string[] = String(project.runtime.options.nodeargs).split(/\s+/).filter(Boolean);
const FIXTURE = path.join(ROOT, "tests", "fixtures", "loader", "throws.ts");

/** Node in its own process, started now in the background (tests/support/background-child.ts). */
function runNode(args: string[]) {
    return backgroundNode(args, { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" } });
}

describe("runtime loader: how the CLI starts the program", function () {
    this.timeout(120_000);

    it("Pulumi.yaml skips Pulumi's type-checking ts-node and requires the repository's loader", () => {
        assert.strictEqual(project.runtime.options.typescript, false);
        assert.deepStrictEqual(shippedArgs, ["--require", TS_LOADER], "tests and tools must run the program the way the CLI does");
    });

    it("the loader is the repository's own file and its transform a pinned runtime dependency, so `npm ci --omit=dev` on a deploy runner still has both", () => {
        assert.ok(fs.existsSync(path.join(ROOT, TS_LOADER)), `${TS_LOADER} must be in the repository, where the CLI runs`);
        assert.match(fs.readFileSync(path.join(ROOT, TS_LOADER), "utf8"), /require\("sucrase"\)/);
        assert.match(pkg.dependencies.sucrase ?? "", /^\d+\.\d+\.\d+$/, "sucrase must be an exact-pinned dependency");
        assert.strictEqual(pkg.devDependencies?.sucrase, undefined);
    });

    it("the npm scripts and mocha run TypeScript under the same loader", () => {
        const mocharc = JSON.parse(fs.readFileSync(path.join(ROOT, ".mocharc.json"), "utf8"));
        assert.deepStrictEqual(mocharc.require, [TS_LOADER]);
        const tsScripts = Object.entries(pkg.scripts as Record<string, string>).filter(([, cmd]) => /^node .*\.ts\b/.test(cmd));
        assert.ok(tsScripts.length >= 5, "the TypeScript scripts were found");
        for (const [name, cmd] of tsScripts) assert.ok(cmd.startsWith(`node -r ${TS_LOADER} `), `npm run ${name} must use ${TS_LOADER}: ${cmd}`);
    });

    const program = runNode([...shippedArgs, "tools/plan.ts", "--stack", "staging", "--cloud", "azure", "--format", "json"]);
    it("runs the whole program under exactly the shipped node arguments", async () => {
        const r = await program.result();
        assert.strictEqual(r.status, 0, r.stderr);
        const plan = JSON.parse(r.stdout);
        assert.strictEqual(plan.cloud, "azure");
        assert.ok(plan.resources.filter((x: { custom: boolean }) => x.custom).length > 50, "the program registered its resources");
    });

    const throwing = runNode([...shippedArgs, "-e", `require(${JSON.stringify(FIXTURE)}).fail({ kind: "square", size: 2 })`]);
    it("reports errors at the TypeScript source line, with no source maps involved", async () => {
        const line = fs.readFileSync(FIXTURE, "utf8").split("\n").findIndex((l) => l.includes("LOADER-FIXTURE-THROW")) + 1;
        const r = await throwing.result();
        assert.notStrictEqual(r.status, 0);
        assert.match(r.stderr, /boom: square/);
        assert.ok(r.stderr.includes(`throws.ts:${line}:`), `expected a frame at throws.ts:${line}, got:\n${r.stderr}`);
    });

    const derived = runNode([...shippedArgs, "-e", `console.log(new (require(${JSON.stringify(FIXTURE)}).Derived)().label)`]);
    it("gives class fields the meaning the type-checked build (tsc, bin/) gives them", async () => {
        // A field declared without initializer in a subclass: with useDefineForClassFields it
        // would reset what the base constructor set. The loader never does; tsc must not either.
        const { options } = ts.parseJsonConfigFileContent(ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile).config, ts.sys, ROOT);
        const js = ts.transpileModule(fs.readFileSync(FIXTURE, "utf8"), { compilerOptions: { ...options, sourceMap: false, inlineSourceMap: false } }).outputText;
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "loader-"));
        try {
            fs.writeFileSync(path.join(dir, "throws.js"), js);
            const compiled = require(path.join(dir, "throws.js")) as typeof import("./fixtures/loader/throws");
            const loaded = await derived.result();
            assert.strictEqual(loaded.status, 0, loaded.stderr);
            assert.strictEqual(loaded.stdout.trim(), "set by the base constructor");
            assert.strictEqual(new compiled.Derived().label, loaded.stdout.trim());
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
