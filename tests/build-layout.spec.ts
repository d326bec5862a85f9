import * as assert from "assert";
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import { CATALOG } from "../components/catalog";
import { CLOUDS } from "../components/config";
import { relativeImportClosure, repoPath, ROOT, tsconfigFiles } from "./support/import-graph";

/**
 * The build (tsconfig.build.json, compiled to bin/ for `npm run bench` and Pulumi's
 * precompiled mode) is the program and its offline engine; the engine's mocks are product
 * code under tools/engine/mocks (DESIGN.md), so nothing the build compiles may be, or import,
 * a file under tests/.
 */
describe("build layout", () => {
    const roots = tsconfigFiles("tsconfig.build.json");

    it("tsconfig.build.json compiles no test code", () => {
        assert.ok(roots.length > 0, "the build compiles something");
        assert.deepStrictEqual(roots.map(repoPath).filter((f) => f.startsWith("tests/")), []);
    });

    it("no file the build compiles imports test code", () => {
        const reached = relativeImportClosure(roots);
        const offenders = [...reached].filter(([file]) => repoPath(file).startsWith("tests/")).map(([file, by]) => `${repoPath(by)} -> ${repoPath(file)}`);
        assert.deepStrictEqual(offenders, []);
        assert.ok([...reached.keys()].map(repoPath).includes("tools/engine/mocks/index.ts"), "the engine's mocks are part of the build");
    });
});

/**
 * One shape per cloud: every cloud folder mirrors components/ file for file for what a cloud
 * implements. The required files are read from components/catalog.ts: each entry's `file`
 * needs a `providers/<cloud>/<file>.ts` (tests/catalog.spec.ts checks what the cloud-built
 * ones export). Beyond those, the folders agree with each other: a
 * components/ counterpart (`maintenance.ts`, ...) or a piece of the
 * Kubernetes support (`kubernetes-*.ts`) one cloud has, every cloud has.
 */
describe("one shape per cloud", () => {
    const componentFiles = readdirSync(join(ROOT, "components")).filter((f) => f.endsWith(".ts")).map((f) => f.replace(/\.ts$/, ""));
    const shapeOf = (cloud: string): string[] => readdirSync(join(ROOT, "providers", cloud))
        .filter((f) => f.endsWith(".ts")).map((f) => f.replace(/\.ts$/, ""))
        .filter((f) => componentFiles.includes(f) || /^kubernetes(-[a-z-]+)?$/.test(f))
        .sort();

    it("reads the builder files a cloud implements from components/catalog.ts", () => {
        const files = implementedComponentFiles();
        for (const f of ["network", "database", "compute-service", "kubernetes-cluster"]) assert.ok(files.includes(f), `${f} in ${files.join(", ")}`);
        assert.ok(files.every((f) => componentFiles.includes(f)), files.join(", "));
    });

    for (const cloud of CLOUDS) {
        it(`providers/${cloud} has a counterpart of every components/ file a cloud implements`, () => {
            const shape = shapeOf(cloud);
            assert.deepStrictEqual(implementedComponentFiles().filter((f) => !shape.includes(f)).map((f) => `providers/${cloud}/${f}.ts`), []);
        });
    }

    it("every cloud folder has the same component files and the same Kubernetes split", () => {
        const shapes = Object.fromEntries(CLOUDS.map((c) => [c, shapeOf(c)]));
        const union = [...new Set(Object.values(shapes).flat())].sort();
        const missing = CLOUDS.flatMap((c) => union.filter((f) => !shapes[c]!.includes(f)).map((f) => `providers/${c}/${f}.ts`));
        assert.deepStrictEqual(missing, []);
        for (const part of ["kubernetes", "kubernetes-cluster", "kubernetes-identity", "kubernetes-ingress", "kubernetes-secrets"]) assert.ok(union.includes(part), part);
    });

    for (const cloud of CLOUDS) {
        it(`providers/${cloud}/kubernetes.ts only assembles the Kubernetes support (creates no resource itself)`, () => {
            const text = readFileSync(join(ROOT, "providers", cloud, "kubernetes.ts"), "utf8");
            assert.doesNotMatch(text, /\bnew [A-Za-z_.]+\(|\.create(Random)?\(/);
        });
    }
});

/** The `providers/<cloud>/<file>.ts` every cloud needs: one per catalog entry. */
function implementedComponentFiles(): string[] {
    return CATALOG.map((entry) => entry.file).sort();
}
