import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as v8 from "v8";

/**
 * Plans shared between the workers of one `npm test` run (mocha --parallel). Each worker is its
 * own process with its own plan cache (tests/support/plan-cache.ts), so a variant that spec files
 * of both workers ask for was planned twice: 24-25 of a run's variants, about a tenth of the
 * suite's plan CPU. Here the first worker to ask for a variant claims it, plans it and leaves it
 * serialized (v8's structured clone, what `structuredClone` makes) in the run's directory; the
 * other worker reads it, or waits for it while the claimant is still planning, which costs it no
 * more wall time than planning it itself and saves the CPU.
 *
 * The directory is the run's own (shared-plans-run.js makes it in mocha's main process before
 * the workers start and removes it at the end; PLATFORM_SHARED_PLANS names it), so a plan is never
 * read by another run or another checkout. Outside such a run (a serial `npx mocha`, StrykerJS)
 * every worker plans for itself, as before.
 *
 * A failed plan is not shared: the claimant says so and the other worker plans it too, so it gets
 * its own error, with its own stack. A plan that cannot be serialized (a function or a class
 * instance in it; none today) is not shared either.
 */

export const SHARED_PLANS_ENV = "PLATFORM_SHARED_PLANS";

/** How long a worker waits for another's plan before planning it itself (the claimant died, or is stuck behind a long queue). */
const WAIT_MS = 120_000;
const POLL_MS = 20;

export type Sharing = "planned" | "read" | "unshared";

/**
 * `plan()`'s result for `key`, planned by whichever worker of the run asked first. `onShared`
 * hears whether this worker planned it, read it from another, or planned it without sharing.
 */
export async function sharedPlan<T>(key: string, plan: () => Promise<T>, onShared: (how: Sharing) => void = () => undefined): Promise<T> {
    const dir = process.env[SHARED_PLANS_ENV];
    if (!dir || !fs.existsSync(dir)) {
        onShared("unshared");
        return plan();
    }
    const base = path.join(dir, createHash("sha256").update(key).digest("hex").slice(0, 32));
    const done = `${base}.plan`;
    const unshared = `${base}.unshared`;
    if (claim(`${base}.claim`)) {
        let result: T;
        try {
            result = await plan();
        } catch (err) {
            fs.writeFileSync(unshared, "the plan failed");
            throw err;
        }
        publish(result, done, unshared);
        onShared("planned");
        return result;
    }
    const since = Date.now();
    while (Date.now() - since < WAIT_MS) {
        if (fs.existsSync(done)) {
            onShared("read");
            return v8.deserialize(fs.readFileSync(done)) as T;
        }
        if (fs.existsSync(unshared)) break;
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    onShared("unshared");
    return plan();
}

/** Exactly one worker of the run gets each claim (an exclusive create). */
function claim(file: string): boolean {
    try {
        fs.closeSync(fs.openSync(file, "wx"));
        return true;
    } catch (err) {
        if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
        throw err;
    }
}

/** Writes the plan where the other worker looks, whole or not at all (a rename is atomic). */
function publish(result: unknown, done: string, unshared: string): void {
    let bytes: Buffer;
    try {
        if (!plainThrough(result)) throw new Error("not plain data");
        bytes = v8.serialize(result);
    } catch {
        fs.writeFileSync(unshared, "the plan cannot be serialized as it is");
        return;
    }
    const partial = `${done}.${process.pid}.partial`;
    fs.writeFileSync(partial, bytes);
    fs.renameSync(partial, done);
}

/**
 * Plain objects, arrays and primitives all the way down: what a structured clone gives back as
 * it was (a class instance would come back a plain object, a function not at all).
 */
export function plainThrough(value: unknown, seen = new Set<object>()): boolean {
    if (value === null || typeof value !== "object") return typeof value !== "function" && typeof value !== "symbol";
    if (seen.has(value)) return true;
    seen.add(value);
    const proto = Object.getPrototypeOf(value);
    if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return false;
    return Object.values(value).every((v) => plainThrough(v, seen));
}
