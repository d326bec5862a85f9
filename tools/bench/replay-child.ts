// The SDK's share of a plan. A fresh process loads the same @pulumi modules as the floor, then
// registers the very resources a plan recorded (same types, names, parents, providers and
// inputs) through the SDK's own resource classes, with none of the program: no config
// validation, no component logic, no applies. It filters aliases the way the program does
// (providers/azure/api-version-aliases.ts; a no-op off Azure). So replay/floor is what the
// Pulumi SDK costs for that many resources, and plan/replay is what the program adds on top.
// Prints {ms, maxRssKb, resources, urns, aliases} as JSON. Run precompiled (bin/) by tools/bench.ts.
const started = process.hrtime.bigint();
import * as fs from "fs";
// As a plan does (tools/engine/run-plan.ts): npm's arborist and TypeScript stay unloaded, so the SDK's load is the same on both sides.
import "../engine/lazy-sdk-modules";

const [moduleList, recordingFile, stack] = process.argv.slice(2);
for (const file of JSON.parse(fs.readFileSync(moduleList!, "utf8")) as string[]) require(file);

import * as pulumi from "@pulumi/pulumi";
import { recordingMocks } from "../engine/mocks";
import { withoutApiVersionAliases } from "../../providers/azure/api-version-aliases";
import { installMonitor, waitForRPCs } from "../engine/recording-monitor";
import { withoutPromiseStackTraces } from "../engine/promise-stacks";
import { countResources, SECRET_MARK } from "../engine/plan";
import type { ReplayResource } from "./recording";

type ResourceClass = new (name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions) => pulumi.Resource;

/**
 * Every SDK resource class the floor's modules define, by type token (`__pulumiType`; a
 * provider class carries its package name). Nothing beyond the floor's modules is loaded.
 */
function sdkClasses(): Map<string, ResourceClass> {
    const classes = new Map<string, ResourceClass>();
    for (const mod of Object.values(require.cache)) {
        if (!mod || !/node_modules[\\/]@pulumi[\\/]/.test(mod.filename)) continue;
        // Own data properties only: an index's lazy-load getters would load modules the floor did not.
        for (const [name, { value }] of Object.entries(Object.getOwnPropertyDescriptors(mod.exports ?? {}))) {
            const token = typeof value === "function" ? (value as { __pulumiType?: unknown }).__pulumiType : undefined;
            if (typeof token === "string") classes.set(name === "Provider" ? `pulumi:providers:${token}` : token, value as ResourceClass);
        }
    }
    return classes;
}

function inputsOf(value: unknown): unknown {
    if (value === SECRET_MARK) return pulumi.secret("replayed-secret");
    if (Array.isArray(value)) return value.map(inputsOf);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inputsOf(v)]));
    return value;
}

async function main(): Promise<void> {
    const recording = JSON.parse(fs.readFileSync(recordingFile!, "utf8")) as ReplayResource[];
    withoutPromiseStackTraces(); // as runPlan does, so plan/replay compares like with like
    const monitor = installMonitor(recordingMocks("platform", stack!), "platform", stack!, false);
    const classes = sdkClasses();
    const byUrn = new Map<string, pulumi.Resource>();
    const components: pulumi.ComponentResource[] = [];
    for (const r of recording) {
        const opts: pulumi.CustomResourceOptions = { transformations: [withoutApiVersionAliases] };
        if (r.parent) opts.parent = byUrn.get(r.parent);
        if (r.provider) opts.provider = byUrn.get(r.provider.split("::").slice(0, 4).join("::")) as pulumi.ProviderResource;
        if (r.custom) {
            const cls = classes.get(r.type);
            if (!cls) throw new Error(`replay: no SDK class among the floor's modules for ${r.type}`);
            byUrn.set(r.urn, new cls(r.name, inputsOf(r.inputs) as Record<string, unknown>, opts));
        } else {
            const component = new pulumi.ComponentResource(r.type, r.name, {}, opts);
            components.push(component);
            byUrn.set(r.urn, component);
        }
    }
    for (const c of components) c["registerOutputs"]({});
    await waitForRPCs();
    if (monitor.errors.length > 0) throw monitor.errors[0];
    process.stdout.write(JSON.stringify({
        ms: Number(process.hrtime.bigint() - started) / 1e6,
        maxRssKb: process.resourceUsage().maxRSS,
        resources: countResources(monitor.recorded).resources,
        urns: monitor.recorded.map((r) => r.urn),
        aliases: monitor.recorded.reduce((n, r) => n + r.options.aliases.length, 0),
    }));
}

main().then(() => process.exit(0), (err) => {
    process.stderr.write(String(err?.stack ?? err));
    process.exit(1);
});
