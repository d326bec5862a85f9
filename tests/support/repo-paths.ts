import { execFileSync } from "child_process";
import { readFileSync } from "fs";
import * as path from "path";
import * as ts from "typescript";
import { ROOT } from "./import-graph";

/** A reference to a repo path that names nothing in the repo. */
export interface StaleReference {
    file: string;
    line: number;
    path: string;
}

/** The repo's files (tracked and new, not ignored), repo-relative with `/`. */
export function repoFiles(): string[] {
    return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
        .split("\n").filter(Boolean);
}

/** The comments of a TypeScript/JavaScript file (code and strings are not references to check). */
export function commentsOf(fileName: string, text: string): Array<{ pos: number; text: string }> {
    const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false);
    const seen = new Map<number, string>();
    const collect = (ranges: readonly ts.CommentRange[] | undefined) => {
        for (const r of ranges ?? []) seen.set(r.pos, text.slice(r.pos, r.end));
    };
    const visit = (node: ts.Node) => {
        collect(ts.getLeadingCommentRanges(text, node.pos));
        collect(ts.getTrailingCommentRanges(text, node.end));
        ts.forEachChild(node, visit);
    };
    visit(source);
    collect(ts.getLeadingCommentRanges(text, source.endOfFileToken.pos));
    return [...seen].map(([pos, body]) => ({ pos, text: body }));
}

/** Tokens of folder, slash, file name with extension (not inside a URL, no glob or template characters). */
const PATH_TOKEN = /(?<![\w@./:*<>{}$-])((?:\.{1,2}\/)*[\w.-]+(?:\/[\w.-]+)*\/[\w-]+(?:\.[\w-]+)*\.(?:ts|js|json|md|ya?ml|sh))(?![\w/*<>{}-]|\.\w)/g;
/** A bare TypeScript file name in a comment (a module named without its folder), not a typing (.d.ts). */
const BARE_TS = /(?<![\w@./:*<>{}$-])([\w-]+(?:\.spec)?\.ts)(?![\w/*<>{}-]|\.\w)/g;
/** Relative link targets in Markdown: text in brackets, then the target in parentheses. */
const MD_LINK = /\]\((?!https?:|mailto:|#)([^)\s#]+)(?:#[^)]*)?\)/g;

/**
 * Every reference in comments (TypeScript/JavaScript), docs (Markdown) and workflow / stack
 * files (YAML) to a repo path that does not exist. A token counts as a repo path when it
 * starts with one of the repo's top-level folders or is a relative Markdown link; a bare
 * TypeScript file name in a comment counts when no file of that name exists.
 * Relative paths resolve against the referring file's folder first, then the repo root.
 * `read` gives a file's text (the repo's by default; specs plant their own).
 */
export function staleReferences(files = repoFiles(), read = (file: string) => readFileSync(path.join(ROOT, file), "utf8")): StaleReference[] {
    const known = new Set(files);
    for (const f of files) for (let d = path.posix.dirname(f); d !== "."; d = path.posix.dirname(d)) known.add(d);
    const basenames = new Set(files.map((f) => path.posix.basename(f)));
    const topLevel = new Set(files.filter((f) => f.includes("/")).map((f) => f.split("/")[0]!));
    const exists = (from: string, ref: string) =>
        [path.posix.normalize(path.posix.join(path.posix.dirname(from), ref)), path.posix.normalize(ref)].some((c) => known.has(c.replace(/\/$/, "")));

    const stale: StaleReference[] = [];
    for (const file of files) {
        if (/^tests\/(snapshots|fixtures)\//.test(file) || file.endsWith("package-lock.json")) continue;
        const isCode = /\.(ts|js)$/.test(file);
        if (!isCode && !/\.(md|ya?ml)$/.test(file)) continue;
        const text = read(file);
        const chunks = isCode ? commentsOf(file, text) : [{ pos: 0, text }];
        const report = (pos: number, ref: string) => stale.push({ file, line: text.slice(0, pos).split("\n").length, path: ref });
        for (const chunk of chunks) {
            for (const m of chunk.text.matchAll(PATH_TOKEN)) {
                const ref = m[1]!;
                const first = ref.replace(/^(\.\.?\/)+/, "").split("/")[0]!;
                if ((topLevel.has(first) || ref.startsWith(".")) && !exists(file, ref)) report(chunk.pos + m.index!, ref);
            }
            if (isCode) {
                for (const m of chunk.text.matchAll(BARE_TS)) if (!basenames.has(m[1]!)) report(chunk.pos + m.index!, m[1]!);
            } else if (file.endsWith(".md")) {
                for (const m of chunk.text.matchAll(MD_LINK)) if (!exists(file, decodeURI(m[1]!))) report(chunk.pos + m.index!, m[1]!);
            }
        }
    }
    return stale;
}
