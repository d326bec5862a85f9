import * as assert from "assert";
import { ConfigError, formatValue } from "../../components/config";
import { MESSAGE_CASES, rawOf } from "./message-cases";
import { resolveConfig, tryResolveConfig } from "../../components/program-config";

/**
 * The words of every config rule, as the user reads them: for each case of message-cases.ts the
 * problem names the offending key, prints its value (masked where it is a secret) and says in
 * full what is allowed. Runs in-process, so the mutation run (`npm run mutate -- config`) sees it.
 */
describe("config messages: every rule names the key, the value and what is allowed", () => {
    it("the stacks the cases start from are valid on every cloud and environment", () => {
        for (const cloud of ["aws", "gcp", "azure"] as const) {
            for (const environment of ["staging", "production"] as const) {
                assert.doesNotThrow(() => resolveConfig(rawOf({ cloud, environment, set: {} })), `${cloud}/${environment}`);
            }
        }
    });

    it("the cases are distinct", () => {
        assert.strictEqual(new Set(MESSAGE_CASES.map((c) => c.title)).size, MESSAGE_CASES.length);
    });

    for (const c of MESSAGE_CASES) {
        it(`${c.title}: platform:${c.key}`, () => {
            const found = tryResolveConfig(rawOf(c));
            assert.ok(Array.isArray(found), `${c.title}: the config was accepted`);
            const key = `platform:${c.key}`;
            const problem = found.find((p) => p.key === key);
            assert.ok(problem, `no problem names ${key}: ${JSON.stringify(found).slice(0, 600)}`);
            assert.strictEqual(problem.allowed, c.allowed);
            const line = `${key} = ${c.shown}: allowed: ${c.allowed}`;
            assert.ok(new ConfigError(found).message.split("\n").includes(`  ${line}`), `the message has no line ${line}:\n${new ConfigError(found).message.slice(0, 800)}`);
        });
    }
});

describe("config messages: how values print", () => {
    const ROWS: Array<[unknown, string]> = [
        [undefined, "(missing)"],
        ["api", '"api"'],
        [3, "3"],
        [{ a: [1, "b"] }, '{"a":[1,"b"]}'],
        // 80 characters print whole; longer values are cut to 77 and "...".
        ["x".repeat(78), `"${"x".repeat(78)}"`],
        ["x".repeat(79), `"${"x".repeat(76)}...`],
        [10n, "10"],
    ];
    for (const [value, shown] of ROWS) {
        it(`${typeof value} ${JSON.stringify(typeof value === "bigint" ? String(value) : value)?.length ?? 0} long prints as ${shown.slice(0, 12)}`, () => assert.strictEqual(formatValue(value), shown));
    }
});
