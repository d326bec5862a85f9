import * as assert from "assert";
import fc from "fast-check";
import { withoutBackgroundChildren } from "../support/background-child";
import { assertClean, mutation, planMutation } from "./fuzz";

/** Bounded in the suite (a few seconds); `npm run fuzz` runs thousands (tests/config/fuzz-run.ts). */
describe("config fuzz: mutated committed stack files end 0, 1 or 2, never a trace", function () {
    this.timeout(120_000);
    it("holds for random mutations within the time bound", async () => {
        let runs = 0;
        const codes: Record<number, number> = {};
        // Time-bounded: it gets the cores to itself, so a background child (tests/support/background-child.ts) does not cut its runs.
        await withoutBackgroundChildren(() => fc.assert(
            fc.asyncProperty(mutation, async (m) => {
                const o = await planMutation(m);
                runs++;
                codes[o.exitCode] = (codes[o.exitCode] ?? 0) + 1;
                assertClean(o, m);
            }),
            { numRuns: 300, interruptAfterTimeLimit: 8_000, markInterruptAsFailure: false, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31) },
        ));
        assert.ok(runs >= 5, `at least 5 mutations ran (${runs}: ${JSON.stringify(codes)})`);
    });
});
