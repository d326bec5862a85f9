import { readFileSync, writeFileSync } from "fs";
import * as path from "path";
import { DocsSource, folderDocs, registeredDocs } from "./cloud-docs";
import { CLOUD_REGIONS, CloudRegion, DocsFile, isInline, PhrasesRegion } from "./cloud-regions";

/**
 * `npm run docs:clouds`: writes every per-cloud region of README.md, docs/cloud-mapping.md,
 * docs/disaster-recovery.md, docs/reviewing.md and docs/runbook.md (tools/docs/cloud-regions.ts
 * lists them) from the clouds' providers/<cloud>/docs.ts, between `<!-- clouds:<id> -->` and
 * `<!-- /clouds:<id> -->`. `--check` changes nothing and exits 1 when a file is stale. A cloud
 * that lacks a cell or phrase, or states one no region has a place for, fails with its file,
 * the region and what is expected.
 */

const ROOT = path.resolve(__dirname, "..", "..");
export const DOCS_FILES: readonly DocsFile[] = ["README.md", "docs/cloud-mapping.md", "docs/disaster-recovery.md", "docs/reviewing.md", "docs/runbook.md"];

const where = (source: DocsSource) => `providers/${source.name}/docs.ts`;

/** A markdown table row; an empty cell stays one space wide (`| | AWS |`). */
const tableLine = (cells: readonly string[]) => `|${cells.map((c) => (c ? ` ${c} ` : " ")).join("|")}|`;

/** A cell as a table can hold it: one line, no unescaped pipe. */
function cellText(text: string | undefined, what: string, expected: readonly string[]): string {
    if (text === undefined) throw new Error(`${what} is missing (every cloud states each of ${expected.join(", ")})`);
    if (/\n/.test(text) || /(?<!\\)\|/.test(text)) throw new Error(`${what} must be one line with every | escaped as \\|: ${JSON.stringify(text)}`);
    return text;
}

/** A cloud's part of a sentence (one line) or of a block region (any lines). */
function phraseText(text: string | undefined, what: string, region: PhrasesRegion): string {
    if (text === undefined) throw new Error(`${what} is missing (every cloud states its part of ${region.file}'s ${region.id} ${region.block ? "list" : "sentence"})`);
    if (!region.block && /\n/.test(text)) throw new Error(`${what} must be one line: it sits inside a sentence`);
    return text;
}

function tableCells(source: DocsSource, region: CloudRegion & { id: string }, ids: readonly string[]): { header?: string; cells: string[] } {
    const table = source.docs.tables[region.id] ?? (ids.length === 0 ? { cells: {} } : undefined);
    if (!table) throw new Error(`${where(source)}: tables["${region.id}"] is missing (${region.file}'s table needs its cells ${ids.join(", ")})`);
    if (region.kind === "columns" && region.header && table.header !== undefined) throw new Error(`${where(source)}: tables["${region.id}"].header: the table derives each cloud's header from its plugin; drop it`);
    const extra = Object.keys(table.cells).filter((k) => !ids.includes(k));
    if (extra.length) throw new Error(`${where(source)}: tables["${region.id}"].cells has ${extra.join(", ")}, which the table has no place for (its cells: ${ids.join(", ")})`);
    return { header: table.header, cells: ids.map((id) => cellText(table.cells[id], `${where(source)}: tables["${region.id}"].cells["${id}"]`, ids)) };
}

/** A region's text, from the clouds in registry order. */
export function renderRegion(region: CloudRegion, clouds: readonly DocsSource[], extraFolder: (folder: string, label: string) => DocsSource = folderDocs): string {
    switch (region.kind) {
        case "columns": {
            const columns = [...clouds, ...(region.extraColumns ?? []).map((c) => extraFolder(c.folder, c.label))];
            const rowIds = region.rows.map(([id]) => id);
            const data = columns.map((c) => ({ source: c, ...tableCells(c, region, rowIds) }));
            return [
                tableLine([region.corner, ...data.map((d, i) => (region.header && i < clouds.length ? region.header(d.source) : (d.header ?? d.source.label)))]),
                tableLine(Array(columns.length + 1).fill("---")).replace(/ /g, ""),
                ...region.rows.map(([, label], i) => tableLine([label, ...data.map((d) => d.cells[i]!)])),
            ].join("\n");
        }
        case "rows": {
            const stated = region.columns.filter(([, , from]) => !from).map(([id]) => id);
            const row = (c: DocsSource) => {
                const { header, cells } = tableCells(c, region, stated);
                return tableLine([header ?? c.label, ...region.columns.map(([id, , from]) => (from ? cellText(from(c), `${region.id}.${id} of ${c.name} (derived)`, [id]) : cells[stated.indexOf(id)]!))]);
            };
            return [
                tableLine([region.corner, ...region.columns.map(([, header]) => header)]),
                tableLine(Array(region.columns.length + 1).fill("---")).replace(/ /g, ""),
                ...clouds.map(row),
                ...(region.extraRows ?? []).map((r) => row(extraFolder(r.folder, r.label))),
                ...(region.after ?? []).map((r) => tableLine(r)),
            ].join("\n");
        }
        case "phrases": {
            const parts = clouds
                .filter((c) => !region.optional || c.docs.phrases[region.id] !== undefined)
                .map((c) => phraseText(c.docs.phrases[region.id], `${where(c)}: phrases["${region.id}"]`, region));
            if (region.last === undefined || parts.length < 2) return parts.join(region.separator);
            return `${parts.slice(0, -1).join(region.separator)}${region.last}${parts.at(-1)}`;
        }
        case "notes":
            return clouds.flatMap((c) => c.docs.notes?.[region.id] ?? []).join(region.separator);
        case "derived":
            return region.render(clouds);
    }
}

