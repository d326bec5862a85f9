import pc from "picocolors";
import { withConfigFix } from "./config-hints";
import { describeCount, Plan, PlanResource } from "./plan";

/**
 * Input keys worth showing in the tree: the settings reviewers check (encryption, retention,
 * size, replicas, TLS, protection). Keys from every cloud live in one list so the renderer
 * stays cloud-agnostic; nested keys are written with dots.
 */
export const HIGHLIGHT_KEYS = [
    // AWS
    "engine", "engineVersion", "instanceClass", "allocatedStorage", "storageEncrypted", "multiAz", "backupRetentionPeriod",
    "backupWindow", "maintenanceWindow", "deletionProtection", "skipFinalSnapshot", "publiclyAccessible", "performanceInsightsEnabled",
    "manageMasterUserPassword", "nodeType", "numCacheClusters", "automaticFailoverEnabled", "atRestEncryptionEnabled",
    "transitEncryptionEnabled", "transitEncryptionMode", "snapshotRetentionLimit", "cidrBlock", "availabilityZone",
    "sslPolicy", "protocol", "port", "enableDeletionProtection", "desiredCount", "minCapacity", "maxCapacity", "cpu", "memory",
    "retentionInDays", "targetTrackingScalingPolicyConfiguration.targetValue", "healthCheck.path", "status", "mapPublicIpOnLaunch",
    "networkConfiguration.assignPublicIp", "threshold", "comparisonOperator", "metricName",
    // GCP
    "databaseVersion", "settings.tier", "settings.availabilityType", "settings.backupConfiguration.enabled",
    "settings.backupConfiguration.pointInTimeRecoveryEnabled", "settings.backupConfiguration.backupRetentionSettings.retainedBackups",
    "settings.ipConfiguration.sslMode", "settings.ipConfiguration.ipv4Enabled", "settings.deletionProtectionEnabled", "tier",
    "memorySizeGb", "redisVersion", "authEnabled", "transitEncryptionMode", "persistenceConfig.persistenceMode", "versioning.enabled",
    "uniformBucketLevelAccess", "publicAccessPrevention", "ingress", "template.scaling.minInstanceCount", "template.scaling.maxInstanceCount",
    "minTlsVersion", "profile", "loadBalancingScheme", "ipCidrRange",
    // Azure
    "version", "sku.name", "sku.tier", "backup.backupRetentionDays", "backup.geoRedundantBackup", "highAvailability.mode",
    "network.publicNetworkAccess", "value", "enableNonSslPort", "minimumTlsVersion", "publicNetworkAccess", "enableHttpsTrafficOnly",
    "allowBlobPublicAccess", "allowSharedKeyAccess", "minimumTlsVersion", "retentionInDays", "configuration.ingress.allowInsecure",
    "template.scale.minReplicas", "template.scale.maxReplicas", "sslPolicy.minProtocolVersion", "addressPrefix",
    // Kubernetes
    "spec.replicas", "spec.minReplicas", "spec.maxReplicas",
];

function get(obj: unknown, path: string): unknown {
    return path.split(".").reduce<unknown>((cur, k) => (cur && typeof cur === "object" ? (cur as Record<string, unknown>)[k] : undefined), obj);
}

/**
 * Container images a resource deploys, as written (`repo:tag` or `repo@sha256:<digest>`), so a
 * reviewer sees which code runs: `image` fields anywhere in the inputs (Cloud Run, Container
 * Apps, Kubernetes pod templates) and ECS's JSON `containerDefinitions`.
 */
export function imagesOf(inputs: unknown): string[] {
    const found: string[] = [];
    const visit = (v: unknown, depth: number): void => {
        if (depth > 12 || v === null || typeof v !== "object") return;
        for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
            if (k === "image" && typeof child === "string") found.push(child);
            else if (k === "containerDefinitions" && typeof child === "string") {
                try {
                    visit(JSON.parse(child), depth + 1);
                } catch {
                    // Not JSON (an unknown value during preview): nothing to show.
                }
            } else visit(child, depth + 1);
        }
    };
    visit(inputs, 0);
    return [...new Set(found)];
}

export function highlights(r: PlanResource): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    for (const key of HIGHLIGHT_KEYS) {
        if (seen.has(key)) continue;
        seen.add(key);
        const v = get(r.inputs, key);
        if (v === undefined || v === null || (typeof v === "object")) continue;
        out.push(`${key}=${typeof v === "string" ? v : JSON.stringify(v)}`);
    }
    for (const image of imagesOf(r.inputs)) out.push(`image=${image}`);
    return out;
}

