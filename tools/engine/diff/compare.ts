import type { Plan, PlanResource, PlanViolation } from "../plan";
import { SECRET_MARK, UNKNOWN_MARK } from "../plan";
import { highlights } from "../render-text";
import { flatten, sameValue } from "./flatten";
import { guardLabel, GuardedWeakening, weakening } from "./guarded";
import { propertyEffect } from "./replacement";
import { isStateful, statefulLabel } from "./stateful";

/**
 * Comparing two plans of the same (cloud, environment): which resources are added, removed,
 * changed in place or replaced, property by property; which of those put data at risk; and
 * which policy violations come and go. Pure: plans in, a StackDiff out, no I/O.
 */

/**
 * What happens to one resource. `may-replace`: a changed input is not known to be updatable in
 * place (its type's replacement entry does not list it, or its value is only known after
 * apply): the real preview decides, and the headline counts it apart from updates.
 */
export type ChangeKind = "create" | "delete" | "update" | "replace" | "may-replace";

/** One leaf property that differs. `undefined` means the property is absent on that side. */
export interface PropertyChange {
    path: string;
    before?: unknown;
    after?: unknown;
    /** true: changing it replaces the resource; false: updated in place; null: not known (may replace). */
    forcesReplace: boolean | null;
}

/** The component a resource belongs to: its nearest `platform:components:*` ancestor. */
export interface ComponentRef {
    /** `Database:database`, or `(stack)` for resources outside every component (providers). */
    key: string;
    /** `Database`, or "" for the stack group. */
    kind: string;
    name: string;
}

export interface ResourceChange {
    kind: ChangeKind;
    /** The head URN (base URN for a delete). */
    urn: string;
    /** The base URN when it differs from the head URN (a rename through an alias, or a replace by URN change). */
    previousUrn?: string;
    /** True when an alias on the head resource lists the base URN: a move, not a replacement. */
    renamedByAlias?: boolean;
    type: string;
    name: string;
    /** Base name when it differs. */
    previousName?: string;
    custom: boolean;
    component: ComponentRef;
    stateful: boolean;
    /** `protect` on the base side (delete/replace of a protected resource fails until unprotected). */
    protected: boolean;
    /** Why this is a replacement (empty for other kinds). */
    reasons: string[];
    /** Leaf property changes (update/replace), inputs and `options.*`. */
    properties: PropertyChange[];
    /** Key settings of an added or deleted resource, `key=value`. */
    highlights: string[];
    weakenings: GuardedWeakening[];
}

export interface ComponentChanges {
    component: ComponentRef;
    status: "added" | "removed" | "existing";
    changes: ResourceChange[];
}

export type WarningKind = "stateful-replace" | "stateful-may-replace" | "stateful-delete" | "guarded";

export interface DiffWarning {
    kind: WarningKind;
    component: ComponentRef;
    urn: string;
    type: string;
    name: string;
    message: string;
    /** The resource carries `protect`: `pulumi up` refuses to replace or delete it. */
    protected: boolean;
}

/** The headline, custom resources only; the keys are DESIGN.md's diff JSON `counts`. */
export interface ChangeCounts {
    create: number;
    update: number;
    replace: number;
    mayReplace: number;
    delete: number;
}

export interface StackDiff {
    stack: string;
    cloud: string;
    environment: string;
    base: Plan;
    head: Plan;
    changes: ResourceChange[];
    components: ComponentChanges[];
    /** Custom resources only (component resources hold nothing). */
    counts: ChangeCounts;
    policy: { introduced: PlanViolation[]; fixed: PlanViolation[] };
    /** Stateful replaces/deletes first, then weakened guarded settings. */
    warnings: DiffWarning[];
    /** Things the reader should know about how this diff was made (e.g. the base could not be planned). */
    notes: string[];
}

const COMPONENT_PREFIX = "platform:components:";
const STACK_GROUP: ComponentRef = { key: "(stack)", kind: "", name: "(stack)" };

