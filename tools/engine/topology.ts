import { CATALOG } from "../../components/catalog";
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
    /** Its role in the catalog (components/definition.ts); the layout places it by role. */
    role: ComponentRole;
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

/**
 * What the topology reads of a catalog entry: components/catalog.ts's entries are these. A spec
 * hands the topology more of them (a fifth data component) to draw catalogs the program does not have yet.
 */
export interface TopologyDefinition {
    readonly kind: string;
    readonly type: string;
    readonly role: ComponentRole;
    readonly alerted: boolean;
    /** The plain variable and stack output that show a service uses it (components/binding.ts). */
    readonly binding?: { readonly env: string; readonly output: string };
}

export interface TopologyOptions {
    /** The catalog to read roles, bindings and alerts from; components/catalog.ts's unless a spec says otherwise. */
    definitions?: readonly TopologyDefinition[];
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

/** A component kind's catalog entry (undefined for a kind the catalog does not know: an older plan's). */
function definitionOf(definitions: readonly TopologyDefinition[], kind: string): TopologyDefinition | undefined {
    return definitions.find((d) => d.type === COMPONENT_PREFIX + kind);
}

export function topologyOf(plan: Plan, definitions: readonly TopologyDefinition[] = CATALOG): Topology {
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

    const groups: TopologyGroup[] = components.map((c) => {
        const kind = c.type.slice(COMPONENT_PREFIX.length);
        // A kind the catalog does not know draws as foundation.
        return { id: nodeId("c", c.name), role: definitionOf(definitions, kind)?.role ?? "foundation", kind, name: c.name };
    });

    const edges: TopologyEdge[] = [];
    const ofKind = (kind: string) => groups.filter((g) => g.kind === kind);
    const ofRole = (role: ComponentRole) => groups.filter((g) => g.role === role);
    const lbs = ofRole("entry");
    const services = ofRole("service");
    const data = definitions.flatMap((d) => (d.binding ? [{ kind: d.kind as string, ...d.binding }] : []));
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
        for (const g of groups.filter((g) => definitionOf(definitions, g.kind)?.alerted)) edges.push({ from: mon.id, to: g.id, label: "alerts", style: "dotted" });
    }
    return { entry, groups, edges };
}

function quote(label: string): string {
    return `"${label.replace(/"/g, "#quot;")}"`;
}

/**
 * How many boxes a row of a subgraph holds. Mermaid wraps a box's text, so a box stays narrow
 * whatever it says, and three of them side by side, with what passes beside them, stay within
 * a pull-request comment's ~870 px (tests/topology-layout.spec.ts measures every shape in Chromium).
 */
const PER_ROW = 3;

/** A subgraph of the diagram: the data tier, or the services behind the same entry points. */
interface Cluster {
    id: string;
    title: string;
    members: TopologyGroup[];
}

/**
 * The subgraphs: one per set of entry points the services are behind (those with no route in
 * one of their own), and the data tier in catalog order. Only edges to or from a subgraph
 * itself, never to a box inside it, are drawn: Mermaid then lays each subgraph out on its own
 * (its rows below), where an edge into a box would make dagre route every edge to a second row
 * through the first as waypoints, which is what widened four data components to 908 px.
 */
function clustersOf(t: Topology, definitions: readonly TopologyDefinition[]): Cluster[] {
    const entries = t.groups.filter((g) => g.role === "entry");
    const behind = new Map<string, TopologyGroup[]>();
    for (const svc of t.groups.filter((g) => g.role === "service")) {
        const key = entries.filter((lb) => t.edges.some((e) => e.from === lb.id && e.to === svc.id)).map((lb) => lb.id).join(",");
        behind.set(key, [...(behind.get(key) ?? []), svc]);
    }
    const clusters: Cluster[] = [...behind].map(([key, members]) => {
        const lbs = entries.filter((lb) => key.split(",").includes(lb.id));
        const title = lbs.length === 0 ? (entries.length > 0 ? "Services with no route" : "Services") : entries.length === 1 ? "Services behind the load balancer" : `Services behind ${lbs.map((lb) => lb.name).join(", ")}`;
        return { id: nodeId("services", key || "none"), title, members };
    });
    // Routed ones first: they sit right below the load balancer.
    clusters.sort((a, b) => Number(a.id === nodeId("services", "none")) - Number(b.id === nodeId("services", "none")));
    const catalogOrder = (g: TopologyGroup) => definitions.indexOf(definitionOf(definitions, g.kind)!);
    const data = t.groups.filter((g) => g.role === "data").sort((a, b) => catalogOrder(a) - catalogOrder(b));
    if (data.length > 0) clusters.push({ id: nodeId("tier", "data"), title: "Data tier", members: data });
    return clusters;
}

/**
 * Invisible links laying a subgraph's boxes out in rows of PER_ROW (it is drawn left to right:
 * each row a chain, the rows stacked). A shorter row comes first: Mermaid draws a shorter chain
 * above the full ones whatever the order, so this is the order that keeps the boxes in reading order.
 */
function rows(ids: string[]): string[] {
    const first = ids.length % PER_ROW || PER_ROW;
    return ids.flatMap((id, i) => (i > 0 && i !== first && (i - first) % PER_ROW !== 0 ? [`${ids[i - 1]} ~~~ ${id}`] : []));
}

