import { z } from "./zod";
import { CLOUD_PLUGINS } from "../../providers/registry";
import type { CloudPlugin } from "./cloud-plugin";
import { schemaAt } from "./keys";
import type { ProgramFacts } from "./program-facts";
import { type AnySection, type ConfigReferenceRow } from "./sections";
/**
 * The config reference: one row per key of the README's table, in table order (the top level's
 * rows here, then each section's from its file, sections/<section>.ts, in the list's order). The schema
 * (schema.ts) says which keys exist and what they allow (enum values, numeric bounds, literal
 * lists: `allowedBySchema`), and the tier profiles (tiers.ts) hold the per-tier defaults; the
 * rows hold only what neither can say: how a key is written in the table, what a string key
 * allows in words, the note beside a schema-derived rule, and what changing it does. `npm run docs:config` renders it into
 * README.md; tests/config-reference.spec.ts fails when a schema key has no row, a row names no
 * schema key, or the README is stale.
 */

export type { ConfigReferenceRow };

/** The rows of the top level; each cloud's section rows are in its plugin, every component's in its section file. */
const TOP_LEVEL_ROWS: ConfigReferenceRow[] = [
    { label: "`cloud`", keys: ["cloud"], defaults: { production: "required", staging: "required" }, change: "a different platform: deploy as a new stack" },
    { label: "`environment`", keys: ["environment"], defaults: { production: "required", staging: "required" }, change: "switches the whole tier profile" },
    { label: "`appName`", keys: ["appName"], allowed: "3–12 chars `[a-z][a-z0-9-]`, no `--` (fits GCP names, Azure storage accounts and RDS/ElastiCache identifiers)", defaults: "schema", change: "**renames and replaces everything**" },
    { label: "`tags`", keys: ["tags"], subtree: true, allowed: "map of extra tags/labels", defaults: { production: "—", staging: "—" }, change: "in place" },
];

/**
 * The table's rows of a section list: the top level's, each registered cloud's, then each
 * section's, in list order (the program's are components/program-config.ts `CONFIG_REFERENCE`).
 * A row whose words come from the program's facts gets them here.
 */
export function referenceRowsOf(sections: readonly AnySection[], facts: ProgramFacts): ConfigReferenceRow[] {
    const sectionRows = sections.flatMap((s) => s.reference.map((row): ConfigReferenceRow => (typeof row.allowed === "function" ? { ...row, allowed: row.allowed(facts) } : (row as ConfigReferenceRow))));
    return [...TOP_LEVEL_ROWS, ...Object.values(CLOUD_PLUGINS).flatMap((p: CloudPlugin) => p.referenceRows), ...sectionRows];
}

const code = (v: unknown) => (typeof v === "string" ? `\`${v}\`` : String(v));

/** What the schema allows at one dotted key, as a table cell; undefined when the schema cannot say it briefly (strings, lists, maps). */
export function allowedBySchema(key: string, schema: z.ZodType): string | undefined {
    const s = schemaAt(schema, key.split("."));
    if (s instanceof z.ZodEnum) return s.options.map(code).join(" \\| ");
    if (s instanceof z.ZodBoolean) return "boolean";
    if (s instanceof z.ZodLiteral) return [...s.values].map(String).join(", ");
    if (s instanceof z.ZodNumber) {
        const { minValue: min, maxValue: max } = s;
        // Number.isFinite(null) is false: an absent bound is no bound.
        const finite = (n: number | null): n is number => Number.isFinite(n) && Math.abs(n as number) < Number.MAX_SAFE_INTEGER;
        if (finite(min) && finite(max)) return `${min}–${max}`;
        if (finite(min)) return `≥ ${min}`;
        return finite(max) ? `≤ ${max}` : "a number";
    }
    if (s instanceof z.ZodUnion && s.options.every((o) => o instanceof z.ZodLiteral)) {
        return s.options.flatMap((o) => [...(o as z.ZodLiteral).values]).map(String).join(", ");
    }
    return undefined;
}

/** The Allowed cell of a row: its words, or the schema's rule for its keys (one rule when they share it) and the note. */
export function allowedCell(row: ConfigReferenceRow, schema: z.ZodType): string {
    if (row.allowed !== undefined) return row.allowed;
    const rules = row.keys.map((k) => allowedBySchema(k, schema));
    if (rules.some((r) => r === undefined)) throw new Error(`config reference: ${row.label}: the schema cannot state what ${row.keys[rules.indexOf(undefined)]} allows; write it in \`allowed\``);
    const distinct = [...new Set(rules)];
    const rule = distinct.length === 1 ? distinct[0]! : rules.join(" / ");
    if (!row.note) return rule;
    return /^[,;:]/.test(row.note) ? `${rule}${row.note}` : `${rule} (${row.note})`;
}
