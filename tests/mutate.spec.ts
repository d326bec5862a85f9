import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import * as os from "os";
import { componentSectionRanges, GROUPS, scoresOf, sectionTierRanges, strykerConfig, THRESHOLD } from "../tools/mutate";

/** `npm run mutate`'s groups and the Stryker config it hands each one (README "Mutation testing"). */

const ROOT = path.resolve(__dirname, "..");

describe("npm run mutate: groups and Stryker config", () => {
    it("covers the six module groups of the README, each with specs that exist", () => {
        assert.deepStrictEqual(Object.keys(GROUPS).sort(), ["bindings", "cli", "config", "diff", "policy", "tiers"]);
        for (const [name, g] of Object.entries(GROUPS)) {
            assert.ok(g.mutate.length > 0, name);
            for (const spec of g.specs) assert.ok(fs.existsSync(path.join(ROOT, spec)), `${name}: ${spec} does not exist`);
        }
    });

    it("breaks below 90 %, with per-test coverage, incremental re-runs and two workers", () => {
        assert.strictEqual(THRESHOLD, 90);
        for (const [name, g] of Object.entries(GROUPS)) {
            const c = strykerConfig(name, g) as Record<string, any>;
            assert.deepStrictEqual(c.thresholds.break, 90);
            assert.deepStrictEqual([c.testRunner, c.coverageAnalysis, c.incremental, c.concurrency], ["mocha", "perTest", true, 2]);
            assert.deepStrictEqual(c.mochaOptions.spec, g.specs);
            assert.match(c.incrementalFile, new RegExp(`^reports/mutation/${name}/`));
            assert.match(c.htmlReporter.fileName, new RegExp(`^reports/mutation/${name}/`));
        }
    });

    it("the tiers group mutates every config section's tiers block, found by parsing, and the constants it names", () => {
        const dir = path.join(ROOT, "components/config/sections");
        const withTiers = fs.readdirSync(dir).filter((f) => /defineSection\(/.test(fs.readFileSync(path.join(dir, f), "utf8")) && /^\s+tiers:/m.test(fs.readFileSync(path.join(dir, f), "utf8")));
        assert.ok(withTiers.length >= 8, `only ${withTiers.length} sections with tiers`);
        const mutate = GROUPS.tiers.mutate;
        for (const f of withTiers) {
            const lines = fs.readFileSync(path.join(dir, f), "utf8").split("\n");
            const tiersLine = lines.findIndex((l) => /^\s+tiers:/.test(l)) + 1;
            const covered = mutate.map((m) => m.match(new RegExp(`^components/config/sections/${f.replace(".", "\\.")}:(\\d+)-(\\d+)$`))).filter((m): m is RegExpMatchArray => m !== null)
                .some((m) => Number(m[1]) <= tiersLine && tiersLine <= Number(m[2]));
            assert.ok(covered, `${f}: line ${tiersLine} (tiers:) is in no range of ${JSON.stringify(mutate)}`);
        }
        // A section of its own: its block, and the constant its tiers name, without an edit to the group.
        const root = fs.mkdtempSync(path.join(os.tmpdir(), "tier-ranges-"));
        fs.mkdirSync(path.join(root, "components/config/sections"), { recursive: true });
        fs.writeFileSync(path.join(root, "components/config/sections/queue.ts"), [
            "const retention = { days: 4 };",
            "const unrelated = 1;",
            "export const queueSection = defineSection({",
            "    key: \"queue\",",
            "    tiers: perTier({",
            "        production: retention,",
            "        staging: { days: 1 },",
            "    }),",
            "    resolve: ({ tier }) => tier,",
            "});",
        ].join("\n"));
        assert.deepStrictEqual(sectionTierRanges(root), ["components/config/sections/queue.ts:1-1", "components/config/sections/queue.ts:5-8"]);
        // A component that brings its own settings (components/<component>.ts): its section's tiers join the tiers group and
        // the whole section the config group; the rest of the component file, and a component without settings, join neither.
        fs.writeFileSync(path.join(root, "components/notifier.ts"), [
            "export const notifierBinding = defineBinding({ env: \"NOTIFIER_URL\" });",
            "export const notifierSection = defineSection({",
            "    key: \"notifier\",",
            "    tiers: perTier({ production: { rate: 100 }, staging: { rate: 10 } }),",
            "    resolve: ({ tier }) => tier,",
            "});",
            "export const notifierComponent = defineComponent({ key: \"notifier\", settings: notifierSection });",
        ].join("\n"));
        fs.writeFileSync(path.join(root, "components/plain.ts"), "export const plainComponent = defineComponent({ key: \"plain\" });\n");
        assert.deepStrictEqual(sectionTierRanges(root), ["components/config/sections/queue.ts:1-1", "components/config/sections/queue.ts:5-8", "components/notifier.ts:4-4"]);
        assert.deepStrictEqual(componentSectionRanges(root), ["components/notifier.ts:2-6"]);
        assert.deepStrictEqual(componentSectionRanges(), [], "no component of the catalog brings its own settings yet");
        assert.ok(GROUPS.config!.mutate.includes("components/program-config.ts"));
    });

    it("the reports stay out of git", () => {
        const ignored = fs.readFileSync(path.join(ROOT, ".gitignore"), "utf8").split("\n");
        assert.ok(ignored.includes("reports/") && ignored.includes(".stryker-tmp/"));
    });

    it("scores a module as killed (and timed out) over killed plus survivors, no coverage counting as survived", () => {
        const m = (status: string) => ({ status });
        const scores = scoresOf({ files: { "a.ts": { mutants: [m("Killed"), m("Timeout"), m("Survived"), m("NoCoverage"), m("Ignored"), m("CompileError")] }, "b.ts": { mutants: [] } } });
        assert.deepStrictEqual(scores, [{ file: "a.ts", killed: 2, survived: 2, score: 50 }, { file: "b.ts", killed: 0, survived: 0, score: 100 }]);
    });

    it("the scheduled workflow runs it and keeps the report", () => {
        const wf = YAML.parse(fs.readFileSync(path.join(ROOT, ".github", "workflows", "mutation.yml"), "utf8"));
        assert.ok(wf.on.schedule?.length > 0);
        const steps = wf.jobs.mutate.steps as Array<{ run?: string; uses?: string; with?: Record<string, string> }>;
        assert.ok(steps.some((s) => s.run === "npm run mutate"));
        assert.ok(steps.some((s) => s.uses?.startsWith("actions/upload-artifact@") && s.with?.path === "reports/mutation/"));
    });
});
