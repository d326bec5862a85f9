import { CATALOG } from "../../components/catalog";
import type { Plan, PlanResource } from "../../tools/engine/plan";
import type { TopologyDefinition } from "../../tools/engine/topology";

/**
 * Catalogs the program does not have yet, for the topology's layout specs: a real plan with its
 * data tier cut down to `data` components or grown to it with made-up ones (each a catalog
 * definition with a binding, a component with one cloud resource, and its variable on every
 * service, as a real binding puts it there). The services come from the plan itself (a plan of
 * one, three or six services is a real plan: `servicesConfig` below).
 */

const PREFIX = "platform:components:";

/** The most data components the layout is held to (the topology's claim, whatever the catalog holds). */
export const MAX_DATA = 6;

/**
 * Made-up data components, named as long as real ones are (KubernetesCluster is the longest
 * kind there is), to fill the data tier up to MAX_DATA. One the catalog has (a real Queue
 * added later) is left out, so a fixture never shadows a real component.
 */
const STAND_INS = [
    { kind: "Queue", name: "queue", env: "QUEUE_URL", output: "queueUrl" },
    { kind: "SearchIndex", name: "search-index", env: "SEARCH_INDEX_URL", output: "searchIndexUrl" },
    { kind: "EventStream", name: "event-stream", env: "EVENT_STREAM_NAME", output: "eventStreamName" },
    { kind: "VectorStore", name: "vector-store", env: "VECTOR_STORE_URL", output: "vectorStoreUrl" },
    { kind: "MetricsVault", name: "metrics-vault", env: "METRICS_VAULT_URL", output: "metricsVaultUrl" },
] as const;
const REAL_DATA = CATALOG.filter((d) => d.role === "data").length;
const EXTRA_DATA = STAND_INS.filter((s) => !CATALOG.some((d) => (d.kind as string) === s.kind)).slice(0, Math.max(0, MAX_DATA - REAL_DATA));
if (REAL_DATA + EXTRA_DATA.length < MAX_DATA) throw new Error(`topology-shapes: ${REAL_DATA} real and ${EXTRA_DATA.length} stand-in data components do not reach ${MAX_DATA}; add a stand-in`);

/** `platform:services=…` for `count` services, each behind the load balancer but the worker (the most edges there can be). */
export function servicesConfig(count: number): string {
    // The last three as long as a service key may be (10 characters): the widest boxes there can be.
    const names = ["api", "web", "worker", "ledgerfeed", "notifyuser", "reportsgen"];
    if (count > names.length) throw new Error(`servicesConfig: at most ${names.length} services, asked for ${count}`);
    const services = Object.fromEntries(
        names.slice(0, count).map((name, i) => [name, { image: `ghcr.io/acme/${name}:1.4.2`, port: 8080 + i, ...(name === "worker" ? {} : { http: { pathPrefix: `/${name}` } }) }]),
    );
    return `platform:services=${JSON.stringify(services)}`;
}

export interface Shape {
    plan: Plan;
    definitions: readonly TopologyDefinition[];
    /** Logical names of the data components drawn. */
    data: string[];
}

/** `plan` with exactly `count` data components (1 to MAX_DATA): the catalog's first ones, then made-up ones. */
export function withDataComponents(plan: Plan, count: number): Shape {
    const realKinds = CATALOG.filter((d) => d.role === "data").map((d) => d.kind as string);
    if (count < 1 || count > MAX_DATA) throw new Error(`withDataComponents: 1 to ${MAX_DATA} data components, asked for ${count}`);
    const dropped = new Set(realKinds.slice(count).map((k) => PREFIX + k));
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const under = (r: PlanResource): boolean => {
        for (let cur: PlanResource | undefined = r; cur; cur = cur.parent ? byUrn.get(cur.parent) : undefined) if (!cur.custom && dropped.has(cur.type)) return true;
        return false;
    };
    const resources = structuredClone(plan.resources).filter((r) => !under(r));
    const extras = EXTRA_DATA.slice(0, Math.max(0, count - realKinds.length));
    const stack = plan.resources[0].urn.split("::").slice(0, 2).join("::");
    const outputs = structuredClone(plan.outputs);
    for (const x of extras) {
        const urn = `${stack}::${PREFIX}${x.kind}::${x.name}`;
        const value = `acme-${plan.environment}-${x.name}`;
        resources.push({ urn, type: PREFIX + x.kind, name: x.name, custom: false, inputs: {}, options: { protect: false, retainOnDelete: false } });
        resources.push({ urn: `${urn}$${plan.cloud}:made-up:${x.kind}::${x.name}-main`, type: `${plan.cloud}:made-up:${x.kind}`, name: `${x.name}-main`, parent: urn, custom: true, inputs: { name: value }, options: { protect: true, retainOnDelete: false } });
        outputs[x.output] = value;
        for (const svc of plan.resources.filter((r) => !r.custom && r.type === `${PREFIX}ComputeService`)) {
            resources.push({
                urn: `${svc.urn}$${plan.cloud}:made-up:Binding::${svc.name}-${x.name}`, type: `${plan.cloud}:made-up:Binding`, name: `${svc.name}-${x.name}`, parent: svc.urn, custom: true,
                inputs: { environment: [{ name: x.env, value }] }, options: { protect: false, retainOnDelete: false },
            });
        }
    }
    const definitions: TopologyDefinition[] = [...CATALOG, ...extras.map((x) => ({ kind: x.kind, type: PREFIX + x.kind, role: "data" as const, alerted: true, binding: { env: x.env, output: x.output } }))];
    const data = resources.filter((r) => !r.custom && definitions.some((d) => d.role === "data" && d.type === r.type)).map((r) => r.name);
    return { plan: { ...structuredClone(plan), resources, outputs }, definitions, data };
}

/**
 * `shape` with no evidence left that `service` uses the data components of `kinds`: their
 * binding's variable and their stack output's value are gone from everything under it, as in a
 * plan whose service was never handed that binding.
 */
export function withoutBindings(shape: Shape, service: string, kinds: readonly string[]): Shape {
    const plan = structuredClone(shape.plan);
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    const root = plan.resources.find((r) => !r.custom && r.name === service);
    if (!root) throw new Error(`withoutBindings: no component named ${service}`);
    const under = (r: PlanResource): boolean => {
        for (let cur = r.parent ? byUrn.get(r.parent) : undefined; cur; cur = cur.parent ? byUrn.get(cur.parent) : undefined) if (cur === root) return true;
        return false;
    };
    const evidence = shape.definitions.filter((d) => kinds.includes(d.kind) && d.binding).flatMap((d) => [d.binding!.env, plan.outputs[d.binding!.output]].filter((s): s is string => typeof s === "string" && s.length > 3));
    if (evidence.length === 0) throw new Error(`withoutBindings: no binding among ${kinds.join(", ")}`);
    for (const r of plan.resources.filter(under)) {
        let text = JSON.stringify(r.inputs);
        evidence.forEach((s, i) => (text = text.split(s).join(`UNBOUND_${i}`)));
        r.inputs = JSON.parse(text);
    }
    return { ...shape, plan };
}