function componentOf(r: PlanResource, byUrn: Map<string, PlanResource>): ComponentRef {
    let cur: PlanResource | undefined = r;
    const seen = new Set<string>();
    while (cur && !seen.has(cur.urn)) {
        seen.add(cur.urn);
        if (!cur.custom && cur.type.startsWith(COMPONENT_PREFIX)) {
            const kind = cur.type.slice(COMPONENT_PREFIX.length);
            return { key: `${kind}:${cur.name}`, kind, name: cur.name };
        }
        cur = cur.parent ? byUrn.get(cur.parent) : undefined;
    }
    return STACK_GROUP;
}

/** `urn:pulumi:<stack>::<project>::<qualified type>::<name>` → parts. */
export function parseUrn(urn: string): { stack: string; project: string; qualifiedType: string; name: string } | undefined {
    const parts = urn.split("::");
    if (parts.length < 4 || !parts[0].startsWith("urn:pulumi:")) return undefined;
    return { stack: parts[0].slice("urn:pulumi:".length), project: parts[1], qualifiedType: parts[2], name: parts.slice(3).join("::") };
}

/**
 * The URNs a head resource's aliases stand for. The plan records an alias either as a URN or
 * as a spec `name=…,type=…,parent=…` / `noParent`, with omitted parts taken from the resource.
 */
export function aliasUrns(r: PlanResource): string[] {
    const own = parseUrn(r.urn);
    if (!own) return [];
    const result: string[] = [];
    for (const alias of r.options.aliases ?? []) {
        if (alias.startsWith("urn:pulumi:")) {
            result.push(alias);
            continue;
        }
        const spec: Record<string, string> = {};
        let noParent = false;
        for (const part of alias.split(",")) {
            if (part === "noParent") noParent = true;
            const eq = part.indexOf("=");
            if (eq > 0) spec[part.slice(0, eq)] = part.slice(eq + 1);
        }
        const name = spec.name ?? r.name;
        const type = spec.type ?? r.type;
        const parentUrn = noParent ? undefined : spec.parent ?? r.parent;
        const parentType = parentUrn ? parseUrn(parentUrn)?.qualifiedType : undefined;
        // The root stack resource is not a parent for URN purposes.
        const qualified = parentType && !parentType.startsWith("pulumi:pulumi:Stack") ? `${parentType}$${type}` : type;
        result.push(`urn:pulumi:${own.stack}::${own.project}::${qualified}::${name}`);
    }
    return result;
}

/** Neither unknown nor secret: a value whose change can be judged (absent counts as a value). */
function isConcrete(v: unknown): boolean {
    return v !== UNKNOWN_MARK && v !== SECRET_MARK;
}

function optionsView(r: PlanResource): Record<string, unknown> {
    const o: Record<string, unknown> = { protect: r.options.protect, retainOnDelete: r.options.retainOnDelete };
    if (r.options.provider !== undefined) o.provider = r.options.provider;
    return o;
}

/** What a change of `path` from `before` to `after` does to a resource of `type`, and why. */
function forcesReplace(type: string, custom: boolean, path: string, before: unknown, after: unknown): { forcesReplace: boolean | null; reason?: string } {
    if (!custom) return { forcesReplace: false }; // components hold nothing: their children say what happens
    const { effect, matched } = propertyEffect(type, path);
    if (effect === "update") return { forcesReplace: false };
    if (effect === "replace") {
        const what = matched === path ? `\`${path}\` changed, which forces replacement` : `\`${path}\` changed, part of \`${matched}\`, which forces replacement`;
        if (isConcrete(before) && isConcrete(after)) return { forcesReplace: true, reason: what };
        return { forcesReplace: null, reason: `\`${path}\` forces replacement if its value changes, and it is ${before === SECRET_MARK || after === SECRET_MARK ? "secret" : "known only after apply"}` };
    }
    return { forcesReplace: null, reason: matched ? `\`${path}\` changed: the provider decides from live values whether \`${matched}\` replaces` : `\`${path}\` changed: not known to be updatable in place` };
}

