import pc from "picocolors";
import { ChangeKind, DiffReport, displayValue, reportExitCode, ResourceChange, StackDiff, stackTitle, statefulLosses, summaryLine } from "./compare";

/** The terminal view: warnings first and loud, then per stack and component, property by property. */

const SYMBOL: Record<ChangeKind, string> = { create: "+", delete: "-", update: "~", replace: "±", "may-replace": "±?" };
const VERB: Record<ChangeKind, string> = { create: "add", delete: "delete", update: "update", replace: "REPLACE", "may-replace": "MAY REPLACE" };
const COLOUR: Record<ChangeKind, (s: string) => string> = {
    create: pc.green,
    delete: pc.red,
    update: pc.yellow,
    replace: (s) => pc.bold(pc.magenta(s)),
    "may-replace": pc.magenta,
};
const WARNING_LABEL: Record<string, string> = { "stateful-replace": "REPLACE", "stateful-may-replace": "MAY REPLACE", "stateful-delete": "DELETE" };

function resourceLines(c: ResourceChange): string[] {
    const colour = COLOUR[c.kind];
    const flags = [c.stateful ? pc.bold(pc.red("[stateful]")) : "", c.protected ? pc.yellow("[protected]") : "", c.renamedByAlias ? pc.cyan(`[renamed from ${c.previousName ?? c.previousUrn} via alias]`) : ""].filter(Boolean);
    const was = c.kind !== "update" && c.previousName ? ` (was ${c.previousName})` : "";
    const lines = [`  ${colour(`${SYMBOL[c.kind]} ${VERB[c.kind]}`)} ${c.type} ${pc.bold(c.name)}${was}${flags.length ? " " + flags.join(" ") : ""}`];
    for (const r of c.reasons) lines.push(`      ${pc.magenta(c.kind === "may-replace" ? "why:" : "reason:")} ${r}`);
    if (c.highlights.length > 0) lines.push(`      ${pc.dim(c.highlights.join("  "))}`);
    const weakened = new Set(c.weakenings.map((w) => w.path));
    for (const p of c.properties) {
        const mark = p.forcesReplace === true ? pc.magenta("  (forces replacement)") : p.forcesReplace === null && c.custom ? pc.magenta("  (may force replacement)") : "";
        const line = `      ${p.path}: ${displayValue(p.before)} → ${displayValue(p.after)}${mark}`;
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
        else lines.push(pc.bgRed(pc.white(pc.bold(` 🛑 STATEFUL ${WARNING_LABEL[w.kind]}: ${w.message} `))));
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
        const verdict = `${losses.length} stateful resource(s) would be (or may be) replaced or deleted`;
        const protectedCount = losses.filter((w) => w.protected).length;
        const refusal = protectedCount > 0 ? ` (${protectedCount} protected: \`pulumi up\` refuses until they are unprotected)` : "";
        lines.push(reportExitCode(report) === 0
            ? pc.yellow(pc.bold(`${verdict}: accepted with --allow-stateful-replace${refusal}.`))
            : pc.bgRed(pc.white(pc.bold(` ${verdict}. Exit 1: rework the change (aliases, keep create-only properties), or migrate the data, unprotect deliberately and rerun with --allow-stateful-replace. `))));
    }
    if (weakened.length > 0) lines.push(pc.yellow(`${weakened.length} guarded setting(s) weakened: approve only on purpose.`));
    if (losses.length === 0 && weakened.length === 0) lines.push(pc.green("No stateful replacements or deletions, no weakened guarded settings."));
    return lines.join("\n") + "\n";
}
