import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/**
 * `npm run mutate [-- <group>...]`: mutation testing with StrykerJS, one module group at a time.
 *
 * A full-suite Stryker run takes hours on this project's machines, so each group mutates the
 * modules where one piece of the product's own logic lives and runs only the specs that exercise
 * them (fast ones: no child processes, whose coverage Stryker cannot see). Globs, not file
 * lists, so files can move inside their folders. Each group keeps an incremental file under
 * reports/mutation/ (gitignored; CI caches it), so a re-run only tries the mutants whose code or
 * specs changed. Every group must kill at least THRESHOLD % of its mutants (Stryker's
 * `thresholds.break`): the exit code is 1 when a group scores below it, 2 on usage.
 *
 * Equivalent mutants (no behaviour a user can see changes) are marked in the source with
 * `// Stryker disable next-line <mutator>: <reason>`.
 *
 * StrykerJS 10 needs Node >= 22. On an older Node (this machine runs 20) the driver runs it on
 * the pinned Node 24 binary of .ci/node-runtimes (installed from its lockfile when missing).
 */

export const THRESHOLD = 90;

const SECTIONS_DIR = "components/config/sections";

/**
 * The files that declare config sections: the platform's own (components/config/sections/*.ts)
 * and each component file that brings its own settings (a `defineSection` call in
 * components/<component>.ts, its catalog entry's `settings`), so a new one joins the config and
 * tiers groups without an edit here.
 */
export function sectionFiles(root: string = path.resolve(__dirname, "..")): { platform: string[]; components: string[] } {
    const tsFiles = (dir: string) => (fs.existsSync(path.join(root, dir)) ? fs.readdirSync(path.join(root, dir)).filter((f) => f.endsWith(".ts")).sort().map((f) => `${dir}/${f}`) : []);
    return {
        platform: tsFiles(SECTIONS_DIR),
        components: tsFiles("components").filter((rel) => /\bdefineSection\(/.test(fs.readFileSync(path.join(root, rel), "utf8"))),
    };
}

/** Visits each `defineSection({ ... })` call of a file, parsed. */
function eachSection(root: string, rel: string, visit: (call: import("typescript").CallExpression, source: import("typescript").SourceFile) => void): void {
    // Loaded on use: the other groups and the CLI's usage path need no compiler.
    const ts = require("typescript") as typeof import("typescript");
    const source = ts.createSourceFile(rel, fs.readFileSync(path.join(root, rel), "utf8"), ts.ScriptTarget.Latest, true);
    const walk = (node: import("typescript").Node): void => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === "defineSection") visit(node, source);
        ts.forEachChild(node, walk);
    };
    walk(source);
}

const rangeOf = (rel: string, source: import("typescript").SourceFile, node: import("typescript").Node): string => {
    const line = (pos: number) => source.getLineAndCharacterOfPosition(pos).line + 1;
    return `${rel}:${line(node.getStart(source))}-${line(node.getEnd())}`;
};

/**
 * Stryker `mutate` ranges (`file:first-last`, lines) of each config section's `tiers:` block
 * (sectionFiles). The tier numbers live there, built at load, so the config group leaves them
 * out as static; the tiers group mutates exactly these lines, found by parsing, so a new
 * section's tiers join the group without an edit here.
 */
