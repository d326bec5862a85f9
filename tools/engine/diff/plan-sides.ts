import { spawn, spawnSync } from "child_process";
import { closeSync, existsSync, lstatSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, unlinkSync } from "fs";
import { tmpdir } from "os";
import { join } from "path";
import type { Plan } from "../plan";
import type { BatchEntry } from "../plan-batch";
import { childTsEnv, tsNodeArgs } from "../ts-loader";

/**
 * Planning the two sides of a diff. Each side is planned by a child process running in the
 * tree being planned: the working tree for the head, a detached `git worktree` of the base
 * ref for the base. So each side runs its own program, stack files and policy pack, and one
 * side's Pulumi runtime state cannot leak into the other. A side plans all its stacks in one
 * process (tools/engine/plan-batch.ts, the SDKs load once), and the two sides run at once;
 * a base tree from before plan-batch.ts existed is planned one `tools/plan.ts` child per stack.
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
            env: { ...childTsEnv(root), FORCE_COLOR: "0", NO_COLOR: "1" },
            stdio: ["ignore", fd, "pipe"],
        });
        closeSync(fd);
        let stderr = "";
        child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("error", (err) => finish(resolve, () => ({ ok: false, exitCode: -1, message: err.message })));
        child.on("close", (code) => finish(resolve, () => outcomeOf(code ?? -1, code === 0 || code === 1 ? readFileSync(outFile, "utf8") : undefined, stderr)));
    });
}

export interface StackPair {
    stack: string;
    cloud: string;
}

export const pairKey = (p: StackPair): string => `${p.stack}:${p.cloud}`;

const BATCH_ENTRY = join("tools", "engine", "plan-batch.ts");

function outcomeOf(exitCode: number, stdout: string | undefined, stderr: string): PlanOutcome {
    if (exitCode !== 0 && exitCode !== 1) return { ok: false, exitCode, message: lastLines(stderr) || `exit ${exitCode}` };
    try {
        return { ok: true, plan: parsePlanOutput(stdout ?? "") };
    } catch (err) {
        return { ok: false, exitCode, message: `unreadable plan output: ${(err as Error).message}` };
    }
}

/**
 * Plans every pair in `root`, in one child process (tools/engine/plan-batch.ts) when the tree
 * has it, else one tools/plan.ts child per pair. `progress` hears each pair as it finishes.
 * Outcomes are keyed by `pairKey`.
 */
export async function planSide(root: string, pairs: StackPair[], progress: (pair: StackPair, exitCode: number) => void = () => undefined): Promise<Map<string, PlanOutcome>> {
    const outcomes = new Map<string, PlanOutcome>();
    if (!existsSync(join(root, BATCH_ENTRY))) {
        for (const p of pairs) {
            const outcome = await planInChild(root, p.stack, p.cloud);
            outcomes.set(pairKey(p), outcome);
            progress(p, outcome.ok ? 0 : outcome.exitCode);
        }
        return outcomes;
    }
    const dir = mkdtempSync(join(tmpdir(), "platform-diff-side-"));
    const outFile = join(dir, "plans.json");
    try {
        const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve) => {
            const child = spawn(process.execPath, tsNodeArgs(BATCH_ENTRY, "--output", outFile, ...pairs.map(pairKey)), {
                cwd: root,
                env: { ...childTsEnv(root), FORCE_COLOR: "0", NO_COLOR: "1" },
                stdio: ["ignore", "ignore", "pipe"],
            });
            let stderr = "";
            let pending = "";
            child.stderr!.on("data", (d: Buffer) => {
                stderr += d.toString();
                pending += d.toString();
                const lines = pending.split("\n");
                pending = lines.pop()!;
                for (const line of lines) {
                    const m = /^planned (\S+) · (\S+) \(exit (\d+)\)$/.exec(line);
                    if (m) progress({ stack: m[1]!, cloud: m[2]! }, Number(m[3]));
                }
            });
            child.on("error", (err) => resolve({ code: -1, stderr: err.message }));
            child.on("close", (code) => resolve({ code: code ?? -1, stderr }));
        });
        let entries: BatchEntry[] = [];
        if (code === 0) {
            try {
                entries = JSON.parse(readFileSync(outFile, "utf8")) as BatchEntry[];
            } catch {
                entries = [];
            }
        }
        const byKey = new Map(entries.map((e) => [pairKey(e), e]));
        for (const p of pairs) {
            const e = byKey.get(pairKey(p));
            outcomes.set(pairKey(p), e ? outcomeOf(e.exitCode, e.plan, e.message ?? "") : { ok: false, exitCode: code, message: lastLines(stderr) || `exit ${code}` });
        }
        return outcomes;
    } finally {
        rmSync(dir, { recursive: true, force: true });
    }
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
