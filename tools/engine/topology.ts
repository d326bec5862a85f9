import { CATALOG, definitionOfType } from "../../components/catalog";
import type { ComponentRole } from "../../components/definition";
import type { Plan, PlanResource } from "./plan";
import { flatten } from "./diff/flatten";

/**
 * The platform topology of one plan as a Mermaid flowchart: one box per component, and the
 * traffic and data flow between components:
 * Internet → load balancer → each HTTP service → database / cache / object store, with
 * monitoring watching the entry point and the data tier.
 *
 * The flow is read from the plan itself, not assumed: a service is behind the load balancer
 * when the load balancer's children name it (target groups, backends, routes), and it uses a
 * data component when its children carry that component's binding (the DATABASE_HOST /
 * REDIS_HOST / OBJECT_STORE_BUCKET variables, or the endpoint the stack exports). Only a
 * service with no binding evidence at all falls back to the component contract (every
 * service is handed every binding). Which kind is the entry point, a service, a data component
 * (and its binding's variable and output) or the observer is read from components/catalog.ts.
 */

const COMPONENT_PREFIX = "platform:components:";

export interface TopologyNode {
    id: string;
    label: string;
}

export interface TopologyGroup {
    id: string;
    /** Component kind (`Database`) and logical name (`database`). */
    kind: string;
    name: string;
}

export interface TopologyEdge {
    from: string;
    to: string;
    label: string;
    style: "solid" | "dotted";
}

export interface Topology {
    entry?: TopologyNode;
    groups: TopologyGroup[];
    edges: TopologyEdge[];
}

export interface TopologyOptions {
    /** Component names to outline as risky (stateful replace/delete, weakened setting). */
    risk?: string[];
    /** Component name → what changes in it (`2 replace, 1 update`); the others are drawn muted. */
    changed?: Record<string, string>;
}

export function nodeId(...parts: string[]): string {
    return parts.map((p) => p.replace(/[^A-Za-z0-9]+/g, "_")).join("__");
}

function mentions(haystack: string[], needle: string): boolean {
    if (!needle) return false;
    const re = new RegExp(`(^|[^A-Za-z0-9])${needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^A-Za-z0-9])`, "i");
    return haystack.some((s) => re.test(s));
}

function stringsOf(resources: PlanResource[]): string[] {
    const out: string[] = [];
    for (const r of resources) {
        out.push(r.name);
        for (const v of flatten(r.inputs).values()) if (typeof v === "string") out.push(v);
        for (const [k, v] of Object.entries(r.inputs)) if (typeof v === "string" && !out.includes(v)) out.push(`${k}=${v}`);
    }
    return out;
}

/** A component kind's role in the catalog; a kind the catalog does not know (an older plan's) draws as foundation. */
function roleOf(kind: string): ComponentRole {
    return definitionOfType(COMPONENT_PREFIX + kind)?.role ?? "foundation";
}

