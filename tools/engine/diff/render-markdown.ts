import { renderMermaid } from "../topology";
import { ChangeKind, DiffReport, displayValue, reportExitCode, ResourceChange, StackDiff, stackTitle, statefulLosses, summaryLine } from "./compare";

/**
 * The GitHub-flavoured Markdown view, for a pull-request comment: the summary table up top,
 * every warning next (stateful replace/delete before weakened settings), then one collapsible
 * section per stack with its policy changes, per-component property tables and the Mermaid
 * topology of the head plan. Secrets appear as `[secret]`, as they do in the plan.
 */

/** GitHub rejects comments over 65,536 characters; stay under with room for the sticky-comment header. */
export const MAX_COMMENT_LENGTH = 60000;

const ICON: Record<ChangeKind, string> = { create: "🟢 add", delete: "🔴 delete", update: "🟡 update", replace: "🟣 **replace**", "may-replace": "🟠 **may replace**" };
const WARNING_LABEL: Record<string, string> = { "stateful-replace": "STATEFUL REPLACE", "stateful-may-replace": "STATEFUL MAY REPLACE", "stateful-delete": "STATEFUL DELETE" };
const VERB: Record<ChangeKind, string> = { create: "add", delete: "delete", update: "update", replace: "replace", "may-replace": "may replace" };

/** Inline code that survives backticks and table pipes. */
export function code(value: string): string {
    const v = value.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
    const fence = v.includes("`") ? "``" : "`";
    const pad = fence.length > 1 || v.startsWith("`") || v.endsWith("`") ? " " : "";
    return `${fence}${pad}${v}${pad}${fence}`;
}