export function sectionTierRanges(root: string = path.resolve(__dirname, "..")): string[] {
    const ts = require("typescript") as typeof import("typescript");
    const files = sectionFiles(root);
    const ranges: string[] = [];
    for (const rel of [...files.platform, ...files.components]) {
        eachSection(root, rel, (call, source) => {
            // A tier value may name a constant of the file (`production: lifecycle`): its declaration is a tier number too.
            const constants = new Map(source.statements.filter(ts.isVariableStatement)
                .flatMap((st) => st.declarationList.declarations.map((d): [string, import("typescript").Node] => [d.name.getText(source), st])));
            const arg = call.arguments[0];
            const tiers = arg && ts.isObjectLiteralExpression(arg) ? arg.properties.find((p) => ts.isPropertyAssignment(p) && ts.isIdentifier(p.name) && p.name.text === "tiers") : undefined;
            if (!tiers || !ts.isPropertyAssignment(tiers)) return;
            const named = new Set<import("typescript").Node>();
            const collect = (n: import("typescript").Node): void => {
                const declared = ts.isIdentifier(n) ? constants.get(n.text) : undefined;
                if (declared) named.add(declared);
                ts.forEachChild(n, collect);
            };
            collect(tiers.initializer);
            ranges.push(...[...named].map((n) => rangeOf(rel, source, n)), rangeOf(rel, source, tiers));
        });
    }
    return ranges;
}

/** The ranges of the sections a component file declares (its settings): the config group mutates them, not the rest of the component. */
export function componentSectionRanges(root: string = path.resolve(__dirname, "..")): string[] {
    const ranges: string[] = [];
    for (const rel of sectionFiles(root).components) eachSection(root, rel, (call, source) => ranges.push(rangeOf(rel, source, call)));
    return ranges;
}

export interface MutationGroup {
    /** What the group covers, in the words of the README's "Mutation testing" table. */
    title: string;
    /** Globs of the modules to mutate (Stryker's `mutate`). */
    mutate: string[];
    /** The specs that exercise them (mocha's `spec`). */
    specs: string[];
    /**
     * Leave out static mutants (code that runs once, at module load): for groups whose modules
     * are mostly data tables, where each static mutant costs a fresh test process.
     */
    ignoreStatic?: boolean;
    /** Only the tests whose full title matches (mocha's `grep`): leaves out a spec file's child-process tests. */
    grep?: string;
}

export const GROUPS: Record<string, MutationGroup> = {
    config: {
        title: "config schema and resolution",
        get mutate() {
            return ["components/config/**/*.ts", "!components/config/{tiers,reserved-env}.ts", "components/program-config.ts", ...componentSectionRanges()];
        },
        // Fast, in-process table specs first: a mutant stops at its first failing test.
        specs: [
            "tests/config/messages.spec.ts", "tests/config/rules.spec.ts", "tests/config/resolve.spec.ts", "tests/config/engine-config.spec.ts", "tests/config/safe-yaml.spec.ts", "tests/config-contract.spec.ts", "tests/config-reference.spec.ts",
            "tests/config/secrets.spec.ts", "tests/config/corpus.spec.ts", "tests/config/regions.spec.ts", "tests/config.spec.ts", "tests/config/sections.spec.ts", "tests/program-config.spec.ts",
        ],
        // Child-process tests give no coverage; the 10,000-service case alone takes a minute.
        grep: "^(?!.*(child process|loads no cloud SDK|bounded time))",
        // The schema and the reference table are built at module load: about 1,000 static
        // mutants, each a fresh process running every spec (about a minute each here). The
        // table specs pin what they declare instead: message-cases.ts every rule's words,
        // config-contract.spec both sides of every bound and every section, config-reference.spec
        // the README table.
        ignoreStatic: true,
    },
    policy: {
        title: "the policy pack",
        mutate: ["policy/policies/**/*.ts"],
        specs: ["tests/policy/policies.spec.ts", "tests/policy/kubernetes.spec.ts", "tests/policy/defaults.spec.ts", "tests/policy-contract.spec.ts", "tests/policy/outcomes.spec.ts", "tests/policy/support.spec.ts", "tests/policy/preview-unknowns.spec.ts"],
        // Each policy's definition (name, description, remediation, types, CIS/Checkov ids) is a
        // literal that runs once at load: static mutants, a fresh process each. The group scores
        // the validation logic; tests/policy/policies.spec.ts (metadata, one case per policy and
        // type) and tests/policy/plans.spec.ts (type tokens against the SDKs) check the literals.
        ignoreStatic: true,
    },
    diff: {
        title: "the diff's rules and classification",
        mutate: ["tools/engine/diff/{compare,flatten,guarded,replacement,stateful}.ts", "providers/**/replacement.ts"],
        specs: ["tests/diff.spec.ts", "tests/diff-contract.spec.ts", "tests/diff-outcomes.spec.ts"],
        grep: "^(?!.*(child process|base worktree|docs/reviewing|topology))",
        // The replacement tables are over 3,000 static mutants (five hours here): the group scores
        // the rules that read them; tests/diff-replacement.spec.ts checks the tables' entries.
        ignoreStatic: true,
    },
    cli: {
        title: "the CLIs' exit handling",
        // Where the decisions live (arguments, exit code per outcome, crash mapping, stderr); the
        // entry points in tools/{check,plan,diff}.ts only wire them to planning and rendering.
        mutate: ["tools/engine/cli.ts", "tools/engine/exit/*.ts"],
        specs: ["tests/cli-decisions.spec.ts"],
    },
    bindings: {
        title: "the composition's bindings",
        // The generic binding (components/binding.ts), its list in the catalog, and each cloud's loop over the grants.
        mutate: ["providers/shared/bind-cloud.ts", "components/compute-service.ts", "components/binding.ts", "components/config/reserved-env.ts", "providers/*/workload-grants.ts"],
        specs: ["tests/bindings.spec.ts", "tests/generic-bindings.spec.ts", "tests/program-config.spec.ts", "tests/config-contract.spec.ts", "tests/service-secrets.spec.ts", "tests/database-identity.spec.ts", "tests/aws.spec.ts"],
    },
    tiers: {
        title: "per-cloud tier mappings",
        // The tier numbers: each config section's `tiers:` block, and the clouds' size tables.
        get mutate() {
            return ["components/config/tiers.ts", ...sectionTierRanges(), "providers/**/sizes.ts"];
        },
        specs: ["tests/tiers-contract.spec.ts", "tests/config.spec.ts"],
    },
};

