import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { ConfigError } from "../../components/config";
import { definePlatform } from "../../components/program";
import { isUserError } from "../../tools/engine/cli";
import { installMonitor, waitForRPCs } from "../../tools/engine/recording-monitor";
import { loadStackConfig, REPO_ROOT } from "../../tools/engine/stack-config";
import { recordingMocks } from "../../tools/engine/mocks";

/**
 * Runs one stack file + overrides through exactly the steps the plan CLI takes up to the first
 * registration (read the stack file, apply --config, hand the config to the program the way the
 * engine does, run the program under the recording monitor), without planning anything when
 * the config is bad. Reports what the CLI would: its exit code, its stderr, and how many
 * resources were registered.
 */
export interface CaseOutcome {
    exitCode: number;
    stderr: string;
    registered: number;
}

let root: string | undefined;
let counter = 0;

/** A scratch project directory holding the real Pulumi.yaml, for stack files of our own. */
export function scratchRoot(): string {
    if (!root) {
        root = fs.mkdtempSync(path.join(os.tmpdir(), "config-corpus-"));
        fs.copyFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), path.join(root, "Pulumi.yaml"));
    }
    return root;
}

/** Writes a stack file (text) into the scratch root and returns its stack name. */
export function writeStack(text: string | Buffer): string {
    const stack = `case${++counter}`;
    fs.writeFileSync(path.join(scratchRoot(), `Pulumi.${stack}.yaml`), text);
    return stack;
}

/** The committed stack file's document, for mutations that keep the rest of the file real. */
export function committedConfig(stack: "production" | "staging"): Record<string, unknown> {
    return YAML.parse(fs.readFileSync(path.join(REPO_ROOT, `Pulumi.${stack}.yaml`), "utf8")).config;
}

export async function runConfigCase(stack: string, overrides: string[] = [], rootDir = scratchRoot()): Promise<CaseOutcome> {
    let registered = 0;
    try {
        const sc = loadStackConfig(stack, overrides, rootDir);
        pulumi.runtime.setAllConfig(sc.config, sc.secretKeys);
        const monitor = installMonitor(recordingMocks(sc.project, sc.stack), sc.project, sc.stack, true);
        try {
            definePlatform();
        } catch (err) {
            await waitForRPCs();
            registered = monitor.recorded.length;
            throw err instanceof ConfigError ? err.locatedBy(sc.locate) : err;
        }
        await waitForRPCs();
        return { exitCode: 0, stderr: "", registered: monitor.recorded.length };
    } catch (err) {
        if (isUserError(err)) return { exitCode: 2, stderr: `${(err as Error).message}\n`, registered };
        return { exitCode: 3, stderr: `plan failed: ${err instanceof Error ? err.stack : String(err)}\n`, registered };
    }
}

/** A stack trace line, as Node prints them. */
export const STACK_TRACE = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m;
