import { Command, CommanderError } from "commander";
import { ConfigError } from "../../components/config/errors";
import { UsageError } from "./stack-config";

/**
 * Runs a command-line entry point: its promise's number is the exit code. Bad stack config and
 * usage errors that reach here exit 2 with their message alone (never a stack trace: the
 * message is the whole story, and a trace would only bury it). Anything else is a bug: exit 3
 * with the stack on stderr. Exits only after stdout and stderr have drained, so a large
 * `--format json` piped into another program arrives whole.
 */
export function runCli(label: string, main: () => Promise<number>, io: CliExit = { err: (s) => process.stderr.write(s), exit: exitAfterFlush }): Promise<void> {
    return main().then(
        (code) => io.exit(code),
        (err) => {
            const { code, stderr } = errorExit(label, err);
            io.err(stderr);
            io.exit(code);
        },
    );
}

/**
 * What an error that ends a command means: the user's input (bad stack config, usage) exits 2
 * with its message alone; anything else is a bug and exits 3, never 1 (which means "a violation
 * was found"), naming the tool and with the stack, so the report shows where it broke.
 */
export function errorExit(label: string, err: unknown): { code: 2 | 3; stderr: string } {
    if (isUserError(err)) return { code: 2, stderr: `${(err as Error).message}\n` };
    return { code: 3, stderr: `${label} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n` };
}

/**
 * A command's own handling of an error it caught: a user error prints its message (after
 * `prefix`) and returns 2; anything else is rethrown, for runCli to end with 3.
 */
export function exitOnUserError(err: unknown, writeErr: (s: string) => void, prefix = ""): 2 {
    if (!isUserError(err)) throw err;
    writeErr(`${prefix}${(err as Error).message}\n`);
    return 2;
}

/** Where a command's `main` writes: the process's streams, or a test's buffers (tests/support/cli-in-process.ts). */
export interface CliIo {
    out: (s: string) => void;
    err: (s: string) => void;
}

/** The process's own streams: a command run as a program. */
export const PROCESS_IO: CliIo = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

/** A command's entry: exit code from arguments, writing through `io`. */
export type CliMain = (argv: string[], io: CliIo) => Promise<number>;

/** Where runCli reports and how it exits (tests record both instead of ending the process). */
export interface CliExit {
    err: (s: string) => void;
    exit: (code: number) => void;
}

/** Errors that are the user's input, not the program's fault: exit 2. */
export function isUserError(err: unknown): boolean {
    return err instanceof ConfigError || err instanceof UsageError;
}

function exitAfterFlush(code: number): void {
    process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}

/** `--stack <name>, --cloud <cloud>, ...`: the options a command takes, for usage errors. */
export function allowedOptions(program: Command): string {
    // Stryker disable next-line Regex: commander's flags put the short name first ("-s, --stack <name>"), so the anchor changes nothing.
    return [...program.options.map((o) => o.flags.replace(/^-\w, /, "")), "--help"].join(", ");
}

/**
 * Parses argv with commander, turning its errors into one line that names the offending
 * argument and lists what is allowed. Returns the exit code to stop with (0 after --help,
 * 2 on a usage error), or undefined to go on.
 */
export function parseArgs(program: Command, argv: string[], writeErr: (s: string) => void = (s) => process.stderr.write(s)): number | undefined {
    program.exitOverride().configureOutput({ writeErr: () => undefined, outputError: () => undefined });
    try {
        program.parse(argv, { from: "user" });
        return undefined;
    } catch (err) {
        if (!(err instanceof CommanderError)) throw err;
        // --help and --version are the only ways commander stops with exit code 0.
        if (err.exitCode === 0) return 0;
        writeErr(`${program.name()}: ${usageMessage(program, err, argv)}\n`);
        return 2;
    }
}

function usageMessage(program: Command, err: CommanderError, argv: string[]): string {
    const allowed = `allowed options: ${allowedOptions(program)}`;
    // Stryker disable next-line Regex: every commander message starts with "error: ", and replace() takes the first one only.
    const text = err.message.replace(/^error: /, "").replace(/\.$/, "");
    // Commander reports a missing required option before an unknown one; the unknown one is the real mistake.
    const { unknown, operands } = splitArgs(program, argv);
    if (unknown.length > 0) return `unknown option ${unknown.map((a) => `'${a}'`).join(", ")}; ${allowed}`;
    if (operands.length > 0) {
        return `unexpected argument${operands.length === 1 ? "" : "s"} ${operands.map((a) => JSON.stringify(a)).join(", ")} (this command takes options only); ${allowed}`;
    }
    if (err.code === "commander.invalidArgument") return text;
    return `${text}; ${allowed}`;
}

/** The flags commander would not know and the bare words, once every known option and its value are taken out. */
function splitArgs(program: Command, argv: string[]): { unknown: string[]; operands: string[] } {
    const unknown: string[] = [];
    const operands: string[] = [];
    for (let i = 0; i < argv.length; i++) {
        const a = argv[i]!;
        if (a === "--") {
            operands.push(...argv.slice(i + 1));
            break;
        }
        if (!a.startsWith("-") || a === "-") {
            operands.push(a);
            continue;
        }
        const flag = a.split("=")[0]!;
        const opt = program.options.find((o) => o.long === flag || o.short === flag);
        if (!opt) {
            if (flag !== "--help" && flag !== "-h") unknown.push(flag);
            continue;
        }
        if ((opt.required || opt.optional) && !a.includes("=")) i++;
    }
    return { unknown, operands };
}

/** `--stack a,b --stack c`: repeatable and comma-separated, blanks dropped. */
export function collectList(value: string, acc: string[]): string[] {
    return [...acc, ...value.split(",").map((s) => s.trim()).filter(Boolean)];
}

/** `--cloud`'s parser: like collectList, and each cloud must be one the registry knows. */
export function cloudListParser(clouds: readonly string[]): (value: string, acc?: string[]) => string[] {
    return (value, acc = []) => {
        const values = collectList(value, acc);
        for (const c of values) if (!clouds.includes(c)) throw new UsageError(`--cloud ${JSON.stringify(c)}: allowed: one of ${clouds.join(", ")}`);
        return values;
    };
}
