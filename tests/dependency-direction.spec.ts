import * as assert from "assert";
import { join } from "path";
import { importCycles, importGraph } from "./support/import-cycles";

const ROOT = join(__dirname, "..");
/** The program's code: what `pulumi up`, the pack and the CLI run (tests/ are not part of it). */
const PROGRAM = ["index.ts", "components", "providers", "tools", "policy"];

describe("dependency direction", () => {
    const graph = importGraph(ROOT, PROGRAM);

    it("reads a real graph (a broken reader would pass every rule below)", () => {
        assert.ok(graph.size > 150, `only ${graph.size} files`);
        assert.ok(graph.get("components/catalog.ts")?.includes("components/database.ts"), "catalog.ts -> database.ts not seen");
        assert.ok(graph.get("providers/aws/network.ts")?.includes("providers/aws/handles.ts"), "a type-only import was not seen");
    });

    it("has no import cycle, type-only imports included", () => {
        const cycles = importCycles(graph);
        assert.deepStrictEqual(cycles, [], `import cycles:\n${cycles.map((c) => `  ${c.join(" <-> ")}`).join("\n")}`);
    });

    it("components/ imports no cloud: only the registry of plugins (plain data) and the loader", () => {
        const allowed = new Set(["providers/registry.ts", "providers/loader.ts"]);
        const offending = [...graph].flatMap(([file, imports]) => file.startsWith("components/") ? imports.filter((i) => i.startsWith("providers/") && !allowed.has(i)).map((i) => `${file} -> ${i}`) : []);
        assert.deepStrictEqual(offending, []);
    });

    it("the registry and the loader load no cloud implementation when imported: the registry names plugin modules only", () => {
        const registry = graph.get("providers/registry.ts") ?? [];
        assert.ok(registry.length > 0);
        for (const dep of registry) assert.match(dep, /^providers\/[a-z]+\/plugin\.ts$/, `providers/registry.ts imports ${dep}`);
        const loader = (graph.get("providers/loader.ts") ?? []).filter((d) => d.startsWith("providers/") && d !== "providers/registry.ts");
        assert.deepStrictEqual(loader, ["providers/kubernetes/index.ts"], "the loader requires the clouds by the plugin's name, at run time");
    });

    it("a cloud's plugin module stays plain data: it imports nothing of its cloud but data files", () => {
        for (const [file, imports] of graph) {
            if (!/^providers\/[a-z]+\/plugin\.ts$/.test(file)) continue;
            const cloud = file.split("/")[1];
            // components/config/zod.ts is zod itself, set up for the program (the plugins' schemas use it as they used "zod").
            for (const dep of imports) assert.match(dep, new RegExp(`^(components/config/(cloud-plugin|load-balancer-limits|zod)\\.ts|providers/${cloud}/(regions|load-balancer-limits|config-rules|database-extensions)\\.ts)$`), `${file} imports ${dep}`);
        }
    });

    it("the offline engine and the CLI import nothing from tests/", () => {
        const offending = [...graph].flatMap(([file, imports]) => imports.filter((i) => i.startsWith("tests/")).map((i) => `${file} -> ${i}`));
        assert.deepStrictEqual(offending, []);
    });
});

describe("import-cycle detector", () => {
    it("finds a two-file cycle and a self-import, and not a chain", () => {
        const graph = new Map([["a", ["b"]], ["b", ["a", "c"]], ["c", ["d"]], ["d", []], ["e", ["e"]]]);
        assert.deepStrictEqual(importCycles(graph).map((c) => c.join(",")).sort(), ["a,b", "e"]);
    });
});
