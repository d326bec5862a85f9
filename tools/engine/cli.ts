/**
 * Runs a command-line entry point: its promise's number is the exit code; a throw is exit 3
 * with the stack on stderr. Exits only after stdout and stderr have drained, so a large
 * `--format json` piped into another program arrives whole.
 */
export function runCli(label: string, main: () => Promise<number>): void {
    main().then(
        (code) => exitAfterFlush(code),
        (err) => {
            process.stderr.write(`${label} failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
            exitAfterFlush(3);
        },
    );
}

function exitAfterFlush(code: number): void {
    process.stdout.write("", () => process.stderr.write("", () => process.exit(code)));
}
