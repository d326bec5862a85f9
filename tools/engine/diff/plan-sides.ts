import { spawn, spawnSync } from "child_process";
import { closeSync, existsSync, lstatSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, unlinkSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { Plan } from "../plan";
import { tsNodeArgs } from "../ts-loader";

/**
 * Planning the two sides of a diff. Each plan runs in its own child process,
 * `node -r sucrase/register/ts tools/plan.ts --format json`, in the tree being
 * planned: the working tree for the head, a detached `git worktree` of the base ref for the
 * base. So each side runs its own program, stack files and policy pack, and one side's
 * Pulumi runtime state cannot leak into the other.
 */

export type PlanOutcome = { ok: true; plan: Plan } | { ok: false; exitCode: number; message: string };

export class GitError extends Error {}

function git(cwd: string, args: string[]): string {
    const r = spawnSync("git", args, { cwd, encoding: "utf8" });
    if (r.status !== 0) throw new GitError(`git ${args.join(" ")} failed: ${(r.stderr || r.stdout || "").trim()}`);
    return r.stdout.trim();
}

/** Extracts the plan JSON from the child's stdout (tolerating anything printed before it). */
export function parsePlanOutput(stdout: string): Plan {
    const start = stdout.search(/^\{/m);
    if (start < 0) throw new Error("no JSON plan on stdout");
    const plan = JSON.parse(stdout.slice(start)) as Plan;
    if (!Array.isArray(plan.resources) || !plan.policy) throw new Error("stdout is not a plan (resources/policy missing)");
    return plan;
}

function lastLines(text: string, n = 3): string {
    const lines = text.split("\n").map((l) => l.trim()).filter(Boolean);
    const error = lines.findIndex((l) => /error|failed|not available/i.test(l));
    return (error >= 0 ? lines.slice(error, error + n) : lines.slice(-n)).join(" ").slice(0, 400);
}

/**
 * Plans one (stack, cloud) in `root`. Exit 0 (clean) and 1 (mandatory violations) both yield a
 * plan; 2 (bad config/usage) and 3 (the program failed) are failures. The child's stdout goes
 * to a file, not a pipe: tools/plan.ts calls process.exit() right after writing, which cuts a
 * piped write short past 64 KiB, while a write to a file completes synchronously.
 */
export function planInChild(root: string, stack: string, cloud: string): Promise<PlanOutcome> {
    const dir = mkdtempSync(join(tmpdir(), "platform-diff-plan-"));
    const outFile = join(dir, "plan.json");
    const fd = openSync(outFile, "w");
    const finish = (resolve: (o: PlanOutcome) => void, outcome: () => PlanOutcome) => {
        let result: PlanOutcome;
        try {
            result = outcome();
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
        resolve(result);
    };
    return new Promise((resolve) => {
        const child = spawn(process.execPath, tsNodeArgs("tools/plan.ts", "--stack", stack, "--cloud", cloud, "--format", "json"), {
            cwd: root,
            env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
            stdio: ["ignore", fd, "pipe"],
        });
        closeSync(fd);
        let stderr = "";
        child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", (err) => finish(resolve, () => ({ ok: false, exitCode: -1, message: err.message })));
        child.on("close", (code) =>
            finish(resolve, () => {
                if (code !== 0 && code !== 1) return { ok: false, exitCode: code ?? -1, message: lastLines(stderr) || `exit ${code}` };
                try {
                    return { ok: true, plan: parsePlanOutput(readFileSync(outFile, "utf8")) };
                } catch (err) {
                    return { ok: false, exitCode: code, message: `unreadable plan output: ${(err as Error).message}` };
                }
            }),
        );
    });
}

export interface Worktree {
    path: string;
    commit: string;
    remove(): void;
}

/**
 * A detached worktree of `ref`, with the repository's node_modules linked in (the base is
 * planned with today's installed packages; a lockfile change shows up as a program change
 * only where it changes the plan).
 */
export function addWorktree(repoRoot: string, ref: string): Worktree {
    const commit = git(repoRoot, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    const path = mkdtempSync(join(tmpdir(), "platform-diff-base-"));
    git(repoRoot, ["worktree", "add", "--detach", "--quiet", path, commit]);
    const links: string[] = [];
    for (const dir of ["node_modules", "policy/node_modules"]) {
        const source = join(repoRoot, dir);
        if (existsSync(source) && existsSync(join(path, dir, "..")) && !existsSync(join(path, dir))) {
            symlinkSync(source, join(path, dir), "dir");
            links.push(join(path, dir));
        }
    }
    return {
        path,
        commit,
        remove() {
            // Unlink first: never let a recursive delete walk into the real node_modules.
            for (const link of links) if (lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) unlinkSync(link);
            const r = spawnSync("git", ["worktree", "remove", "--force", path], { cwd: repoRoot, encoding: "utf8" });
            if (r.status !== 0) {
                rmSync(path, { recursive: true, force: true });
                spawnSync("git", ["worktree", "prune"], { cwd: repoRoot });
            }
        },
    };
}

export function repoRootOf(dir: string): string {
    return git(dir, ["rev-parse", "--show-toplevel"]);
}
