import { BINDING_ENV } from "../../components/compute-service";
import type { Plan, PlanResource } from "./plan";
import { flatten } from "./diff/flatten";

/**
 * The platform topology of one plan as a Mermaid flowchart: one subgraph per component with
 * its children grouped by type, and the traffic and data flow between components:
 * Internet → load balancer → each HTTP service → database / cache / object store, with
 * monitoring watching the entry point and the data tier.
 *
 * The flow is read from the plan itself, not assumed: a service is behind the load balancer
 * when the load balancer's children name it (target groups, backends, routes), and it uses a
 * data component when its children carry that component's binding (the DATABASE_HOST /
 * REDIS_HOST / OBJECT_STORE_BUCKET variables, or the endpoint the stack exports). Only a
 * service with no binding evidence at all falls back to the component contract (every
 * service is handed all three bindings).
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
    label: string;
    children: TopologyNode[];
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
    /** Component names with any change. */
    changed?: string[];
}

export function nodeId(...parts: string[]): string {
    return parts.map((p) => p.replace(/[^A-Za-z0-9]+/g, "_")).join("__");
}

/** `aws:rds/instance:Instance` → `rds.Instance`; `azure-native:redis:Redis` → `redis.Redis`. */
export function shortType(type: string): string {
    const [, module = "", name = type] = type.split(":");
    return `${module.split("/")[0]}.${name}`;
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

    const groups: TopologyGroup[] = components.map((c) => {
        const kind = c.type.slice(COMPONENT_PREFIX.length);
        const id = nodeId("c", c.name);
        const byType = new Map<string, number>();
        for (const r of members.get(c.urn)!) byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
        const children = [...byType].map(([type, n]) => ({ id: nodeId("c", c.name, shortType(type)), label: n > 1 ? `${shortType(type)} ×${n}` : shortType(type) }));
        return { id, kind, name: c.name, label: `${kind}: ${c.name}`, children };
    });

    const edges: TopologyEdge[] = [];
    const ofKind = (kind: string) => groups.filter((g) => g.kind === kind);
    const lbs = ofKind("LoadBalancer");
    const services = ofKind("ComputeService");
    const data: { kind: string; label: string; env: string; output: string }[] = [
        { kind: "Database", label: "SQL", env: BINDING_ENV.databaseHost, output: "databaseEndpoint" },
        { kind: "Cache", label: "Redis", env: BINDING_ENV.cacheHost, output: "cacheEndpoint" },
        { kind: "ObjectStore", label: "objects", env: BINDING_ENV.bucket, output: "bucketName" },
    ];
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
            for (const target of ofKind(d.kind)) edges.push({ from: svc.id, to: target.id, label: d.label, style: "solid" });
        }
    }
    for (const mon of ofKind("Monitoring")) {
        for (const g of groups.filter((g) => ["LoadBalancer", "Database", "Cache"].includes(g.kind))) edges.push({ from: mon.id, to: g.id, label: "alerts", style: "dotted" });
    }
    return { entry, groups, edges };
}

function quote(label: string): string {
    return `"${label.replace(/"/g, "#quot;")}"`;
}

/** The Mermaid source (without the ``` fence). */
export function renderMermaid(plan: Plan, options: TopologyOptions = {}): string {
    const t = topologyOf(plan);
    const lines = ["flowchart LR"];
    if (t.entry) lines.push(`    ${t.entry.id}((${quote(t.entry.label)}))`);
    for (const g of t.groups) {
        lines.push(`    subgraph ${g.id}[${quote(g.label)}]`);
        lines.push("        direction TB");
        for (const c of g.children) lines.push(`        ${c.id}[${quote(c.label)}]`);
        lines.push("    end");
    }
    for (const e of t.edges) lines.push(`    ${e.from} ${e.style === "dotted" ? "-.->" : "-->"}|${quote(e.label)}| ${e.to}`);
    const risk = t.groups.filter((g) => options.risk?.includes(g.name));
    const changed = t.groups.filter((g) => options.changed?.includes(g.name) && !options.risk?.includes(g.name));
    if (risk.length > 0) {
        lines.push("    classDef risk stroke:#d73a49,stroke-width:4px");
        lines.push(`    class ${risk.map((g) => g.id).join(",")} risk`);
    }
    if (changed.length > 0) {
        lines.push("    classDef changed stroke:#dbab09,stroke-width:3px");
        lines.push(`    class ${changed.map((g) => g.id).join(",")} changed`);
    }
    return lines.join("\n") + "\n";
}
