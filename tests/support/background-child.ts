import { ChildProcess, spawn } from "child_process";
import { rmSync } from "fs";
import type { Socket } from "net";
import { availableParallelism } from "os";

/**
 * Child processes started in the background, while the suite's own process goes on with the
 * in-process specs. A spec that needs a real process (an exit status, stream flushing, npm's
 * banner, a fresh module registry) spends about 1.5 s of CPU in node, the loader and the SDKs
 * before its tool does anything; run synchronously, the suite's process only waits for it, and
 * the second core idles. So such a spec creates its child when its file loads (a `describe`
 * body runs before any test), and its `it` awaits the result and asserts what it always did.
 *
 * Each child keeps its own process, arguments, cwd and environment (copied when it is created,
 * so no other spec's temporary `process.env` edits reach it: see cli-in-process.ts) and its
 * stdout and stderr pipes, as spawnSync gives it (a spec of stream flushing needs a pipe).
 *
 * At most `availableParallelism() - 1` children, and never more than 3 (PLATFORM_TEST_CHILDREN
 * overrides it), are started ahead of their spec, in the order they were created, which is the
 * order their files run in: the cap keeps a many-core host, or a CPU-limited container whose
 * quota Node 20's libuv does not see, from starting the ~30 children, each a full node with
 * the SDKs, at once. A spec that asks for a result before its child started starts it at once,
 * beside the others (its process is only waiting then).
 *
 * Each child leads its own process group, and a run that ends early (a failure with --bail, a
 * spec filtered out by --grep, Ctrl-C, a CI cancel) kills the whole group: `npm run …` is npm →
 * sh → node, and a signal to npm alone would leave the node running.
 *
 * A spec bounded by time runs with no child beside it (withoutBackgroundChildren below).
 *
 * Under StrykerJS (`npm run mutate`) a child starts only when its spec asks for it: the runner
 * activates one mutant after another in one process and greps child-process specs out.
 */

export interface ChildResult {
    status: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
    /** Set when the process could not be started (spawn's `error` event) or ran out of time. */
    error?: Error;
}

export interface ChildCommand {
    command: string;
    args: string[];
    cwd: string;
    /** The child's whole environment; default: a copy of process.env when the child is created. */
    env?: NodeJS.ProcessEnv;
    /** Killed after this long (as spawnSync's `timeout`: `error` then says so). */
    timeoutMs?: number;
}

const underStryker = () => "__stryker__" in globalThis;
const SLOTS = Math.max(1, Math.min(Number(process.env.PLATFORM_TEST_CHILDREN) || 3, availableParallelism() - 1));
const waiting: BackgroundChild[] = [];
/** Each running child, with a promise of its end. */
const running = new Map<ChildProcess, Promise<void>>();
let busy = 0;
let paused = 0;

/** Temporary directories of children whose spec may never run: removed when the run ends. */
const leftovers = new Set<string>();

/** Registers a directory a background child works in, for removal when the run ends (its spec removes it sooner). */
export function removeWhenRunEnds(dir: string): string {
    leftovers.add(dir);
    return dir;
}

/** The child and everything it started (its process group; see `detached` below). */
function killTree(child: ChildProcess): void {
    try {
        process.kill(-child.pid!, "SIGTERM");
    } catch {
        child.kill();
    }
}

// A run that ends early leaves no child and no temporary directory behind.
const endRun = () => {
    waiting.length = 0;
    for (const child of running.keys()) killTree(child);
    for (const dir of leftovers) rmSync(dir, { recursive: true, force: true });
};
process.on("exit", endRun);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
        endRun();
        process.kill(process.pid, signal);
    });
}

export class BackgroundChild {
    private command?: ChildCommand & { env: NodeJS.ProcessEnv };
    private outcome?: Promise<ChildResult>;
    private process?: ChildProcess;

    /**
     * `command` may be a function, called when the child is created: under Stryker that is in
     * the spec, so the code it runs (e.g. reading a stack's config) counts as the spec's coverage.
     */
    constructor(private readonly what: ChildCommand | (() => ChildCommand)) {
        if (!underStryker()) {
            this.prepare();
            waiting.push(this);
            pump();
        }
    }

