import * as assert from "assert";
import * as path from "path";
import { CORPUS } from "./corpus";
import { assertRejected } from "./assert-rejected";
import { tsNodeArgs } from "../../tools/engine/ts-loader";
import { main as planMain } from "../../tools/plan";
import { backgroundNode } from "../support/background-child";
import { runMain } from "../support/cli-in-process";

/**
 * A few corpus cases through the plan CLI: same exit code, message and masking as the corpus's
 * in-process run. The case with a secret runs in a real `npm run plan` process (what a user's
 * terminal shows); the others through plan's main in this process (tests/support/cli-in-process.ts),
 * which prints and returns what the process would.
 */
const IN_A_PROCESS = "kubeconfig under the managed runtime";
const THROUGH_CLI = ["__proto__ in the path", "misspelled platform key via --config", IN_A_PROCESS];

describe("config corpus through the plan CLI", function () {
    this.timeout(120_000);
    for (const title of THROUGH_CLI) {
        const c = CORPUS.find((x) => x.title === title);
        const args = ["--stack", c?.stack ?? "production", ...(c?.config ?? []).flatMap((o) => ["--config", o])];
        // Started now, in the background (tests/support/background-child.ts).
        const child = c && title === IN_A_PROCESS ? backgroundNode(tsNodeArgs("tools/plan.ts", ...args), { cwd: path.resolve(__dirname, "..", ".."), env: { ...process.env, NO_COLOR: "1" } }) : undefined;
        it(`${title}${child ? " (child process)" : ""}`, async () => {
            assert.ok(c && !c.file, `${title}: an override case of the corpus`);
            const r = child ? await child.result() : await runMain("plan", planMain, args);
            assert.strictEqual(r.stdout, "", "no plan printed");
            // The CLI cannot count registrations from outside; the in-process corpus run asserts none.
            await assertRejected(c, { exitCode: r.status ?? -1, stderr: r.stderr, registered: 0 });
        });
    }
});
