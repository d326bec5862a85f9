import * as assert from "assert";
import * as fc from "fast-check";
import { deployFindings } from "./support/deploy-checks";
import { generatedConfig } from "./support/config-arbitrary";
import { planUncached } from "./support/plan-cache";

/*
 * Property: every valid config at the schema's edges plans with zero schema and rule findings.
 * The suite runs a few (SWEEP_RUNS, default 3) to stay within seconds; `npm run sweep` runs the
 * long sweep. A failure prints the shrunk config as `--config` overrides to reproduce with
 * `npm run plan`.
 */
const RUNS = Number(process.env.SWEEP_RUNS ?? 3);
const SEED = process.env.SWEEP_SEED === undefined ? undefined : Number(process.env.SWEEP_SEED);

describe(`generated configs: ${RUNS} valid configs at the schema's edges plan with zero findings`, function () {
    this.timeout(Math.max(180_000, RUNS * 20_000));
    it("zero schema and rule findings", async () => {
        await fc.assert(
            fc.asyncProperty(generatedConfig(), async (g) => {
                const run = await planUncached({ stack: g.stack, cloud: g.cloud, config: g.config });
                const findings = deployFindings(run);
                assert.deepStrictEqual(findings, [], `npm run plan -- --stack ${g.stack} --cloud ${g.cloud} ${g.config.map((c) => `--config '${c}'`).join(" ")}`);
            }),
            { numRuns: RUNS, seed: SEED, endOnFailure: true },
        );
    });
});
