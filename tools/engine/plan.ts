import * as pulumi from "@pulumi/pulumi";
import { specialSecretSig, specialSigKey } from "@pulumi/pulumi/runtime/rpc";
import type { RecordedResource } from "./recording-monitor";

export const SECRET_MARK = "[secret]";
export const UNKNOWN_MARK = "[unknown]";

/** One policy finding, in the shape DESIGN.md fixes for the plan JSON. */
export interface PlanViolation {
    policy: string;
    urn: string;
    level: "advisory" | "mandatory" | "remediate";
    message: string;
}

export interface PlanResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    custom: boolean;
    /** Inputs with secrets replaced by "[secret]" and unknowns by "[unknown]". */
    inputs: Record<string, unknown>;
    options: { protect: boolean; retainOnDelete: boolean; provider?: string; aliases?: string[] };
}

/** The plan JSON of DESIGN.md. */
export interface Plan {
    stack: string;
    cloud: string;
    environment: string;
    resources: PlanResource[];
    outputs: Record<string, unknown>;
    policy: { violations: PlanViolation[] };
}

/**
 * The one resource count plan, check, diff and bench print: cloud resources, i.e. custom
 * resources that are not provider objects. Components (which hold nothing) and provider
 * objects are counted apart.
 */
export function countResources(resources: readonly { type: string; custom: boolean }[]): { resources: number; components: number; providers: number } {
    const providers = resources.filter((r) => r.custom && r.type.startsWith("pulumi:providers:")).length;
    const custom = resources.filter((r) => r.custom).length;
    return { resources: custom - providers, components: resources.length - custom, providers };
}

/** `131 resources in 9 components (+4 provider objects)` */
export function describeCount(resources: readonly { type: string; custom: boolean }[]): string {
    const c = countResources(resources);
    return `${c.resources} resources in ${c.components} components (+${c.providers} provider objects)`;
}

export function isSecretEnvelope(v: unknown): v is { value: unknown } {
    return typeof v === "object" && v !== null && (v as Record<string, unknown>)[specialSigKey] === specialSecretSig;
}

function isUnknown(v: unknown): boolean {
    return v === (pulumi as unknown as { unknown?: unknown }).unknown || (typeof v === "object" && v !== null && (v as { constructor?: { name?: string } }).constructor?.name === "Unknown");
}

/** For display: secrets become "[secret]", unknowns "[unknown]". */
export function redact(value: unknown): unknown {
    if (isSecretEnvelope(value)) return SECRET_MARK;
    if (isUnknown(value)) return UNKNOWN_MARK;
    if (Array.isArray(value)) return value.map(redact);
    if (value && typeof value === "object") {
        if (pulumi.Resource.isInstance(value)) return (value as unknown as { __name?: string }).__name ?? "[resource]";
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
    }
    return value;
}

export function toPlanResource(r: RecordedResource): PlanResource {
    const options: PlanResource["options"] = { protect: r.options.protect, retainOnDelete: r.options.retainOnDelete, provider: r.options.provider };
    if (r.options.aliases.length > 0) options.aliases = r.options.aliases;
    return { urn: r.urn, type: r.type, name: r.name, parent: r.parent, custom: r.custom, inputs: redact(r.rawInputs) as Record<string, unknown>, options };
}
