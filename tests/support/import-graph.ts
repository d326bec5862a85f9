import { existsSync, readFileSync, statSync } from "fs";
import * as path from "path";
import * as ts from "typescript";

export const ROOT = path.resolve(__dirname, "..", "..");

/** Repo-relative path with `/` separators. */
export const repoPath = (file: string): string => path.relative(ROOT, file).split(path.sep).join("/");

/** The root files a tsconfig compiles (its include/exclude globs expanded), as absolute paths. */
export function tsconfigFiles(configFile: string): string[] {
    const abs = path.resolve(ROOT, configFile);
    const read = ts.readConfigFile(abs, ts.sys.readFile);
    if (read.error) throw new Error(ts.flattenDiagnosticMessageText(read.error.messageText, "\n"));
    return ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(abs), undefined, abs).fileNames.map((f) => path.resolve(f));
}

function resolveRelative(from: string, spec: string): string | undefined {
    const base = path.resolve(path.dirname(from), spec);
    for (const candidate of [base, `${base}.ts`, `${base}.js`, path.join(base, "index.ts"), path.join(base, "index.js")]) {
        if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
    }
    return undefined;
}

/**
 * Every repo file reachable from `roots` through relative imports (`import`, `export ... from`,
 * `require(...)`, `import(...)`), parsed without type checking so it stays fast. Package
 * imports are not followed: the question is which of the repo's own files a build pulls in.
 * Maps each reached file to the file that first imported it (roots map to themselves).
 */
export function relativeImportClosure(roots: string[]): Map<string, string> {
    const seen = new Map<string, string>(roots.map((r) => [r, r]));
    const queue = [...roots];
    while (queue.length) {
        const file = queue.shift()!;
        const { importedFiles } = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
        for (const { fileName } of importedFiles) {
            if (!fileName.startsWith(".")) continue;
            const target = resolveRelative(file, fileName);
            if (!target) throw new Error(`${repoPath(file)} imports ${fileName}, which resolves to no file`);
            if (seen.has(target)) continue;
            seen.set(target, file);
            queue.push(target);
        }
    }
    return seen;
}