    private prepare(): ChildCommand & { env: NodeJS.ProcessEnv } {
        if (!this.command) {
            const command = typeof this.what === "function" ? this.what() : this.what;
            this.command = { ...command, env: { ...(command.env ?? process.env) } };
        }
        return this.command;
    }

    /** The child's result; starts it now if it has not started yet. */
    result(): Promise<ChildResult> {
        if (!this.outcome) {
            const at = waiting.indexOf(this);
            if (at >= 0) waiting.splice(at, 1);
            this.start(false);
        }
        // Someone waits for it: the process must not exit before it ends.
        if (this.process) for (const handle of handlesOf(this.process)) handle.ref();
        return this.outcome!;
    }

    /** Starts the process; `queued` children hold a slot until they end. */
    start(queued: boolean): void {
        const { command, args, cwd, env, timeoutMs } = this.prepare();
        this.outcome = new Promise<ChildResult>((resolve) => {
            let child: ChildProcess;
            try {
                // Its own process group, so that killTree reaches its children too.
                child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
            } catch (error) {
                // Invalid arguments throw here rather than emit `error`: the spec that asks gets it, and no slot is held.
                resolve({ status: null, signal: null, stdout: "", stderr: "", error: error as Error });
                return;
            }
            if (queued) busy++;
            this.process = child;
            running.set(child, new Promise((ended) => child.once("close", () => ended())));
            // Not waited for yet: a run that ends first (see above) must not wait for it.
            for (const handle of handlesOf(child)) handle.unref();
            const stdout: Buffer[] = [];
            const stderr: Buffer[] = [];
            child.stdout!.on("data", (b: Buffer) => stdout.push(b));
            child.stderr!.on("data", (b: Buffer) => stderr.push(b));
            let failed: Error | undefined;
            child.once("error", (e) => (failed = e));
            const timer = timeoutMs === undefined ? undefined : setTimeout(() => {
                failed = new Error(`${command} timed out after ${timeoutMs} ms`);
                killTree(child);
            }, timeoutMs).unref();
            // "close": the process ended and both pipes are drained (or it never started).
            child.once("close", (status, signal) => {
                clearTimeout(timer);
                running.delete(child);
                if (queued) {
                    busy--;
                    pump();
                }
                resolve({ status, signal, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8"), ...(failed ? { error: failed } : {}) });
            });
        });
    }
}

/** What keeps the event loop alive for a child: the process and its two pipes (sockets, typed as plain streams). */
function handlesOf(child: ChildProcess): Array<{ ref(): unknown; unref(): unknown }> {
    return [child, child.stdout as unknown as Socket, child.stderr as unknown as Socket];
}

function pump(): void {
    while (paused === 0 && busy < SLOTS && waiting.length > 0) waiting.shift()!.start(true);
}

/**
 * For a spec bounded by time rather than by count (tests/config/fuzz.spec.ts runs as many
 * cases as fit in its seconds): no background child runs while `work` does. The running ones
 * are waited for first, and the queue goes on afterwards.
 */
export async function withoutBackgroundChildren<T>(work: () => Promise<T>): Promise<T> {
    paused++;
    try {
        await Promise.all(running.values());
        return await work();
    } finally {
        paused--;
        pump();
    }
}

/** A child process of `node` with these arguments (e.g. tsNodeArgs(...)), started in the background. */
export function backgroundNode(args: string[], options: Omit<ChildCommand, "command" | "args">): BackgroundChild {
    return new BackgroundChild({ command: process.execPath, args, ...options });
}

/** The same, with the arguments and options computed when the child is created (see BackgroundChild). */
export function backgroundNodeOf(what: () => { args: string[] } & Omit<ChildCommand, "command" | "args">): BackgroundChild {
    return new BackgroundChild(() => ({ command: process.execPath, ...what() }));
}

/** What a spec reads from a background child's result, computed when the spec asks. */
export interface Pending<T> {
    result(): Promise<T>;
}

export function readResult<T>(child: BackgroundChild, read: (r: ChildResult) => T): Pending<T> {
    let read$: Promise<T> | undefined;
    return { result: () => (read$ ??= child.result().then(read)) };
}
