"use strict";
/**
 * The repository's TypeScript require hook (`node -r ./tools/engine/ts-register.js …`): sucrase's
 * transform, exactly as `sucrase/register/ts` applies it (same options, same inline source map,
 * node_modules left alone), with the output kept on disk. A plan's process transforms about 130
 * of the program's files, 0.3 s of its 2.7 s of CPU, and every plan, check, diff side and test
 * child paid it again for files that had not changed. Plain JavaScript: it runs before any hook.
 *
 * The cache (like @babel/register's, under node_modules/.cache/, so `npm ci` on a fresh clone
 * starts it empty and `git clean` never sees it) holds one entry per source file and transform:
 *  - the entry's name hashes the file's path, sucrase's version and the transform options
 *    (SUCRASE_OPTIONS included, as sucrase's hook merges it); its first line is the sha256 of the
 *    source it was made from, and it is used only when that equals the source read now, so an
 *    edited file is transformed again (never a stale transform) and its entry replaced, which
 *    keeps the cache at one entry per file however often files change;
 *  - entries are written to a temporary file and renamed into place, so a process that reads
 *    while another writes sees the old entry or the new one, whole; parallel processes that miss
 *    on the same file each transform it and the last rename wins (both wrote the same text);
 *  - anything that goes wrong with the cache (read-only node_modules, a full disk) only costs
 *    the transform: the hook never fails because of it.
 * PLATFORM_TS_CACHE=off turns the cache off; PLATFORM_TS_CACHE=<directory> puts it elsewhere
 * (the bench measures a cold start in an empty one). sucrase itself loads only on a miss.
 */
const crypto = require("crypto");
const fs = require("fs");
const Module = require("module");
const path = require("path");

/** Bumped when what an entry holds changes shape. */
const FORMAT = 1;
const SUCRASE_DIR = path.dirname(require.resolve("sucrase/package.json"));
const SUCRASE_VERSION = JSON.parse(fs.readFileSync(path.join(SUCRASE_DIR, "package.json"), "utf8")).version;
/** sucrase/register/ts's options, with SUCRASE_OPTIONS merged the way its addHook does. */
const OPTIONS = { transforms: ["imports", "typescript"], ...(process.env.SUCRASE_OPTIONS ? JSON.parse(process.env.SUCRASE_OPTIONS) : {}) };
const KEY_PREFIX = JSON.stringify([FORMAT, SUCRASE_VERSION, OPTIONS]);

const sha256 = (text) => crypto.createHash("sha256").update(text).digest("hex");

let sucrase;
/** Exactly the text sucrase/register's hook hands to Node for this file (sucrase/dist/register.js). */
function transform(code, filePath) {
    sucrase ??= require("sucrase");
    const { code: js, sourceMap } = sucrase.transform(code, { ...OPTIONS, sourceMapOptions: { compiledFilename: filePath }, filePath });
    const mapBase64 = Buffer.from(JSON.stringify(sourceMap)).toString("base64");
    return `${js}\n//# sourceMappingURL=data:application/json;charset=utf-8;base64,${mapBase64}`;
}

/** Where the cache of `filePath`'s transform lives in `dir`. */
function entryFile(dir, filePath) {
    return path.join(dir, `${sha256(KEY_PREFIX + filePath).slice(0, 40)}.js`);
}

/** The cache directory PLATFORM_TS_CACHE names: undefined when it is off. */
function cacheDirOf(setting = process.env.PLATFORM_TS_CACHE ?? "") {
    return setting === "off" ? undefined : path.resolve(setting || path.join(SUCRASE_DIR, "..", ".cache", "ts-register"));
}

/** A transform that keeps its results in `dir` (none when `dir` is undefined). */
function cachedTransform(dir) {
    if (!dir) return transform;
    let ready = false;
    return (code, filePath) => {
        const source = sha256(code);
        const entry = entryFile(dir, filePath);
        try {
            const cached = fs.readFileSync(entry, "utf8");
            const newline = cached.indexOf("\n");
            if (newline > 0 && cached.slice(0, newline) === source) return cached.slice(newline + 1);
        } catch {
            // No entry yet (or unreadable): transform below.
        }
        const js = transform(code, filePath);
        const temp = `${entry}.${process.pid}.${crypto.randomBytes(6).toString("hex")}.tmp`;
        try {
            if (!ready) fs.mkdirSync(dir, { recursive: true });
            ready = true;
            fs.writeFileSync(temp, `${source}\n${js}`);
            fs.renameSync(temp, entry);
        } catch {
            // The cache is an optimisation: without it the transform above still runs. A write cut
            // short (a full disk) or a failed rename leaves no temporary file behind.
            try {
                fs.rmSync(temp, { force: true });
            } catch {
                // Nothing to remove, or the directory itself is gone.
            }
        }
        return js;
    };
}

const CACHE_DIR = cacheDirOf();
const transformFile = cachedTransform(CACHE_DIR);

const inNodeModules = (filename) => filename.split(path.sep).includes("node_modules");
const previous = Module._extensions[".ts"] ?? Module._extensions[".js"];

// As sucrase/register/ts (through pirates) does: .ts files outside node_modules are transformed;
// one inside node_modules goes to the loader that was there before (Node's) untouched. The hook reads the file itself
// rather than wrapping the loader that was there, so Node's own handling of .ts (type stripping
// on Node 23.6+) never sees the source first.
Module._extensions[".ts"] = function loadTypeScript(module, filename) {
    if (inNodeModules(filename)) return previous(module, filename);
    module._compile(transformFile(fs.readFileSync(filename, "utf8"), filename), filename);
};

module.exports = { CACHE_DIR, cacheDirOf, cachedTransform, entryFile, transform };
