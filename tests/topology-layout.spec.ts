import * as assert from "assert";
import type { Plan } from "../tools/engine/plan";
import { renderMermaid, topologyOf, TopologyDefinition } from "../tools/engine/topology";
import { COMMENT_CONTENT_WIDTH, COMMENT_WIDTH, DiagramResult, legibilityProblems, renderInBrowser } from "./support/browser-render";
import { planFor } from "./support/harness";
import { Flowchart, parseFlowchart, subgraphOf } from "./support/mermaid-flowchart";
import { MAX_DATA, servicesConfig, withDataComponents, withoutBindings } from "./support/topology-shapes";

/**
 * The diff's topology for catalogs and stacks the program does not have: one to six services
 * (real plans) and one to six data components (the plan's own, cut down or grown with made-up
 * ones: tests/support/topology-shapes.ts), each drawn plain and with every box changed and the
 * data tier at risk, and rendered as a pull-request comment shows it (markdown-it, mermaid,
 * headless Chromium, as tests/diff-render.spec.ts does). Every diagram must fit the comment
 * without shrinking and say what the plan's topology says.
 */

const SERVICES = [1, 3, 6];
/** The longest summary a box can carry: every kind of change, two digits each. */
const BUSY = "12 replace, 12 may replace, 12 delete, 12 create, 12 update";

interface Drawn {
    title: string;
    plan: Plan;
    definitions: readonly TopologyDefinition[];
    src: string;
    chart: Flowchart;
}

function draw(title: string, plan: Plan, definitions: readonly TopologyDefinition[], busy: boolean, data: string[]): Drawn {
    const components = plan.resources.filter((r) => !r.custom && r.type.startsWith("platform:components:")).map((r) => r.name);
    const src = renderMermaid(plan, busy ? { definitions, risk: data, changed: Object.fromEntries(components.map((n) => [n, BUSY])) } : { definitions });
    return { title: `${title}${busy ? ", every box changed" : ""}`, plan, definitions, src, chart: parseFlowchart(src) };
}

