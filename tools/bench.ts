import { spawnSync } from "child_process";
import { Command } from "commander";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as YAML from "yaml";
import { CLOUDS, ENVIRONMENTS } from "../components/config";
import { TS_LOADER, tsNodeArgs } from "./engine/ts-loader";
import { floorLine, floorVerdict, parseProcessLog, parseSuitePlans, SUITE_TARGET, suiteFloor } from "./bench/suite-floor";

/**
 * `npm run bench [-- --quick]`: what the pull-request gate costs, how fast the program plans
 * and how its cost grows. Prints a line per measurement as it goes, then tables; it is a
 * measurement, not a test (performance targets live in a benchmark script).
 *
 *  0. the gate: `npm test`, `npm run diff -- --base HEAD` over the six stacks, `npm run check`
 *     and `npm run typecheck`, each as a ratio to one `npm run -s plan` of aws/production
 *     measured in the same run (plans interleaved between the gate's commands, so a machine
 *     busy with other work slows both sides of each ratio), what each cloud SDK's declarations
 *     cost the type check, and plan ÷ SDK replay per stack (from part 1), and the suite's floor
 *     (tools/bench/suite-floor.ts: the CPU of the plans it makes ÷ cores, beside the 20× target);
 *     `--quick` (under 30 s on an idle 2-core machine) times plan, check and a one-stack diff
 *     only. Every plan runs with the transform cache warm (tools/engine/ts-register.js), as on any
 *     machine after its first command, and one more with an empty cache shows a fresh clone's;
 *  1. per (cloud, environment): the floor (a process loading only the @pulumi modules that
 *     stack's plan loads), the SDK replay (the same modules, then the plan's registrations
 *     re-made through the SDK classes, no program) and the full offline plan: median and
 *     spread, peak RSS, resources;
 *  2. scaling: plan time and memory for 1, 5, 20, 50 ComputeServices;
 *  3. start-up of the program under the runtime options Pulumi.yaml could ship;
 *  4. which cloud SDKs each plan loads;
 *  5. the test suite's wall time and its slowest specs.
 */

const ROOT = path.resolve(__dirname, "..");
const BIN = path.join(ROOT, "bin");

interface Sample { ms: number; maxRssKb: number; resources?: number; modules?: string[]; urns?: string[]; aliases?: number }