function html(text: string): string {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Plain text inside a table cell or list item: no pipes, no raw HTML. */
function cell(text: string): string {
    return html(text).replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

interface RenderOptions {
    /** Leave out property tables of added/deleted resources and the diagrams (for very large diffs). */
    compact?: boolean;
}

function resourceBlock(c: ResourceChange, options: RenderOptions): string[] {
    const tags = [c.stateful ? "**stateful**" : "", c.protected ? "protected" : "", c.renamedByAlias ? `renamed from ${code(c.previousName ?? c.previousUrn ?? "")} via alias` : ""].filter(Boolean);
    const was = c.kind !== "update" && c.previousName ? ` (was ${code(c.previousName)})` : "";
    const lines = [`- ${ICON[c.kind]} ${code(c.name)}${was} ${code(c.type)}${tags.length ? " · " + tags.join(" · ") : ""}`];
    for (const r of c.reasons) lines.push(`  - ${c.kind === "may-replace" ? "why" : "reason"}: ${cell(r)}`);
    if (c.highlights.length > 0 && !options.compact) lines.push(`  - ${c.highlights.map(code).join(" ")}`);
    if (c.properties.length > 0) {
        const weakened = new Set(c.weakenings.map((w) => w.path));
        lines.push("", "  | Property | Before | After | Replaces? |", "  |---|---|---|---|");
        for (const p of c.properties) {
            const mark = weakened.has(p.path) ? " ⚠️" : "";
            const replaces = p.forcesReplace === true ? "yes" : p.forcesReplace === false || !c.custom ? "no" : "maybe";
            lines.push(`  | ${code(p.path)}${mark} | ${code(displayValue(p.before))} | ${code(displayValue(p.after))} | ${replaces} |`);
        }
        lines.push("");
    }
    return lines;
}

function warningLines(d: StackDiff): string[] {
    return d.warnings.map((w) => {
        const where = `${stackTitle(d)} · ${w.component.kind ? `${w.component.kind} ${code(w.component.name)}` : w.component.name}`;
        if (w.kind === "guarded") return `- ⚠️ **Weakened** (${where}): ${cell(w.message)}`;
        return `- 🛑 **${WARNING_LABEL[w.kind]}** (${where}): ${cell(w.message)}`;
    });
}

export function renderStackMarkdown(d: StackDiff, options: RenderOptions = {}): string[] {
    const losses = statefulLosses(d);
    const icon = losses.length > 0 ? "🛑" : d.warnings.length > 0 ? "⚠️" : "✅";
    const lines = [`<details${d.warnings.length > 0 ? " open" : ""}>`, `<summary>${icon} <b>${html(stackTitle(d))}</b> (stack <code>${html(d.stack)}</code>): ${html(summaryLine(d))}</summary>`, ""];
    for (const n of d.notes) lines.push(`> [!NOTE]\n> ${cell(n)}`, "");
    // Warnings are listed once, at the top of the report, across all stacks.
    if (d.policy.introduced.length + d.policy.fixed.length > 0) {
        lines.push("**Policy**", "", "| Change | Level | Policy | Resource | Message |", "|---|---|---|---|---|");
        for (const v of d.policy.introduced) lines.push(`| ❌ introduced | ${v.level} | ${code(v.policy)} | ${code(v.urn.split("::").pop() ?? v.urn)} | ${cell(v.message)} |`);
        for (const v of d.policy.fixed) lines.push(`| ✅ fixed | ${v.level} | ${code(v.policy)} | ${code(v.urn.split("::").pop() ?? v.urn)} | ${cell(v.message)} |`);
        lines.push("");
    }
    for (const g of d.components) {
        const status = g.status === "added" ? " (new component)" : g.status === "removed" ? " (component removed)" : "";
        lines.push(`**${g.component.kind ? `${g.component.kind} ${code(g.component.name)}` : cell(g.component.name)}**${status}`, "");
        for (const c of g.changes) lines.push(...resourceBlock(c, options));
        lines.push("");
    }
    if (d.changes.length === 0 && d.policy.introduced.length + d.policy.fixed.length === 0) lines.push("No changes.", "");
    if (!options.compact && d.head.resources.length > 0) {
        const risk = [...new Set(d.warnings.map((w) => w.component.name))];
        lines.push("<details>", `<summary>What changes where (${html(stackTitle(d))}): components of the head plan</summary>`, "", "```mermaid", renderMermaid(d.head, { risk, changed: componentSummaries(d) }).trimEnd(), "```", "", "</details>", "");
    }
    lines.push("</details>", "");
    return lines;
}

/** Component name → `2 replace, 1 update`, for the diagram (custom resources only). */
function componentSummaries(d: StackDiff): Record<string, string> {
    const out: Record<string, string> = {};
    for (const g of d.components) {
        const counts = new Map<ChangeKind, number>();
        for (const c of g.changes) if (c.custom) counts.set(c.kind, (counts.get(c.kind) ?? 0) + 1);
        const order: ChangeKind[] = ["replace", "may-replace", "delete", "create", "update"];
        const text = order.filter((k) => counts.has(k)).map((k) => `${counts.get(k)} ${VERB[k]}`).join(", ");
        if (text) out[g.component.name] = text;
    }
    return out;
}

function header(report: DiffReport): string[] {
    const run = report.runUrl ? ` · [workflow run](${report.runUrl})` : "";
    return ["## Infrastructure diff", "", `Base ${code(report.baseLabel)} → head ${code(report.headLabel)}, planned offline (\`npm run diff\`)${run}.`, ""];
}

function render(report: DiffReport, options: RenderOptions): string {
    const lines = header(report);
    const losses = report.stacks.flatMap(statefulLosses);
    const weakened = report.stacks.flatMap((d) => d.warnings.filter((w) => w.kind === "guarded"));
    if (losses.length > 0) {
        const accepted = reportExitCode(report) === 0;
        const protectedCount = losses.filter((w) => w.protected).length;
        const refusal = protectedCount > 0 ? ` ${protectedCount} of them ${protectedCount === 1 ? "is" : "are"} protected: \`pulumi up\` refuses to delete ${protectedCount === 1 ? "it" : "them"} and the deploy fails.` : "";
        lines.push("> [!CAUTION]", `> **${losses.length} stateful resource(s) would be (or may be) replaced or deleted.**${refusal} ${accepted ? "Accepted with `--allow-stateful-replace`." : "The diff check fails until the change keeps them (an `aliases` entry for a rename, no create-only property change), or the data is migrated, the old resource unprotected deliberately and the diff rerun with `--allow-stateful-replace`."}`, "");
    }
    if (weakened.length > 0) lines.push("> [!WARNING]", `> **${weakened.length} guarded setting(s) weakened.** Approve only on purpose.`, "");
    lines.push("| Stack | Cloud | Add | Change | Replace | May replace | Delete | Policy | Risk |", "|---|---|--:|--:|--:|--:|--:|---|---|");
    for (const d of report.stacks) {
        const l = statefulLosses(d).length;
        const w = d.warnings.length - l;
        const risk = [l > 0 ? `🛑 ${l} stateful` : "", w > 0 ? `⚠️ ${w} weakened` : ""].filter(Boolean).join(", ") || "✅ none";
        const c = d.counts;
        lines.push(`| ${code(d.stack)} | ${cell(d.cloud)} | ${c.create} | ${c.update} | ${c.replace} | ${c.mayReplace} | ${c.delete} | +${d.policy.introduced.length} / -${d.policy.fixed.length} | ${risk} |`);
    }
    for (const s of report.skipped) lines.push(`| ${cell(s.stack)} | ${cell(s.cloud)} | | | | | | | not compared: ${cell(s.reason)} |`);
    lines.push("");
    if (report.stacks.some((d) => d.counts.mayReplace > 0)) {
        lines.push("*May replace*: an input changed that its type's replacement entry (the cloud's engine facts, read from the provider's source) does not know to be updatable in place; the real preview decides.", "");
    }
    const allWarnings = report.stacks.flatMap(warningLines);
    if (allWarnings.length > 0) lines.push("### Warnings", "", ...allWarnings, "");
    lines.push("### Stacks", "");
    for (const d of report.stacks) lines.push(...renderStackMarkdown(d, options));
    return lines.join("\n").replace(/\n{3,}/g, "\n\n");
}

/** The full report, however long (for a file or a workflow artifact). */
export function renderReportMarkdown(report: DiffReport): string {
    return render(report, {});
}

export interface CommentOptions {
    /** Upper bound for the comment body. @default MAX_COMMENT_LENGTH */
    maxLength?: number;
    /** Name of the workflow artifact holding the full report, for the truncation note. */
    artifact?: string;
}

/**
 * The report as a pull-request comment: the full report when it fits, else the compact form
 * (no property tables for added/deleted resources, no diagrams), else cut at a line with its
 * sections closed, saying so at the top and the bottom and where the full report is.
 */
export function renderComment(report: DiffReport, options: CommentOptions = {}): string {
    const maxLength = options.maxLength ?? MAX_COMMENT_LENGTH;
    const full = render(report, {});
    if (full.length <= maxLength) return full;
    const compact = render(report, { compact: true });
    const where = options.artifact
        ? `the full report is the workflow artifact ${code(options.artifact)}${report.runUrl ? ` of [this run](${report.runUrl})` : ""}`
        : "run `npm run diff -- --format markdown --output diff.md` locally for the full report";
    const compactNote = `> [!NOTE]\n> Shortened to fit a comment (GitHub's limit is 65,536 characters): property tables of added and deleted resources and the diagrams are left out; ${where}.\n`;
    if (compact.length + compactNote.length + 2 <= maxLength) return `${compactNote}\n${compact}`;
    const note = `> [!WARNING]\n> **Truncated**: this report is longer than a comment may be (GitHub's limit is 65,536 characters); ${where}.\n`;
    const budget = maxLength - 2 * note.length - 200;
    let head = compact.slice(0, Math.max(0, compact.lastIndexOf("\n", budget)));
    if ((head.match(/^```/gm) ?? []).length % 2 === 1) head += "\n```";
    const open = (head.match(/<details/g) ?? []).length - (head.match(/<\/details>/g) ?? []).length;
    head += "\n\n</details>".repeat(Math.max(0, open));
    return `${note}\n${head}\n\n${note}`;
}