/** A box's label as the browser shows it: one line per `<br/>`, no markup. */
const shownLines = (label: string) => label.split("<br/>").map((l) => l.replace(/<\/?i>/g, "").replace(/#quot;/g, '"'));

describe("topology layout: 1–6 services × 1–6 data components fit a pull-request comment (Mermaid in headless Chromium)", function () {
    this.timeout(300_000);
    const drawn: Drawn[] = [];
    let rendered: DiagramResult[] = [];

    before(async () => {
        for (const n of SERVICES) {
            const run = await planFor("production", "aws", ["platform:compute.runtime=kubernetes", servicesConfig(n)]);
            for (let m = 1; m <= MAX_DATA; m++) {
                const shape = withDataComponents(run.plan, m);
                for (const busy of [false, true]) drawn.push(draw(`${n} service(s), ${m} data component(s)`, shape.plan, shape.definitions, busy, shape.data));
            }
        }
        // Every service without a different one of its bindings: each box says which part of the tier it uses.
        const full = withDataComponents((await planFor("production", "aws", ["platform:compute.runtime=kubernetes", servicesConfig(6)])).plan, MAX_DATA);
        const kinds = full.definitions.filter((d) => d.role === "data").map((d) => d.kind);
        const services = full.plan.resources.filter((r) => !r.custom && r.type === "platform:components:ComputeService").map((r) => r.name);
        const partial = services.reduce((shape, svc, i) => withoutBindings(shape, svc, [kinds[i % kinds.length]]), full);
        drawn.push(draw("6 services each missing one binding, 6 data components", partial.plan, partial.definitions, true, partial.data));
        // And jobs, which have no flow in the diagram: they hang below the data tier with the network and the cluster.
        const jobs = Object.fromEntries(["migrate", "reindex", "backfill", "cleanupjob"].map((n) => [n, { image: `ghcr.io/acme/${n}:1.4.2`, command: ["run"] }]));
        const withJobs = withDataComponents((await planFor("production", "aws", ["platform:compute.runtime=kubernetes", servicesConfig(6), `platform:jobs=${JSON.stringify(jobs)}`])).plan, MAX_DATA);
        drawn.push(draw("6 services, 4 jobs, 6 data components", withJobs.plan, withJobs.definitions, true, withJobs.data));
        const markdown = drawn.map((d) => `### ${d.title}\n\n\`\`\`mermaid\n${d.src}\`\`\`\n`).join("\n");
        rendered = (await renderInBrowser(markdown, COMMENT_WIDTH, 180_000).result()).diagrams;
    });

    it("every component is one box; the services and the data tier are subgraphs, and no edge ends at a box inside one", () => {
        for (const d of drawn) {
            const t = topologyOf(d.plan, d.definitions);
            for (const g of t.groups) assert.deepStrictEqual(shownLines(d.chart.nodes.get(g.id) ?? "").slice(0, 2), [g.kind, g.name], `${d.title}: box ${g.id}`);
            const tier = subgraphOf(d.chart, t.groups.find((g) => g.role === "data")!.id)!;
            assert.deepStrictEqual([...d.chart.subgraphs.get(tier)!.members].sort(), t.groups.filter((g) => g.role === "data").map((g) => g.id).sort(), `${d.title}: the data tier`);
            for (const svc of t.groups.filter((g) => g.role === "service")) assert.ok(subgraphOf(d.chart, svc.id)?.startsWith("services__"), `${d.title}: ${svc.id} in a services subgraph`);
            const intoBox = d.chart.edges.filter((e) => !e.invisible && (subgraphOf(d.chart, e.from) || subgraphOf(d.chart, e.to)));
            assert.deepStrictEqual(intoBox, [], `${d.title}: edges to or from a box inside a subgraph (they widen the layout)`);
        }
    });

    it("the edges say what the plan's topology says: routes, bindings, alerts", () => {
        for (const d of drawn) {
            const t = topologyOf(d.plan, d.definitions);
            const tier = subgraphOf(d.chart, t.groups.find((g) => g.role === "data")!.id)!;
            // In the tier's order (the catalog's), as the labels name them.
            const data = d.chart.subgraphs.get(tier)!.members.map((id) => t.groups.find((g) => g.id === id)!);
            const edge = (from: string, to: string) => d.chart.edges.find((e) => !e.invisible && e.from === from && e.to === to);
            assert.strictEqual(edge("internet", "c__load_balancer")?.label, "HTTPS", d.title);
            for (const svc of t.groups.filter((g) => g.role === "service")) {
                const own = subgraphOf(d.chart, svc.id)!;
                const routed = t.edges.some((e) => e.from === "c__load_balancer" && e.to === svc.id);
                assert.strictEqual(edge("c__load_balancer", own)?.label, routed ? "HTTP" : undefined, `${d.title}: ${svc.id} ${routed ? "is" : "is not"} behind the load balancer`);
                assert.ok(edge(own, tier), `${d.title}: ${own} → the data tier`);
                const uses = data.filter((g) => t.edges.some((e) => e.from === svc.id && e.to === g.id)).map((g) => g.kind);
                const line = shownLines(d.chart.nodes.get(svc.id)!).find((l) => l.startsWith("uses "));
                assert.strictEqual(line, uses.length < data.length ? `uses ${uses.join(", ")}` : undefined, `${d.title}: what ${svc.id} says it uses`);
            }
            const alerted = data.filter((g) => t.edges.some((e) => e.from === "c__monitoring" && e.to === g.id && e.style === "dotted")).map((g) => g.kind);
            const alerts = edge("c__monitoring", tier);
            assert.ok(alerts?.dotted, `${d.title}: Monitoring watches the data tier`);
            assert.strictEqual(alerts.label, alerted.length < data.length ? `alerts on ${alerted.join(", ")}` : "alerts", d.title);
            assert.strictEqual(edge("c__monitoring", "c__load_balancer")?.label, "alerts", d.title);
        }
    });

    it("the shape with missing bindings draws them: each service names the part of the tier it uses", () => {
        const d = drawn.find((x) => x.title.includes("missing one binding"))!;
        const says = (svc: string) => shownLines(d.chart.nodes.get(`c__service_${svc}`)!)[2];
        assert.deepStrictEqual(["api", "web", "worker", "ledgerfeed", "notifyuser", "reportsgen"].map(says), [
            "uses Cache, ObjectStore, Queue, SearchIndex, EventStream",
            "uses Database, ObjectStore, Queue, SearchIndex, EventStream",
            "uses Database, Cache, Queue, SearchIndex, EventStream",
            "uses Database, Cache, ObjectStore, SearchIndex, EventStream",
            "uses Database, Cache, ObjectStore, Queue, EventStream",
            "uses Database, Cache, ObjectStore, Queue, SearchIndex",
        ]);
    });

    it(`every diagram fits ${COMMENT_CONTENT_WIDTH} px and reads: each box, edge label and title drawn, none too small, cut off or overlapping, boxes in reading order`, () => {
        assert.strictEqual(rendered.length, drawn.length, "diagrams rendered");
        rendered.forEach((r, i) => {
            const d = drawn[i];
            assert.strictEqual(r.error, undefined, `${d.title}: ${r.error}`);
            assert.strictEqual(r.errorSvg, false, `${d.title}: mermaid drew its error picture`);
            assert.ok(r.naturalWidth > 100 && r.naturalWidth <= COMMENT_CONTENT_WIDTH, `${d.title}: ${Math.round(r.naturalWidth)} px wide; GitHub would shrink it below ${COMMENT_CONTENT_WIDTH} px`);
            assert.deepStrictEqual(legibilityProblems(r), [], d.title);
            for (const [id, label] of d.chart.nodes) assert.deepStrictEqual(r.boxes.find((b) => b.id === id)?.lines, shownLines(label), `${d.title}: box ${id}`);
            const labels = d.chart.edges.filter((e) => e.label).map((e) => e.label).sort();
            assert.deepStrictEqual(r.edgeLabels.map((l) => l.lines.join(" ")).sort(), labels, `${d.title}: edge labels`);
            assert.deepStrictEqual(r.titles.map((l) => l.lines.join(" ")).sort(), [...d.chart.subgraphs.values()].map((s) => s.title).sort(), `${d.title}: subgraph titles`);
            const tierBottom = Math.max(...[...d.chart.subgraphs.get("tier__data")!.members].map((m) => r.boxes.find((b) => b.id === m)!).map((b) => b.y + b.height));
            const loose = [...d.chart.nodes.keys()].filter((id) => !subgraphOf(d.chart, id) && !d.chart.edges.some((e) => !e.invisible && (e.from === id || e.to === id)));
            for (const id of loose) assert.ok(r.boxes.find((b) => b.id === id)!.y > tierBottom, `${d.title}: ${id}, with no flow, is drawn below the data tier`);
            for (const [id, s] of d.chart.subgraphs) {
                const centre = (m: string) => { const b = r.boxes.find((x) => x.id === m)!; return { m, y: Math.round((b.y + b.height / 2) / 10), x: b.x }; };
                const order = s.members.map(centre).sort((a, b) => a.y - b.y || a.x - b.x).map((b) => b.m);
                assert.deepStrictEqual(order, s.members, `${d.title}: ${id} read row by row`);
            }
        });
    });
});