function node(args: string[], env: NodeJS.ProcessEnv = {}): Sample & { wallMs: number } {
    const t0 = process.hrtime.bigint();
    const res = spawnSync(process.execPath, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
    const wallMs = Number(process.hrtime.bigint() - t0) / 1e6;
    if (res.status !== 0) throw new Error(`node ${args.join(" ")} failed (${res.status}): ${res.stderr.slice(0, 2000)}`);
    const script = args.find((a) => /\.(js|ts)$/.test(a)) ?? "node";
    progress(`${path.basename(script)} ${args.slice(args.indexOf(script) + 1).filter((a) => !a.startsWith("/") && !a.startsWith("platform:services=")).join(" ")}`.trim(), wallMs);
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

/** One line per measurement, as it finishes, so a long bench shows where it is. */
let step = 0;
function progress(label: string, ms: number, extra = ""): void {
    console.log(`  [${++step}] ${label}: ${(ms / 1000).toFixed(1)} s${extra ? ` (${extra})` : ""}`);
}

/**
 * CPU time (user + system, ms) of this process's finished children and theirs (Linux
 * /proc/self/stat cutime + cstime; a child's waited-for children add to it), or undefined
 * where there is no /proc. On a busy machine wall time stretches with the load and CPU time
 * hardly does, so the gate shows both.
 */
let clockTicks: number | undefined;
function childrenCpuMs(): number | undefined {
    try {
        const fields = fs.readFileSync("/proc/self/stat", "utf8").replace(/^.*\) /, "").split(" ");
        clockTicks ??= Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;
        // After the command name: field 3 is index 0, so cutime (16) and cstime (17) are 13 and 14.
        return ((Number(fields[13]) + Number(fields[14])) * 1000) / clockTicks;
    } catch {
        return undefined;
    }
}

/** Wall and CPU time of one command (npm scripts run as the gate runs them). Fails on an unexpected exit code. */
function timed(label: string, cmd: string, args: string[], okCodes = [0], env: NodeJS.ProcessEnv = {}): { ms: number; cpuMs?: number; stdout: string } {
    const cpu0 = childrenCpuMs();
    const t0 = process.hrtime.bigint();
    const res = spawnSync(cmd, args, { cwd: ROOT, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", ...env }, maxBuffer: 1 << 28 });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    const cpu1 = childrenCpuMs();
    const cpuMs = cpu0 === undefined || cpu1 === undefined ? undefined : cpu1 - cpu0;
    if (!okCodes.includes(res.status ?? -1)) throw new Error(`${label} failed (exit ${res.status}): ${(res.stderr || res.stdout).slice(-2000)}`);
    progress(label, ms, cpuMs === undefined ? "" : `CPU ${(cpuMs / 1000).toFixed(1)} s`);
    return { ms, cpuMs, stdout: res.stdout };
}

const PLAN_ARGS = ["run", "-s", "plan", "--", "--stack", "production", "--cloud", "aws"];

interface GateFigures {
    planMs: number[];
    rows: string[][];
    /** The suite's floor (tools/bench/suite-floor.ts), when the suite ran. */
    floor?: string;
}

/**
 * `npm test` with the floor's two recorders (tools/bench/suite-floor.ts): the plan costs of the
 * suite's processes (each mocha worker) and one CPU line per node process of the run.
 */
function recordedSuite(): { t: Timing & { stdout: string }; floorOf: (planWallMs: number) => { row: string[]; line: string } } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-suite-"));
    const plansFile = path.join(dir, "plans.json");
    const processLog = path.join(dir, "processes.jsonl");
    const recorder = path.join(ROOT, "tests", "support", "process-cpu-log.js");
    const t = timed("npm test", "npm", ["test"], Array.from({ length: 256 }, (_, i) => i), { // failures are reported in the table, not fatal
        SPEC_PLANS: plansFile,
        PLATFORM_PROCESS_CPU: processLog,
        NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${recorder}`.trim(),
    });
    const floor = suiteFloor(parseSuitePlans(fs.readFileSync(plansFile, "utf8")), parseProcessLog(fs.readFileSync(processLog, "utf8")), os.availableParallelism());
    fs.rmSync(dir, { recursive: true, force: true });
    progress(`suite floor: ${floor.inProcess.plans} plans in-process + ${floor.planningChildren.count} planning children`, floor.wallMs, `CPU ${(floor.cpuMs / 1000).toFixed(1)} s`);
    return {
        t,
        floorOf: (planWallMs) => {
            const ratio = floor.wallMs / planWallMs;
            return {
                row: ["floor of `npm test` (its plans' CPU ÷ cores)", `${(floor.wallMs / 1000).toFixed(1)} s`, `${ratio.toFixed(1)}×`, `${(floor.cpuMs / 1000).toFixed(1)} s`, `≤ ${SUITE_TARGET}×`,
                    floorVerdict(ratio).reachable ? "target reachable in principle" : "target NOT reachable on this machine"],
                line: floorLine(floor, planWallMs),
            };
        },
    };
}

interface Timing {
    ms: number;
    cpuMs?: number;
}

/**
 * The gate's commands, each followed by one more plan of aws/production; every ratio is to the
 * median of those plans (wall time; CPU time beside it, to the plans' median CPU). `npm run plan`
 * exits 1 on a mandatory violation, which the committed stacks never have, so only 0 is accepted.
 */
function gate(quick: boolean): GateFigures {
    console.log(`## The pull-request gate against one plan (${quick ? "--quick" : "full"}; progress as it goes)\n`);
    const plans: Timing[] = [];
    const plan = () => plans.push(timed("npm run -s plan (aws/production)", "npm", PLAN_ARGS));
    const measured: Array<{ label: string; t: Timing; target?: number; note?: string }> = [];
    plan();
    // The transform cache (tools/engine/ts-register.js) is warm from here on, as on any machine
    // after its first command; one plan with an empty cache shows what a fresh clone pays once.
    const cold = fs.mkdtempSync(path.join(os.tmpdir(), "bench-cold-"));
    measured.push({ label: "one `npm run -s plan`, cold transform cache (fresh clone)", t: timed("npm run -s plan (aws/production), cold transform cache", "npm", PLAN_ARGS, [0], { PLATFORM_TS_CACHE: cold }) });
    fs.rmSync(cold, { recursive: true, force: true });
    let suite: ReturnType<typeof recordedSuite> | undefined;
    if (!quick) {
        suite = recordedSuite();
        const summary = suite.t.stdout.trim().split("\n").pop() ?? "";
        measured.push({ label: "`npm test`", t: suite.t, target: 20, note: summary });
        plan();
    }
    const diffArgs = quick ? ["--stack", "staging", "--cloud", "aws"] : [];
    const d = timed(`npm run -s diff -- --base HEAD${quick ? " --stack staging --cloud aws" : " (six stacks)"}`, "npm", ["run", "-s", "diff", "--", "--base", "HEAD", ...diffArgs, "--format", "json"]);
    measured.push({ label: quick ? "`npm run diff -- --base HEAD` (one stack)" : "`npm run diff -- --base HEAD` (six stacks)", t: d, target: quick ? undefined : 6 });
    plan();
    const c = timed("npm run -s check", "npm", ["run", "-s", "check"]);
    measured.push({ label: "`npm run check` (six pairs)", t: c, target: 1.5 });
    plan();
    if (!quick) {
        const tc = timed("npm run -s typecheck", "npm", ["run", "-s", "typecheck"]);
        measured.push({ label: "`npm run typecheck`", t: tc });
        plan();
    }
    const planMs = plans.map((p) => p.ms);
    const median = stats(planMs).median;
    const cpus = plans.map((p) => p.cpuMs).filter((x): x is number => x !== undefined);
    const cpuMedian = cpus.length === plans.length ? stats(cpus).median : undefined;
    const cpuCell = (t: Timing) => (t.cpuMs === undefined || cpuMedian === undefined ? "—" : `${(t.cpuMs / 1000).toFixed(1)} s = ${(t.cpuMs / cpuMedian).toFixed(1)}×`);
    const rows = [["one `npm run -s plan` (aws/production)", `${(median / 1000).toFixed(1)} s (${planMs.length} runs: ${fmtMs(planMs)})`, "1×", cpuMedian === undefined ? "—" : `${(cpuMedian / 1000).toFixed(1)} s = 1×`, "—", "—"]];
    for (const m of measured) {
        const ratio = m.t.ms / median;
        rows.push([m.label, `${(m.t.ms / 1000).toFixed(1)} s`, `${ratio.toFixed(1)}×`, cpuCell(m.t), m.target === undefined ? "—" : `≤ ${m.target}×`, m.target === undefined ? (m.note ?? "") : `${ratio <= m.target ? "met" : "NOT met"}${m.note ? `; ${m.note}` : ""}`]);
    }
    const floor = suite?.floorOf(median);
    if (floor) rows.push(floor.row);
    return { planMs, rows, floor: floor?.line };
}

/**
 * What the cloud SDKs' declarations cost the type check: `tsc --noEmit` of a one-line file
 * importing one SDK, beside the bare baseline (@types/node and mocha only). Run in a scratch
 * directory under node_modules/.cache so the SDKs resolve as they do for the program.
 */
function declarationCost(): string[][] {
    const dir = path.join(ROOT, "node_modules", ".cache", "bench-typecheck");
    fs.mkdirSync(dir, { recursive: true });
    const base = JSON.parse(JSON.stringify(require("typescript").parseConfigFileTextToJson("tsconfig.json", fs.readFileSync(path.join(ROOT, "tsconfig.json"), "utf8")).config)) as { compilerOptions: Record<string, unknown> };
    const variants: Array<[string, string]> = [["no SDK (@types/node, mocha)", ""], ["@pulumi/pulumi", "@pulumi/pulumi"], ["@pulumi/aws", "@pulumi/aws"], ["@pulumi/gcp", "@pulumi/gcp"], ["@pulumi/azure-native", "@pulumi/azure-native"], ["@pulumi/kubernetes", "@pulumi/kubernetes"]];
    const rows: string[][] = [];
    for (const [label, pkg] of variants) {
        const name = pkg ? pkg.replace(/[@/]/g, "_") : "none";
        fs.writeFileSync(path.join(dir, `${name}.ts`), pkg ? `import * as sdk from "${pkg}";\nexport const touched: unknown = sdk;\n` : "export const touched = 1;\n");
        fs.writeFileSync(path.join(dir, `${name}.tsconfig.json`), JSON.stringify({ compilerOptions: { ...base.compilerOptions, outDir: undefined, noUnusedLocals: false }, files: [`${name}.ts`] }));
        const t0 = process.hrtime.bigint();
        const r = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "--noEmit", "--extendedDiagnostics", "-p", path.join(dir, `${name}.tsconfig.json`)], { cwd: dir, encoding: "utf8" });
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        if (r.status !== 0) throw new Error(`tsc of ${label} failed: ${r.stdout.slice(0, 2000)}`);
        const field = (k: string) => new RegExp(`^${k}:\\s+(.+)$`, "m").exec(r.stdout)?.[1]?.trim() ?? "?";
        progress(`tsc --noEmit of one import of ${label}`, ms);
        rows.push([label, `${(ms / 1000).toFixed(1)} s`, field("Files"), field("Memory used")]);
    }
    return rows;
}

function build(): void {
    const t0 = Date.now();
    const res = spawnSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, encoding: "utf8" });
    if (res.status !== 0) throw new Error(`tsc failed:\n${res.stdout}${res.stderr}`);
    console.log(`(compiled the program to bin/ in ${((Date.now() - t0) / 1000).toFixed(1)} s)\n`);
}

