import { CliMain, errorExit } from "../../tools/engine/cli";
import { exclusively } from "./plan-cache";
import { plainText } from "./plain-text";

/**
 * A command-line tool's `main(argv, io)` run in the suite's process, the way its entry point
 * runs it (tools/engine/cli.ts `runCli`): the exit code is main's number, or runCli's verdict on
 * an error main threw. A child process costs node, the loader and the SDKs again (1.5 s of CPU
 * before a line of the tool runs), so specs of what a tool prints and returns run here; specs of
 * what only a process shows (stream flushing, the exit status the shell sees, npm's banner)
 * keep their child (tests/cli-exit.spec.ts, and one end-to-end case per tool).
 *
 * `env` is set in process.env for the call only. The call waits its turn in the plan cache's
 * queue, as a main that plans uses the process-global Pulumi runtime. Output is plain text, as a
 * child run with NO_COLOR prints it.
 */
export interface CliRun {
    status: number;
    stdout: string;
    stderr: string;
}

type Main = CliMain;

export function runMain(label: string, main: Main, argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
    return exclusively(async () => {
        let stdout = "";
        let stderr = "";
        const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
        Object.assign(process.env, env);
        let status: number;
        try {
            status = await main(argv, { out: (s) => (stdout += s), err: (s) => (stderr += s) });
        } catch (err) {
            const exit = errorExit(label, err);
            stderr += exit.stderr;
            status = exit.code;
        } finally {
            for (const [k, v] of Object.entries(saved)) {
                if (v === undefined) delete process.env[k];
                else process.env[k] = v;
            }
        }
        return { status, stdout: plainText(stdout), stderr: plainText(stderr) };
    });
}