export function propertyChanges(before: PlanResource, after: PlanResource): PropertyChange[] {
    const a = flatten(before.inputs);
    const b = flatten(after.inputs);
    flatten(optionsView(before), "options", a);
    flatten(optionsView(after), "options", b);
    // Classified against the head's type (the same type on both sides: a type change is a new URN).
    const changes: PropertyChange[] = [];
    for (const [path, value] of b) {
        if (!a.has(path)) changes.push({ path, after: value, forcesReplace: null });
        else if (!sameValue(a.get(path), value)) changes.push({ path, before: a.get(path), after: value, forcesReplace: null });
    }
    for (const [path, value] of a) if (!b.has(path)) changes.push({ path, before: value, forcesReplace: null });
    return changes;
}

function change(kind: ChangeKind, r: PlanResource, component: ComponentRef, extra: Partial<ResourceChange> = {}): ResourceChange {
    return {
        kind,
        urn: r.urn,
        type: r.type,
        name: r.name,
        custom: r.custom,
        component,
        stateful: isStateful(r.type),
        protected: r.options.protect,
        reasons: [],
        properties: [],
        highlights: [],
        weakenings: [],
        ...extra,
    };
}

function pairedChange(base: PlanResource, head: PlanResource, component: ComponentRef, urnReplace: boolean): ResourceChange {
    const properties = propertyChanges(base, head);
    const reasons: string[] = [];
    const doubts: string[] = [];
    if (urnReplace) reasons.push(`URN changed from ${base.name} to ${head.name} without an alias listing the old URN`);
    for (const p of properties) {
        const verdict = forcesReplace(head.type, head.custom, p.path, p.before, p.after);
        p.forcesReplace = verdict.forcesReplace;
        if (verdict.forcesReplace === true) reasons.push(verdict.reason!);
        else if (verdict.forcesReplace === null) doubts.push(verdict.reason!);
    }
    const kind: ChangeKind = reasons.length > 0 ? "replace" : doubts.length > 0 ? "may-replace" : "update";
    if (kind === "may-replace") reasons.push(...doubts);
    const weakenings = properties.map((p) => weakening(p.path, p.before, p.after)).filter((w): w is GuardedWeakening => w !== undefined);
    const result = change(kind, head, component, { properties, reasons, weakenings, protected: base.options.protect });
    if (base.urn !== head.urn) {
        result.previousUrn = base.urn;
        if (base.name !== head.name) result.previousName = base.name;
        result.renamedByAlias = !urnReplace;
    }
    return result;
}

const violationKey = (v: PlanViolation) => `${v.policy}\u0000${v.urn}`;

