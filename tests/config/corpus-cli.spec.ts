import * as assert from "assert";
import * as path from "path";
import { CORPUS } from "./corpus";
import { assertRejected } from "./assert-rejected";
import { tsNodeArgs } from "../../tools/engine/ts-loader";
import { backgroundNode } from "../support/background-child";

/** A few corpus cases through the real `npm run plan` process: same exit code, message and masking as in process. */
const THROUGH_CLI = ["__proto__ in the path", "misspelled platform key via --config", "kubeconfig under the managed runtime"];

describe("config corpus through the plan CLI (child process)", function () {
    this.timeout(120_000);
    for (const title of THROUGH_CLI) {
        const c = CORPUS.find((x) => x.title === title);
        // Started now, in the background (tests/support/background-child.ts).
        const plan = c && backgroundNode(tsNodeArgs("tools/plan.ts", "--stack", c.stack ?? "production", ...(c.config ?? []).flatMap((o) => ["--config", o])), { cwd: path.resolve(__dirname, "..", ".."), env: { ...process.env, NO_COLOR: "1" } });
        it(title, async () => {
            assert.ok(c && !c.file, `${title}: an override case of the corpus`);
            const r = await plan!.result();
            assert.strictEqual(r.stdout, "", "no plan printed");
            // The CLI cannot count registrations from outside; the in-process corpus run asserts none.
            await assertRejected(c, { exitCode: r.status ?? -1, stderr: r.stderr, registered: 0 });
        });
    }
});
