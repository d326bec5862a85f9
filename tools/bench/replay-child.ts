// The SDK's share of a plan. A fresh process loads the same @pulumi modules as the floor, then
// registers the very resources a plan recorded (same types, names, parents, providers and
// inputs) through the SDK's own resource classes, with none of the program: no config
// validation, no component logic, no applies. So replay/floor is what the Pulumi SDK costs
// for that many resources, and plan/replay is what the program adds on top.
// Prints {ms, maxRssKb, resources, urns} as JSON. Run precompiled (bin/) by tools/bench.ts.
const started = process.hrtime.bigint();
import * as fs from "fs";

const [moduleList, recordingFile, stack] = process.argv.slice(2);
for (const file of JSON.parse(fs.readFileSync(moduleList!, "utf8")) as string[]) require(file);

import * as pulumi from "@pulumi/pulumi";
import { recordingMocks } from "../../tests/support/mocks";
import { installMonitor, waitForRPCs } from "../engine/recording-monitor";
import { REDACTED_SECRET, ReplayResource } from "./recording";

type ResourceClass = new (name: string, args: Record<string, unknown>, opts: pulumi.CustomResourceOptions) => pulumi.Resource;

const lowerFirst = (s: string) => s[0]!.toLowerCase() + s.slice(1);

/** The SDK class behind a type token, from the module file that defines it (never a package index). */
function sdkClass(type: string): ResourceClass {
    const [pkg, mod, name] = type.split(":") as [string, string, string];
    let file: string;
    if (pkg === "pulumi" && mod === "providers") file = `@pulumi/${name}/provider`;
    else if (pkg === "azure-native") file = `@pulumi/azure-native/${mod}/${lowerFirst(name)}`; // azure-native:app:ContainerApp
    else {
        const [folder, base] = mod.split("/"); // aws:ec2/vpc:Vpc, random:index/randomPassword:RandomPassword
        file = folder === "index" ? `@pulumi/${pkg}/${base}` : `@pulumi/${pkg}/${folder}/${base}`;
    }
    const cls = (require(file) as Record<string, ResourceClass>)[pkg === "pulumi" ? "Provider" : name];
    if (!cls) throw new Error(`replay: no class for ${type} in ${file}`);
    return cls;
}

function inputsOf(value: unknown): unknown {
    if (value === REDACTED_SECRET) return pulumi.secret("replayed-secret");
    if (Array.isArray(value)) return value.map(inputsOf);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inputsOf(v)]));
    return value;
}

async function main(): Promise<void> {
    const recording = JSON.parse(fs.readFileSync(recordingFile!, "utf8")) as ReplayResource[];
    const monitor = installMonitor(recordingMocks("platform", stack!), "platform", stack!, false);
    const byUrn = new Map<string, pulumi.Resource>();
    const components: pulumi.ComponentResource[] = [];
    for (const r of recording) {
        const opts: pulumi.CustomResourceOptions = {};
        if (r.parent) opts.parent = byUrn.get(r.parent);
        if (r.provider) opts.provider = byUrn.get(r.provider.split("::").slice(0, 4).join("::")) as pulumi.ProviderResource;
        if (r.custom) {
            byUrn.set(r.urn, new (sdkClass(r.type))(r.name, inputsOf(r.inputs) as Record<string, unknown>, opts));
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
        resources: monitor.recorded.filter((r) => r.custom).length,
        urns: monitor.recorded.map((r) => r.urn),
    }));
}

main().then(() => process.exit(0), (err) => {
    process.stderr.write(String(err?.stack ?? err));
    process.exit(1);
});
