import { disasterRecoveryProblems } from "./disaster-recovery";
import type { CloudPlugin } from "./cloud-plugin";
import type { ComponentSettings } from "./component-settings";
import type { ProgramFacts } from "./program-facts";
import { ConfigProblem, SECRET_VALUE } from "./errors";
import { problemsFromIssue } from "./issues";
import { CLOUD_PLUGINS } from "../../providers/registry";
import { serviceSecretProblems } from "./service-secrets";
import { Cloud, CLOUDS, Environment, RawPlatformConfig, rawSchemaOf } from "./schema";
import { tiersOf } from "./tiers";
import {
    AnySection, cacheSection, computeSection, ConfigSections, databaseSection, drSection, jobsSection, kubernetesSection,
    networkSection, objectStoreSection, ResolvedOf, RuleContext, SectionContext, servicesSection,
} from "./sections";

export type { HttpRoute } from "./routes";
export type { ServiceConfig } from "./sections/services";
export type { JobConfig } from "./sections/jobs";
export { DEFAULT_RUNBOOK_URL } from "./sections/monitoring";

/**
 * Each cloud's own section as written (`platform:<cloud>`: region, project, billing account,
 * subscription, ...), validated by the cloud's plugin; one optional field per registered cloud.
 */
export type CloudSections = { [C in Cloud]?: RawPlatformConfig[C] };

/** Each section's resolved config by its key (sections/index.ts), e.g. `database: DatabaseConfig`. */
export type SectionConfigs<L extends readonly AnySection[]> = { [S in L[number] as S["key"]]: ResolvedOf<S> };

/**
 * The validated, tier-merged config every component and provider reads: the platform's own
 * sections (sections/index.ts) and those the catalog's components bring (ComponentSettings).
 */
export interface PlatformConfig extends CloudSections, SectionConfigs<ConfigSections>, ComponentSettings {
    cloud: Cloud;
    environment: Environment;
    appName: string;
    /** The region (AWS, GCP) or location (Azure) this stack runs in: a recovery stack runs in `dr.drRegion`. */
    region: string;
    /** `environment`, `app`, `managed-by` plus any extra tags from config. */
    tags: Record<string, string>;
    /** Pulumi `protect` and cloud deletion protection on stateful resources. */
    protect: boolean;
}

/** The selected cloud's region (`platform:<cloud>.<regionKey>`), else its plugin's default. */
function regionOf(raw: RawPlatformConfig): string {
    const plugin = CLOUD_PLUGINS[raw.cloud];
    const section = raw[raw.cloud] as Record<string, unknown> | undefined;
    return (section?.[plugin.regionKey] as string | undefined) ?? plugin.defaultRegion;
}

/** A rule and the section it belongs to, or a cross-section rule (below) that reads the whole config. */
type PlacedRule = { section: AnySection; rule: string } | { cross: CrossSectionRule };
type CrossSectionRule = (cfg: PlatformConfig, raw: RawPlatformConfig, add: (key: string, value: unknown, allowed: string) => void, push: (problems: ConfigProblem[]) => void) => void;
const at = <S extends AnySection>(section: S, rule: keyof NonNullable<S["rules"]> & string): PlacedRule => ({ section, rule });
const cross = (rule: CrossSectionRule): PlacedRule => ({ cross: rule });

/*
 * The cross-section rules: each reads more than one section (or the cloud's own section), so it
 * belongs to none of them.
 */
const disasterRecovery: CrossSectionRule = (cfg, raw, _add, push) => push(disasterRecoveryProblems(cfg.cloud, cfg.dr, raw));
const cloudSectionRules: CrossSectionRule = (cfg, raw, _add, push) => push((CLOUD_PLUGINS[cfg.cloud] as CloudPlugin).problems?.(raw[cfg.cloud]) ?? []);
/** The cloud's rules on the resolved config (zones against the cache and the load balancer, the billing account for a budget, ...). */
// Stryker disable next-line OptionalChaining,ArrayDeclaration: every registered plugin states configProblems (the type lets a new one leave it out)
const cloudConfigRules: CrossSectionRule = (cfg, raw, _add, push) => push((CLOUD_PLUGINS[cfg.cloud] as CloudPlugin).configProblems?.(raw[cfg.cloud], cfg) ?? []);
const kubeconfigNeedsKubernetesRuntime: CrossSectionRule = (cfg, raw, add) => {
    if (raw.kubeconfig !== undefined && cfg.compute.runtime !== "kubernetes") add("kubeconfig", SECRET_VALUE, "only with platform:compute.runtime = kubernetes");
};
const jobNamesApartFromServices: CrossSectionRule = (cfg, raw, add) => {
    for (const job of cfg.jobs) {
        if (raw.services[job.name]) add(`jobs.${job.name}`, job.name, "a name no service has (jobs and services share identities and names)");
    }
};

/**
 * The order every rule runs in: the order users (and the message specs) read the problems in.
 * A section rule not placed here runs after these, in the sections' order: a component's own
 * settings (its catalog entry's section) report after the platform's sections, in catalog order.
 * Every rule of the platform's own sections (sections/index.ts) is placed
 * (tests/config/sections.spec.ts), so a new one gets its line here, its place among the messages.
 */