/** Terminal width the text views wrap at. */
export const TEXT_WIDTH = 120;

/**
 * Words laid out in lines of at most `width` columns, each line starting with `indent`
 * (a single word longer than the width gets a line of its own).
 */
export function wrap(words: string[], indent: string, width = TEXT_WIDTH, separator = "  ", hanging = indent): string[] {
    const lines: string[] = [];
    let line = "";
    const prefix = () => (lines.length === 0 ? indent : hanging);
    for (const w of words) {
        if (line && prefix().length + line.length + separator.length + w.length > width) {
            lines.push(prefix() + line);
            line = w;
        } else line = line ? line + separator + w : w;
    }
    if (line) lines.push(prefix() + line);
    return lines;
}

/** One policy violation, its fix naming the config key where one drives the argument. */
export function violationLines(v: Plan["policy"]["violations"][number], indent = "  "): string[] {
    const level = v.level === "mandatory" ? pc.red(v.level) : pc.yellow(v.level);
    const [title, ...detail] = withConfigFix(v.message, v.urn).split("\n");
    return [
        ...wrap(`${level} ${pc.bold(v.policy)}: ${title}`.split(" "), indent, TEXT_WIDTH + (level.length - v.level.length) + pc.bold("").length, " ", `${indent}  `),
        ...detail.flatMap((d) => wrap(d.split(" "), `${indent}  `, TEXT_WIDTH, " ")),
        `${indent}  ${pc.dim(v.urn)}`,
    ];
}

/**
 * The text format: component -> children with their key settings (wrapped at 120 columns),
 * the outputs, then the resource count and, last where it cannot scroll away, the policy result.
 */
export function renderPlanText(plan: Plan): string {
    const lines: string[] = [];
    lines.push(pc.bold(`Plan ${plan.stack} — cloud ${plan.cloud}, environment ${plan.environment}`));
    const byParent = new Map<string | undefined, PlanResource[]>();
    const known = new Set(plan.resources.map((r) => r.urn));
    for (const r of plan.resources) {
        const parent = r.parent && known.has(r.parent) ? r.parent : undefined;
        byParent.set(parent, [...(byParent.get(parent) ?? []), r]);
    }
    const walk = (parent: string | undefined, depth: number) => {
        for (const r of byParent.get(parent) ?? []) {
            if (r.type.startsWith("pulumi:providers:")) continue;
            const indent = "  ".repeat(depth);
            const label = r.custom ? `${r.type} ${pc.cyan(r.name)}` : pc.bold(`${r.type} ${r.name}`);
            const flags = r.options.protect ? pc.yellow(" [protected]") : "";
            lines.push(`${indent}${r.custom ? "├─ " : "■ "}${label}${flags}`);
            const hl = r.custom ? highlights(r) : [];
            for (const l of wrap(hl, `${indent}│    `)) lines.push(pc.dim(l));
            walk(r.urn, depth + 1);
        }
    };
    walk(undefined, 0);

    lines.push("", pc.bold("Outputs:"));
    for (const [k, v] of Object.entries(plan.outputs)) {
        const value = typeof v === "string" ? v : JSON.stringify(v);
        lines.push(...wrap(`${k}: ${value}`.split(/(?<=,)/), "  ", TEXT_WIDTH, "", "      "));
    }

    lines.push("");
    lines.push(pc.bold(`Summary: ${describeCount(plan.resources)}, ${plan.resources.filter((r) => r.custom && r.options.protect).length} protected`));
    // The objectives can run past 120 columns: one clause a line.
    if (typeof plan.outputs.disasterRecovery === "string") lines.push(...plan.outputs.disasterRecovery.split("; ").map((part, i) => pc.bold(i === 0 ? `Disaster recovery: ${part}` : `  ${part}`)));
    const violations = plan.policy.violations;
    if (violations.length === 0) {
        lines.push(pc.green("Policy: no violations"));
    } else {
        const mandatory = violations.filter((v) => v.level === "mandatory").length;
        lines.push(pc.red(`Policy: ${violations.length} violation(s), ${mandatory} mandatory`));
        for (const v of violations) lines.push(...violationLines(v));
    }
    return lines.join("\n") + "\n";
}
