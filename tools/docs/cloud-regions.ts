import type { DocsSource } from "./cloud-docs";

/**
 * Every per-cloud region of the hand-written docs, in file order. Each is written by
 * `npm run docs:clouds` between `<!-- clouds:<id> -->` and `<!-- /clouds:<id> -->` from the
 * clouds' `providers/<cloud>/docs.ts` (and, for derived regions, their ci-login.ts and plugin),
 * so the prose around a region names no cloud and a new cloud's folder fills every region.
 * The row and column labels here are cloud-neutral; the cells are the clouds'.
 */

export type DocsFile = "README.md" | "docs/cloud-mapping.md" | "docs/disaster-recovery.md" | "docs/reviewing.md" | "docs/runbook.md";

/** A table with one column per cloud: each row id is a cell every cloud states. */
export interface ColumnsRegion {
    kind: "columns";
    id: string;
    file: DocsFile;
    /** The header's first cell, above the row labels. */
    corner: string;
    rows: ReadonlyArray<readonly [id: string, label: string]>;
    /** Folders under providers/ that are not clouds but add a column after them (their docs.ts's cells, `label` as written). */
    extraColumns?: ReadonlyArray<{ folder: string; label: string }>;
    /** A cloud's column header derived from what its folder states for the program (then docs.ts states none). */
    header?: (cloud: DocsSource) => string;
}

/**
 * A table with one row per cloud, labelled by the cloud (or its `header` in docs.ts): each
 * column id is a cell every cloud states, or one derived from what its folder already states
 * for the program (`from`, never restated in docs.ts).
 */
export interface RowsRegion {
    kind: "rows";
    id: string;
    file: DocsFile;
    corner: string;
    columns: ReadonlyArray<readonly [id: string, header: string, from?: (cloud: DocsSource) => string]>;
    /** Folders under providers/ that are not clouds but add a row after them (their docs.ts's cells, `label` as written). */
    extraRows?: ReadonlyArray<{ folder: string; label: string }>;
    /** Cloud-neutral rows after the clouds' (their cells as written). */
    after?: ReadonlyArray<readonly string[]>;
}

/**
 * Every cloud's part of one sentence, joined inline (`separator`, and `last` before the last
 * one); or, with `block`, every cloud's list item or paragraph on lines of their own.
 */
export interface PhrasesRegion {
    kind: "phrases";
    id: string;
    file: DocsFile;
    separator: string;
    last?: string;
    block?: true;
    /** Only the clouds that have something to say here have a part (a cloud without one leaves no hole). */
    optional?: true;
}

/** The clouds' own caveats for one place (optional per cloud), one block each, in registry order. */
export interface NotesRegion {
    kind: "notes";
    id: string;
    file: DocsFile;
    /** Between two notes: a newline for list items, a blank line for paragraphs. */
    separator: "\n" | "\n\n";
}

/** Text derived from what the clouds' folders already state for the program or CI (never restated in docs.ts). */
export interface DerivedRegion {
    kind: "derived";
    id: string;
    file: DocsFile;
    /** Inline (inside a sentence) or a block of its own. */
    inline: boolean;
    render(clouds: readonly DocsSource[]): string;
}

export type CloudRegion = ColumnsRegion | RowsRegion | PhrasesRegion | NotesRegion | DerivedRegion;

/** Whether a region's text sits inside a sentence (between markers on one line) or on lines of its own. */
export const isInline = (region: CloudRegion): boolean => (region.kind === "phrases" && !region.block) || (region.kind === "derived" && region.inline);

const MAPPING = "docs/cloud-mapping.md";
const DR = "docs/disaster-recovery.md";
const REVIEWING = "docs/reviewing.md";
const RUNBOOK = "docs/runbook.md";
const README = "README.md";

