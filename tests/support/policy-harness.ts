import type { Policies } from "@pulumi/policy";
import type { PlatformPolicy } from "../../policy/policies";
import {
    AnalyzerResourceInput,
    evaluatePolicies,
    Evaluation,
    PolicyPackConfigFile,
} from "../../tools/engine/policies";

/*
 * Runs ONE policy against ONE resource's props (or a stack policy against a resource list)
 * through exactly the evaluation code `npm run plan` / `npm run check` use: @pulumi/policy's
 * analyzer functions fed real protobuf requests (unknown-checking proxy, notApplicable,
 * configure with schema defaults, stackTags).
 */

/** The RPC unknown sentinel: put it anywhere in props to simulate a preview-unknown value. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
/** An RPC secret envelope around a value. */
export const secret = (value: unknown) => ({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value });

export interface Fixture {
    type: string;
    name: string;
    props: Record<string, unknown>;
    /** @default "production" */
    stack?: string;
    parent?: string;
    /** Indexes (in the same fixture list) or URNs this resource depends on. */
    dependsOn?: Array<number | string>;
    protect?: boolean;
    provider?: AnalyzerResourceInput["provider"];
}

export function urnOf(f: Pick<Fixture, "type" | "name" | "stack">): string {
    return `urn:pulumi:${f.stack ?? "production"}::platform::${f.type}::${f.name}`;
}

export function toInputs(fixtures: Fixture[]): AnalyzerResourceInput[] {
    const urns = fixtures.map(urnOf);
    return fixtures.map((f) => ({
        urn: urnOf(f),
        type: f.type,
        name: f.name,
        inputs: f.props,
        parent: f.parent,
        dependencies: (f.dependsOn ?? []).map((d) => (typeof d === "number" ? urns[d]! : d)),
        options: { protect: f.protect ?? false },
        provider: f.provider,
    }));
}

export interface RunOptions {
    /** This policy's config properties, as in a --policy-pack-config file. */
    config?: Record<string, unknown>;
    /** A whole pack config file (overrides `config`). */
    packConfig?: PolicyPackConfigFile;
    stackTags?: Record<string, string>;
}

function evaluate(policies: Policies, fixtures: Fixture[], opts: RunOptions, which: "resource" | "stack"): Promise<Evaluation> {
    const config = opts.packConfig ?? (opts.config ? { [policies[0]!.name]: opts.config } : undefined);
    return evaluatePolicies(toInputs(fixtures), {
        policies,
        config,
        stackTags: opts.stackTags ?? { "pulumi:project": "platform", "pulumi:runtime": "nodejs" },
        stackUrn: "urn:pulumi:production::platform::pulumi:pulumi:Stack::platform-production",
        analyzeResources: which === "resource",
        analyzeStack: which === "stack",
    });
}

/** One resource policy against one resource. */
export function runResourcePolicy(policy: PlatformPolicy, fixture: Fixture, opts: RunOptions = {}): Promise<Evaluation> {
    return evaluate([policy], [fixture], opts, "resource");
}

/** One stack policy against a resource list. */
export function runStackPolicy(policy: PlatformPolicy, fixtures: Fixture[], opts: RunOptions = {}): Promise<Evaluation> {
    return evaluate([policy], fixtures, opts, "stack");
}

/** Either kind, picked by the policy's shape. */
export function runPolicy(policy: PlatformPolicy, fixtures: Fixture[], opts: RunOptions = {}): Promise<Evaluation> {
    return "validateStack" in policy ? runStackPolicy(policy, fixtures, opts) : evaluate([policy], fixtures, opts, "resource");
}

/** Deep copy, then set (or delete, for `undefined`) a dotted path like `settings.ipConfiguration.sslMode` or `rules.0.x`. */
export function withPath<T>(obj: T, path: string, value: unknown): T {
    const copy = structuredClone(obj) as Record<string, unknown>;
    const keys = path.split(".");
    let cur: Record<string, unknown> = copy;
    for (const k of keys.slice(0, -1)) {
        if (cur[k] === undefined || cur[k] === null || typeof cur[k] !== "object") cur[k] = /^\d+$/.test(keys[keys.indexOf(k) + 1] ?? "") ? [] : {};
        cur = cur[k] as Record<string, unknown>;
    }
    const last = keys[keys.length - 1]!;
    if (value === undefined) delete cur[last];
    else cur[last] = value;
    return copy as T;
}

export function getPath(obj: unknown, path: string): unknown {
    let cur: unknown = obj;
    for (const k of path.split(".")) {
        if (cur === null || typeof cur !== "object") return undefined;
        cur = (cur as Record<string, unknown>)[k];
    }
    return cur;
}
