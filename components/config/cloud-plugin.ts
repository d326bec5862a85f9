import type { z } from "zod";
import type { LoadBalancerLimits } from "./load-balancer-limits";
import type { ConfigReferenceRow } from "./reference-row";

/** What a cloud's config fragment is built from: the shared rules, so every cloud's messages read alike. */
export interface ConfigKit {
    /** One of this cloud's regions (`regions`); the message names the nearest one. */
    region: z.ZodType<string>;
    /** A string of at most `max` characters that then passes `pattern` (so no pattern runs on a megabyte). */
    bounded(max: number, pattern: RegExp, rule: string): z.ZodType<string>;
}

/**
 * Everything the cloud-neutral program needs to know about one cloud, as plain data: config
 * validation, the CLI and the diff read it without loading the cloud's SDK. Each cloud states
 * it in `providers/<cloud>/plugin.ts` (its `index.ts` re-exports it beside the SDK-loading
 * implementation); providers/registry.ts lists the plugins, and is the only list of clouds.
 */
export interface CloudPlugin<Name extends string = string, Section extends z.ZodObject = z.ZodObject> {
    /** The `platform:cloud` value, also the cloud's folder under providers/ and its `platform:<name>` config section. */
    readonly name: Name;
    /** `an AWS`, `a GCP`, `an Azure`: how messages name the cloud. */
    readonly article: string;
    /** npm packages of the cloud's SDK, the only cloud SDK a stack on this cloud may load. */
    readonly sdkPackages: readonly string[];
    /** Every region (location) the cloud's provider accepts. */
    readonly regions: readonly string[];
    /** The key of the region inside `platform:<name>`: `region`, or `location` on Azure. */
    readonly regionKey: "region" | "location";
    /** The region a stack runs in when its section names none (the guides' regions). */
    readonly defaultRegion: string;
    /** What config validation checks the HTTP routes against. */
    readonly loadBalancerLimits: LoadBalancerLimits;
    /** The `platform:<name>` section (region, project, subscription, ...), every key optional. */
    configSchema(kit: ConfigKit): Section;
    /** The README configuration reference's rows of that section (components/config/reference.ts puts them after the top level's). */
    readonly referenceRows: readonly ConfigReferenceRow[];
    /**
     * The cloud's own `<provider>:<key>` config keys (`aws:region`, `gcp:project`, ...) that
     * other Pulumi tooling reads by habit, each with the key of `platform:<name>` it must repeat.
     * The section's `regionKey` stands for the resolved region of a stack on this cloud.
     */
    readonly providerConfigKeys: Readonly<Record<string, string>>;
    /** How config messages name the cloud's PostgreSQL service (`RDS`, `Cloud SQL`, ...). */
    readonly databaseService: string;
    /**
     * Metadata endpoints a kubernetes workload's identity reaches beyond HTTPS (GKE's metadata
     * server); the runtime's NetworkPolicy allows egress to exactly these.
     */
    readonly workloadIdentityEndpoints: ReadonlyArray<{ cidr: string; port: number }>;
    /**
     * What the first deploy runs, as the admin, to create one workload's database login before
     * the grants (empty where the cloud creates IAM logins itself), given the quoted role name
     * and the name as a SQL string's content.
     */
    createDatabaseLogin(login: { quoted: string; literal: string }): string[];
    /** The PostgreSQL 16 extensions the cloud offers, with what each needs before `CREATE EXTENSION` works. */
    readonly databaseExtensions: DatabaseExtensions;
    /** How config messages name the cloud's Redis service. */
    readonly cacheService: string;
    /** Whether the cloud's cache has two access keys to switch between (`platform:cache.keySlot`). */
    readonly cacheKeySlots: boolean;
    /**
     * A progressive release's candidate revision answers only internal callers (Cloud Run tag
     * URLs, Container Apps revision FQDNs), so its release jobs run on a runner inside the
     * cloud's network (tools/ci/stacks.ts); false where the service tests and shifts by itself (ECS).
     */
    readonly internalReleaseCandidates: boolean;
    /** Keys of `platform:<name>` that `pulumi stack init` instructions set, each with its placeholder (tools/ci/stacks.ts). */
    readonly stackInitKeys: Readonly<Record<string, string>>;
    /** Region pairs, backup ids and restore sources of the cloud (docs/disaster-recovery.md). */
    readonly disasterRecovery: CloudDisasterRecovery;
    /** Rules on the section that hold only when this cloud is selected (GCP: the project is required). */
    problems?(section: z.infer<Section> | undefined): PluginProblem[];
    /**
     * Cross-field rules that hold only on this cloud (AWS: two zones; Azure: at most four cache
     * nodes; GCP: a billing account for the budget), over the section and a slice of the resolved config.
     */
    configProblems?(section: z.infer<Section> | undefined, cfg: PluginConfigView): PluginProblem[];
    /**
     * Env names this cloud's runtimes set in every container beside the bindings (its SDKs'
     * identity and endpoints). Reserved on every cloud (reserved-env.ts), so a stack's services
     * stay portable; tests/bindings.spec.ts fails on a name a plan sets that nothing reserves.
     */
    readonly platformEnv: readonly string[];
}

/** A config problem as a plugin states it (components/config/errors.ts ConfigProblem). */
export interface PluginProblem {
    key: string;
    value: unknown;
    allowed: string;
}

/**
 * What a plugin's rules read of the resolved config: a structural slice of `PlatformConfig`
 * (resolve.ts), so a plugin imports no resolver (the resolver imports the registry).
 */
export interface PluginConfigView {
    environment: string;
    network: { zones: number };
    cache: { nodes: number };
    monitoring: { budget: { enabled: boolean } };
}

/** A value rule: the pattern and the words the error uses for it. */
export interface ValueRule {
    pattern: RegExp;
    rule: string;
}

export interface CloudDisasterRecovery {
    /** The default DR region of each primary region (`platform:dr.region` overrides it). */
    readonly regionPairs: Readonly<Record<string, string>>;
    /** The pair is fixed by the cloud (Azure's geo-redundant backups and storage go there only): another `dr.region` is an error. */
    readonly fixedPairs: boolean;
    /** The backup ids `database.restore` accepts besides an RFC 3339 time; undefined: point in time only. */
    readonly backupId?: ValueRule;
    /** What `database.restoreSource` accepts. */
    readonly restoreSource: ValueRule;
    /** Extra rules on a point-in-time `database.restore` (`time`) on this cloud, given `database.restoreSource`. */
    pointInTimeProblems?(time: string, dr: { role: "primary" | "recovery"; drRegion: string }, restoreSource: string | undefined): PluginProblem[];
}

/** What one cloud needs before `CREATE EXTENSION <name>` works (the migration job runs that). */
export interface ExtensionNeeds {
    /** The library must be in `shared_preload_libraries` (RDS parameter group, Azure server parameter). */
    preload?: true;
    /** A database flag that must be `on` (Cloud SQL `cloudsql.enable_*`). */
    flag?: string;
}

/** Extension name → what it needs; a name missing is not offered on that cloud. */
export type DatabaseExtensions = Readonly<Record<string, ExtensionNeeds>>;
