import * as assert from "assert";
import type { CorpusCase } from "./corpus";
import { STACK_TRACE } from "../support/config-case";

/** The message line about `key`, with its location prefix split off. */
function lineFor(stderr: string, key: string): { where: string; rest: string } | undefined {
    for (const raw of stderr.split("\n")) {
        const line = raw.trim();
        const m = /^((?:Pulumi\.[^:\s]+\.yaml(?::\d+:\d+)?|--config): )?(.*)$/.exec(line)!;
        const rest = m[2]!;
        if (rest.startsWith(`${key} = `) || rest.startsWith(`${key}: `)) return { where: m[1] ?? "", rest };
    }
    return undefined;
}

export async function assertRejected(c: CorpusCase, outcome: { exitCode: number; stderr: string; registered: number }, fileName?: string): Promise<void> {
    const { exitCode, stderr, registered } = outcome;
    assert.strictEqual(exitCode, 2, `exit code: ${stderr.slice(0, 2000)}`);
    assert.ok(!STACK_TRACE.test(stderr), `no stack trace: ${stderr.slice(0, 2000)}`);
    assert.ok(!/TypeError|RangeError|ReferenceError|YAMLParseError/.test(stderr), stderr.slice(0, 2000));
    assert.strictEqual(registered, 0, "nothing registered");
    for (const secret of c.secrets ?? []) assert.ok(!stderr.includes(secret), `the secret ${secret.slice(0, 6)}... is printed: ${stderr.slice(0, 500)}`);
    assert.ok(!/\ba (int|object|record)\b|9007199254740991/.test(stderr), `wording: ${stderr.slice(0, 500)}`);
    if (c.usage) {
        assert.match(stderr, /^--config "/, stderr);
        assert.ok(stderr.includes(c.key), `names the path ${c.key}: ${stderr.slice(0, 300)}`);
        assert.match(stderr, c.allowed);
        return;
    }
    const line = lineFor(stderr, c.key);
    assert.ok(line, `no line for ${c.key}:\n${stderr.slice(0, 2000)}`);
    if (c.value !== undefined) assert.ok(line.rest.startsWith(`${c.key} = ${c.value}: allowed: `), `value ${c.value}: ${line.rest.slice(0, 300)}`);
    const allowed = line.rest.replace(/^.*?: allowed: |^[^:]+: /, "");
    assert.match(allowed, c.allowed, line.rest.slice(0, 400));
    if (c.at === "file") assert.match(line.where, new RegExp(`^${(fileName ?? "").replace(/\./g, "\\.")}:\\d+:\\d+: $`), `located at a line and column: ${line.where}${line.rest.slice(0, 100)}`);
    if (c.at === "file-only") assert.match(line.where, /^Pulumi\.[^:]+\.yaml(:\d+:\d+)?: $/);
    if (c.at === "--config") assert.strictEqual(line.where, "--config: ");
}