/** The `vars.NAME` a GitHub expression reads, with its `|| 'default'` when it has one. */
function variablesIn(expression: string): { name: string; fallback?: string }[] {
    return [...expression.matchAll(/vars\.([A-Z][A-Z0-9_]*)(?:\s*\|\|\s*'([^']*)')?/g)].map((m) => ({ name: m[1]!, ...(m[2] !== undefined ? { fallback: m[2] } : {}) }));
}

/** Every variable a cloud's CI login reads for one identity, in the order its login step, Pulumi env and release env state them. */
function loginVariables(cloud: DocsSource, identity: "deploy" | "preview"): Map<string, string | undefined> {
    const login = cloud.login;
    if (!login) throw new Error(`${cloud.name}: the CI variables are read from its providers/${cloud.name}/ci-login.ts, which it lacks`);
    const jobs = identity === "deploy" ? (["deploy"] as const) : (["plan", "drift", "preview"] as const);
    const expressions = [
        ...jobs.flatMap((job) => Object.values(login.with(identity, job))),
        ...Object.values(login.pulumiEnv(identity)),
        ...Object.values(login.releaseEnv),
    ];
    const found = new Map<string, string | undefined>();
    for (const v of expressions.flatMap(variablesIn)) if (!found.has(v.name) || (found.get(v.name) === undefined && v.fallback !== undefined)) found.set(v.name, v.fallback);
    return found;
}

/**
 * The README's variables: repository variables are those the read-only identity's jobs read
 * (shared ones first, then the identity's own), environment variables those only the deploy
 * identity reads (set per GitHub environment, so the production identity exists only after
 * the approval). Each name is backquoted, with its default and the cloud's note.
 */
export function ciVariables(cloud: DocsSource, scope: "repository" | "environment"): string[] {
    const preview = loginVariables(cloud, "preview");
    const deploy = loginVariables(cloud, "deploy");
    const names = scope === "environment"
        ? [...deploy.keys()].filter((n) => !preview.has(n))
        : [...[...preview.keys()].filter((n) => deploy.has(n)), ...[...preview.keys()].filter((n) => !deploy.has(n))];
    const notes = cloud.docs.variableNotes ?? {};
    for (const n of Object.keys(notes)) {
        if (!preview.has(n) && !deploy.has(n)) throw new Error(`providers/${cloud.name}/docs.ts: variableNotes.${n}: its ci-login.ts reads no vars.${n} (it reads ${[...new Set([...preview.keys(), ...deploy.keys()])].join(", ")})`);
    }
    return names.map((n) => {
        const fallback = preview.get(n) ?? deploy.get(n);
        const said = [fallback !== undefined ? `default ${fallback}` : undefined, notes[n]].filter((s) => s !== undefined);
        return `\`${n}\`${said.length ? ` (${said.join(", ")})` : ""}`;
    });
}

/** A cloud's plugin, for text derived from it. */
function pluginOf(cloud: DocsSource): NonNullable<DocsSource["plugin"]> {
    if (!cloud.plugin) throw new Error(`${cloud.name}: this region is derived from its plugin (providers/${cloud.name}/plugin.ts), which it lacks`);
    return cloud.plugin;
}

/** A cloud's stateful types, for the table that lists them. */
function statefulTypesOf(cloud: DocsSource): Readonly<Record<string, string>> {
    if (!cloud.statefulTypes) throw new Error(`${cloud.name}: this region lists its engine's stateful types (providers/${cloud.name}/engine.ts), which it lacks`);
    return cloud.statefulTypes();
}

/** "A, B or C" ("and" with `word`). */
const orList = (items: readonly string[], word = "or") => (items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} ${word} ${items.at(-1)}`);

/** A cloud's default region and its DR pair, as the DR copies table heads its column. */
function drPairHeader(cloud: DocsSource): string {
    const { defaultRegion, disasterRecovery } = pluginOf(cloud);
    const pair = disasterRecovery.regionPairs[defaultRegion];
    if (pair === undefined) throw new Error(`providers/${cloud.name}: its default region ${defaultRegion} has no DR pair (disasterRecovery.regionPairs)`);
    return `${cloud.label} \`${defaultRegion} → ${pair}\`${disasterRecovery.fixedPairs ? " (the paired region)" : ""}`;
}