/**
 * Every cell and phrase a cloud must state and does not: each row (or column) of every table,
 * and its part of every sentence that lists the clouds. Notes are a cloud's own, so none is
 * required. A table that adds a folder as an extra column does not ask the clouds for more.
 */
export function missingDocs(source: DocsSource, regions: readonly CloudRegion[] = CLOUD_REGIONS): string[] {
    return regions.flatMap((region) => {
        if (region.kind === "columns" || region.kind === "rows") {
            const ids = region.kind === "columns" ? region.rows.map(([id]) => id) : region.columns.filter(([, , from]) => !from).map(([id]) => id);
            const cells = source.docs.tables[region.id]?.cells ?? {};
            return ids.filter((id) => cells[id] === undefined).map((id) => `${where(source)}: tables["${region.id}"].cells["${id}"] (${region.file})`);
        }
        if (region.kind === "phrases" && !region.optional && source.docs.phrases[region.id] === undefined) return [`${where(source)}: phrases["${region.id}"] (${region.file})`];
        return [];
    });
}

/** Every table, phrase or notes key a cloud's docs.ts states that no region reads (a typo, or a region since removed). */
export function unusedDocs(source: DocsSource, regions: readonly CloudRegion[] = CLOUD_REGIONS): string[] {
    const ids = (kinds: CloudRegion["kind"][]) => new Set(regions.filter((r) => kinds.includes(r.kind)).map((r) => r.id));
    const tables = ids(["columns", "rows"]);
    const phrases = ids(["phrases"]);
    const notes = ids(["notes"]);
    return [
        ...Object.keys(source.docs.tables).filter((k) => !tables.has(k)).map((k) => `${where(source)}: tables["${k}"]`),
        ...Object.keys(source.docs.phrases).filter((k) => !phrases.has(k)).map((k) => `${where(source)}: phrases["${k}"]`),
        ...Object.keys(source.docs.notes ?? {}).filter((k) => !notes.has(k)).map((k) => `${where(source)}: notes["${k}"]`),
    ];
}

const START = (id: string) => `<!-- clouds:${id} -->`;
const END = (id: string) => `<!-- /clouds:${id} -->`;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The file's text with every region rewritten; a region missing from its file, or a marker no region owns, is an error. */
export function withRegions(text: string, file: DocsFile, clouds: readonly DocsSource[], regions: readonly CloudRegion[] = CLOUD_REGIONS, extraFolder?: (folder: string, label: string) => DocsSource): string {
    const mine = regions.filter((r) => r.file === file);
    const kinds = new Map<string, CloudRegion[]>();
    for (const r of mine) kinds.set(r.id, [...(kinds.get(r.id) ?? []), r]);
    const stray = [...text.matchAll(/<!-- clouds:([^\s>]+) -->/g)].map((m) => m[1]!).filter((id) => !kinds.has(id));
    if (stray.length) throw new Error(`${file}: ${stray.map((id) => START(id)).join(", ")} is no region of tools/docs/cloud-regions.ts`);
    let out = text;
    for (const [id, [region, ...others]] of kinds) {
        if (others.length) throw new Error(`tools/docs/cloud-regions.ts: ${file} has two regions "${id}"`);
        const pattern = new RegExp(`${escape(START(id))}([\\s\\S]*?)${escape(END(id))}`, "g");
        if (!pattern.test(out)) throw new Error(`${file} has no ${START(id)} ... ${END(id)} region (tools/docs/cloud-regions.ts)`);
        const body = renderRegion(region!, clouds, extraFolder);
        const inline = isInline(region!);
        if (inline && body.includes("\n")) throw new Error(`${file} ${id}: an inline region renders one line, not ${JSON.stringify(body)}`);
        const source = out;
        out = out.replace(pattern, (_all, inner: string, at: number) => {
            // An inline region inside a table row is a cell's text: an unescaped pipe would add a column.
            if (inline && source.slice(source.lastIndexOf("\n", at) + 1).trimStart().startsWith("|")) cellText(body, `${file} ${id} (inside a table row)`, [id]);
            // A block region's end marker keeps its indent: indented under a list's last item, it
            // stays inside that item instead of splitting the list in two.
            return `${START(id)}${inline ? body : `\n${body}\n${/\n([ \t]*)$/.exec(inner)?.[1] ?? ""}`}${END(id)}`;
        });
    }
    return out;
}

/** The docs files `npm run docs:clouds` would change, with their regenerated text. */
export function staleDocs(clouds: readonly DocsSource[] = registeredDocs(), root = ROOT): { file: DocsFile; current: string; next: string }[] {
    return DOCS_FILES.map((file) => {
        const current = readFileSync(path.join(root, file), "utf8");
        return { file, current, next: withRegions(current, file, clouds) };
    }).filter((f) => f.next !== f.current);
}

if (require.main === module) {
    const clouds = registeredDocs();
    const unused = clouds.flatMap((c) => unusedDocs(c));
    if (unused.length) throw new Error(`stated for no region of tools/docs/cloud-regions.ts: ${unused.join(", ")}`);
    const stale = staleDocs(clouds);
    if (process.argv.includes("--check")) {
        if (stale.length) {
            process.stderr.write(`${stale.map((s) => s.file).join(", ")}: per-cloud regions are stale: run npm run docs:clouds\n`);
            process.exit(1);
        }
    } else {
        for (const s of stale) writeFileSync(path.join(ROOT, s.file), s.next);
        process.stdout.write(stale.length ? `${stale.map((s) => s.file).join(", ")}: per-cloud regions regenerated\n` : "per-cloud regions up to date\n");
    }
}