const planChild = path.join(BIN, "tools", "bench", "plan-child.js");
const floorChild = path.join(BIN, "tools", "bench", "floor-child.js");
const replayChild = path.join(BIN, "tools", "bench", "replay-child.js");

function sameSet(a: string[], b: string[]): boolean {
    const sortedB = [...b].sort();
    return a.length === b.length && [...a].sort().every((x, i) => x === sortedB[i]);
}

function stackTable(runs: number, clouds: string[]): string[][] {
    console.log(`## Plan vs floor vs SDK replay (${runs} runs each, interleaved; wall time of a fresh process)\n`);
    const rows: string[][] = [];
    const sdkRows: string[][] = [];
    for (const cloud of clouds) {
        for (const env of ENVIRONMENTS) {
            const list = path.join(os.tmpdir(), `floor-${cloud}-${env}.json`);
            const recording = path.join(os.tmpdir(), `recording-${cloud}-${env}.json`);
            const warm = node([planChild, env, cloud], { BENCH_RECORDING: recording });
            fs.writeFileSync(list, JSON.stringify(warm.modules));
            const replayed = JSON.parse(fs.readFileSync(recording, "utf8")) as Array<{ urn: string; aliases: string[] }>;
            const recorded = replayed.map((r) => r.urn);
            const aliases = replayed.reduce((n, r) => n + r.aliases.length, 0);
            const walls = { floor: [] as number[], replay: [] as number[], plan: [] as number[] };
            const rss = { floor: [] as number[], replay: [] as number[], plan: [] as number[] };
            for (let i = 0; i < runs; i++) {
                const f = node([floorChild, list]);
                const r = node([replayChild, list, recording, env]);
                // The replay must register exactly what the plan did, or the comparison means nothing.
                if (!sameSet(r.urns ?? [], recorded) || r.aliases !== aliases) throw new Error(`replay of ${cloud}/${env} registered different resources or aliases than the plan`);
                const p = node([planChild, env, cloud]);
                for (const [k, s] of [["floor", f], ["replay", r], ["plan", p]] as const) { walls[k].push(s.wallMs); rss[k].push(s.maxRssKb); }
            }
            const median = (xs: number[]) => stats(xs).median;
            rows.push([`${cloud}/${env}`, fmtMs(walls.floor), fmtMs(walls.replay), fmtMs(walls.plan),
                `${(median(walls.plan) / median(walls.floor)).toFixed(2)}×`, `${(median(walls.replay) / median(walls.floor)).toFixed(2)}×`,
                `${(median(walls.plan) / median(walls.replay)).toFixed(2)}×`,
                `${fmtMb(rss.floor)} / ${fmtMb(rss.replay)} / ${fmtMb(rss.plan)}`, `${warm.resources} (${recorded.length})`]);
            const pkgs = new Map<string, number>();
            for (const m of warm.modules ?? []) {
                const pkg = /node_modules[\\/](@pulumi[\\/][^\\/]+)/.exec(m)![1]!.replace("\\", "/");
                pkgs.set(pkg, (pkgs.get(pkg) ?? 0) + 1);
            }
            sdkRows.push([`${cloud}/${env}`, String(warm.modules?.length ?? 0), [...pkgs].map(([p, n]) => `${p} (${n})`).join(", ")]);
        }
    }
    console.log(table(["stack", "floor", "SDK replay", "plan", "plan/floor", "replay/floor", "plan/replay", "RSS floor / replay / plan", "resources (all registrations)"], rows));
    console.log("\nfloor: load the plan's @pulumi modules only. SDK replay: the same modules, then the plan's registrations");
    console.log("re-made through the SDK classes with no program. plan/replay is what the program itself adds.");
    console.log(`\n## Modules loaded per plan (proof each cloud loads only its own SDK)\n`);
    console.log(table(["stack", "@pulumi modules", "packages (modules)"], sdkRows));
    return rows.map((r) => [r[0]!, r[6]!]);
}