export function topologyOf(plan: Plan): Topology {
    const components = plan.resources.filter((r) => !r.custom && r.type.startsWith(COMPONENT_PREFIX));
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const owner = (r: PlanResource): PlanResource | undefined => {
        let cur = r.parent ? byUrn.get(r.parent) : undefined;
        while (cur && !(cur.type.startsWith(COMPONENT_PREFIX) && !cur.custom)) cur = cur.parent ? byUrn.get(cur.parent) : undefined;
        return cur;
    };
    const members = new Map<string, PlanResource[]>(components.map((c) => [c.urn, []]));
    for (const r of plan.resources) {
        if (!r.custom) continue;
        const c = owner(r);
        if (c) members.get(c.urn)!.push(r);
    }

    const groups: TopologyGroup[] = components.map((c) => ({ id: nodeId("c", c.name), kind: c.type.slice(COMPONENT_PREFIX.length), name: c.name }));

    const edges: TopologyEdge[] = [];
    const ofKind = (kind: string) => groups.filter((g) => g.kind === kind);
    const ofRole = (role: ComponentRole) => groups.filter((g) => roleOf(g.kind) === role);
    const lbs = ofRole("entry");
    const services = ofRole("service");
    const data = CATALOG.flatMap((d) => (d.binding ? [{ kind: d.kind as string, ...d.binding }] : []));
    const entry = lbs.length > 0 ? { id: "internet", label: "Internet" } : undefined;
    const stringsFor = (g: TopologyGroup) => stringsOf(members.get(components.find((c) => c.name === g.name && c.type === COMPONENT_PREFIX + g.kind)!.urn) ?? []);

    for (const lb of lbs) {
        edges.push({ from: "internet", to: lb.id, label: "HTTPS", style: "solid" });
        const lbStrings = stringsFor(lb);
        for (const svc of services) {
            const short = svc.name.replace(/^service-/, "");
            if (mentions(lbStrings, short)) edges.push({ from: lb.id, to: svc.id, label: "HTTP", style: "solid" });
        }
    }
    for (const svc of services) {
        const svcStrings = stringsFor(svc);
        const found = data.flatMap((d) => {
            const exported = plan.outputs[d.output];
            const evidence = svcStrings.some((s) => s.includes(d.env)) || (typeof exported === "string" && exported.length > 3 && !exported.startsWith("[") && svcStrings.some((s) => s.includes(exported)));
            return evidence ? [d] : [];
        });
        for (const d of found.length > 0 ? found : data) {
            // Unlabelled: the target box names what it is, and nine labels would widen the row past 900 px.
            for (const target of ofKind(d.kind)) edges.push({ from: svc.id, to: target.id, label: "", style: "solid" });
        }
    }
    for (const mon of ofRole("observer")) {
        for (const g of groups.filter((g) => definitionOfType(COMPONENT_PREFIX + g.kind)?.alerted)) edges.push({ from: mon.id, to: g.id, label: "alerts", style: "dotted" });
    }
    return { entry, groups, edges };
}

function quote(label: string): string {
    return `"${label.replace(/"/g, "#quot;")}"`;
}

/**
 * The Mermaid source (without the ``` fence): one box per component, top-down (entry point,
 * load balancer, services, data tier), so it reads at a pull-request comment's ~900 px
 * width instead of shrinking a left-to-right chain. Changed components carry what changes in
 * them; risky ones are red, changed ones yellow, the rest muted grey.
 */
export function renderMermaid(plan: Plan, options: TopologyOptions = {}): string {
    const t = topologyOf(plan);
    const changed = options.changed ?? {};
    const risk = new Set(options.risk ?? []);
    const lines = ["flowchart TD"];
    if (t.entry) lines.push(`    ${t.entry.id}((${quote(t.entry.label)}))`);
    for (const g of t.groups) {
        const summary = changed[g.name];
        lines.push(`    ${g.id}[${quote(`${g.kind}<br/>${g.name}${summary ? `<br/><i>${summary}</i>` : ""}`)}]`);
    }
    for (const e of t.edges) {
        const label = e.label ? `|${quote(e.label)}|` : "";
        lines.push(`    ${e.from} ${e.style === "dotted" ? "-.->" : "-->"}${label} ${e.to}`);
    }
    // Components with no flow (network, cluster) would crowd the top row: hang them, invisibly, below the data tier.
    const linked = new Set(t.edges.flatMap((e) => [e.from, e.to]));
    const anchor = [...t.groups].reverse().find((g) => linked.has(g.id) && roleOf(g.kind) === "data");
    if (anchor) for (const g of t.groups) if (!linked.has(g.id)) lines.push(`    ${anchor.id} ~~~ ${g.id}`);
    const classes: [string, string, (g: TopologyGroup) => boolean][] = [
        ["risk", "fill:#ffebe9,stroke:#cf222e,stroke-width:3px,color:#1f2328", (g) => risk.has(g.name)],
        ["changed", "fill:#fff8c5,stroke:#9a6700,stroke-width:2px,color:#1f2328", (g) => !risk.has(g.name) && g.name in changed],
        ["unchanged", "fill:#f6f8fa,stroke:#d0d7de,color:#656d76", (g) => !risk.has(g.name) && !(g.name in changed)],
    ];
    for (const [name, style, member] of classes) {
        const ids = t.groups.filter(member).map((g) => g.id);
        if (ids.length === 0) continue;
        lines.push(`    classDef ${name} ${style}`);
        lines.push(`    class ${ids.join(",")} ${name}`);
    }
    return lines.join("\n") + "\n";
}
