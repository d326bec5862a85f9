import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { cacheDirOf, cachedTransform, entryFile, transform } from "../tools/engine/ts-register";
import { childTsEnv, REPO_ROOT, TS_LOADER_PATH } from "../tools/engine/ts-loader";
import { backgroundNode, removeWhenRunEnds } from "./support/background-child";

/**
 * The TypeScript hook's transform cache (tools/engine/ts-register.js): it must hand Node exactly
 * what sucrase's own hook would, never a transform of an older version of a file, and stay right
 * when processes share a cold cache.
 */

const ROOT = path.resolve(__dirname, "..");
const tmp = removeWhenRunEnds(fs.mkdtempSync(path.join(os.tmpdir(), "ts-register-")));
const SAMPLE = ["components/catalog.ts", "tools/engine/run-plan.ts", "tests/fixtures/loader/throws.ts", "providers/aws/compute-service.ts"].map((f) => path.join(ROOT, f));

/** What `sucrase/register/ts` itself hands Node for each file, captured in a fresh process. */
const reference = backgroundNode(["-e", `
    require("sucrase/register/ts");
    const Module = require("module");
    const out = {};
    for (const f of ${JSON.stringify(SAMPLE)}) {
        const m = new Module(f);
        m._compile = (code) => { out[f] = code; };
        Module._extensions[".ts"](m, f);
    }
    process.stdout.write(JSON.stringify(out));`], { cwd: ROOT });

/** A module whose value says which version of its source ran. */
const moduleSource = (version: number) => `const version: number = ${version};\nexport const ran = { version } as { version: number };\n`;
const runModule = (file: string, cacheDir: string) =>
    execFileSync(process.execPath, ["-r", TS_LOADER_PATH, "-e", `process.stdout.write(String(require(${JSON.stringify(file)}).ran.version))`], { cwd: ROOT, encoding: "utf8", env: { ...process.env, PLATFORM_TS_CACHE: cacheDir } });

/** Three hook processes started at once on one cold cache, each loading the same ten files. */
const parallelDir = path.join(tmp, "parallel");
const parallelFiles = Array.from({ length: 10 }, (_, i) => path.join(parallelDir, `m${i}.ts`));
fs.mkdirSync(parallelDir);
parallelFiles.forEach((f, i) => fs.writeFileSync(f, moduleSource(i)));
const parallelCache = path.join(tmp, "parallel-cache");
const parallel = Array.from({ length: 3 }, () => backgroundNode(["-r", TS_LOADER_PATH, "-e",
    `process.stdout.write(JSON.stringify(${JSON.stringify(parallelFiles)}.map((f) => require(f).ran.version)))`], { cwd: ROOT, env: { ...process.env, PLATFORM_TS_CACHE: parallelCache } }));