const ROOT = path.resolve(__dirname, "..");
const REPORTS = path.join(ROOT, "reports", "mutation");
const RUNTIMES = path.join(ROOT, ".ci", "node-runtimes");

/** The Stryker config of one group: everything Stryker needs, in one object. */
export function strykerConfig(name: string, group: MutationGroup): Record<string, unknown> {
    const dir = path.join("reports", "mutation", name);
    return {
        $schema: "./node_modules/@stryker-mutator/core/schema/stryker-schema.json",
        packageManager: "npm",
        testRunner: "mocha",
        // The specs load TypeScript through sucrase's transform (.mocharc.json); it strips the
        // types of the instrumented sources in the sandbox just as it does of the real ones.
        mochaOptions: { config: ".mocharc.json", spec: group.specs, ...(group.grep ? { grep: group.grep } : {}) },
        mutate: group.mutate,
        coverageAnalysis: "perTest",
        ignoreStatic: group.ignoreStatic ?? false,
        incremental: true,
        incrementalFile: path.join(dir, "incremental.json"),
        concurrency: 2,
        // A mutant that makes a spec hang is a kill; the slowest spec here takes under a minute.
        timeoutMS: 60_000,
        thresholds: { high: 95, low: THRESHOLD, break: THRESHOLD },
        reporters: ["clear-text", "progress", "html", "json"],
        htmlReporter: { fileName: path.join(dir, "index.html") },
        jsonReporter: { fileName: path.join(dir, "mutation.json") },
        clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
        // Sandboxes copy the repository without these (the Node binaries alone are 100 MB).
        ignorePatterns: ["/reports", "/bin", "/.ci/node-runtimes/node_modules", "/.nyc_output"],
        tempDirName: ".stryker-tmp",
        cleanTempDir: true,
        // Stryker's own type checker would compile the program once per mutant: `npm run typecheck` covers types.
        checkers: [],
        disableTypeChecks: "{components,providers,policy,tools}/**/*.ts",
    };
}

