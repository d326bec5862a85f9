import { writeFileSync } from "fs";
import { Command, Option } from "commander";
import { CLOUD_PLUGINS } from "../providers/registry";
import { exitOnUserError, parseArgs, runCli, CliIo, PROCESS_IO } from "./engine/cli";
import { planExitCode } from "./engine/exit/plan";

/**
 * `npm run plan -- --stack <name> [--cloud <a cloud of providers/registry.ts>] [--config KEY=VALUE ...] [--format text|json] [--output FILE]`
 * (--output writes the report to FILE: npm prints its banner on stdout unless run with -s).
 * Exit codes (DESIGN.md): 0 clean, 1 mandatory policy violation, 2 bad config or usage, 3 a crash
 * (tools/engine/exit/plan.ts, tools/engine/cli.ts).
 */
export async function main(argv: string[], io: CliIo = PROCESS_IO): Promise<number> {
    const program = new Command("plan")
        .description("Plan a stack offline: the real program under recording mocks, checked by the policy pack.")
        .requiredOption("--stack <name>", "stack file to read: Pulumi.<name>.yaml")
        .addOption(new Option("--cloud <cloud>", "override platform:cloud").choices(Object.keys(CLOUD_PLUGINS)))
        .option("--config <KEY=VALUE>", "config override, path-style (repeatable)", (v: string, acc: string[]) => [...acc, v], [] as string[])
        .addOption(new Option("--format <format>", "output format").choices(["text", "json"]).default("text"))
        .option("--output <file>", "write the report to a file instead of stdout (free of npm's banner)");
    program.configureOutput({ writeOut: io.out });
    const stop = parseArgs(program, argv, io.err);
    if (stop !== undefined) return stop;
    const opts = program.opts<{ stack: string; cloud?: string; config: string[]; format: "text" | "json"; output?: string }>();
    try {
        // Loaded once the arguments parse: `--help` and a usage error need no SDK (about 0.6 s of start-up).
        const [{ runPlan }, { packPolicies }, { renderPlanText }] = await Promise.all([import("./engine/run-plan"), import("./engine/policies"), import("./engine/render-text")]);
        const { plan } = await runPlan({ stack: opts.stack, cloud: opts.cloud, config: opts.config, policies: packPolicies() });
        const report = opts.format === "json" ? JSON.stringify(plan, null, 2) + "\n" : renderPlanText(plan);
        if (opts.output) writeFileSync(opts.output, report);
        else io.out(report);
        return planExitCode(plan);
    } catch (err) {
        return exitOnUserError(err, io.err);
    }
}

if (require.main === module) runCli("plan", () => main(process.argv.slice(2)));
