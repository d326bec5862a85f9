import { renderMermaid } from "../topology";
import { ChangeKind, DiffReport, displayValue, reportExitCode, ResourceChange, StackDiff, stackTitle, statefulLosses, summaryLine } from "./compare";

/**
 * The GitHub-flavoured Markdown view, for a pull-request comment: the summary table up top,
 * every warning next (stateful replace/delete before weakened settings), then one collapsible
 * section per stack with its policy changes, per-component property tables and the Mermaid
 * topology of the head plan. Secrets appear as `[secret]`, as they do in the plan.
 */

/** GitHub rejects comments over 65,536 characters; stay under with room for a header. */
export const MAX_COMMENT_LENGTH = 60000;

const ICON: Record<ChangeKind, string> = { add: "🟢 add", delete: "🔴 delete", update: "🟡 update", replace: "🟣 **replace**" };

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
    const was = c.kind === "replace" && c.previousName ? ` (was ${code(c.previousName)})` : "";
    const lines = [`- ${ICON[c.kind]} ${code(c.name)}${was} ${code(c.type)}${tags.length ? " · " + tags.join(" · ") : ""}`];
    for (const r of c.reasons) lines.push(`  - reason: ${cell(r)}`);
    if (c.highlights.length > 0 && !options.compact) lines.push(`  - ${c.highlights.map(code).join(" ")}`);
    if (c.properties.length > 0) {
        const weakened = new Set(c.weakenings.map((w) => w.path));
        lines.push("", "  | Property | Before | After |", "  |---|---|---|");
        for (const p of c.properties) {
            const mark = weakened.has(p.path) ? " ⚠️" : "";
            lines.push(`  | ${code(p.path)}${mark} | ${code(displayValue(p.before))} | ${code(displayValue(p.after))} |`);
        }
        lines.push("");
    }
    return lines;
}

function warningLines(d: StackDiff): string[] {
    return d.warnings.map((w) => {
        const where = `${stackTitle(d)} · ${w.component.kind ? `${w.component.kind} ${code(w.component.name)}` : w.component.name}`;
        if (w.kind === "guarded") return `- ⚠️ **Weakened** (${where}): ${cell(w.message)}`;
        return `- 🛑 **STATEFUL ${w.kind === "stateful-replace" ? "REPLACE" : "DELETE"}** (${where}): ${cell(w.message)}`;
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
        const changed = [...new Set(d.changes.map((c) => c.component.name))];
        lines.push("<details>", `<summary>Topology of the head plan (${html(stackTitle(d))})</summary>`, "", "```mermaid", renderMermaid(d.head, { risk, changed }).trimEnd(), "```", "", "</details>", "");
    }
    lines.push("</details>", "");
    return lines;
}

function render(report: DiffReport, options: RenderOptions): string {
    const lines = ["## Infrastructure diff", "", `Base ${code(report.baseLabel)} → head ${code(report.headLabel)}, planned offline (\`npm run diff\`).`, ""];
    const losses = report.stacks.flatMap(statefulLosses);
    const weakened = report.stacks.flatMap((d) => d.warnings.filter((w) => w.kind === "guarded"));
    if (losses.length > 0) {
        const accepted = reportExitCode(report) === 0;
        lines.push("> [!CAUTION]", `> **${losses.length} stateful resource(s) would be replaced or deleted: their data is lost.** ${accepted ? "Accepted with `--allow-stateful-replace`." : "The diff check fails until the change keeps them (aliases, no create-only property changes) or is rerun with `--allow-stateful-replace`."}`, "");
    }
    if (weakened.length > 0) lines.push("> [!WARNING]", `> **${weakened.length} guarded setting(s) weakened.** Approve only on purpose.`, "");
    lines.push("| Stack | Cloud | Add | Change | Replace | Delete | Policy | Risk |", "|---|---|--:|--:|--:|--:|---|---|");
    for (const d of report.stacks) {
        const l = statefulLosses(d).length;
        const w = d.warnings.length - l;
        const risk = [l > 0 ? `🛑 ${l} stateful` : "", w > 0 ? `⚠️ ${w} weakened` : ""].filter(Boolean).join(", ") || "✅ none";
        const c = d.counts;
        lines.push(`| ${code(d.stack)} | ${cell(d.cloud)} | ${c.add} | ${c.change} | ${c.replace} | ${c.delete} | +${d.policy.introduced.length} / -${d.policy.fixed.length} | ${risk} |`);
    }
    for (const s of report.skipped) lines.push(`| ${cell(s.stack)} | ${cell(s.cloud)} | | | | | | not compared: ${cell(s.reason)} |`);
    lines.push("");
    const allWarnings = report.stacks.flatMap(warningLines);
    if (allWarnings.length > 0) lines.push("### Warnings", "", ...allWarnings, "");
    lines.push("### Stacks", "");
    for (const d of report.stacks) lines.push(...renderStackMarkdown(d, options));
    return lines.join("\n").replace(/\n{3,}/g, "\n\n");
}

/** The full report; falls back to a compact form, then a truncated one, to fit a PR comment. */
export function renderReportMarkdown(report: DiffReport, maxLength = MAX_COMMENT_LENGTH): string {
    let out = render(report, {});
    if (out.length > maxLength) out = render(report, { compact: true });
    if (out.length > maxLength) {
        const cut = out.lastIndexOf("\n", maxLength - 200);
        let head = out.slice(0, cut);
        if ((head.match(/^```/gm) ?? []).length % 2 === 1) head += "\n```";
        const open = (head.match(/<details/g) ?? []).length - (head.match(/<\/details>/g) ?? []).length;
        head += "\n\n</details>".repeat(Math.max(0, open));
        out = `${head}\n\n> [!NOTE]\n> Report truncated to fit a comment: run \`npm run diff\` locally for the rest.\n`;
    }
    return out;
}
