import * as assert from "assert";
import * as http from "http";
import type { AddressInfo } from "net";
import * as path from "path";
import { rollbackInstructions, smokeTest } from "../tools/ci/smoke-test";
import { tsNodeArgs } from "../tools/engine/ts-loader";
import { backgroundNode } from "./support/background-child";

/** tools/ci/smoke-test.ts against a local server that answers with a scripted list of statuses. */

const ROOT = path.resolve(__dirname, "..");

async function serve(statuses: number[]): Promise<{ url: string; paths: string[]; close: () => Promise<void> }> {
    const paths: string[] = [];
    const server = http.createServer((req, res) => {
        paths.push(req.url ?? "");
        res.statusCode = statuses[Math.min(paths.length - 1, statuses.length - 1)]!;
        res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const { port } = server.address() as AddressInfo;
    return { url: `http://127.0.0.1:${port}`, paths, close: () => new Promise((r) => server.close(() => r())) };
}

const options = (url: string, attempts = 3) => ({ url, path: "/health", attempts, intervalMs: 0, timeoutMs: 2000 });

describe("ci smoke test", () => {
    it("passes on the first 2xx of <url>/health, retrying while the new release comes up", async () => {
        const s = await serve([503, 502, 200]);
        try {
            const r = await smokeTest(options(s.url));
            assert.deepStrictEqual([r.ok, r.attempts], [true, 3]);
            assert.deepStrictEqual(s.paths, ["/health", "/health", "/health"]);
        } finally {
            await s.close();
        }
    });

    it("fails after the last attempt with the last answer; a redirect is not healthy", async () => {
        const s = await serve([500, 301]);
        try {
            const r = await smokeTest(options(`${s.url}/`, 2));
            assert.strictEqual(r.ok, false);
            assert.match(r.last, /GET http:\/\/127\.0\.0\.1:\d+\/health: HTTP 301/);
        } finally {
            await s.close();
        }
    });

    // Needs no server: started now, in the background (tests/support/background-child.ts).
    const noUrl = backgroundNode(tsNodeArgs("tools/ci/smoke-test.ts", "--url", "", "--stack", "staging"), { cwd: ROOT });
    it("the CLI exits 1 with the rollback steps, and 2 when the url output is missing", async () => {
        const s = await serve([500]);
        try {
            // Asynchronous: the server answering lives in this process.
            const run = (...args: string[]) => backgroundNode(tsNodeArgs("tools/ci/smoke-test.ts", ...args), { cwd: ROOT, env: { ...process.env, GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "" } }).result();
            const failed = await run("--url", s.url, "--stack", "production", "--attempts", "1", "--interval", "0", "--commit", "abc123");
            assert.strictEqual(failed.status, 1);
            assert.ok(failed.stderr.includes(rollbackInstructions("production", "abc123")), failed.stderr);
            assert.match(failed.stderr, /git revert abc123/);
        } finally {
            await s.close();
        }
        const missing = await noUrl.result();
        assert.strictEqual(missing.status, 2);
        assert.match(missing.stderr, /the stack's url output; is it exported\?/);
    });
});