export function comparePlans(base: Plan, head: Plan, notes: string[] = []): StackDiff {
    const baseByUrn = new Map(base.resources.map((r) => [r.urn, r]));
    const headByUrn = new Map(head.resources.map((r) => [r.urn, r]));
    const headComponent = (r: PlanResource) => componentOf(r, headByUrn);
    const baseComponent = (r: PlanResource) => componentOf(r, baseByUrn);

    const changes: ResourceChange[] = [];
    const matchedBase = new Set<string>();
    const pending: PlanResource[] = [];

    // 1. Same URN, or an alias naming a base URN: the same resource.
    for (const r of head.resources) {
        const same = baseByUrn.get(r.urn);
        if (same) {
            matchedBase.add(same.urn);
            const c = pairedChange(same, r, headComponent(r), false);
            if (c.properties.length > 0 || c.reasons.length > 0) changes.push(c);
            continue;
        }
        const aliased = aliasUrns(r).map((u) => baseByUrn.get(u)).find((b) => b && !headByUrn.has(b.urn) && !matchedBase.has(b.urn));
        if (aliased) {
            matchedBase.add(aliased.urn);
            changes.push(pairedChange(aliased, r, headComponent(r), false));
            continue;
        }
        pending.push(r);
    }
    const removed = base.resources.filter((r) => !matchedBase.has(r.urn));

    // 2. A stateful URN that disappears while one of the same type appears in the same
    //    component, with no alias: Pulumi deletes the old one and creates a new, empty one.
    const unpairedBase = new Set(removed.map((r) => r.urn));
    for (const r of pending) {
        const comp = headComponent(r);
        const old = r.custom && isStateful(r.type)
            ? removed.find((b) => unpairedBase.has(b.urn) && b.type === r.type && baseComponent(b).key === comp.key)
            : undefined;
        if (old) {
            unpairedBase.delete(old.urn);
            changes.push(pairedChange(old, r, comp, true));
        } else {
            changes.push(change("create", r, comp, { highlights: r.custom ? highlights(r) : [], protected: false }));
        }
    }
    for (const r of removed) {
        if (unpairedBase.has(r.urn)) changes.push(change("delete", r, baseComponent(r), { highlights: r.custom ? highlights(r) : [] }));
    }

    // Group by component, components in head order, removed ones after, the stack group last.
    const order: ComponentRef[] = [];
    const status = new Map<string, ComponentChanges["status"]>();
    const note = (ref: ComponentRef, s: ComponentChanges["status"]) => {
        if (!order.some((o) => o.key === ref.key)) order.push(ref);
        if (!status.has(ref.key) || s !== "existing") status.set(ref.key, s);
    };
    for (const r of head.resources) if (!r.custom && r.type.startsWith(COMPONENT_PREFIX)) note(headComponent(r), "existing");
    for (const r of base.resources) if (!r.custom && r.type.startsWith(COMPONENT_PREFIX)) note(baseComponent(r), "existing");
    for (const c of changes) {
        if (!c.custom && c.type.startsWith(COMPONENT_PREFIX)) note(c.component, c.kind === "create" ? "added" : c.kind === "delete" ? "removed" : "existing");
    }
    note(STACK_GROUP, "existing");
    const components: ComponentChanges[] = order
        .map((ref) => ({ component: ref, status: status.get(ref.key) ?? "existing", changes: changes.filter((c) => c.component.key === ref.key) }))
        .filter((g) => g.changes.length > 0);

    const custom = changes.filter((c) => c.custom);
    const count = (kind: ChangeKind) => custom.filter((c) => c.kind === kind).length;
    const counts: ChangeCounts = { create: count("create"), update: count("update"), replace: count("replace"), mayReplace: count("may-replace"), delete: count("delete") };

    const baseViolations = new Set(base.policy.violations.map(violationKey));
    const headViolations = new Set(head.policy.violations.map(violationKey));
    const policy = {
        introduced: head.policy.violations.filter((v) => !baseViolations.has(violationKey(v))),
        fixed: base.policy.violations.filter((v) => !headViolations.has(violationKey(v))),
    };

    const warnings: DiffWarning[] = [];
    const ordered = components.flatMap((g) => g.changes).filter((c) => c.custom);
    for (const c of ordered) {
        const what = statefulLabel(c.type);
        const w = (kind: WarningKind, message: string) => warnings.push({ kind, component: c.component, urn: c.urn, type: c.type, name: c.name, message, protected: c.protected });
        if (!c.stateful) continue;
        if (c.kind === "replace") w("stateful-replace", statefulMessage(c, `${what} ${c.name} would be REPLACED (${c.reasons.join("; ")})`));
        else if (c.kind === "may-replace") w("stateful-may-replace", statefulMessage(c, `${what} ${c.name} MAY BE REPLACED (${c.reasons.join("; ")}); the offline tables cannot rule it out, the real preview decides`));
        else if (c.kind === "delete") w("stateful-delete", statefulMessage(c, `${what} ${c.name} would be DELETED`));
    }
    for (const c of ordered) {
        for (const weak of c.weakenings) {
            warnings.push({ kind: "guarded", component: c.component, urn: c.urn, type: c.type, name: c.name, message: `${c.name}: ${weak.message}`, protected: c.protected });
        }
        const guarded = c.kind === "delete" ? guardLabel(c.type) : undefined;
        if (guarded) {
            warnings.push({ kind: "guarded", component: c.component, urn: c.urn, type: c.type, name: c.name, message: `${c.name}: ${guarded} removed`, protected: c.protected });
        }
    }

    return { stack: head.stack || base.stack, cloud: head.cloud || base.cloud, environment: head.environment || base.environment, base, head, changes, components, counts, policy, warnings, notes };
}

