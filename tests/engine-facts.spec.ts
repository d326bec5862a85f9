import * as assert from "assert";
import { CLOUD_BUILT } from "../components/catalog";
import { CLOUDS } from "../components/config";
import { builderEngineFacts } from "../providers/shared/builder-engine-facts";
import { mergeEngineFacts } from "../providers/shared/cloud-engine";
import type { Rule } from "../providers/shared/rules";
import { cloudEngine } from "../tools/engine/cloud-engines";
import type { PlanResource } from "../tools/engine/plan";
import { ENVIRONMENTS, planFor } from "./support/harness";
import { MIGRATE_JOB } from "./support/job-config";

/**
 * Where a cloud states what the offline engine knows about a type (its replacement entry, its
 * rules, whether it is stateful or a guard): in the builder file of the one component that
 * creates it (`engineFacts`); a type several components (or none) create may sit in the cloud's
 * shared tables or in any of its builder files (mergeEngineFacts still allows one statement). Adding a component with types of its own then touches its builder file, not the
 * cloud's shared tables. The owners are read from the twelve plan variants and the jobs spec's
 * six: each resource's nearest `platform:components:<Kind>` ancestor.
 */

const RUNTIMES = [[], ["platform:compute.runtime=kubernetes"]];
const COMPONENT = "platform:components:";
/** The cloud's shared tables, as a home: its engine spec's own parts (replacement.ts, rules/, engine.ts). */
const SHARED = (cloud: string) => `the shared tables of providers/${cloud}/ (replacement.ts, rules/, engine.ts)`;
const builderFile = (cloud: string, file: string) => `providers/${cloud}/${file}.ts`;

/** Where a type's facts belong: the builder file of its one cloud-built owner, else the cloud's shared tables. */
function homeOf(cloud: string, owners: ReadonlySet<string> | undefined): string {
    const only = owners?.size === 1 ? [...owners][0] : undefined;
    const entry = CLOUD_BUILT.find((d) => d.kind === only);
    return entry ? builderFile(cloud, entry.file) : SHARED(cloud);
}

function ownersByType(resources: readonly PlanResource[], into: Map<string, Set<string>>): void {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    for (const r of resources) {
        if (!r.custom) continue;
        let kind = "(no component)";
        for (let p = r.parent ? byUrn.get(r.parent) : undefined; p; p = p.parent ? byUrn.get(p.parent) : undefined) {
            if (p.type.startsWith(COMPONENT)) { kind = p.type.slice(COMPONENT.length); break; }
        }
        let owners = into.get(r.type);
        if (!owners) into.set(r.type, owners = new Set());
        owners.add(kind);
    }
}

describe("engine facts: each type's, in the file of the component that creates it", function () {
    this.timeout(300_000);
    const owners = new Map<string, Set<string>>();
    before(async () => {
        for (const cloud of CLOUDS) {
            for (const env of ENVIRONMENTS) for (const config of RUNTIMES) ownersByType((await planFor(env, cloud, config)).plan.resources, owners);
            // The committed stacks define no job: the jobs spec's plans (the same, so planned once) bring the Job's types.
            for (const config of RUNTIMES) ownersByType((await planFor("production", cloud, [MIGRATE_JOB, ...config])).plan.resources, owners);
        }
    });

    for (const cloud of CLOUDS) {
        it(`${cloud}: a type one component creates is stated in its builder file, any other in engine.ts`, () => {
            assert.ok(owners.size > 100, `only ${owners.size} types: did the plans run?`);
            const engine = cloudEngine(cloud);
            const misplaced: string[] = [];
            const check = (what: string, types: readonly string[], statedIn: string | undefined) => {
                const homes = new Set(types.map((t) => homeOf(cloud, owners.get(t))));
                const home = homes.size === 1 ? [...homes][0]! : SHARED(cloud);
                // A type several components create may sit in the shared tables or in any builder file (next to the
                // grant hook that creates it under a workload, or where it was first created): adding a component
                // that also creates it then moves nothing. A type one component creates sits in that one's file.
                const placed = home === SHARED(cloud) ? statedIn !== undefined : statedIn === home;
                if (!placed) misplaced.push(`${what}: stated in ${statedIn}, belongs in ${home} (created by ${[...new Set(types.flatMap((t) => [...owners.get(t) ?? ["no plan"]]))].join(", ")})`);
            };
            for (const key of ["replacement", "statefulTypes", "guardTypes"] as const) {
                for (const type of Object.keys(engine[key])) check(`${key} ${type}`, [type], engine.statedIn[`${key} ${type}`]);
            }
            for (const rule of engine.rules) check(`rule ${rule.id}`, rule.types, engine.statedIn[`rule ${rule.id}`]);
            assert.deepStrictEqual(misplaced, []);
        });
    }
});

