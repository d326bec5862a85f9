import * as assert from "assert";
import { read, resourcePolicy } from "../../policy/policies/support";
import { runPolicy, runResourcePolicy, UNKNOWN, withPath } from "../support/policy-harness";
import { CASES } from "./cases";
import { KUBERNETES_CASES } from "./kubernetes-cases";

/*
 * In a preview, any input can still be unknown (a name, an ARN, a scope computed from another
 * resource). A compliant stack must then get at most the analyzer's advisory "can't run policy
 * during preview", never a mandatory violation that would fail a pull request's preview: the
 * unknown value may be the very link (the bucket a policy names, the server a lock scopes) the
 * policy looks for. Every compliant case of the pack, every resource in it, every value in its
 * inputs, one at a time.
 */

const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

/** Every path to a value in `props` (objects and arrays included, secret envelopes as one value). */
function valuePaths(value: unknown, prefix = ""): string[] {
    if (value === null || typeof value !== "object") return prefix ? [prefix] : [];
    const here = prefix ? [prefix] : [];
    if (SECRET_SIGNATURE in value) return here;
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value).filter(([k]) => !k.includes("."));
    return [...here, ...entries.flatMap(([k, v]) => valuePaths(v, prefix ? `${prefix}.${k}` : k))];
}

/** The pack's case tables as (policy, subject type, compliant resources). */
const COMPLIANT = [
    ...CASES.map((c) => ({ policy: c.policy, type: c.type, fixtures: c.fixtures })),
    ...KUBERNETES_CASES.map((c) => ({ policy: c.policy, type: c.fixture().type, fixtures: [c.fixture()] })),
];

describe("policy pack: a value unknown at preview never fails a compliant stack", () => {
    for (const [n, c] of COMPLIANT.entries()) {
        it(`${c.policy.name} on ${c.type} (case ${n}): each input of each resource unknown in turn`, async () => {
            const wrong: string[] = [];
            for (const [i, fixture] of c.fixtures.entries()) {
                for (const path of valuePaths(fixture.props)) {
                    const fixtures = structuredClone(c.fixtures);
                    fixtures[i] = { ...fixture, props: withPath(fixture.props, path, UNKNOWN) };
                    const e = await runPolicy(c.policy, fixtures);
                    for (const v of e.violations) {
                        if (v.level === "mandatory") wrong.push(`${fixture.type} ${path}: mandatory ${v.message.split("\n")[0]}`);
                        else if (!/can't run policy .* during preview/.test(v.message)) wrong.push(`${fixture.type} ${path}: advisory that is not the preview notice: ${v.message.split("\n")[0]}`);
                    }
                }
            }
            assert.deepStrictEqual(wrong, []);
        });
    }
});

describe("policy pack: a policy's own failure is never the preview advisory", () => {
    it("a policy that throws after a held finding and an unknown read fails the evaluation with its error", async () => {
        const buggy = resourcePolicy({
            name: "probe-throws-after-unknown", description: "probe", area: "encryption-at-rest", severity: "high", remediation: "none", types: ["aws:s3/bucket:Bucket"],
            validate: (ctx) => {
                ctx.report({ problem: "held", found: "x", fix: "y" });
                read(ctx.props, "bucket"); // unknown at preview
                throw new TypeError("the policy's own bug");
            },
        });
        await assert.rejects(runResourcePolicy(buggy, { type: "aws:s3/bucket:Bucket", name: "b", props: { bucket: UNKNOWN } }), /the policy's own bug/);
    });
});
