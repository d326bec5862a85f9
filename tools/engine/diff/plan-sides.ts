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
    /** How the base's packages were provided: the repository's own (linked) or its own `npm ci`. */
    dependencies: "linked" | "installed";
    remove(): void;
}

/**
 * The `git fetch` that makes `ref` resolvable: CI checkouts are shallow (actions/checkout
 * fetches one commit), so `origin/main` is often simply not there.
 */
export function fetchHint(repoRoot: string, ref: string): string {
    const remotes = spawnSync("git", ["remote"], { cwd: repoRoot, encoding: "utf8" }).stdout.split("\n").map((r) => r.trim()).filter(Boolean);
    const shallow = spawnSync("git", ["rev-parse", "--is-shallow-repository"], { cwd: repoRoot, encoding: "utf8" }).stdout.trim() === "true";
    const slash = ref.indexOf("/");
    const remote = slash > 0 && remotes.includes(ref.slice(0, slash)) ? ref.slice(0, slash) : undefined;
    const command = remote
        ? `git fetch --no-tags --depth=1 ${remote} ${ref.slice(slash + 1)}:refs/remotes/${ref}`
        : `git fetch --no-tags --depth=1 ${remotes[0] ?? "origin"} ${ref}`;
    return `${shallow ? "this clone is shallow (actions/checkout fetches one commit unless fetch-depth: 0), so " : ""}the ref is not here; fetch it with: ${command}`;
}

function sameFile(repoRoot: string, commit: string, file: string): boolean {
    const base = spawnSync("git", ["show", `${commit}:${file}`], { cwd: repoRoot, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
    const head = existsSync(join(repoRoot, file)) ? readFileSync(join(repoRoot, file), "utf8") : undefined;
    return base.status === 0 ? base.stdout === head : head === undefined;
}

/**
 * A detached worktree of `ref`. When its package-lock.json is the working tree's, the
 * repository's node_modules is linked in; when it differs (an SDK bump, a new dependency), the
 * base gets its own `npm ci`, so the base is planned with the base's own packages and the
 * diff shows what the bump changes.
 */
export function addWorktree(repoRoot: string, ref: string, log: (s: string) => void = () => undefined): Worktree {
    let commit: string;
    try {
        commit = git(repoRoot, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
    } catch {
        throw new GitError(`${ref} does not resolve to a commit: ${fetchHint(repoRoot, ref)}`);
    }
    const path = mkdtempSync(join(tmpdir(), "platform-diff-base-"));
    git(repoRoot, ["worktree", "add", "--detach", "--quiet", path, commit]);
    const links: string[] = [];
    const remove = () => {
        // Unlink first: never let a recursive delete walk into the real node_modules.
        for (const link of links) if (lstatSync(link, { throwIfNoEntry: false })?.isSymbolicLink()) unlinkSync(link);
        const r = spawnSync("git", ["worktree", "remove", "--force", path], { cwd: repoRoot, encoding: "utf8" });
        if (r.status !== 0) {
            rmSync(path, { recursive: true, force: true });
            spawnSync("git", ["worktree", "prune"], { cwd: repoRoot });
        }
    };
    const ownDependencies = !sameFile(repoRoot, commit, "package-lock.json");
    if (ownDependencies) {
        log(`base ${ref}: package-lock.json differs from the working tree's, installing the base's own dependencies (npm ci)`);
        const r = spawnSync("npm", ["ci", "--ignore-scripts", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], { cwd: path, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
        if (r.status !== 0) {
            remove();
            throw new GitError(`npm ci of the base ${ref} failed: ${(r.stderr || r.stdout || String(r.error ?? "")).trim().split("\n").slice(-3).join(" ")}`);
        }
    }
    for (const dir of ownDependencies ? ["policy/node_modules"] : ["node_modules", "policy/node_modules"]) {
        const source = join(repoRoot, dir);
        if (existsSync(source) && existsSync(join(path, dir, "..")) && !existsSync(join(path, dir))) {
            symlinkSync(source, join(path, dir), "dir");
            links.push(join(path, dir));
        }
    }
    return { path, commit, dependencies: ownDependencies ? "installed" : "linked", remove };
}

/** The head's label: the commit SHA, and whether uncommitted edits are planned with it. */
export function headLabelOf(repoRoot: string): string {
    const sha = git(repoRoot, ["rev-parse", "HEAD"]);
    const dirty = git(repoRoot, ["status", "--porcelain", "--untracked-files=no"]) !== "";
    return `${sha.slice(0, 12)}${dirty ? " + uncommitted changes" : ""}`;
}

export function repoRootOf(dir: string): string {
    return git(dir, ["rev-parse", "--show-toplevel"]);
}
