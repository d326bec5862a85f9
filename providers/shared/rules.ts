/**
 * The vocabulary of the clouds' own rules (name limits, value combinations, required companions
 * and ordering, quotas, windows) that no SDK schema encodes. Each cloud's rules live in
 * providers/<cloud>/rules/, one small pure function per rule citing the page it encodes;
 * tools/engine/rules.ts runs them over a recorded plan. Nothing here imports an SDK.
 */

export type RuleFamily = "names" | "combinations" | "companions" | "quotas" | "windows";

/** A resource as the rules see it: redacted inputs (no secret reaches a rule) and its direct dependencies. */
export interface PlannedResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    inputs: Record<string, any>;
    /** URNs this resource waits for: explicit `dependsOn` and the resources its inputs come from. */
    dependencies: string[];
    /** The id the cloud (here: the mocks) gives it, which other resources' inputs refer to. */
    id?: string;
    /** Provider-computed outputs (ARNs, self links), redacted like the inputs. */
    outputs: Record<string, any>;
}

/** Lookups a rule may use across the plan (all pure). */
export class PlanView {
    readonly byUrn: Map<string, PlannedResource>;

    constructor(readonly resources: PlannedResource[]) {
        this.byUrn = new Map(resources.map((r) => [r.urn, r]));
    }

    ofType(type: string): PlannedResource[] {
        return this.resources.filter((r) => r.type === type);
    }

    /** Does `a` wait for `b`, directly or through other resources (or through its parent's dependencies)? */
    waitsFor(a: PlannedResource, b: PlannedResource): boolean {
        const seen = new Set<string>();
        const stack = [a.urn];
        while (stack.length > 0) {
            const urn = stack.pop()!;
            if (seen.has(urn)) continue;
            seen.add(urn);
            const r = this.byUrn.get(urn);
            if (!r) continue;
            if (r.dependencies.includes(b.urn)) return true;
            stack.push(...r.dependencies);
        }
        return false;
    }

    /** The resource of `type` that `ref` (an id, ARN, self link or name an input holds) points at. */
    resolve(type: string, ref: unknown): PlannedResource | undefined {
        if (typeof ref !== "string" || ref === "") return undefined;
        return this.ofType(type).find((r) => r.id === ref || Object.values(r.outputs).includes(ref));
    }

    /** Resources of `type` whose inputs mention `value` anywhere (ids, ARNs, names link resources in a plan). */
    mentioning(type: string, value: unknown): PlannedResource[] {
        if (typeof value !== "string" || value === "") return [];
        return this.ofType(type).filter((r) => JSON.stringify(r.inputs).includes(JSON.stringify(value).slice(1, -1)));
    }
}

export interface Rule {
    /** `<cloud>/<short-name>`, stable: specs and docs refer to it. */
    id: string;
    family: RuleFamily;
    /** Resource types the rule applies to. */
    types: readonly string[];
    /** The documentation page the rule encodes. */
    doc: string;
    /** Problems with this resource under the rule, in words that name the value and the limit. */
    check(resource: PlannedResource, plan: PlanView): string[];
    /** For name rules: the input and its maximum length (specs break each rule with a longer name). */
    limits?: { field: string; max: number };
}

/* Small helpers rule files share. */

/** A rule on one name-like input: length and character set. */
export function nameRule(spec: {
    id: string;
    types: readonly string[];
    /** Input holding the name (dotted path). */
    field: string;
    min?: number;
    max: number;
    pattern: RegExp;
    /** What the pattern allows, in words. */
    allowed: string;
    doc: string;
}): Rule {
    return {
        id: spec.id,
        family: "names",
        types: spec.types,
        doc: spec.doc,
        limits: { field: spec.field, max: spec.max },
        check(r) {
            const value = valueAt(r.inputs, spec.field);
            if (value === undefined) return [];
            if (typeof value !== "string") return [`${spec.field} ${JSON.stringify(value)} is not a string`];
            const problems: string[] = [];
            if (value.length > spec.max || value.length < (spec.min ?? 1)) problems.push(`${spec.field} ${JSON.stringify(value)} is ${value.length} characters; allowed ${spec.min ?? 1}-${spec.max}`);
            if (!spec.pattern.test(value)) problems.push(`${spec.field} ${JSON.stringify(value)}: allowed ${spec.allowed}`);
            return problems;
        },
    };
}

/** The value at a dotted path (`a.b.c`), undefined where any step is missing. */
export function valueAt(inputs: unknown, field: string): unknown {
    let cur: unknown = inputs;
    for (const key of field.split(".")) {
        if (cur === null || typeof cur !== "object") return undefined;
        cur = (cur as Record<string, unknown>)[key];
    }
    return cur;
}

/** Placeholder values of the plan (a secret or an unknown): rules cannot judge them. */
export const isPlaceholder = (v: unknown): boolean => v === "[secret]" || v === "[unknown]";

/** A JSON document an input holds as text (dashboard bodies, policies), or undefined when it is not JSON. */
export function parseJsonInput(text: unknown): any {
    if (typeof text !== "string") return undefined;
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}