/** A Node binary new enough for StrykerJS: this one, or the pinned Node 24 of .ci/node-runtimes. */
function strykerNode(): string {
    if (Number(process.versions.node.split(".")[0]) >= 22) return process.execPath;
    const node24 = path.join(RUNTIMES, "node_modules", "node24", "bin", "node");
    if (!fs.existsSync(node24)) {
        const r = spawnSync("npm", ["ci", "--prefix", RUNTIMES, "--no-audit", "--no-fund", "--loglevel=error", "--ignore-scripts"], { stdio: "inherit" });
        if (r.status !== 0) throw new Error(`could not install the Node 24 runtime into ${RUNTIMES}`);
    }
    return node24;
}

interface Score {
    file: string;
    killed: number;
    survived: number;
    score: number;
}

/** Per-module scores from Stryker's JSON report: killed (and timed out) over all valid mutants. */
export function scoresOf(report: { files: Record<string, { mutants: Array<{ status: string }> }> }): Score[] {
    return Object.entries(report.files).map(([file, { mutants }]) => {
        const count = (...s: string[]) => mutants.filter((m) => s.includes(m.status)).length;
        const killed = count("Killed", "Timeout");
        const survived = count("Survived", "NoCoverage");
        const valid = killed + survived;
        return { file, killed, survived, score: valid === 0 ? 100 : (100 * killed) / valid };
    });
}

function runGroup(name: string, node: string): { ok: boolean; scores: Score[]; seconds: number } {
    const group = GROUPS[name]!;
    fs.mkdirSync(path.join(REPORTS, name), { recursive: true });
    const configFile = path.join(REPORTS, name, "stryker.config.json");
    fs.writeFileSync(configFile, JSON.stringify(strykerConfig(name, group), null, 2) + "\n");
    process.stdout.write(`\n== mutate ${name}: ${group.title} ==\n`);
    const started = Date.now();
    const stryker = path.join(ROOT, "node_modules", "@stryker-mutator", "core", "bin", "stryker.js");
    const shim = path.join(ROOT, "tools", "mutate-mocha12.cjs");
    // No transform cache in Stryker's sandboxes: each run's instrumented copies live under a new
    // path, so their entries would never be read again (tools/engine/ts-register.js).
    const env = { ...process.env, PLATFORM_TS_CACHE: "off", NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${shim}`.trim() };
    const r = spawnSync(node, [stryker, "run", path.relative(ROOT, configFile)], { cwd: ROOT, stdio: "inherit", env });
    const seconds = Math.round((Date.now() - started) / 1000);
    const reportFile = path.join(REPORTS, name, "mutation.json");
    const scores = fs.existsSync(reportFile) ? scoresOf(JSON.parse(fs.readFileSync(reportFile, "utf8"))) : [];
    return { ok: r.status === 0, scores, seconds };
}

function main(argv: string[]): number {
    const unknown = argv.filter((a) => !(a in GROUPS));
    if (unknown.length > 0) {
        process.stderr.write(`mutate: unknown group ${unknown.map((a) => `'${a}'`).join(", ")}; groups: ${Object.keys(GROUPS).join(", ")}\n`);
        return 2;
    }
    const names = argv.length > 0 ? argv : Object.keys(GROUPS);
    const node = strykerNode();
    const lines: string[] = [];
    let failed = false;
    for (const name of names) {
        const { ok, scores, seconds } = runGroup(name, node);
        failed ||= !ok;
        lines.push(`${name} (${GROUPS[name]!.title}, ${seconds} s)${ok ? "" : ": below the threshold or failed"}`);
        for (const s of scores) lines.push(`  ${s.score.toFixed(1).padStart(5)} %  ${s.file} (${s.killed} killed, ${s.survived} survived)`);
    }
    process.stdout.write(`\nmutation score per module (break below ${THRESHOLD} %; survivors: reports/mutation/<group>/index.html)\n${lines.join("\n")}\n`);
    return failed ? 1 : 0;
}

if (require.main === module) process.exit(main(process.argv.slice(2)));
