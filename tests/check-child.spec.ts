import * as assert from "assert";
import { checkProcesses, splitClouds, startCheckChild } from "../tools/engine/check-child";
import { unreportedPairs } from "../tools/engine/check-pairs";
import { UsageError } from "../tools/engine/stack-config";

/*
 * `npm run check` on two cores (tools/engine/check-child.ts): the first cloud in check's own
 * process, the others in one child that is check itself. The committed check in
 * tests/policy/check.spec.ts runs the bin end to end, so the split's six pairs are asserted there.
 */

describe("check on two cores: the first cloud here, the others in one child", () => {
    it("splits aws | gcp + azure on two processes, keeps everything here on one or for one cloud", () => {
        assert.deepStrictEqual(splitClouds(["aws", "gcp", "azure"], 2), { here: ["aws"], child: ["gcp", "azure"] });
        assert.deepStrictEqual(splitClouds(["gcp", "azure"], 2), { here: ["gcp"], child: ["azure"] });
        assert.deepStrictEqual(splitClouds(["aws", "gcp", "azure"], 1), { here: ["aws", "gcp", "azure"], child: [] });
        assert.deepStrictEqual(splitClouds(["azure"], 2), { here: ["azure"], child: [] });
    });

    it("PLATFORM_CHECK_PROCESSES picks 1 or 2; unset, the machine's cores decide; anything else is a usage error naming it", () => {
        assert.strictEqual(checkProcesses({ PLATFORM_CHECK_PROCESSES: "1" }, 8), 1);
        assert.strictEqual(checkProcesses({ PLATFORM_CHECK_PROCESSES: "2" }, 1), 2);
        assert.strictEqual(checkProcesses({}, 2), 2);
        assert.strictEqual(checkProcesses({ PLATFORM_CHECK_PROCESSES: "" }, 1), 1);
        assert.throws(() => checkProcesses({ PLATFORM_CHECK_PROCESSES: "3" }, 2), (e: unknown) => e instanceof UsageError && /PLATFORM_CHECK_PROCESSES="3": allowed: 1 or 2/.test(e.message));
    });

    it("a child that stops without a report fails each of its clouds' pairs, naming why (its stderr)", async function () {
        this.timeout(60_000);
        // A malformed --config stops check before it plans (exit 2, no JSON report).
        const answer = await startCheckChild(["gcp", "azure"], ["no-equals-sign"], undefined).pairs();
        assert.ok(!Array.isArray(answer), "no report");
        assert.match(answer.failure, /^the check of gcp, azure in a second process exited 2 without a report:\n.*no-equals-sign/s);
        const pairs = unreportedPairs(["gcp", "azure"], answer.failure);
        assert.deepStrictEqual(pairs.map((p) => [p.cloud, p.stack, p.status]), [["gcp", "production", "error"], ["gcp", "staging", "error"], ["azure", "production", "error"], ["azure", "staging", "error"]]);
    });
});
