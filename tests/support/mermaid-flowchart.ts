import * as assert from "assert";

/** A flowchart as renderMermaid (tools/engine/topology.ts) writes it. */
export interface Flowchart {
    /** Node id → its label. */
    nodes: Map<string, string>;
    /** Subgraph id → its title and the nodes inside it, in source order. */
    subgraphs: Map<string, { title: string; members: string[] }>;
    edges: { from: string; to: string; label: string; dotted: boolean; invisible?: boolean }[];
    /** Class name → the nodes given it. */
    classes: Map<string, string[]>;
}

/** A strict reader for the flowchart subset renderMermaid emits: any other line is an error. */
export function parseFlowchart(src: string): Flowchart {
    const lines = src.trimEnd().split("\n");
    assert.strictEqual(lines[0], "flowchart TD");
    const nodes = new Map<string, string>();
    const subgraphs = new Map<string, { title: string; members: string[] }>();
    const edges: Flowchart["edges"] = [];
    const classes = new Map<string, string[]>();
    const ID = "[A-Za-z][A-Za-z0-9_]*";
    const LABEL = '"([^"]*)"';
    let inside: string | undefined;
    for (const line of lines.slice(1)) {
        const indent = inside ? "        " : "    ";
        let m: RegExpExecArray | null;
        if ((m = new RegExp(`^${indent}(${ID})\\[${LABEL}\\]$`).exec(line))) {
            assert.ok(!nodes.has(m[1]), `duplicate node ${m[1]}`);
            nodes.set(m[1], m[2]);
            if (inside) subgraphs.get(inside)!.members.push(m[1]);
        } else if (!inside && (m = new RegExp(`^    (${ID})\\(\\(${LABEL}\\)\\)$`).exec(line))) {
            nodes.set(m[1], m[2]);
        } else if (!inside && (m = new RegExp(`^    subgraph (${ID}) \\[${LABEL}\\]$`).exec(line))) {
            assert.ok(!subgraphs.has(m[1]) && !nodes.has(m[1]), `duplicate id ${m[1]}`);
            subgraphs.set(m[1], { title: m[2], members: [] });
            inside = m[1];
        } else if (inside && line === "        direction LR") {
            continue;
        } else if (inside && line === "    end") {
            inside = undefined;
        } else if (!inside && (m = new RegExp(`^    (${ID}) (-->|-\\.->)(?:\\|${LABEL}\\|)? (${ID})$`).exec(line))) {
            edges.push({ from: m[1], to: m[4], label: m[3] ?? "", dotted: m[2] === "-.->" });
        } else if ((m = new RegExp(`^${indent}(${ID}) ~~~ (${ID})$`).exec(line))) {
            edges.push({ from: m[1], to: m[2], label: "", dotted: true, invisible: true });
        } else if (!inside && (m = /^    classDef ([a-z]+) [a-z-]+:[^ ]+$/.exec(line))) {
            classes.set(m[1], []);
        } else if (!inside && (m = new RegExp(`^    class (${ID}(?:,${ID})*) ([a-z]+)$`).exec(line))) {
            assert.ok(classes.has(m[2]), `class ${m[2]} used before classDef`);
            classes.get(m[2])!.push(...m[1].split(","));
        } else if (!inside && (m = new RegExp(`^    style (${ID}) [a-z-]+:[^ ]+$`).exec(line))) {
            assert.ok(subgraphs.has(m[1]), `style on ${m[1]}, which is not a subgraph`);
        } else {
            assert.fail(`unexpected mermaid line: ${JSON.stringify(line)}`);
        }
    }
    assert.strictEqual(inside, undefined, `subgraph ${inside} is never closed`);
    for (const e of edges) for (const end of [e.from, e.to]) assert.ok(nodes.has(end) || subgraphs.has(end), `edge to undeclared ${end}`);
    for (const ids of classes.values()) for (const id of ids) assert.ok(nodes.has(id), `class on undeclared ${id}`);
    return { nodes, subgraphs, edges, classes };
}

/** The subgraph a node is drawn in, if any. */
export function subgraphOf(chart: Flowchart, node: string): string | undefined {
    return [...chart.subgraphs].find(([, s]) => s.members.includes(node))?.[0];
}
