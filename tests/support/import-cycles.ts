import { existsSync, readdirSync, readFileSync, statSync } from "fs";
import { dirname, join, relative, resolve } from "path";
import * as ts from "typescript";

/**
 * The program's import graph, read with the TypeScript compiler's own parser: every
 * `import`/`export ... from` (type-only ones too: a type cycle is still a design cycle),
 * `import("...")` types and `require("...")` calls with a literal path. Only relative
 * specifiers are followed; packages are leaves.
 */
export type ImportGraph = Map<string, string[]>;

const EXTENSIONS = [".ts", ".tsx", "/index.ts"];

function resolveSpecifier(from: string, specifier: string): string | undefined {
    if (!specifier.startsWith(".")) return undefined;
    const base = resolve(dirname(from), specifier);
    if (existsSync(base) && statSync(base).isFile()) return base;
    for (const ext of EXTENSIONS) if (existsSync(base + ext)) return base + ext;
    return undefined;
}

export function importsOf(file: string): string[] {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
    const specifiers: string[] = [];
    const visit = (node: ts.Node): void => {
        if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) specifiers.push(node.moduleSpecifier.text);
        else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) specifiers.push(node.argument.literal.text);
        else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0]) && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === "require"))) specifiers.push(node.arguments[0].text);
        ts.forEachChild(node, visit);
    };
    visit(source);
    return [...new Set(specifiers.map((s) => resolveSpecifier(file, s)).filter((f): f is string => f !== undefined))];
}

function tsFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const path = join(dir, e.name);
        if (e.isDirectory()) return e.name === "node_modules" ? [] : tsFiles(path);
        return e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") ? [path] : [];
    });
}

/** The graph over `roots` (files or folders) under `repoRoot`, keyed by repository-relative path. */
export function importGraph(repoRoot: string, roots: string[]): ImportGraph {
    const files = roots.flatMap((r) => (statSync(join(repoRoot, r)).isDirectory() ? tsFiles(join(repoRoot, r)) : [join(repoRoot, r)]));
    const graph: ImportGraph = new Map();
    for (const file of files) graph.set(relative(repoRoot, file), importsOf(file).map((f) => relative(repoRoot, f)));
    return graph;
}

/** Every strongly connected component with more than one file, or a file importing itself (Tarjan). */
export function importCycles(graph: ImportGraph): string[][] {
    let index = 0;
    const indices = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const connect = (v: string): void => {
        indices.set(v, index);
        low.set(v, index++);
        stack.push(v);
        onStack.add(v);
        for (const w of graph.get(v) ?? []) {
            if (!graph.has(w)) continue;
            if (!indices.has(w)) {
                connect(w);
                low.set(v, Math.min(low.get(v)!, low.get(w)!));
            } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
        }
        if (low.get(v) === indices.get(v)) {
            const component: string[] = [];
            let w: string;
            do {
                w = stack.pop()!;
                onStack.delete(w);
                component.push(w);
            } while (w !== v);
            if (component.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(component.sort());
        }
    };
    for (const v of graph.keys()) if (!indices.has(v)) connect(v);
    return cycles;
}
