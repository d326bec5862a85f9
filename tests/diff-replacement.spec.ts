import * as assert from "assert";
import { CLOUDS } from "../components/config";
import { comparePlans, StackDiff, summaryLine } from "../tools/engine/diff/compare";
import { pathSegments } from "../tools/engine/diff/flatten";
import { declaredInputs } from "../tools/engine/schema-check";
import { replacementTables } from "../tools/engine/diff/replacement";
import type { PlanResource } from "../tools/engine/plan";
import { replacementGaps } from "./support/deploy-checks";
import { ENVIRONMENTS, planFor } from "./support/harness";
import { MIGRATE_JOB } from "./support/job-config";

/**
 * The replacement entries (each cloud's engine facts) against the program itself: every
 * type the twelve plan variants and the jobs spec's six create has an entry, every input the program sets is
 * classified, and an appName rename — which renames every physical resource — is counted as
 * replacements, never as updates.
 */

const RUNTIMES: Record<string, string[]> = { managed: [], kubernetes: ["platform:compute.runtime=kubernetes"] };

describe("replacement tables: coverage of the twelve plan variants", function () {
    this.timeout(300_000);
    const custom: PlanResource[] = [];
    before(async () => {
        for (const cloud of CLOUDS) for (const config of Object.values(RUNTIMES)) {
            for (const env of ENVIRONMENTS) custom.push(...(await planFor(env, cloud, config)).plan.resources.filter((r) => r.custom));
            // The committed stacks define no job: the jobs spec's plans (the same, so planned once) bring the Job's types.
            custom.push(...(await planFor("production", cloud, [MIGRATE_JOB, ...config])).plan.resources.filter((r) => r.custom));
        }
    });

    it("has an entry for every resource type the program creates", () => {
        const types = [...new Set(custom.map((r) => r.type))].sort();
        assert.ok(types.length > 100, `only ${types.length} types: did the plans run?`);
        assert.deepStrictEqual(replacementGaps(custom).filter((g) => g.endsWith(": no entry")), []);
    });

    it("classifies every input path the program sets: replace, update in place, or explicitly undecided", () => {
        assert.deepStrictEqual(replacementGaps(custom).filter((g) => g.endsWith(": unclassified")), []);
    });

    it("every path an entry lists starts with an input the installed SDK declares for its type (a Terraform name, or an output, classifies nothing)", () => {
        // Tokens kept so a diff against older state still counts them, whose class the installed SDK no longer has.
        const LEGACY: Record<string, string> = { "azure-native:cache:Redis": "azure-native 2.x's token of Microsoft.Cache/redis (3.x: redis:Redis)" };
        const wrong: string[] = [];
        for (const table of Object.values(replacementTables())) {
            for (const [type, rule] of Object.entries(table)) {
                if (type in LEGACY) { assert.throws(() => declaredInputs(type), /no SDK class registers/, `${type} is in the SDK again: drop it from LEGACY`); continue; }
                const inputs = declaredInputs(type);
                if (!inputs) continue; // a Kubernetes custom resource: no typed class
                for (const path of [...rule.replace, ...rule.update, ...(rule.undecided ?? [])]) if (!inputs.includes(pathSegments(path)[0]!)) wrong.push(`${type} ${path}`);
            }
        }
        assert.deepStrictEqual(wrong, []);
    });

    it("each cloud says it in its own folder, every entry naming its source", () => {
        const prefix: Record<string, RegExp> = { aws: /^(aws:|pulumi:providers:aws$)/, gcp: /^(gcp:|pulumi:providers:gcp$)/, azure: /^(azure-native:|pulumi:providers:azure-native$)/, kubernetes: /^(kubernetes:|pulumi:providers:kubernetes$)/, shared: /^(random:|pulumi:providers:random$)/ };
        for (const [folder, table] of Object.entries(replacementTables())) {
            for (const [type, rule] of Object.entries(table)) {
                assert.match(type, prefix[folder], `${type} is in providers/${folder}/replacement.ts`);
                assert.ok(rule.source.length > 10, `${type}: no source`);
                const lists = [...rule.replace, ...rule.update, ...(rule.undecided ?? [])];
                assert.strictEqual(new Set(lists).size, lists.length, `${type}: a path listed twice`);
            }
        }
    });
});

/**
 * Physical names: the inputs that name the cloud resource (its name, bucket, identifier, a
 * `…Name` path parameter, a Kubernetes `metadata.name`). Display labels name nothing.
 */
const DISPLAY_ONLY = new Set(["displayName", "groupShortName"]);
function physicalNames(r: PlanResource): Map<string, unknown> {
    const names = new Map<string, unknown>();
    for (const [key, value] of Object.entries(r.inputs)) {
        if (typeof value !== "string" || DISPLAY_ONLY.has(key)) continue;
        if (/^(name|bucket|identifier|family|accountId|secretId|bucketId|replicationGroupId)$/.test(key) || /[a-z]Name$/.test(key)) names.set(key, value);
    }
    const metadata = r.inputs.metadata as { name?: unknown } | undefined;
    if (typeof metadata?.name === "string") names.set("metadata.name", metadata.name);
    return names;
}

describe("replacement tables: an appName rename is counted as what it is", function () {
    this.timeout(300_000);
    for (const cloud of CLOUDS) {
        describe(cloud, () => {
            for (const env of ENVIRONMENTS) {
                it(`${env}: every resource whose physical name changes is replace or may-replace, and the headline says so`, async () => {
                    const base = (await planFor(env, cloud)).plan;
                    const head = (await planFor(env, cloud, ["platform:appName=acme2"])).plan;
                    const diff: StackDiff = comparePlans(base, head);
                    const headByUrn = new Map(head.resources.map((r) => [r.urn, r]));
                    const renamed = base.resources.filter((b) => {
                        const h = headByUrn.get(b.urn);
                        if (!b.custom || !h) return false;
                        const after = physicalNames(h);
                        return [...physicalNames(b)].some(([k, v]) => after.get(k) !== v);
                    });
                    assert.ok(renamed.length >= 20, `${cloud}/${env}: only ${renamed.length} renamed resources found`);
                    const kindOf = new Map(diff.changes.map((c) => [c.urn, c.kind]));
                    const understated = renamed.filter((r) => !["replace", "may-replace"].includes(kindOf.get(r.urn) ?? "none")).map((r) => `${r.type} ${r.name}: ${kindOf.get(r.urn)}`);
                    assert.deepStrictEqual(understated, []);
                    assert.ok(diff.counts.replace + diff.counts.mayReplace >= renamed.length, summaryLine(diff));
                    // What remains an update changes nothing the provider replaces on.
                    for (const c of diff.changes.filter((x) => x.custom && x.kind === "update")) {
                        assert.ok(c.properties.every((p) => p.forcesReplace === false), `${c.name}: ${JSON.stringify(c.properties)}`);
                    }
                });
            }
        });
    }

    it("tags alone stay an in-place update (the tables do not call everything a replacement)", async () => {
        const diff = comparePlans((await planFor("production", "aws")).plan, (await planFor("production", "aws", ["platform:appName=acme2"])).plan);
        const subnet = diff.changes.find((c) => c.type === "aws:ec2/subnet:Subnet");
        assert.strictEqual(subnet?.kind, "update");
        assert.deepStrictEqual(subnet?.properties.map((p) => p.path), ["tags.Name", "tags.app"]);
        assert.ok(diff.counts.update > 0);
    });
});