describe("engine facts: merging what the files state", () => {
    const rule = (id: string, types: string[]): Rule => ({ id, family: "names", types, doc: "https://example.com", check: () => [] });
    const entry = { source: "a provider source file", replace: ["name"], update: [] };

    it("merges the files' tables and rules, and says which file stated each", () => {
        const merged = mergeEngineFacts("test", [
            { file: "providers/test/engine.ts", facts: { replacement: { "test:a:A": entry }, rules: [rule("test/a", ["test:a:A"])], statefulTypes: { "test:a:A": "an A" } } },
            { file: "providers/test/queue.ts", facts: { replacement: { "test:q:Q": entry }, rules: [rule("test/q", ["test:q:Q"])], guardTypes: { "test:q:Lock": "a lock" } } },
        ]);
        assert.deepStrictEqual(Object.keys(merged.replacement), ["test:a:A", "test:q:Q"]);
        assert.deepStrictEqual(merged.rules.map((r) => r.id), ["test/a", "test/q"]);
        assert.deepStrictEqual(merged.statefulTypes, { "test:a:A": "an A" });
        assert.deepStrictEqual(merged.guardTypes, { "test:q:Lock": "a lock" });
        assert.strictEqual(merged.statedIn["replacement test:q:Q"], "providers/test/queue.ts");
        assert.strictEqual(merged.statedIn["rule test/a"], "providers/test/engine.ts");
    });

    it("fails on a type or a rule two files state, naming both", () => {
        const a = { file: "providers/test/engine.ts", facts: { replacement: { "test:a:A": entry }, rules: [rule("test/a", ["test:a:A"])] } };
        assert.throws(() => mergeEngineFacts("test", [a, { file: "providers/test/queue.ts", facts: { replacement: { "test:a:A": entry } } }]),
            /replacement of test:a:A is stated in providers\/test\/engine\.ts and in providers\/test\/queue\.ts/);
        assert.throws(() => mergeEngineFacts("test", [a, { file: "providers/test/queue.ts", facts: { rules: [rule("test/a", ["test:q:Q"])] } }]),
            /rule test\/a is stated in providers\/test\/engine\.ts and in providers\/test\/queue\.ts/);
        assert.throws(() => mergeEngineFacts("test", [{ file: "x.ts", facts: { statefulTypes: { "test:a:A": "1" } } }, { file: "y.ts", facts: { statefulTypes: { "test:a:A": "2" } } }]), /statefulTypes of test:a:A/);
    });

    it("reads each cloud-built entry's builder file, in catalog order, and skips a file that states none", () => {
        const loaded: string[] = [];
        const facts = builderEngineFacts("test", (file) => {
            loaded.push(file);
            return file === `./${CLOUD_BUILT[1]!.file}` ? { builder: () => undefined, engineFacts: { replacement: { "test:q:Q": entry } } } : { builder: () => undefined };
        });
        assert.deepStrictEqual(loaded, CLOUD_BUILT.map((d) => `./${d.file}`));
        assert.deepStrictEqual(facts.map((f) => f.file), [`providers/test/${CLOUD_BUILT[1]!.file}.ts`]);
    });
});
