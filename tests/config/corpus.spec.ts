import * as assert from "assert";
import { assertRejected } from "./assert-rejected";
import { CORPUS, stackFileOf } from "./corpus";
import { runConfigCase, writeStack } from "../support/config-case";
import { REPO_ROOT } from "../../tools/engine/stack-config";

describe("config corpus: every malformed stack file and override set exits 2 naming key, value and what is allowed", function () {
    this.timeout(60_000);
    it(`holds at least 120 distinct cases (${CORPUS.length})`, () => {
        assert.ok(CORPUS.length >= 120);
        assert.strictEqual(new Set(CORPUS.map((c) => c.title)).size, CORPUS.length);
    });
    for (const c of CORPUS) {
        it(c.title, async () => {
            const text = stackFileOf(c);
            const stack = text === undefined ? c.stack ?? "production" : writeStack(text);
            const outcome = await runConfigCase(stack, c.config ?? [], text === undefined ? REPO_ROOT : undefined);
            await assertRejected(c, outcome, `Pulumi.${stack}.yaml`);
        });
    }
});

/** The override cases again on the other clouds: every class is rejected the same way whichever cloud is selected. */
describe("config corpus on every cloud", function () {
    this.timeout(60_000);
    const cloudNeutral = CORPUS.filter((c) => !c.file && !c.usage && !c.config?.some((o) => /^(platform:cloud|aws:|gcp:|azure-native:)/.test(o)) && !/\b(AWS|GCP|Azure|ALB)\b/.test(c.title));
    for (const cloud of ["gcp", "azure"]) {
        it(`${cloud}: ${cloudNeutral.length} cases`, async () => {
            for (const c of cloudNeutral) {
                const outcome = await runConfigCase(c.stack ?? "production", [`platform:cloud=${cloud}`, ...(c.config ?? [])], REPO_ROOT);
                await assertRejected(c, outcome);
            }
        });
    }
});

