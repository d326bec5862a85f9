// First: zod's unused locales stay unloaded (lazy-zod-locales.ts), which only works before zod loads.
import "./lazy-zod-locales";
// Before @pulumi/pulumi loads: npm's arborist and the TypeScript compiler, which its closure serializer requires, stay unloaded (lazy-sdk-modules.ts).
import "./lazy-sdk-modules";
import * as pulumi from "@pulumi/pulumi";
import { ConfigError } from "../../components/config/errors";
import { definePlatform } from "../../components/program";
import { recordingMocks } from "./mocks";
import { Plan, SECRET_MARK, toPlanResource, UNKNOWN_MARK } from "./plan";
import { installMonitor, RecordedResource, waitForRPCs } from "./recording-monitor";
import { withoutPromiseStackTraces } from "./promise-stacks";
import { loadStackConfig } from "./stack-config";

export interface PlanOptions {
    stack: string;
    /** Shorthand for `--config platform:cloud=<cloud>`. */
    cloud?: string;
    /** `KEY=VALUE` overrides, path-style. */
    config?: string[];
    /** Run as a preview (unknown outputs stay unknown). @default false */
    preview?: boolean;
    /** Checked-out tree whose stack files to read. @default this repository */
    root?: string;
    /**
     * Rewrites the config before the program sees it, e.g. to hand it decrypted secret values as
     * the Pulumi CLI does (the offline engine only has placeholders for `secure:` values).
     */
    adjustConfig?: (config: Record<string, string>) => Record<string, string>;
    /**
     * The policy pack to run over the recording (tools/engine/policies.ts, `packPolicies`); its
     * violations land in `plan.policy.violations`. Per call, not process-wide: a process that
     * plans many variants (the suite, check, a diff side) must not have one caller's choice
     * change what the next caller's plan holds. @default none (no violations)
     */
    policies?: PolicyRunner;
}

/** A plan plus the raw recording, for callers that need secret envelopes (tests, policies). */
export interface PlanRun {
    plan: Plan;
    recorded: RecordedResource[];
}

/** The policy pack plugs in here (PlanOptions.policies), keeping this file pack-agnostic. */
export type PolicyRunner = (run: PlanRun) => Promise<Plan["policy"]["violations"]>;

/**
 * Runs the real program in-process against recording mocks, reading the real stack file.
 * Runs are sequential: the Pulumi runtime is process-global, so callers must await one plan
 * before starting the next.
 */
export async function runPlan(options: PlanOptions): Promise<PlanRun> {
    withoutPromiseStackTraces();
    const overrides = [...(options.cloud ? [`platform:cloud=${options.cloud}`] : []), ...(options.config ?? [])];
    const stackConfig = loadStackConfig(options.stack, overrides, options.root);
    const config = options.adjustConfig ? options.adjustConfig(stackConfig.config) : stackConfig.config;
    pulumi.runtime.setAllConfig(config, stackConfig.secretKeys);
    const monitor = installMonitor(recordingMocks(stackConfig.project, stackConfig.stack), stackConfig.project, stackConfig.stack, options.preview ?? false);

    let program: ReturnType<typeof definePlatform>;
    try {
        program = definePlatform();
    } catch (err) {
        // Let the registrations already made settle, so a next plan in this process (check,
        // diff's one process per side, the suite) starts from a quiet runtime.
        await waitForRPCs().catch(() => undefined);
        // Config errors carry the stack file's line and column (or the --config that set the key).
        throw err instanceof ConfigError ? err.locatedBy(stackConfig.locate) : err;
    }
    const outputs = await resolveOutputs(program);
    await waitForRPCs();
    if (monitor.errors.length > 0) throw monitor.errors[0];

    const run: PlanRun = {
        recorded: monitor.recorded,
        plan: {
            stack: stackConfig.stack,
            cloud: stackConfig.config["platform:cloud"] ?? "",
            environment: stackConfig.config["platform:environment"] ?? "",
            resources: monitor.recorded.map(toPlanResource),
            outputs,
            policy: { violations: [] },
        },
    };
    if (options.policies) run.plan.policy.violations = await options.policies(run);
    return run;
}

async function resolveOutputs(outputs: Record<string, pulumi.Input<unknown>>): Promise<Record<string, unknown>> {
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(outputs)) {
        const out = pulumi.output(value) as pulumi.Output<unknown> & { promise(withUnknowns?: boolean): Promise<unknown>; isKnown: Promise<boolean>; isSecret: Promise<boolean> };
        const [val, known, secret] = await Promise.all([out.promise(), out.isKnown, out.isSecret]);
        result[key] = secret ? SECRET_MARK : known ? val : UNKNOWN_MARK;
    }
    return result;
}
