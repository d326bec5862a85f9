import type { T } from "./types";
import type {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

/*
 * Shared machinery of the pack: config schemas, environment detection, exemptions, the
 * violation-message builder and two small constructors that turn a compact definition into
 * a real @pulumi/policy ResourceValidationPolicy / StackValidationPolicy.
 *
 * Nothing here imports a cloud SDK: policies match resources by their type token (the SDK's
 * `__pulumiType`), attached to the validation function exactly as `validateResourceOfType`
 * does, so the analyzer's fast "not applicable" path still applies and the pack's only
 * dependencies are @pulumi/policy and @pulumi/pulumi.
 */

// ---------------------------------------------------------------------------------------------
// Config
// ---------------------------------------------------------------------------------------------

export interface Exemption {
    /** Glob over the resource's logical name (`*` any run of characters, `?` one character). */
    pattern: string;
    /** Why the resource is exempt; mandatory. An exemption without a reason is ignored. */
    reason: string;
}

export interface RetentionMinimums {
    production: number;
    staging: number;
    [environment: string]: number;
}

/** The union of every policy's config; each policy's schema declares the keys it reads. */
export interface PackConfig {
    minimumBackupRetentionDays: RetentionMinimums;
    minimumAuditLogRetentionDays: RetentionMinimums;
    minimumSnapshotRetentionDays: number;
    requireCustomerManagedKeys: boolean;
    requireInfrastructureEncryption: boolean;
    exemptions: Exemption[];
}

/*
 * Defaults that restate the tier profiles (components/config/tiers.ts). The pack cannot import
 * them: it is published on its own (`pulumi policy publish` uploads policy/ alone, with its own
 * package.json), and a pack that pulled in the program would also run the program's imports in
 * the policy analyzer. So each number is written here once (descriptions and remediations
 * interpolate these constants) and tests/policy/defaults.spec.ts fails when one differs from
 * its tier value, or when a config default appears that is not classified there.
 */
/** Database backup retention (days) per environment: the tiers' `database.backupRetentionDays`. */
export const DEFAULT_MINIMUM_BACKUP_RETENTION_DAYS: RetentionMinimums = { production: 30, staging: 7 };
/** Audit-log retention (days) per environment: the tiers' `audit.logRetentionDays`. */
export const DEFAULT_MINIMUM_AUDIT_LOG_RETENTION_DAYS: RetentionMinimums = { production: 365, staging: 90 };
/** Production cache snapshot retention (days): the production tier's `cache.snapshotRetentionDays`. */
export const DEFAULT_MINIMUM_SNAPSHOT_RETENTION_DAYS = 5;

const retentionTable = (description: string, defaults: RetentionMinimums, max: number) => ({
    type: "object",
    description,
    default: defaults,
    properties: {
        production: { type: "integer", minimum: 1, maximum: max },
        staging: { type: "integer", minimum: 1, maximum: max },
    },
    required: ["production", "staging"],
    additionalProperties: { type: "integer", minimum: 1, maximum: max },
}) as const;

/** JSON schemas of the config keys (the CLI validates `--policy-pack-config` against them). */
export const configSchemas = {
    exemptions: {
        type: "array",
        description: "Resources exempt from this policy: {pattern (glob over the resource name), reason (mandatory)}.",
        default: [],
        items: {
            type: "object",
            properties: {
                pattern: { type: "string", minLength: 1, description: "Glob over the resource's logical name: * and ? wildcards." },
                reason: { type: "string", minLength: 10, description: "Why the exemption is acceptable (ticket, owner, expiry)." },
            },
            required: ["pattern", "reason"],
            additionalProperties: false,
        },
    },
    minimumBackupRetentionDays: retentionTable("Minimum backup retention in days, per environment. Environments not listed use the largest value.", DEFAULT_MINIMUM_BACKUP_RETENTION_DAYS, 35),
    minimumAuditLogRetentionDays: retentionTable(
        "Minimum retention in days of audit logs (flow logs, control-plane audit logs, WAF and object-access logs), per environment. Environments not listed use the largest value.",
        DEFAULT_MINIMUM_AUDIT_LOG_RETENTION_DAYS,
        3653,
    ),
    minimumSnapshotRetentionDays: {
        type: "integer",
        description: "Minimum days a production cache keeps its automatic snapshots.",
        default: DEFAULT_MINIMUM_SNAPSHOT_RETENTION_DAYS,
        minimum: 1,
        maximum: 35,
    },
    requireCustomerManagedKeys: {
        type: "boolean",
        description: "Require customer-managed encryption keys where the cloud encrypts by default with its own keys.",
        default: false,
    },
    requireInfrastructureEncryption: {
        type: "boolean",
        description: "Require Azure storage infrastructure (double) encryption. Changing it on an existing account replaces it.",
        default: false,
    },
} as const;

export type ConfigKey = keyof typeof configSchemas;

function schemaFor(keys: ConfigKey[]): PolicyConfigSchema {
    const properties: PolicyConfigSchema["properties"] = {};
    for (const k of ["exemptions" as ConfigKey, ...keys]) properties[k] = configSchemas[k] as unknown as PolicyConfigSchema["properties"][string];
    return { properties };
}

// ---------------------------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------------------------

export type Area =
    | "encryption-at-rest"
    | "encryption-in-transit"
    | "backup-retention"
    | "public-access"
    | "deletion-protection"
    | "high-availability"
    | "edge-protection"
    | "logging"
    | "monitoring"
    | "network-security"
    | "supply-chain"
    | "workload-security"
    | "disaster-recovery";
/**
 * The clouds the pack has policies for: the sections of its type table (types.ts), since the
 * pack is published alone and cannot read the program's registry. tests/policy/clouds.spec.ts
 * holds the table's sections to providers/registry.ts plus `kubernetes`.
 */
export type Cloud = keyof typeof T;

export interface PolicyMetadata {
    area: Area;
    cloud: Cloud;
    severity: Severity;
    /** Resource types the policy inspects. */
    resourceTypes: string[];
    /** Checkov check ids covering the same rule, where one exists. */
    checkov: string[];
    /** CIS benchmark controls, where one clearly matches. */
    cis: string[];
    /** Config keys the policy reads (besides `exemptions`). */
    config: ConfigKey[];
    /** One line: how to fix a violation. */
    remediation: string;
}

/** Both policy kinds carry their metadata, for docs and reports. */
export type PlatformPolicy = (ResourceValidationPolicy | StackValidationPolicy) & { metadata: PolicyMetadata };

interface CommonDefinition {
    name: string;
    description: string;
    area: Area;
    severity: Severity;
    checkov?: string[];
    cis?: string[];
    /** @default "mandatory" (the pack level) */
    enforcementLevel?: EnforcementLevel;
    config?: ConfigKey[];
    remediation: string;
}

// ---------------------------------------------------------------------------------------------
// Environment detection
// ---------------------------------------------------------------------------------------------

/** Is this the unknown-value error of @pulumi/policy's proxy (preview)? Matched by name: its class is internal. */
export function isUnknownValueError(err: unknown): boolean {
    return err instanceof Error && err.constructor.name === "UnknownValueError";
}

/**
 * The preview-unknown value a deciding `read` met during the current validation, if any. A
 * finding decided while a value was unknown may be wrong (the unknown name or ARN may be the very
 * link the policy looks for), so `decideOnKnownValues` turns it into the analyzer's advisory
 * "can't run policy during preview"; `pulumi up` evaluates again with every value known.
 */
let unknownMet: Error | undefined;

/** Reads a nested value, treating preview-unknown values as absent (and noting that one was met, when `track`). */
function peek(obj: unknown, path: string[], track = false): unknown {
    try {
        let cur: unknown = obj;
        for (const key of path) {
            if (cur === null || typeof cur !== "object") return undefined;
            cur = (cur as Record<string, unknown>)[key];
        }
        return cur;
    } catch (err) {
        if (!isUnknownValueError(err)) throw err;
        if (track) unknownMet ??= err as Error;
        return undefined;
    }
}

/**
 * A validation's findings, held until it ends: when a deciding read met an unknown value on the
 * way, they are withheld and the SDK's UnknownValueError is rethrown (the analyzer reports
 * "can't run policy ... during preview", advisory) instead of a possibly false violation.
 * The environment lookup does not count: an unknown tag falls back to the stack name, as documented.
 */
function decideOnKnownValues(reportViolation: ReportViolation) {
    const held: Array<Parameters<ReportViolation>> = [];
    return {
        report: ((...finding) => void held.push(finding)) as ReportViolation,
        run(validate: () => void): void {
            unknownMet = undefined;
            try {
                validate();
            } catch (err) {
                // A policy's own failure stays that failure, never the preview advisory; the SDK's
                // own unknown is the advisory, with no finding decided before it.
                if (!isUnknownValueError(err)) for (const finding of held) reportViolation(...finding);
                throw err;
            }
            if (unknownMet && held.length > 0) throw unknownMet;
            for (const finding of held) reportViolation(...finding);
        },
    };
}

const ENVIRONMENT_PATHS: string[][] = [
    ["tags", "environment"],
    ["labels", "environment"],
    ["settings", "userLabels", "environment"],
    ["resourceLabels", "environment"],
    ["metadata", "labels", "environment"],
];

/** The stack name of a URN: `urn:pulumi:<stack>::<project>::<type>::<name>`. */
export function stackOfUrn(urn: string): string {
    const m = /^urn:pulumi:([^:]+)::/.exec(urn);
    return m ? m[1]! : "";
}

/** `production`, `production-gcp`, `prod-eu` -> production; `staging*`, `stage*` -> staging; otherwise the stack name. */
export function environmentOfStack(stack: string): string {
    const s = stack.toLowerCase();
    if (/^prod(uction)?(\b|[-_.]|$)/.test(s) || s === "prod" || s.startsWith("production")) return "production";
    if (/^stag(e|ing)(\b|[-_.]|$)/.test(s) || s.startsWith("staging")) return "staging";
    return s;
}

export interface EnvironmentSource {
    environment: string;
    /** Where it came from, for messages: `tags.environment`, `provider defaultTags`, `stack name "production-gcp"`. */
    source: string;
}

/**
 * The environment of a resource: its own `environment` tag/label (`tags`, `labels`,
 * `settings.userLabels`), then the AWS provider's `defaultTags`, then the stack name in the URN.
 */
export function environmentOf(props: unknown, urn: string, providerProps?: unknown): EnvironmentSource {
    for (const path of ENVIRONMENT_PATHS) {
        const v = peek(props, path);
        if (typeof v === "string" && v.length > 0) return { environment: v.toLowerCase(), source: path.join(".") };
    }
    const fromProvider = peek(providerProps, ["defaultTags", "tags", "environment"]);
    if (typeof fromProvider === "string" && fromProvider.length > 0) return { environment: fromProvider.toLowerCase(), source: "provider defaultTags.environment" };
    const stack = stackOfUrn(urn);
    return { environment: environmentOfStack(stack), source: `stack name "${stack}"` };
}

/** The minimum backup retention for an environment; an environment the config does not list gets the strictest value. */
export function minimumRetention(config: Pick<PackConfig, "minimumBackupRetentionDays">, environment: string): number {
    return minimumFor(config.minimumBackupRetentionDays ?? DEFAULT_MINIMUM_BACKUP_RETENTION_DAYS, environment);
}

/** A per-environment minimum; an environment the table does not list gets the strictest value. */
export function minimumFor(table: RetentionMinimums, environment: string): number {
    const v = table[environment];
    if (typeof v === "number") return v;
    return Math.max(...Object.values(table).filter((n): n is number => typeof n === "number"));
}

/** "production (from tags.environment)", for messages. */
export function envNote(env: EnvironmentSource): string {
    return `${env.environment} (from ${env.source})`;
}

// ---------------------------------------------------------------------------------------------
// Exemptions
// ---------------------------------------------------------------------------------------------

export function globToRegExp(glob: string): RegExp {
    const escaped = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    return new RegExp(`^${escaped}$`);
}

/** The exemption covering a resource name, if any. Exemptions without a (non-blank) reason never apply. */
export function findExemption(exemptions: readonly Exemption[] | undefined, name: string): Exemption | undefined {
    for (const e of exemptions ?? []) {
        if (!e || typeof e.pattern !== "string" || typeof e.reason !== "string" || e.reason.trim().length === 0) continue;
        if (globToRegExp(e.pattern).test(name)) return e;
    }
    return undefined;
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

/** Renders a found value for a message: strings quoted, absent values named. */
export function show(value: unknown): string {
    if (value === undefined) return "not set";
    if (value === null) return "null";
    if (typeof value === "string") return JSON.stringify(value);
    try {
        return JSON.stringify(value);
    } catch {
        return String(value);
    }
}

export interface Finding {
    /** What is wrong, e.g. "storage encryption is disabled". */
    problem: string;
    /** The offending value, as found (rendered with `show`) or a phrase. */
    found: unknown;
    /** How to fix it, e.g. "set storageEncrypted: true". */
    fix: string;
    /** Report against another resource (stack policies). */
    urn?: string;
    /** The resource name to name in the message. */
    resource?: string;
}

/** "<problem> on <type> "<name>": found <value>. Fix: <fix>." */
export function message(type: string, name: string, f: Pick<Finding, "problem" | "found" | "fix">): string {
    const found = typeof f.found === "string" && f.found.startsWith("~") ? f.found.slice(1) : show(f.found);
    return `${f.problem} on ${type} "${name}": found ${found}. Fix: ${f.fix}.`;
}

/** A found value that is a phrase rather than a value: rendered without quotes. */
export function phrase(text: string): string {
    return `~${text}`;
}

// ---------------------------------------------------------------------------------------------
// Policy constructors
// ---------------------------------------------------------------------------------------------

export interface ResourceContext {
    type: string;
    name: string;
    urn: string;
    /** Props behind @pulumi/policy's unknown-checking proxy. */
    props: Record<string, any>;
    args: ResourceValidationArgs;
    config: PackConfig;
    environment(): EnvironmentSource;
    report(finding: Finding): void;
    /** The analyzer's notApplicable: stops the validation and records the reason. */
    notApplicable(reason: string): never;
}

/** Production-only guards: "not applicable" elsewhere, naming the environment and where it came from. */
export function onlyInProduction(ctx: ResourceContext, what: string): EnvironmentSource {
    const env = ctx.environment();
    if (env.environment !== "production") ctx.notApplicable(`${what} is required in production only; this is ${envNote(env)}`);
    return env;
}

export interface ResourcePolicyDefinition extends CommonDefinition {
    types: string[];
    validate(ctx: ResourceContext): void;
}

function withDefaults(raw: Partial<PackConfig>): PackConfig {
    return {
        minimumBackupRetentionDays: raw.minimumBackupRetentionDays ?? DEFAULT_MINIMUM_BACKUP_RETENTION_DAYS,
        minimumAuditLogRetentionDays: raw.minimumAuditLogRetentionDays ?? DEFAULT_MINIMUM_AUDIT_LOG_RETENTION_DAYS,
        minimumSnapshotRetentionDays: raw.minimumSnapshotRetentionDays ?? DEFAULT_MINIMUM_SNAPSHOT_RETENTION_DAYS,
        requireCustomerManagedKeys: raw.requireCustomerManagedKeys ?? false,
        requireInfrastructureEncryption: raw.requireInfrastructureEncryption ?? false,
        exemptions: raw.exemptions ?? [],
    };
}

function metadataOf(def: CommonDefinition, types: string[]): PolicyMetadata {
    const cloud = def.name.split("-")[0] as Cloud;
    return {
        area: def.area,
        cloud,
        severity: def.severity,
        resourceTypes: types,
        checkov: def.checkov ?? [],
        cis: def.cis ?? [],
        config: def.config ?? [],
        remediation: def.remediation,
    };
}

function tagsOf(def: CommonDefinition): string[] {
    return [def.area, ...(def.checkov ?? []), ...(def.cis ?? []).map((c) => `CIS ${c}`)];
}

export function resourcePolicy(def: ResourcePolicyDefinition): PlatformPolicy {
    const types = new Set(def.types);
    const validate = (args: ResourceValidationArgs, reportViolation: ReportViolation): void => {
        if (!types.has(args.type)) args.notApplicable(`Policy only applies to resources of type ${def.types.map((t) => `'${t}'`).join(", ")}`);
        const config = withDefaults(args.getConfig<Partial<PackConfig>>());
        const exemption = findExemption(config.exemptions, args.name);
        if (exemption) args.notApplicable(`exempted by pattern "${exemption.pattern}": ${exemption.reason}`);
        let env: EnvironmentSource | undefined;
        const findings = decideOnKnownValues(reportViolation);
        const ctx: ResourceContext = {
            type: args.type,
            name: args.name,
            urn: args.urn,
            props: args.props,
            args,
            config,
            environment: () => (env ??= environmentOf(args.props, args.urn, args.provider?.props)),
            report: (f) => findings.report(message(args.type, f.resource ?? args.name, f), f.urn),
            notApplicable: (reason) => args.notApplicable(reason),
        };
        findings.run(() => def.validate(ctx));
    };
    // Same fast path as validateResourceOfType: the analyzer skips other types without calling us.
    if (def.types.length === 1) (validate as unknown as { __pulumiType: string }).__pulumiType = def.types[0]!;
    return { ...commonFields(def), validateResource: validate } as PlatformPolicy;
}

export interface StackContext {
    resources: PolicyResource[];
    args: StackValidationArgs;
    config: PackConfig;
    ofType(...types: string[]): PolicyResource[];
    /** Resources exempted by config are left out of `ofType`; this says whether one is. */
    exempt(resource: PolicyResource): Exemption | undefined;
    environment(resource: PolicyResource): EnvironmentSource;
    isProduction(resource: PolicyResource): boolean;
    /** Reports against `subject` (its URN and name). */
    report(subject: PolicyResource, finding: Omit<Finding, "urn" | "resource">): void;
}

export interface StackPolicyDefinition extends CommonDefinition {
    /** The resource types whose presence makes the policy applicable (the subjects). */
    types: string[];
    validate(ctx: StackContext): void;
}

/** What a resource policy and a stack policy both hand @pulumi/policy. */
function commonFields(def: CommonDefinition & { types: string[] }) {
    return {
        name: def.name,
        description: def.description,
        enforcementLevel: def.enforcementLevel,
        severity: def.severity,
        tags: tagsOf(def),
        remediationSteps: def.remediation,
        configSchema: schemaFor(def.config ?? []),
        metadata: metadataOf(def, def.types),
    };
}

export function stackPolicy(def: StackPolicyDefinition): PlatformPolicy {
    const validateStack = (args: StackValidationArgs, reportViolation: ReportViolation): void => {
        const config = withDefaults(args.getConfig<Partial<PackConfig>>());
        const subjects = args.resources.filter((r) => def.types.includes(r.type));
        if (subjects.length === 0) args.notApplicable(`no resources of type ${def.types.join(", ")}`);
        const exempt = (r: PolicyResource) => findExemption(config.exemptions, r.name);
        const findings = decideOnKnownValues(reportViolation);
        const ctx: StackContext = {
            resources: args.resources,
            args,
            config,
            ofType: (...types) => args.resources.filter((r) => types.includes(r.type) && !(def.types.includes(r.type) && exempt(r))),
            exempt,
            environment: (r) => environmentOf(r.props, r.urn, r.provider?.props),
            isProduction: (r) => environmentOf(r.props, r.urn, r.provider?.props).environment === "production",
            report: (subject, f) => findings.report(message(subject.type, subject.name, f), subject.urn),
        };
        findings.run(() => def.validate(ctx));
    };
    if (def.types.length === 1) (validateStack as unknown as { __pulumiType: string }).__pulumiType = def.types[0]!;
    return { ...commonFields(def), validateStack } as PlatformPolicy;
}

// ---------------------------------------------------------------------------------------------
// Helpers for stack policies: linking a resource to the resources that configure it
// ---------------------------------------------------------------------------------------------

/** Safe read through the proxy: unknown (preview) values come back as `undefined`. */
export function read(obj: unknown, ...path: string[]): unknown {
    return peek(obj, path, true);
}

/**
 * Does `satellite` (e.g. a BucketVersioning) configure `subject` (e.g. a Bucket)? True when the
 * satellite depends on the subject (the engine's dependency list: the subject's output flowed
 * into it) or names it through `key` with a value equal to one of the subject's identifying props.
 */
export function configures(satellite: PolicyResource, subject: PolicyResource, key: string, subjectKeys: string[]): boolean {
    // When the engine says which resources flowed into `key` itself, that is the answer: a
    // satellite may depend on the subject through another property (an access-log bucket's
    // policy naming the bucket it receives logs from) without configuring it.
    const byKey = satellite.propertyDependencies?.[key];
    if (byKey && byKey.length > 0) return byKey.some((d) => d.urn === subject.urn);
    if (satellite.dependencies.some((d) => d.urn === subject.urn)) return true;
    for (const deps of Object.values(satellite.propertyDependencies ?? {})) if (deps.some((d) => d.urn === subject.urn)) return true;
    const ref = read(satellite.props, key);
    if (typeof ref !== "string" || ref.length === 0) return false;
    for (const k of subjectKeys) {
        const v = read(subject.props, k);
        if (typeof v === "string" && v.length > 0 && (ref === v || ref.endsWith(`/${v}`))) return true;
    }
    return false;
}

/**
 * Reads a deciding value through the proxy WITHOUT swallowing unknowns: during preview an
 * unknown value raises the SDK's UnknownValueError, which the analyzer turns into an advisory
 * "can't run policy during preview" instead of a false violation.
 */
export function get(obj: unknown, ...path: string[]): unknown {
    let cur: unknown = obj;
    for (const key of path) {
        if (cur === null || typeof cur !== "object") return undefined;
        cur = (cur as Record<string, unknown>)[key];
    }
    return cur;
}

/** True for `true`, `"true"`, `"True"` (Azure Redis config values are strings). */
export function truthy(v: unknown): boolean {
    return v === true || (typeof v === "string" && v.toLowerCase() === "true");
}