function servicesOverride(n: number): string {
    const services: Record<string, unknown> = {};
    for (let i = 0; i < n; i++) services[`svc${i}`] = { image: `ghcr.io/acme/svc${i}:1.0.0`, port: 8080, http: { pathPrefix: i === 0 ? "/" : `/svc${i}` } };
    return `platform:services=${JSON.stringify(services)}`;
}

/** Least-squares line through (x, y) points, and R² (1 = perfectly linear). */
function linearFit(points: Array<[number, number]>): { slope: number; intercept: number; r2: number } {
    const n = points.length;
    const mx = points.reduce((a, [x]) => a + x, 0) / n;
    const my = points.reduce((a, [, y]) => a + y, 0) / n;
    const sxy = points.reduce((a, [x, y]) => a + (x - mx) * (y - my), 0);
    const sxx = points.reduce((a, [x]) => a + (x - mx) ** 2, 0);
    const slope = sxy / sxx;
    const intercept = my - slope * mx;
    const ssRes = points.reduce((a, [x, y]) => a + (y - (intercept + slope * x)) ** 2, 0);
    const ssTot = points.reduce((a, [, y]) => a + (y - my) ** 2, 0);
    return { slope, intercept, r2: 1 - ssRes / ssTot };
}

function scaling(runs: number, cloud: string): void {
    console.log(`\n## Scaling: ComputeServices on ${cloud}/staging (${runs} runs each, in-process plan time)\n`);
    const rows: string[][] = [];
    const points: Array<[number, number]> = [];
    let base: number | undefined;
    let prev: { n: number; ms: number } | undefined;
    for (const n of [1, 5, 20, 50]) {
        const samples = Array.from({ length: runs }, () => node([planChild, "staging", cloud, servicesOverride(n)]));
        const ms = stats(samples.map((s) => s.ms)).median;
        base ??= ms;
        points.push([n, ms]);
        const perService = prev ? (ms - prev.ms) / (n - prev.n) : undefined;
        rows.push([String(n), String(samples[0]!.resources), `${ms.toFixed(0)} ms`, fmtMb(samples.map((s) => s.maxRssKb)),
            perService === undefined ? "—" : `${perService.toFixed(1)} ms (${((perService / base) * 100).toFixed(1)} % of 1-service plan)`]);
        prev = { n, ms };
    }
    console.log(table(["services", "resources", "plan (median)", "peak RSS", "per added service (step)"], rows));
    const fit = linearFit(points);
    console.log(`\nleast-squares fit: ${fit.intercept.toFixed(0)} ms + ${fit.slope.toFixed(1)} ms per service, R² = ${fit.r2.toFixed(4)};` +
        ` per added service = ${((fit.slope / base!) * 100).toFixed(1)} % of the 1-service plan`);
}

