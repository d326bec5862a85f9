import { spawnSync } from "child_process";
import { Command } from "commander";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CLOUDS, ENVIRONMENTS } from "../components/config";

/**
 * `npm run bench`: how fast the program plans and how its cost grows. Prints tables; it is
 * a measurement, not a test (DEVELOPERS.md: performance targets live in a benchmark script).
 *
 *  1. per (cloud, environment): the floor (a process loading only the @pulumi modules that
 *     stack's plan loads) vs the full offline plan, median and spread, peak RSS, resources;
 *  2. scaling: plan time and memory for 1, 5, 20, 50 ComputeServices;
 *  3. start-up of the program under the runtime options Pulumi.yaml could ship;
 *  4. which cloud SDKs each plan loads;
 *  5. the test suite's wall time and its slowest specs.
 */

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin");

interface Sample { ms: number; maxRssKb: number; resources?: number; modules?: string[] }

function node(args: string[], env: NodeJS.ProcessEnv = {}): Sample & { wallMs: number } {
    const t0 = process.hrtime.bigint();
    const res = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.status !== 0) throw new Error(`node ${args.join(" ")} failed (${res.status}): ${res.stderr.slice(0, 2000)}`);
    return { ...JSON.parse(res.stdout), wallMs };
}

function stats(xs: number[]): { median: number; min: number; max: number } {
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return { median: s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2, min: s[0]!, max: s[s.length - 1]! };
}

const fmtMs = (xs: number[]) => { const s = stats(xs); return `${s.median.toFixed(0)} ms (${s.min.toFixed(0)}–${s.max.toFixed(0)})`; };
const fmtMb = (kb: number[]) => `${(stats(kb).median / 1024).toFixed(0)} MB`;

function table(headers: string[], rows: string[][]): string {
    const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => "| " + cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ") + " |";
    return [line(headers), "|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|", ...rows.map(line)].join("\n");
}

function build(): void {
    const t0 = Date.now();
    const res = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, encoding: "utf8" });
    if (res.status !== 0) throw new Error(`tsc failed:\n${res.stdout}${res.stderr}`);
    console.log(`(compiled the program to bin/ in ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
}

const planChild = path.join(BIN, "tools", "bench", "plan-child.js");
const floorChild = path.join(BIN, "tools", "bench", "floor-child.js");

function stackTable(runs: number, clouds: string[]): void {
    console.log(`## Plan vs floor (${runs} runs each, interleaved; wall time of a fresh process)\n`);
    const rows: string[][] = [];
    const sdkRows: string[][] = [];
    for (const cloud of clouds) {
        for (const env of ENVIRONMENTS) {
            const warm = node([planChild, env, cloud]);
            const list = path.join(os.tmpdir(), `floor-${cloud}-${env}.json`);
            fs.writeFileSync(list, JSON.stringify(warm.modules));
            const plans: Sample[] = [];
            const floors: Sample[] = [];
            const planWall: number[] = [];
            const floorWall: number[] = [];
            for (let i = 0; i < runs; i++) {
                const f = node([floorChild, list]);
                floors.push(f); floorWall.push(f.wallMs);
                const p = node([planChild, env, cloud]);
                plans.push(p); planWall.push(p.wallMs);
            }
            const ratio = stats(planWall).median / stats(floorWall).median;
            rows.push([cloud, env, fmtMs(floorWall), fmtMs(planWall), `${ratio.toFixed(2)}×`, fmtMb(floors.map((s) => s.maxRssKb)), fmtMb(plans.map((s) => s.maxRssKb)), String(warm.resources)]);
            const pkgs = new Map<string, number>();
            for (const m of warm.modules ?? []) {
                const pkg = /node_modules[\\/](@pulumi[\\/][^\\/]+)/.exec(m)![1]!.replace("\\", "/");
                pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + 1);
            }
            sdkRows.push([`${cloud}/${env}`, String(warm.modules?.length ?? 0), [...pkgs].map(([p, n]) => `${p} (${n})`).join(", ")]);
        }
    }
    console.log(table(["cloud", "env", "floor median (min–max)", "plan median (min–max)", "plan/floor", "floor RSS", "plan RSS", "resources"], rows));
    console.log(`\n## Modules loaded per plan (proof each cloud loads only its own SDK)\n`);
    console.log(table(["stack", "@pulumi modules", "packages (modules)"], sdkRows));
}

