import { z } from "./zod";
import { Cloud, CLOUD_PLUGINS } from "../../providers/registry";
import type { CloudPlugin } from "./cloud-plugin";
import { bounded, LIMITS, region, CLOUDS, ENVIRONMENTS } from "./schema-values";
import type { AnySection, ConfigSections } from "./sections";

/**
 * The shape of the `platform:*` stack config, as a user writes it in
 * `Pulumi.<stack>.yaml`. Everything except `cloud`, `environment`, the services and the
 * load balancer's domain is optional: the tier profile (tiers.ts) fills the rest, so a
 * stack file says only what differs from its tier.
 *
 * The top level (cloud, environment, app name, tags) and the clouds' own sections are here;
 * every component's keys come from its section (sections/<section>.ts), in the order of
 * sections/index.ts. Cross-field rules (min <= max, retention >= the tier minimum, per-cloud
 * required keys) need the tier, so they run in resolve.ts on the merged result.
 */

export * from "./schema-values";
export { AUDIT_RETENTION_DAYS } from "./sections/audit";
export { serviceSchema } from "./sections/services";
export { jobSchema } from "./sections/jobs";

/**
 * App names become part of every resource name on every cloud, so they must fit the
 * strictest rule among them: GCP's lowercase RFC 1035 names (Cloud SQL, Cloud Run, Memorystore)
 * and Azure's 24-character storage account names once the environment is appended.
 */
// No two hyphens in a row: RDS and ElastiCache identifiers reject them.
export const APP_NAME_PATTERN = /^(?!.*--)[a-z][a-z0-9-]{1,10}[a-z0-9]$/;
export const APP_NAME_RULE = "3-12 characters: lowercase letters, digits and single hyphens, starting with a letter and not ending with a hyphen";

type Plugins = typeof CLOUD_PLUGINS;
/** `platform:<cloud>` for every registered cloud, each from the cloud's own plugin. */
type CloudSections = { [K in Cloud]: z.ZodOptional<ReturnType<Plugins[K]["configSchema"]>> };
function cloudSections(): CloudSections {
    return Object.fromEntries(Object.values(CLOUD_PLUGINS).map((plugin: CloudPlugin) =>
        [plugin.name, plugin.configSchema({ region: region(plugin), bounded }).optional()])) as CloudSections;
}

/** The keys before the sections: which cloud and tier, the app's name, extra tags, each cloud's own section. */
function topLevel() {
    return {
        cloud: z.enum(CLOUDS),
        environment: z.enum(ENVIRONMENTS),
        appName: bounded(12, APP_NAME_PATTERN, APP_NAME_RULE).default("platform"),
        /** Extra tags/labels added to every resource (the three standard ones always win). */
        // Keys and values follow GCP's label rules, the strictest of the three clouds.
        tags: z.record(
            bounded(63, /^[a-z][a-z0-9_-]{0,62}$/, "a lowercase tag key (letters, digits, _ and -, starting with a letter; at most 63)"),
            bounded(63, /^[a-z0-9_-]{0,63}$/, "a tag value of at most 63 lowercase letters, digits, _ and - (GCP label rules)"),
        ).refine((t) => Object.keys(t).length <= LIMITS.tags, { error: `at most ${LIMITS.tags} tags (AWS allows 50 per resource)` }).optional(),

        ...cloudSections(),
    };
}

/** The sections' shapes merged, in list order: the schema's keys after the top level. */
export type SectionShapes<L extends readonly AnySection[]> = L extends readonly [infer H extends AnySection, ...infer R extends readonly AnySection[]] ? H["shape"] & SectionShapes<R> : unknown;

/** The raw schema of a section list (the program's is components/program-config.ts `rawConfigSchema`; specs build one with an extra section). */
export function rawSchemaOf<L extends readonly AnySection[]>(sections: L): z.ZodObject<Extract<TopLevel & SectionShapes<L>, z.core.$ZodShape>, z.core.$strict> {
    const shape: Record<string, z.ZodType> = { ...TOP_LEVEL };
    for (const section of sections) {
        for (const [key, schema] of Object.entries(section.shape)) {
            // One owner per key: a second would silently replace the first's rules.
            if (key in shape) throw new Error(`internal: config section ${section.key} declares platform:${key}, which the top level or an earlier section already declares`);
            shape[key] = schema as z.ZodType;
        }
    }
    return z.strictObject(shape) as never;
}
type TopLevel = ReturnType<typeof topLevel>;
/** Built once: every section list's schema shares the top level and the clouds' sections (zod schemas are immutable). */
const TOP_LEVEL: TopLevel = topLevel();

/** The stack file after the schema: the top level, the clouds' sections and the platform's own sections' keys. */
export type RawPlatformConfig = z.infer<ReturnType<typeof rawSchemaOf<ConfigSections>>>;