/** Invisible links hanging `ids` in rows of PER_ROW below `anchor`, in the diagram's own top-down layout. */
function hang(ids: string[], anchor: string | undefined): string[] {
    return ids.flatMap((id, i) => (i >= PER_ROW ? [`${ids[i - PER_ROW]} ~~~ ${id}`] : anchor ? [`${anchor} ~~~ ${id}`] : []));
}

/**
 * The topology's edges between the subgraphs their ends are in, each once. What an edge to one
 * box said is still said where a source reaches only some of a subgraph: on its edge when the
 * source is a box of its own with a labelled edge (Monitoring's "alerts on Database, Cache"), else
 * as a line in the source's box (a service whose plan shows only some bindings: "uses Database, ObjectStore").
 */
function foldInto(clusters: Cluster[], topologyEdges: TopologyEdge[]): { edges: TopologyEdge[]; notes: Map<string, string[]> } {
    const clusterOf = new Map(clusters.flatMap((c) => c.members.map((g) => [g.id, c] as const)));
    const edges = new Map<string, TopologyEdge>();
    const reached = new Map<string, { edge: TopologyEdge; source: string; label: string; cluster: Cluster; to: Set<string> }>();
    for (const e of topologyEdges) {
        const from = clusterOf.get(e.from)?.id ?? e.from;
        const into = clusterOf.get(e.to);
        const key = [from, into?.id ?? e.to, e.style, e.label].join(" ");
        if (!edges.has(key)) edges.set(key, { ...e, from, to: into?.id ?? e.to });
        if (!into) continue;
        const source = `${e.from} ${key}`;
        if (!reached.has(source)) reached.set(source, { edge: edges.get(key)!, source: e.from, label: e.label, cluster: into, to: new Set() });
        reached.get(source)!.to.add(e.to);
    }
    const notes = new Map<string, string[]>();
    for (const r of reached.values()) {
        if (r.to.size === r.cluster.members.length) continue;
        // A member by its kind, or kind and name where two share a kind.
        const names = r.cluster.members.filter((g) => r.to.has(g.id)).map((g) => (r.cluster.members.filter((o) => o.kind === g.kind).length > 1 ? `${g.kind} ${g.name}` : g.kind)).join(", ");
        if (r.label && !clusterOf.has(r.source)) r.edge.label = `${r.label} on ${names}`;
        else notes.set(r.source, [...(notes.get(r.source) ?? []), `${r.label || "uses"} ${names}`]);
    }
    return { edges: [...edges.values()], notes };
}

/**
 * The Mermaid source (without the ``` fence): one box per component, top-down (entry point,
 * load balancer, services, data tier), so it reads at a pull-request comment's ~900 px
 * width instead of shrinking a left-to-right chain. Changed components carry what changes in
 * them; risky ones are red, changed ones yellow, the rest muted grey.
 *
 * Its width does not grow with the catalog or the stack: the services and the data components
 * are subgraphs (clustersOf) in rows of PER_ROW, stacked, and the edges between components
 * become edges between their subgraphs (foldInto), saying no less.
 */
export function renderMermaid(plan: Plan, options: TopologyOptions = {}): string {
    const definitions = options.definitions ?? CATALOG;
    const t = topologyOf(plan, definitions);
    const changed = options.changed ?? {};
    const risk = new Set(options.risk ?? []);
    const clusters = clustersOf(t, definitions);
    const clusterOf = new Map(clusters.flatMap((c) => c.members.map((g) => [g.id, c] as const)));
    const { edges, notes } = foldInto(clusters, t.edges);

    const box = (g: TopologyGroup, indent: string) => {
        const lines = [g.kind, g.name, ...(notes.get(g.id) ?? []), ...(changed[g.name] ? [`<i>${changed[g.name]}</i>`] : [])];
        return `${indent}${g.id}[${quote(lines.join("<br/>"))}]`;
    };
    const lines = ["flowchart TD"];
    if (t.entry) lines.push(`    ${t.entry.id}((${quote(t.entry.label)}))`);
    for (const g of t.groups) if (!clusterOf.has(g.id)) lines.push(box(g, "    "));
    for (const c of clusters) {
        lines.push(`    subgraph ${c.id} [${quote(c.title)}]`, "        direction LR", ...c.members.map((g) => box(g, "        ")));
        lines.push(...rows(c.members.map((g) => g.id)).map((l) => `        ${l}`), "    end");
    }
    for (const e of edges) lines.push(`    ${e.from} ${e.style === "dotted" ? "-.->" : "-->"}${e.label ? `|${quote(e.label)}|` : ""} ${e.to}`);
    // The subgraphs one below the other, and the components with no flow (network, cluster, jobs) in rows below them all, not crowding the top row.
    const linked = new Set(edges.flatMap((e) => [e.from, e.to]));
    const loose = t.groups.filter((g) => !linked.has(g.id) && !clusterOf.has(g.id)).map((g) => g.id);
    const stack = clusters.map((c) => c.id);
    lines.push(...stack.slice(1).flatMap((id, i) => (edges.some((e) => e.from === stack[i] && e.to === id) ? [] : [`    ${stack[i]} ~~~ ${id}`])));
    lines.push(...hang(loose, stack[stack.length - 1]).map((l) => `    ${l}`));
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
    // A neutral frame: Mermaid's default subgraph fill reads like the yellow of a changed box.
    for (const c of clusters) lines.push(`    style ${c.id} fill:#ffffff,stroke:#8c959f,color:#1f2328`);
    return lines.join("\n") + "\n";
}