function startup(runs: number): void {
    const shipped = (YAML.parse(fs.readFileSync(path.join(ROOT, "Pulumi.yaml"), "utf8")) as { runtime: { options: { nodeargs: string } } }).runtime.options.nodeargs;
    console.log(`\n## Program start-up under Pulumi.yaml runtime options (${runs} runs; Pulumi.yaml ships \`nodeargs: ${shipped}\`)\n`);
    const script = path.join(ROOT, "tools", "bench", "plan-child.ts");
    const variants: Array<[string, string[], NodeJS.ProcessEnv]> = [
        ["ts-node, type-checking (Pulumi default)", ["-r", "ts-node/register", script], { TS_NODE_TRANSPILE_ONLY: "false" }],
        ["ts-node, transpile-only", ["-r", "ts-node/register/transpile-only", script], {}],
        ["sucrase's own hook (sucrase/register/ts), no cache", ["-r", "sucrase/register/ts", script], {}],
        [`shipped: ${TS_LOADER} (sucrase, warm cache)`, tsNodeArgs(script), {}],
        ["precompiled JavaScript (bin/)", [planChild], {}],
    ];
    const stacks: Array<[string, string]> = [["staging", "aws"], ["production", "azure"]];
    const rows = variants.map(([label, args, env]) => [label, ...stacks.map(([stack, cloud]) =>
        fmtMs(Array.from({ length: runs }, () => node([...args, stack, cloud], env).wallMs)))]);
    console.log(table(["runtime option", ...stacks.map(([stack, cloud]) => `${cloud}/${stack} wall time`)], rows));
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
        .option("--quick", "the gate's fast figures only: plan, check and a one-stack diff (under 30 s on an idle 2-core machine)", false)
        .option("--runs <n>", "runs per measurement", (v) => Number(v), 5)
        .option("--clouds <list>", "comma-separated clouds", CLOUDS.join(","))
        .option("--skip <parts>", "comma-separated parts to skip: gate,types,stacks,scaling,startup,tests", "")
        .parse(process.argv);
    const opts = program.opts<{ quick: boolean; runs: number; clouds: string; skip: string }>();
    const skip = new Set(opts.skip.split(",").filter(Boolean));
    const load = () => os.loadavg().map((l) => l.toFixed(1)).join(" / ");
    console.log(`# npm run bench${opts.quick ? " --quick" : ""} — ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, load average ${load()} (1/5/15 min)\n`);
    const t0 = Date.now();
    const figures = skip.has("gate") ? undefined : gate(opts.quick);
    const types = opts.quick || skip.has("types") ? undefined : declarationCost();
    let replayRows: string[][] = [];
    if (!opts.quick) {
        build();
        if (!skip.has("stacks")) replayRows = stackTable(opts.runs, opts.clouds.split(","));
        if (!skip.has("scaling")) scaling(opts.runs, opts.clouds.split(",")[0]!);
        if (!skip.has("startup")) startup(Math.max(3, Math.ceil(opts.runs / 2)));
        if (!skip.has("tests")) testSuite();
    }
    if (figures) {
        console.log(`\n## Gate summary (one run, ${((Date.now() - t0) / 1000).toFixed(0)} s; load average at the end ${load()})\n`);
        const rows = [...figures.rows];
        for (const [stack, ratio] of replayRows) rows.push([`plan ÷ SDK replay, ${stack}`, "—", ratio!, "—", "≤ 1.15×", Number(ratio!.replace("×", "")) <= 1.15 ? "met" : "NOT met"]);
        if (replayRows.length === 0) rows.push(["plan ÷ SDK replay per stack", "—", "—", "—", "≤ 1.15×", "not measured (--quick or --skip stacks)"]);
        console.log(table(["command", "wall time", "÷ one plan", "CPU time, ÷ one plan's", "target (wall)", "result"], rows));
        if (figures.floor) console.log(`\n${figures.floor}`);
    }
    if (types) {
        console.log(`\n## What the SDK declarations cost \`tsc --noEmit\` (one import each; \`npm run typecheck\` checks them all at once)\n`);
        console.log(table(["imports", "tsc wall time", "files", "memory"], types));
    }
}

main();