/** Which clouds take any DR region and whose pairs the cloud fixes (plugin `disasterRecovery.fixedPairs`). */
function drRegionChoice(clouds: readonly DocsSource[]): string {
    const free = clouds.filter((c) => !pluginOf(c).disasterRecovery.fixedPairs).map((c) => c.label);
    const fixed = clouds.filter((c) => pluginOf(c).disasterRecovery.fixedPairs).map((c) => `${c.label}'s pairs are fixed by ${c.label}`);
    return [...(free.length ? [`${orList(free, "and")} accept${free.length === 1 ? "s" : ""} any other region`] : []), ...fixed].join("; ");
}

export const CLOUD_REGIONS: readonly CloudRegion[] = [
    // README.md
    { kind: "derived", id: "cloud-names", file: README, inline: true, render: (clouds) => orList(clouds.map((c) => c.label)) },
    { kind: "phrases", id: "credentials", file: README, separator: "; " },
    {
        kind: "derived", id: "route-limits", file: README, inline: true,
        render: (clouds) => clouds.map((c) => {
            const max = pluginOf(c).loadBalancerLimits.maxRoutes;
            return max === undefined ? `${c.label}: the stack bound` : `${c.label} ${max}`;
        }).join(", "),
    },
    { kind: "phrases", id: "route-limit-source", file: README, separator: "; " },
    { kind: "phrases", id: "application-secrets", file: README, separator: "; " },
    { kind: "phrases", id: "secret-rollout-runtimes", file: README, separator: "/" },
    { kind: "phrases", id: "job-definitions", file: README, separator: "; " },
    { kind: "phrases", id: "job-run-commands", file: README, separator: "\n", block: true },
    { kind: "phrases", id: "database-token", file: README, separator: "; " },
    {
        kind: "rows", id: "database-identity", file: README, corner: "cloud",
        columns: [["login", "login (`DATABASE_USER`)"], ["setup", "what the platform sets up"]],
    },
    { kind: "phrases", id: "dr-copies", file: README, separator: "; " },
    { kind: "phrases", id: "dr-rpo", file: README, separator: "; ", optional: true },
    {
        kind: "rows", id: "runtimes", file: README, corner: "",
        columns: [["managed", "`managed` (default)"], ["kubernetes", "`kubernetes`"]],
        after: [["choose it when", "you want the least to operate: no cluster, per-service scaling, the cloud patches the runtime", "you already run Kubernetes, need sidecars/operators/daemon workloads, or want one deployment model on every cloud"]],
    },
    {
        kind: "derived", id: "internal-candidates", file: README, inline: true,
        render: (clouds) => orList(clouds.filter((c) => pluginOf(c).internalReleaseCandidates).map((c) => c.label)),
    },
    { kind: "phrases", id: "bake-alert-queries", file: README, separator: ", " },
    { kind: "phrases", id: "cache-auth-rotation", file: README, separator: " " },
    { kind: "phrases", id: "trust-subjects", file: README, separator: ", " },
    { kind: "derived", id: "repository-variables", file: README, inline: true, render: (clouds) => clouds.flatMap((c) => ciVariables(c, "repository")).join(", ") },
    { kind: "derived", id: "environment-variables", file: README, inline: true, render: (clouds) => clouds.flatMap((c) => ciVariables(c, "environment")).join(", ") },
    { kind: "derived", id: "runner-labels", file: README, inline: true, render: (clouds) => clouds.map((c) => `\`${c.name}\``).join(" | ") },
    {
        kind: "rows", id: "minimum-roles", file: README, corner: "Cloud",
        columns: [["preview", "Preview (read-only)"], ["deploy", "Deploy"]],
    },
    { kind: "phrases", id: "kubeconfig", file: README, separator: ", " },

    // docs/cloud-mapping.md
    {
        kind: "columns", id: "network", file: MAPPING, corner: "",
        rows: [["shape", "shape"], ["data-tier", "data tier reachable only from compute"]],
    },
    { kind: "notes", id: "network-notes", file: MAPPING, separator: "\n\n" },
    {
        kind: "columns", id: "database", file: MAPPING, corner: "",
        rows: [
            ["tls", "TLS required"], ["private", "private only"], ["ha", "HA (production)"], ["backups", "backups"],
            ["maintenance", "maintenance"], ["deletion-protection", "deletion protection"], ["admin-password", "admin password"],
            ["services-login", "services' login"], ["extensions", "extensions (`database.extensions`)"],
            ["cross-region-copy", "cross-region copy (production, [disaster-recovery.md](disaster-recovery.md))"],
            ["restore", "restore (`database.restore`)"],
        ],
    },
    {
        kind: "columns", id: "cache", file: MAPPING, corner: "",
        rows: [["version", "version"], ["tls-auth", "TLS / auth"], ["failover", "failover (production)"], ["snapshots", "snapshots"]],
    },
    { kind: "phrases", id: "object-store-services", file: MAPPING, separator: ", ", last: " and " },
    { kind: "phrases", id: "object-store-public-access", file: MAPPING, separator: " / " },
    { kind: "phrases", id: "object-store-tls", file: MAPPING, separator: " / " },
    { kind: "notes", id: "object-store-notes", file: MAPPING, separator: "\n\n" },
    { kind: "phrases", id: "object-store-cross-region", file: MAPPING, separator: "; " },
    {
        kind: "columns", id: "load-balancer", file: MAPPING, corner: "",
        rows: [
            ["certificate", "certificate"], ["tls", "TLS ≥ 1.2"], ["http-redirect", "HTTP → HTTPS 301"], ["health-check", "health check"],
            ["waf", "WAF (production)"], ["deletion-protection", "deletion protection (production)"],
        ],
    },
    {
        kind: "columns", id: "waf-rule-sets", file: MAPPING, corner: "protection",
        rows: [
            ["owasp-core", "OWASP core: XSS, LFI, RFI, RCE, protocol and method abuse, scanners, session fixation"],
            ["sql-injection", "SQL injection"],
            ["known-exploits", "Log4Shell (CVE-2021-44228/45046) and known exploit payloads"],
            ["ip-reputation", "IP reputation / bad bots"],
            ["rate-limit", "per-client rate limit"],
        ],
    },
    { kind: "notes", id: "waf-rule-sets-notes", file: MAPPING, separator: "\n\n" },
    {
        kind: "columns", id: "waf-logs", file: MAPPING, corner: "",
        rows: [["request-log", "WAF request log"], ["sensitive-headers", "sensitive headers"], ["access-logs", "access logs"]],
    },
    {
        kind: "columns", id: "audit-logs", file: MAPPING, corner: "",
        rows: [
            ["destination", "where audit logs go"], ["retention", "retention"], ["customer-managed-key", "customer-managed key"],
            ["object-access-logs", "object access logs"], ["flow-logs", "flow logs"],
        ],
    },
    {
        kind: "columns", id: "default-network-access", file: MAPPING, corner: "",
        rows: [["default-rules", "default security group / rules"]],
    },
    {
        kind: "columns", id: "cache-auth-rotation", file: MAPPING, corner: "",
        rows: [["how", "how to rotate"]],
    },
    { kind: "phrases", id: "image-digest-workloads", file: MAPPING, separator: ", " },
    {
        kind: "columns", id: "kubernetes-runtime", file: MAPPING, corner: "",
        rows: [["waf", "WAF in production"], ["entry-point", "public entry point"], ["gateway-to-cluster", "gateway to cluster"], ["node-disk-encryption", "node disk encryption"]],
    },
    { kind: "notes", id: "not-covered", file: MAPPING, separator: "\n" },
    {
        kind: "columns", id: "compute", file: MAPPING, corner: "",
        rows: [["private", "private, no public IP"], ["scaling", "scaling"], ["logs", "logs"], ["secrets", "secrets"], ["identity", "identity"]],
    },
    {
        kind: "columns", id: "monitoring", file: MAPPING, corner: "alert",
        rows: [
            ["5xx", "5xx > 10 % of requests"], ["latency", "p95 > 2 s (warning), > 5 s (critical)"], ["no-healthy-target", "no healthy target"],
            ["crash-loop", "crash loop"], ["database", "DB connections > 80 % / refused connections / CPU / free storage < 10 %"],
            ["cache", "cache memory / evictions / CPU"],
        ],
    },
    { kind: "phrases", id: "dashboard", file: MAPPING, separator: ", " },
    { kind: "phrases", id: "budget", file: MAPPING, separator: ", " },
    { kind: "phrases", id: "alert-destination-policies", file: MAPPING, separator: ", " },
    { kind: "phrases", id: "alert-destinations", file: MAPPING, separator: "; " },
    { kind: "phrases", id: "alert-subscription-point", file: MAPPING, separator: " / " },
    {
        kind: "columns", id: "rule-catalogue", file: MAPPING, corner: "Family",
        rows: [["names", "names"], ["combinations", "combinations"], ["companions", "companions and ordering"], ["quotas", "quotas"], ["windows", "windows"]],
        extraColumns: [{ folder: "kubernetes", label: "Kubernetes (`providers/kubernetes/rules`)" }],
    },
    { kind: "notes", id: "rule-exceptions", file: MAPPING, separator: "\n" },

    // docs/disaster-recovery.md
    { kind: "derived", id: "dr-region-choice", file: DR, inline: true, render: drRegionChoice },
    {
        kind: "columns", id: "dr-copies", file: DR, corner: "", header: drPairHeader,
        rows: [["database", "database"], ["objects", "objects"], ["database-rpo", "achieved database RPO"], ["object-rpo", "achieved object RPO"]],
    },
    {
        kind: "columns", id: "dr-failover", file: DR, corner: "",
        rows: [["config", "config"], ["primary-down", "while the primary region is down"], ["objects", "objects"], ["dns", "DNS"]],
    },

    // docs/runbook.md
    { kind: "phrases", id: "runbook-severities", file: RUNBOOK, separator: "; " },
    { kind: "phrases", id: "runbook-dashboards", file: RUNBOOK, separator: ", " },
    { kind: "phrases", id: "runbook-http-5xx-rate", file: RUNBOOK, separator: "\n", block: true },
    { kind: "phrases", id: "runbook-no-healthy-targets", file: RUNBOOK, separator: "\n", block: true },
    { kind: "phrases", id: "runbook-crash-loop-clusters", file: RUNBOOK, separator: ", " },
    { kind: "phrases", id: "runbook-crash-loop-cluster-metrics", file: RUNBOOK, separator: ", " },
    { kind: "phrases", id: "runbook-crash-loop-managed", file: RUNBOOK, separator: "; " },
    { kind: "phrases", id: "runbook-db-connection-failures", file: RUNBOOK, separator: "; " },
    { kind: "phrases", id: "runbook-budget", file: RUNBOOK, separator: ", " },

    // docs/reviewing.md
    {
        kind: "rows", id: "stateful-types", file: REVIEWING, corner: "Cloud",
        columns: [["types", "Stateful types", (c) => Object.keys(statefulTypesOf(c)).sort().map((t) => `\`${t}\``).join(", ")]],
    },
    {
        kind: "rows", id: "replacement-sources", file: REVIEWING, corner: "Provider",
        columns: [["source", "Replace-on-change comes from"]],
        extraRows: [{ folder: "kubernetes", label: "Kubernetes" }],
    },
];