function servicesOverride(n: number): string {
    const services: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) services[`svc${i}`] = { image: `ghcr.io/acme/svc${i}:1.0.0`, port: 8080, http: { pathPrefix: i === 0 ? "/" : `/svc${i}` } };
    return `platform:services=${JSON.stringify(services)}`;
}

function scaling(runs: number, cloud: string): void {
    console.log(`\n## Scaling: ComputeServices on ${cloud}/staging (${runs} runs each, in-process plan time)\n`);
    const rows: string[][] = [];
    let base: number | undefined;
    let prev: { n: number; ms: number } | undefined;
    for (const n of [1, 5, 20, 50]) {
        const samples = Array.from({ length: runs }, () => node([planChild, "staging", cloud, servicesOverride(n)]));
        const ms = stats(samples.map((s) => s.ms)).median;
        base ??= ms;
        const perService = prev ? (ms - prev.ms) / (n - prev.n) : undefined;
        rows.push([String(n), String(samples[0]!.resources), `${ms.toFixed(0)} ms`, fmtMb(samples.map((s) => s.maxRssKb)),
            perService === undefined ? "—" : `${perService.toFixed(1)} ms (${((perService / base) * 100).toFixed(1)} % of 1-service plan)`]);
        prev = { n, ms };
    }
    console.log(table(["services", "resources", "plan (median)", "peak RSS", "per added service"], rows));
}

function startup(runs: number): void {
    console.log(`\n## Program start-up under Pulumi.yaml runtime options (aws/staging plan, ${runs} runs)\n`);
    const script = path.join(ROOT, "tools", "bench", "plan-child.ts");
    const variants: Array<[string, string[], NodeJS.ProcessEnv]> = [
        ["ts-node, type-checking (Pulumi default)", ["-r", "ts-node/register", script], { TS_NODE_TRANSPILE_ONLY: "false" }],
        ["ts-node, transpile-only", ["-r", "ts-node/register/transpile-only", script], {}],
        ["precompiled JavaScript (bin/)", [planChild], {}],
    ];
    const rows = variants.map(([label, args, env]) => {
        const walls = Array.from({ length: runs }, () => node([...args, "staging", "aws"], env).wallMs);
        return [label, fmtMs(walls)];
    });
    console.log(table(["runtime option", "wall time median (min–max)"], rows));
}

function testSuite(): void {
    console.log(`\n## Test suite\n`);
    const out = path.join(os.tmpdir(), "mocha-bench.json");
    const t0 = Date.now();
    spawnSync(process.execPath, [require.resolve("mocha/bin/mocha.js"), "tests/**/*.spec.ts", "--reporter", "json", "--reporter-option", `output=${out}`], { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 26 });
    const wall = (Date.now() - t0) / 1000;
    const report = JSON.parse(fs.readFileSync(out, "utf8")) as { stats: { passes: number; failures: number }; tests: Array<{ fullTitle: string; duration?: number; file?: string }> };
    console.log(`wall time ${wall.toFixed(1)} s, ${report.stats.passes} passed, ${report.stats.failures} failed\n`);
    const slow = [...report.tests].filter((t) => t.duration).sort((a, b) => b.duration! - a.duration!).slice(0, 10);
    console.log(table(["slowest specs", "ms"], slow.map((t) => [t.fullTitle.slice(0, 100), String(t.duration)])));
}

function main(): void {
    const program = new Command("bench")
        .option("--runs <n>", "runs per measurement", (v) => Number(v), 5)
        .option("--clouds <list>", "comma-separated clouds", CLOUDS.join(","))
        .option("--skip <parts>", "comma-separated parts to skip: stacks,scaling,startup,tests", "")
        .parse(process.argv);
    const opts = program.opts<{ runs: number; clouds: string; skip: string }>();
    const skip = new Set(opts.skip.split(",").filter(Boolean));
    console.log(`# npm run bench — ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}\n`);
    build();
    if (!skip.has("stacks")) stackTable(opts.runs, opts.clouds.split(","));
    if (!skip.has("scaling")) scaling(opts.runs, opts.clouds.split(",")[0]!);
    if (!skip.has("startup")) startup(Math.max(3, Math.ceil(opts.runs / 2)));
    if (!skip.has("tests")) testSuite();
}

main();
