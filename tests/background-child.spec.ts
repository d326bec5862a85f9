import * as assert from "assert";
import { spawnSync } from "child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "fs";
import { tmpdir } from "os";
import { join, resolve } from "path";
import { BackgroundChild } from "./support/background-child";
import { tsNodeArgs } from "../tools/engine/ts-loader";

const ROOT = resolve(__dirname, "..");

/** Whether a process of this pid still runs (a zombie waiting for its reaper has ended). */
const alive = (pid: number) => {
    const state = spawnSync("ps", ["-o", "stat=", "-p", String(pid)], { encoding: "utf8" }).stdout.trim();
    return state !== "" && !state.startsWith("Z");
};

describe("background children (tests/support/background-child.ts)", () => {
    it("a run that ends before its spec asks kills the child's whole process tree and removes its registered directory", async function () {
        this.timeout(60_000);
        const dir = mkdtempSync(join(tmpdir(), "bg-tree-"));
        try {
            const pidFile = join(dir, "grandchild.pid");
            const work = join(dir, "work");
            // A run that creates a child (sh, which starts a grandchild the way npm starts sh and node) and ends without asking for it.
            const script = `
                const { mkdirSync, existsSync } = require("fs");
                const { BackgroundChild, removeWhenRunEnds } = require(${JSON.stringify(join(ROOT, "tests/support/background-child"))});
                mkdirSync(removeWhenRunEnds(${JSON.stringify(work)}));
                new BackgroundChild({ command: "sh", args: ["-c", "sleep 60 & echo $! > ${pidFile}; wait"], cwd: ${JSON.stringify(dir)} });
                const started = setInterval(() => { if (existsSync(${JSON.stringify(pidFile)})) { clearInterval(started); process.exit(0); } }, 20);
            `;
            const r = spawnSync(process.execPath, tsNodeArgs("-e", script), { cwd: ROOT, encoding: "utf8", timeout: 30_000 });
            assert.strictEqual(r.status, 0, r.stderr);
            const grandchild = Number(readFileSync(pidFile, "utf8").trim());
            assert.ok(grandchild > 0, "the grandchild started");
            for (let i = 0; i < 100 && alive(grandchild); i++) await new Promise((d) => setTimeout(d, 50));
            assert.strictEqual(alive(grandchild), false, `the grandchild ${grandchild} outlived the run`);
            assert.strictEqual(existsSync(work), false, "the registered directory is removed");
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it("a command that cannot be spawned fails its own result, and the next child still runs", async () => {
        const bad = new BackgroundChild({ command: process.execPath, args: ["-e", "a\0b"], cwd: ROOT });
        const next = new BackgroundChild({ command: process.execPath, args: ["-e", "process.stdout.write('ran')"], cwd: ROOT });
        const failed = await bad.result();
        assert.strictEqual(failed.status, null);
        assert.match(String(failed.error), /null bytes|ERR_INVALID_ARG/i);
        const ok = await next.result();
        assert.strictEqual(ok.status, 0, ok.stderr);
        assert.strictEqual(ok.stdout, "ran");
    });
});