/**
 * The consequence and the way out, said plainly. A protected resource is never deleted by
 * `pulumi up`: the engine refuses the replace/delete and the deploy fails, so the data is safe
 * but the change cannot ship as it is.
 */
function statefulMessage(c: ResourceChange, what: string): string {
    const consequence = c.protected
        ? "It is protected (`protect: true`), so `pulumi up` refuses to delete it and the deploy fails; nothing is lost, but the change cannot ship as it is."
        : c.kind === "delete" ? "It is not protected: `pulumi up` deletes it and its data." : "It is not protected: `pulumi up` creates a new, empty one and deletes the old one with its data.";
    const rename = c.kind === "delete" ? "If it moved or was renamed, add an `aliases` entry naming the old one, so Pulumi moves it instead" : "If this is a rename, add an `aliases` entry naming the old URN, so Pulumi moves it instead; if a create-only property changed, keep its old value";
    const deliberate = `${c.protected ? "migrate the data first, unprotect it deliberately (`pulumi state unprotect`), " : "migrate the data first, "}and rerun with --allow-stateful-replace`;
    return `${what}. ${consequence} ${rename}. If the ${c.kind === "delete" ? "deletion" : "replacement"} is intended: ${deliberate}.`;
}

/** An empty plan for a side that does not exist (e.g. the base could not be planned). */
export function emptyPlan(stack: string, cloud: string, environment: string): Plan {
    return { stack, cloud, environment, resources: [], outputs: {}, policy: { violations: [] } };
}

export function stackTitle(d: Pick<StackDiff, "stack" | "cloud" | "environment">): string {
    return `${d.environment || d.stack} · ${d.cloud}`;
}

/** `3 to add, 1 to change, 1 to replace, 2 may replace, 2 to delete, policy +1/-0` */
export function summaryLine(d: StackDiff): string {
    const c = d.counts;
    return `${c.create} to add, ${c.update} to change, ${c.replace} to replace, ${c.mayReplace} may replace, ${c.delete} to delete, policy +${d.policy.introduced.length}/-${d.policy.fixed.length}`;
}

/** Stateful resources that would be (or may be) replaced or deleted: what makes the diff exit 1. */
export function statefulLosses(d: StackDiff): DiffWarning[] {
    return d.warnings.filter((w) => w.kind !== "guarded");
}

/** The exit-code rule: 1 when any stateful resource would be replaced or deleted, unless overridden. */
export function diffExitCode(diffs: StackDiff[], allowStatefulReplace: boolean): number {
    return !allowStatefulReplace && diffs.some((d) => statefulLosses(d).length > 0) ? 1 : 0;
}

/** Display form of a property value: absent, unknown and secret stay recognisable. */
export function displayValue(v: unknown, max = 160): string {
    if (v === undefined) return "(none)";
    if (v === UNKNOWN_MARK) return "(known after apply)";
    const s = typeof v === "string" ? v : JSON.stringify(v);
    return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** Everything one `npm run diff` reports: the stacks compared and the ones that could not be. */
export interface DiffReport {
    /** What the base side is (`origin/main`, `base.json`). */
    baseLabel: string;
    headLabel: string;
    stacks: StackDiff[];
    /** (stack, cloud) pairs not compared, and why. */
    skipped: { stack: string; cloud: string; reason: string }[];
    allowStatefulReplace: boolean;
    /** The CI run that produced the report, linked from the comment. */
    runUrl?: string;
}

export function reportExitCode(report: DiffReport): number {
    return diffExitCode(report.stacks, report.allowStatefulReplace);
}