export const RULE_ORDER: readonly PlacedRule[] = [
    cross(disasterRecovery),
    cross(cloudSectionRules),
    at(databaseSection, "backupRetentionFloor"),
    at(networkSection, "productionZones"),
    cross(cloudConfigRules),
    at(cacheSection, "keySlotOnlyWithTwoKeys"),
    at(cacheSection, "productionReplica"),
    at(cacheSection, "productionSnapshots"),
    at(networkSection, "cidrPrefix"),
    at(objectStoreSection, "archiveBeforeExpiry"),
    at(computeSection, "replicas"),
    at(kubernetesSection, "nodeRange"),
    cross(kubeconfigNeedsKubernetesRuntime),
    at(kubernetesSection, "ingressClassWithKubeconfig"),
    at(computeSection, "releasePercent"),
    at(servicesSection, "releasePercent"),
    at(servicesSection, "workerRollsOnly"),
    at(servicesSection, "namesAndReplicas"),
    at(databaseSection, "supportedExtensions"),
    cross(jobNamesApartFromServices),
    at(servicesSection, "reservedEnv"),
    at(jobsSection, "reservedEnv"),
    at(servicesSection, "oneHttpService"),
    at(servicesSection, "routeLimit"),
    at(servicesSection, "distinctRoutes"),
];

/** RULE_ORDER, then every section rule it does not place, in the sections' order. */
export function ruleOrderOf(sections: readonly AnySection[], placed: readonly PlacedRule[] = RULE_ORDER): PlacedRule[] {
    const isPlaced = (section: AnySection, rule: string) => placed.some((p) => "section" in p && p.section === section && p.rule === rule);
    const rest = sections.flatMap((section) => Object.keys(section.rules ?? {}).filter((rule) => !isPlaced(section, rule)).map((rule): PlacedRule => ({ section, rule })));
    return [...placed.filter((p) => !("section" in p) || sections.includes(p.section)), ...rest];
}

/** The resolved config of a section list: the top level and the clouds' sections, and one field per section. */
export type ResolvedConfig<L extends readonly AnySection[]> = Omit<PlatformConfig, keyof SectionConfigs<ConfigSections> | keyof ComponentSettings> & SectionConfigs<L>;
export type Resolver<L extends readonly AnySection[]> = (raw: Record<string, unknown>, isSecretKey: (key: string) => boolean) => ResolvedConfig<L> | ConfigProblem[];

/**
 * The resolver of a section list: the schema, then the secret rules on the stack file, then each
 * section resolved over its tier in list order, then every rule in `ruleOrderOf` order. The
 * program's is components/program-config.ts `tryResolveConfig` (layer.ts); specs build one with
 * an extra section.
 */
export function resolverOf<L extends readonly AnySection[]>(sections: L, facts: ProgramFacts, schema = rawSchemaOf(sections), tiers = tiersOf(sections)): Resolver<L> {
    const rules = ruleOrderOf(sections);
    return (input, isSecretKey) => {
        const parsed = schema.safeParse(input);
        if (!parsed.success) return parsed.error.issues.flatMap((i) => problemsFromIssue(i, input, schema));
        const raw = parsed.data as RawPlatformConfig;
        const secretProblems = serviceSecretProblems(raw, isSecretKey, facts.reservedEnv);
        if (secretProblems.length > 0) return secretProblems;
        const tier = (tiers as Record<Environment, unknown>)[raw.environment] as unknown as Record<string, unknown> & { protectStatefulResources: boolean };
        const resolved = new Map<AnySection, unknown>();
        const context = (section: AnySection): SectionContext<Record<string, unknown>, unknown> => ({
            raw: rawFor(section, raw),
            tier: tier[section.key],
            environment: raw.environment,
            cloud: raw.cloud,
            primaryRegion: regionOf(raw),
            reservedEnv: facts.reservedEnv,
            resolved: (other) => {
                if (!resolved.has(other)) throw new Error(`config section ${section.key} reads ${other.key}, which is not resolved before it (the program's order: sections/index.ts, then the catalog's settings)`);
                return resolved.get(other) as never;
            },
            rawOf: (other) => rawFor(other, raw) as never,
        });
        for (const section of sections) resolved.set(section, section.resolve(context(section)));
        const dr = resolved.get(drSection) as PlatformConfig["dr"] | undefined;
        const cfg = {
            cloud: raw.cloud,
            environment: raw.environment,
            appName: raw.appName,
            region: dr?.role === "recovery" ? dr.drRegion : regionOf(raw),
            ...(Object.fromEntries(CLOUDS.map((c) => [c, raw[c]])) as CloudSections),
            tags: { ...raw.tags, environment: raw.environment, app: raw.appName, "managed-by": "pulumi" },
            ...Object.fromEntries(sections.map((s) => [s.key, resolved.get(s)])),
            protect: tier.protectStatefulResources,
        } as unknown as PlatformConfig & ResolvedConfig<L>;

        const problems: ConfigProblem[] = [];
        const add = (key: string, value: unknown, allowed: string) => problems.push({ key: `platform:${key}`, value, allowed });
        const push = (found: ConfigProblem[]) => problems.push(...found);
        const plugin: CloudPlugin = CLOUD_PLUGINS[raw.cloud];
        for (const placed of rules) {
            if ("cross" in placed) {
                placed.cross(cfg, raw, add, push);
                continue;
            }
            const ctx: RuleContext<Record<string, unknown>, unknown, unknown> = { ...context(placed.section), value: resolved.get(placed.section), plugin, add };
            placed.section.rules![placed.rule]!(ctx);
        }
        return problems.length > 0 ? problems : cfg;
    };
}

/** A section's own keys of the parsed stack file. */
function rawFor(section: AnySection, raw: Record<string, unknown>): Record<string, unknown> {
    return Object.fromEntries(Object.keys(section.shape).map((k) => [k, raw[k]]));
}
