import type { z } from "zod";
import type { LoadBalancerLimits } from "./load-balancer-limits";

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
    /** Rules on the section that hold only when this cloud is selected (GCP: the project is required). */
    problems?(section: z.infer<Section> | undefined): Array<{ key: string; value: unknown; allowed: string }>;
    /**
     * Resource types that hold data (or the keys to it), with what the diff calls them: a
     * replace or delete of one is the loudest thing `npm run diff` says.
     */
    readonly statefulTypes: Readonly<Record<string, string>>;
}
