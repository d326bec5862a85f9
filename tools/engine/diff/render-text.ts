import pc from "picocolors";
import { ChangeKind, DiffReport, displayValue, reportExitCode, ResourceChange, StackDiff, stackTitle, statefulLosses, summaryLine } from "./compare";

/** The terminal view: warnings first and loud, then per stack and component, property by property. */

const SYMBOL: Record<ChangeKind, string> = { add: "+", delete: "-", update: "~", replace: "±" };
const VERB: Record<ChangeKind, string> = { add: "add", delete: "delete", update: "update", replace: "REPLACE" };

function colourFor(kind: ChangeKind): (s: string) => string {
    return kind === "add" ? pc.green : kind === "delete" ? pc.red : kind === "replace" ? (s: string) => pc.bold(pc.magenta(s)) : pc.yellow;
}

function resourceLines(c: ResourceChange): string[] {
    const colour = colourFor(c.kind);
    const flags = [c.stateful ? pc.bold(pc.red("[stateful]")) : "", c.protected ? pc.yellow("[protected]") : "", c.renamedByAlias ? pc.cyan(`[renamed from ${c.previousName ?? c.previousUrn} via alias]`) : ""].filter(Boolean);
    const was = c.kind === "replace" && c.previousName ? ` (was ${c.previousName})` : "";
    const lines = [`  ${colour(`${SYMBOL[c.kind]} ${VERB[c.kind]}`)} ${c.type} ${pc.bold(c.name)}${was}${flags.length ? " " + flags.join(" ") : ""}`];
    for (const r of c.reasons) lines.push(`      ${pc.magenta("reason:")} ${r}`);
    if (c.highlights.length > 0) lines.push(`      ${pc.dim(c.highlights.join("  "))}`);
    const weakened = new Set(c.weakenings.map((w) => w.path));
    for (const p of c.properties) {
        const line = `      ${p.path}: ${displayValue(p.before)} → ${displayValue(p.after)}`;
        lines.push(weakened.has(p.path) ? pc.yellow(`${line}   ⚠ weakened`) : line);
    }
    return lines;
}

export function renderStackText(d: StackDiff): string[] {
    const lines: string[] = [];
    const losses = statefulLosses(d);
    lines.push(pc.bold(`━━ ${stackTitle(d)} (stack ${d.stack}) ━━`));
    lines.push(`${losses.length > 0 ? pc.red("✖") : d.warnings.length > 0 ? pc.yellow("!") : pc.green("✓")} ${summaryLine(d)}`);
    for (const n of d.notes) lines.push(pc.yellow(`  note: ${n}`));
    for (const w of d.warnings) {
        if (w.kind === "guarded") lines.push(pc.yellow(pc.bold(`  ⚠ WEAKENED: ${w.message}`)));
        else lines.push(pc.bgRed(pc.white(pc.bold(` 🛑 STATEFUL ${w.kind === "stateful-replace" ? "REPLACE" : "DELETE"}: ${w.message} `))));
    }
    if (d.policy.introduced.length + d.policy.fixed.length > 0) {
        lines.push(pc.bold("  Policy:"));
        for (const v of d.policy.introduced) lines.push(`    ${pc.red("+ introduced")} ${v.level} ${v.policy}: ${v.message}\n      ${pc.dim(v.urn)}`);
        for (const v of d.policy.fixed) lines.push(`    ${pc.green("- fixed")} ${v.level} ${v.policy}: ${v.message}\n      ${pc.dim(v.urn)}`);
    }
    for (const g of d.components) {
        const status = g.status === "added" ? pc.green(" (new component)") : g.status === "removed" ? pc.red(" (component removed)") : "";
        lines.push(pc.bold(pc.cyan(`  ${g.component.kind ? `${g.component.kind} ${g.component.name}` : g.component.name}`)) + status);
        for (const c of g.changes) lines.push(...resourceLines(c).map((l) => `  ${l}`));
    }
    if (d.changes.length === 0 && d.policy.introduced.length + d.policy.fixed.length === 0) lines.push(pc.dim("  no changes"));
    return lines;
}

export function renderReportText(report: DiffReport): string {
    const lines: string[] = [];
    lines.push(pc.bold(`Infrastructure diff: ${report.baseLabel} → ${report.headLabel}`));
    for (const d of report.stacks) lines.push(`  ${stackTitle(d).padEnd(22)} ${summaryLine(d)}`);
    for (const s of report.skipped) lines.push(pc.dim(`  ${`${s.stack} · ${s.cloud}`.padEnd(22)} not compared: ${s.reason}`));
    lines.push("");
    for (const d of report.stacks) lines.push(...renderStackText(d), "");
    const losses = report.stacks.flatMap(statefulLosses);
    const weakened = report.stacks.flatMap((d) => d.warnings.filter((w) => w.kind === "guarded"));
    if (losses.length > 0) {
        const verdict = `${losses.length} stateful resource(s) would be replaced or deleted`;
        lines.push(reportExitCode(report) === 0
            ? pc.yellow(pc.bold(`${verdict}: accepted with --allow-stateful-replace.`))
            : pc.bgRed(pc.white(pc.bold(` ${verdict}. Exit 1: rework the change (aliases, keep create-only properties) or rerun with --allow-stateful-replace once the data is safe. `))));
    }
    if (weakened.length > 0) lines.push(pc.yellow(`${weakened.length} guarded setting(s) weakened: approve only on purpose.`));
    if (losses.length === 0 && weakened.length === 0) lines.push(pc.green("No stateful replacements or deletions, no weakened guarded settings."));
    return lines.join("\n") + "\n";
}
