import type { Rule } from "../../shared/rules";

/**
 * GCP labels: at most 64 per resource; keys 1-63 characters starting with a lowercase letter,
 * values 0-63, both only lowercase letters, digits, `_` and `-`.
 * https://cloud.google.com/resource-manager/docs/labels-overview#requirements
 */
export const gcpLabelRule: Rule = {
    id: "gcp/label-limits",
    family: "names",
    types: [],
    doc: "https://cloud.google.com/resource-manager/docs/labels-overview#requirements",
    check(r) {
        // A notification channel's `labels` are its settings (email_address); its labels are `userLabels`.
        const labels = (r.type === "gcp:monitoring/notificationChannel:NotificationChannel" ? r.inputs.userLabels : r.inputs.labels ?? r.inputs.resourceLabels ?? r.inputs.settings?.userLabels) as Record<string, unknown> | undefined;
        if (!labels || typeof labels !== "object") return [];
        const problems: string[] = [];
        if (Object.keys(labels).length > 64) problems.push(`${Object.keys(labels).length} labels; GCP allows 64`);
        for (const [k, v] of Object.entries(labels)) {
            if (!/^[a-z][a-z0-9_-]{0,62}$/.test(k)) problems.push(`label key ${JSON.stringify(k)}: 1-63 lowercase letters, digits, _ and -, starting with a letter`);
            if (!/^[a-z0-9_-]{0,63}$/.test(String(v))) problems.push(`label ${k} value ${JSON.stringify(v)}: at most 63 lowercase letters, digits, _ and -`);
        }
        return problems;
    },
};

/**
 * The inputs the check above reads a type's labels from: a notification channel's `userLabels`
 * (its `labels` are its settings), any other type's `labels`, GKE's `resourceLabels` or Cloud
 * SQL's `settings.userLabels`. An alert policy's `userLabels` are not among them: the check
 * does not read them, so its entry listing them does not give it the rule (providers/gcp/engine.ts
 * gives the rule to every type whose entry lists one of these, or a path that covers it).
 */
export function labelInputsOf(type: string): readonly string[] {
    return type === "gcp:monitoring/notificationChannel:NotificationChannel" ? ["userLabels"] : ["labels", "resourceLabels", "settings.userLabels"];
}
