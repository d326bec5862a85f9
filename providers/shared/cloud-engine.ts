import type { ReplacementTable } from "./replacement";
import type { Rule } from "./rules";

/**
 * What the offline engine (tools/engine) knows about one cloud beyond its plugin: the tables
 * and rules `npm run check` and `npm run diff` read. Each cloud states it in
 * `providers/<cloud>/engine.ts` (plain data and pure functions: loads no SDK);
 * tools/engine/cloud-engines.ts loads one per registered cloud, by the plugin's name.
 */
export interface CloudEngine {
    /** Which input changes replace each of the cloud's types (`npm run diff`). */
    readonly replacement: ReplacementTable;
    /** The cloud's deploy-time rules (`npm run check`, providers/<cloud>/rules/). */
    readonly rules: readonly Rule[];
    /**
     * Types whose only job is to guard another resource (public-access blocks, locks, WAF
     * associations), with what the diff calls them: deleting one weakens what it guarded.
     */
    readonly guardTypes: Readonly<Record<string, string>>;
    /**
     * How the SDK lays out its declarations for the schema check (tools/engine/schema-check.ts):
     * `bridged`: `<module>/<type>.d.ts` with `index` at the package root (Terraform-bridged
     * providers); `native`: `<module>/<lowerFirst(type)>.d.ts` (azure-native).
     */
    readonly sdkLayout: "bridged" | "native";
    /** Inputs whose SDK enum is not the one the API declares, by type (the schema check uses the API's). */
    readonly enumCorrections?: Readonly<Record<string, readonly EnumCorrection[]>>;
}

/** The values the API accepts at one property path, replacing the SDK's enum there. */
export interface EnumCorrection {
    path: RegExp;
    values: readonly string[];
}
