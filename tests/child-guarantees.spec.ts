import * as assert from "assert";
import { CLOUDS } from "../components/config";
import { loadStackConfig } from "../tools/engine/stack-config";
import type { PlanRun } from "../tools/engine/run-plan";
import { childGuaranteeFindings } from "./support/child-guarantees";
import { ENVIRONMENTS, planFor } from "./support/harness";
import { validateConfig } from "../components/program-config";

const RUNTIMES = { managed: [], kubernetes: ["platform:compute.runtime=kubernetes"] } as const;

/**
 * Every cloud resource of every cloud's plan, both runtimes and both tiers, carries what the
 * shared child factory guarantees (providers/shared/cloud-context.ts `create`): its component
 * as parent, an explicit provider of its own package, no API-version aliases, and the standard
 * tags where its type takes tags. Checked per resource from the plan, so a child created
 * without the factory, or a new cloud, is caught without listing any type here.
 */
describe("child guarantees of the shared context, on every cloud", () => {
    for (const cloud of CLOUDS) for (const environment of ENVIRONMENTS) for (const [runtime, config] of Object.entries(RUNTIMES)) {
        it(`${cloud} ${environment} ${runtime}: every resource is parented, on an explicit provider, alias-free and tagged`, async function () {
            this.timeout(240_000);
            const run: PlanRun = await planFor(environment, cloud, [...config]);
            const stack = loadStackConfig(environment, [`platform:cloud=${cloud}`, ...config]);
            const { tags } = validateConfig(stack.config, stack.secretKeys);
            assert.strictEqual(tags.environment, environment);
            const { findings, checked, tagged } = childGuaranteeFindings(run.plan.resources, tags);
            assert.ok(checked > 50, `only ${checked} resources checked`);
            assert.ok(tagged > 0, "no taggable resource checked");
            assert.deepStrictEqual(findings, []);
        });
    }
});