describe("the TypeScript hook's transform cache", function () {
    this.timeout(60_000);

    it("hands Node exactly what sucrase/register/ts does, cold and from the cache", async () => {
        const r = await reference.result();
        assert.strictEqual(r.status, 0, r.stderr);
        const expected = JSON.parse(r.stdout) as Record<string, string>;
        const cached = cachedTransform(path.join(tmp, "same"));
        for (const file of SAMPLE) {
            const code = fs.readFileSync(file, "utf8");
            assert.strictEqual(transform(code, file), expected[file], `plain transform of ${file}`);
            assert.strictEqual(cached(code, file), expected[file], `cold ${file}`);
            assert.strictEqual(cached(code, file), expected[file], `warm ${file}`);
        }
    });

    it("serves an entry only for the very source it was made from", () => {
        const dir = path.join(tmp, "served");
        const file = path.join(tmp, "served.ts");
        const cached = cachedTransform(dir);
        cached(moduleSource(1), file);
        const entry = entryFile(dir, file);
        const [hash] = fs.readFileSync(entry, "utf8").split("\n", 1);
        // An entry with this source's hash is used as it stands: the cache is read, not bypassed.
        fs.writeFileSync(entry, `${hash}\nmodule.exports = "from the cache";`);
        assert.strictEqual(cached(moduleSource(1), file), `module.exports = "from the cache";`);
        // Another source at the same path is transformed again, and its entry replaces the old one.
        assert.strictEqual(cached(moduleSource(2), file), transform(moduleSource(2), file));
        assert.notStrictEqual(fs.readFileSync(entry, "utf8").split("\n", 1)[0], hash);
        assert.deepStrictEqual(fs.readdirSync(dir), [path.basename(entry)], "one entry per file, however often it changes");
        // An entry without this source's hash line (empty, cut at the hash, garbage) is never used. One cut
        // after a whole hash line would be: entries only ever appear by rename, whole (the spec below).
        for (const damaged of ["", hash!, "not a hash\nmodule.exports = 1;"]) {
            fs.writeFileSync(entry, damaged);
            assert.strictEqual(cached(moduleSource(1), file), transform(moduleSource(1), file), JSON.stringify(damaged));
        }
    });

    it("writes an entry to a temporary file and renames it into place; a write cut short leaves nothing behind", () => {
        const dir = path.join(tmp, "atomic");
        const file = path.join(tmp, "atomic.ts");
        const entry = entryFile(dir, file);
        const writes: string[] = [];
        const renames: Array<[string, string]> = [];
        // The module object the hook calls (an `import *` here is a copy of it).
        const patched = require("fs") as { writeFileSync: typeof fs.writeFileSync; renameSync: typeof fs.renameSync };
        const { writeFileSync, renameSync } = patched;
        try {
            patched.writeFileSync = ((target: string, ...rest: unknown[]) => {
                writes.push(String(target));
                return (writeFileSync as (...a: unknown[]) => void)(target, ...rest);
            }) as typeof fs.writeFileSync;
            patched.renameSync = ((from: string, to: string) => {
                renames.push([String(from), String(to)]);
                return renameSync(from, to);
            }) as typeof fs.renameSync;
            assert.strictEqual(cachedTransform(dir)(moduleSource(3), file), transform(moduleSource(3), file));
            assert.strictEqual(writes.length, 1);
            assert.match(writes[0]!, /\.tmp$/, "never written in place");
            assert.deepStrictEqual(renames, [[writes[0], entry]]);
            // A full disk: the write fails half-way; the transform is still returned and no temporary file stays.
            patched.writeFileSync = ((target: string, data: string) => {
                writeFileSync(target, data.slice(0, 10));
                throw Object.assign(new Error("ENOSPC: no space left on device"), { code: "ENOSPC" });
            }) as typeof fs.writeFileSync;
            assert.strictEqual(cachedTransform(dir)(moduleSource(4), file), transform(moduleSource(4), file));
        } finally {
            patched.writeFileSync = writeFileSync;
            patched.renameSync = renameSync;
        }
        assert.deepStrictEqual(fs.readdirSync(dir), [path.basename(entry)], "only the entry written whole");
        assert.strictEqual(fs.readFileSync(entry, "utf8").split("\n", 1)[0]!.length, 64, "the earlier entry, whole");
    });

    it("a child running another checkout's code (a diff's base side) runs without the cache; this repository's children keep it", () => {
        assert.ok(fs.existsSync(path.join(REPO_ROOT, "package.json")) && fs.existsSync(TS_LOADER_PATH), TS_LOADER_PATH);
        assert.strictEqual(REPO_ROOT, ROOT);
        const env = { PATH: "/bin" };
        assert.strictEqual(childTsEnv(ROOT, env), env);
        assert.deepStrictEqual(childTsEnv(path.join(os.tmpdir(), "platform-diff-base-x"), env), { PATH: "/bin", PLATFORM_TS_CACHE: "off" });
        const chosen = { PATH: "/bin", PLATFORM_TS_CACHE: "/somewhere" };
        assert.strictEqual(childTsEnv(path.join(os.tmpdir(), "other"), chosen), chosen, "an explicit setting is kept");
    });

    it("runs the edited code after a file changes, even at the same size and modification time", () => {
        const file = path.join(tmp, "edited.ts");
        const cacheDir = path.join(tmp, "edited-cache");
        fs.writeFileSync(file, moduleSource(1));
        const { mtime } = fs.statSync(file);
        assert.strictEqual(runModule(file, cacheDir), "1", "cold");
        assert.strictEqual(runModule(file, cacheDir), "1", "warm");
        fs.writeFileSync(file, moduleSource(2));
        fs.utimesSync(file, mtime, mtime);
        assert.strictEqual(runModule(file, cacheDir), "2", "the edit runs");
        assert.strictEqual(runModule(file, cacheDir), "2", "and is kept");
    });

    it("keeps every entry whole when processes share a cold cache", async () => {
        for (const child of parallel) {
            const r = await child.result();
            assert.strictEqual(r.status, 0, r.stderr);
            assert.deepStrictEqual(JSON.parse(r.stdout), parallelFiles.map((_, i) => i));
        }
        const entries = fs.readdirSync(parallelCache);
        assert.strictEqual(entries.length, parallelFiles.length, `no temporary file left behind: ${entries.join(", ")}`);
        for (const f of parallelFiles) assert.strictEqual(cachedTransform(parallelCache)(moduleSource(parallelFiles.indexOf(f)), f), transform(moduleSource(parallelFiles.indexOf(f)), f));
    });

    it("PLATFORM_TS_CACHE=off writes nothing; a directory moves the cache; the default is under node_modules/.cache", () => {
        assert.strictEqual(cacheDirOf("off"), undefined);
        assert.strictEqual(cachedTransform(undefined), transform);
        assert.strictEqual(cacheDirOf(path.join(tmp, "elsewhere")), path.join(tmp, "elsewhere"));
        assert.strictEqual(cacheDirOf(""), path.join(ROOT, "node_modules", ".cache", "ts-register"));
        const file = path.join(tmp, "off.ts");
        fs.writeFileSync(file, moduleSource(7));
        const out = execFileSync(process.execPath, ["-r", TS_LOADER_PATH, "-e", `process.stdout.write(String(require(${JSON.stringify(file)}).ran.version) + " " + require(${JSON.stringify(TS_LOADER_PATH)}).CACHE_DIR)`], { cwd: ROOT, encoding: "utf8", env: { ...process.env, PLATFORM_TS_CACHE: "off" } });
        assert.strictEqual(out, "7 undefined");
    });

    it("cannot fail a load: an unwritable cache only costs the transform", () => {
        const blocked = path.join(tmp, "blocked");
        fs.writeFileSync(blocked, "a file where the cache directory would be");
        const file = path.join(tmp, "blocked.ts");
        fs.writeFileSync(file, moduleSource(3));
        assert.strictEqual(runModule(file, path.join(blocked, "cache")), "3");
    });
});
