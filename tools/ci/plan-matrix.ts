import { spawn } from "child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "fs";
import { join, resolve } from "path";
import { isDeepStrictEqual } from "util";
import { CLOUD_PLUGINS } from "../../providers/registry";

/**
 * Behaviour-preserving refactors are checked here: every committed stack × every cloud ×
 * both runtimes planned with `npm run -s plan -- --format json`, and two such sets compared.
 *
 *   node -r sucrase/register/ts tools/ci/plan-matrix.ts record <root> <dir>   plan the tree at <root> into <dir>
 *   node -r sucrase/register/ts tools/ci/plan-matrix.ts compare <base-dir> <head-dir>
 *
 * `record` keeps going on a failing plan (the file then holds the exit code and stderr), so a
 * comparison shows every difference at once.
 */

const STACKS = ["production", "staging"];
/** The clouds of the tree running the comparison (providers/registry.ts). */
const CLOUDS = Object.keys(CLOUD_PLUGINS);
const RUNTIMES: Record<string, string[]> = { managed: [], kubernetes: ["--config", "platform:compute.runtime=kubernetes"] };

interface Case { file: string; args: string[] }

function cases(): Case[] {
    const out: Case[] = [];
    for (const stack of STACKS) for (const cloud of CLOUDS) for (const [runtime, extra] of Object.entries(RUNTIMES))
        out.push({ file: `${stack}-${cloud}-${runtime}.json`, args: ["--stack", stack, "--cloud", cloud, ...extra] });
    return out;
}

function planOne(root: string, dir: string, c: Case): Promise<void> {
    const output = join(dir, c.file);
    return new Promise((done) => {
        const child = spawn("npm", ["run", "-s", "plan", "--", ...c.args, "--format", "json", "--output", output], { cwd: root, env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" }, stdio: ["ignore", "ignore", "pipe"] });
        let stderr = "";
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.on("close", (code) => {
            // 0 clean, 1 mandatory violations: both are plans. Anything else is recorded as the failure it is.
            if (code !== 0 && code !== 1) writeFileSync(output, JSON.stringify({ failed: code, stderr: stderr.slice(-2000) }));
            process.stderr.write(`${c.file}: exit ${code}\n`);
            done();
        });
    });
}

async function record(root: string, dir: string): Promise<void> {
    mkdirSync(dir, { recursive: true });
    const queue = cases();
    const worker = async () => { for (let c = queue.shift(); c; c = queue.shift()) await planOne(root, dir, c); };
    await Promise.all([worker(), worker()]);
}

function compare(baseDir: string, headDir: string): number {
    let differing = 0;
    for (const c of cases()) {
        const [a, b] = [join(baseDir, c.file), join(headDir, c.file)];
        if (!existsSync(a) || !existsSync(b)) { console.log(`${c.file}: missing on ${existsSync(a) ? "head" : "base"}`); differing++; continue; }
        const [pa, pb] = [JSON.parse(readFileSync(a, "utf8")), JSON.parse(readFileSync(b, "utf8"))];
        if (isDeepStrictEqual(pa, pb)) { console.log(`${c.file}: identical`); continue; }
        differing++;
        const byUrn = (p: { resources?: Array<{ urn: string }> }) => new Map((p.resources ?? []).map((r) => [r.urn, r]));
        const [ma, mb] = [byUrn(pa), byUrn(pb)];
        const lines: string[] = [];
        for (const urn of ma.keys()) if (!mb.has(urn)) lines.push(`  - ${urn}`);
        for (const urn of mb.keys()) if (!ma.has(urn)) lines.push(`  + ${urn}`);
        for (const [urn, r] of ma) if (mb.has(urn) && !isDeepStrictEqual(r, mb.get(urn))) lines.push(`  ~ ${urn}`);
        if ([...ma.keys()].join() !== [...mb.keys()].join() && lines.length === 0) lines.push("  resource order differs");
        for (const key of ["outputs", "policy", "failed"]) if (!isDeepStrictEqual(pa[key], pb[key])) lines.push(`  ${key} differ`);
        console.log(`${c.file}: DIFFERENT\n${lines.slice(0, 40).join("\n")}`);
    }
    console.log(`${cases().length - differing} identical, ${differing} different`);
    return differing === 0 ? 0 : 1;
}

const [command, first, second] = process.argv.slice(2);
if (command === "record" && first && second) record(resolve(first), resolve(second)).then(() => process.exit(0));
else if (command === "compare" && first && second) process.exit(compare(resolve(first), resolve(second)));
else {
    console.error("usage: plan-matrix.ts record <root> <dir> | compare <base-dir> <head-dir>");
    process.exit(2);
}
