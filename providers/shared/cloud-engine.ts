import type { ReplacementRule, ReplacementTable } from "./replacement";
import type { Rule } from "./rules";

/**
 * What the offline engine knows about some of a cloud's resource types: the facts `npm run
 * check` and `npm run diff` read, stated next to the code that creates those types. A builder
 * file (`providers/<cloud>/<component>.ts`) exports the facts of the types only its component
 * creates as `engineFacts`; the cloud's `engine.ts` states the facts of the types several
 * components (or none) create (in its `replacement.ts`, `rules/` and engine.ts itself), and
 * assembles both (`cloudEngineOf`).
 * tests/engine-facts.spec.ts holds every type to that owner, read from the plans.
 */
export interface EngineFacts {
    /** Which input changes replace each type (`npm run diff`), with the provider source. */
    readonly replacement?: ReplacementTable;
    /** Deploy-time rules over these types (tests/deploy-rules.spec.ts runs them over every plan variant). */
    readonly rules?: readonly Rule[];
    /**
     * Types whose only job is to guard another resource (public-access blocks, locks, WAF
     * associations), with what the diff calls them: deleting one weakens what it guarded.
     */
    readonly guardTypes?: Readonly<Record<string, string>>;
    /**
     * Types that hold data (or the keys to it), with what the diff calls them: a replace or
     * delete of one is the loudest thing `npm run diff` says.
     */
    readonly statefulTypes?: Readonly<Record<string, string>>;
}

/**
 * What the offline engine (tools/engine) knows about one cloud beyond its plugin: its engine
 * facts, merged from its `engine.ts` and its builder files, and how its SDK is laid out. Each
 * cloud states it in `providers/<cloud>/engine.ts`; tools/engine/cloud-engines.ts loads one on
 * first use, by the plugin's name (loading it loads that cloud's SDK, as its builders do).
 */
export interface CloudEngine extends MergedFacts {
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

/** A cloud's engine facts merged, with the file that stated each (`replacement aws:s3/bucket:Bucket`, `rule aws/s3-bucket-name`). */
export interface MergedFacts extends Required<EngineFacts> {
    readonly statedIn: Readonly<Record<string, string>>;
}

/** Engine facts as one file states them, with the file that states them (for the error that names both). */
export interface StatedFacts {
    readonly file: string;
    readonly facts: EngineFacts;
}

const KEYED = ["replacement", "guardTypes", "statefulTypes"] as const;

/**
 * One cloud's engine facts, merged from the files that state them. A type stated twice (two
 * replacement entries, two stateful labels) or a rule id used twice fails here, naming both
 * files: which statement wins must never depend on load order.
 */
export function mergeEngineFacts(cloud: string, parts: readonly StatedFacts[]): MergedFacts {
    const merged = { replacement: {}, guardTypes: {}, statefulTypes: {} } as Record<(typeof KEYED)[number], Record<string, unknown>>;
    const statedBy = new Map<string, string>();
    const rules: Rule[] = [];
    for (const { file, facts } of parts) {
        for (const key of KEYED) {
            for (const [type, value] of Object.entries(facts[key] ?? {})) {
                const earlier = statedBy.get(`${key} ${type}`);
                if (earlier) throw new Error(`internal: ${cloud} engine facts: ${key} of ${type} is stated in ${earlier} and in ${file}; state it once, in the file of the component that creates it (or engine.ts when several do)`);
                statedBy.set(`${key} ${type}`, file);
                merged[key][type] = value;
            }
        }
        for (const rule of facts.rules ?? []) {
            const earlier = statedBy.get(`rule ${rule.id}`);
            if (earlier) throw new Error(`internal: ${cloud} engine facts: rule ${rule.id} is stated in ${earlier} and in ${file}`);
            statedBy.set(`rule ${rule.id}`, file);
            rules.push(rule);
        }
    }
    return { replacement: merged.replacement, guardTypes: merged.guardTypes, statefulTypes: merged.statefulTypes, rules, statedIn: Object.fromEntries(statedBy) } as MergedFacts;
}

/** What a cloud's engine.ts states: the facts of its shared types, each part with the file that holds it, and what it derives. */
export interface CloudEngineSpec extends Pick<CloudEngine, "sdkLayout" | "enumCorrections"> {
    readonly cloud: string;
    /** The replacement entries of the types several components (or none) create: its replacement.ts. */
    readonly replacement: ReplacementTable;
    /** Their rules: its rules/. */
    readonly rules: readonly Rule[];
    /** engine.ts's own lists of those types. */
    readonly guardTypes?: EngineFacts["guardTypes"];
    readonly statefulTypes?: EngineFacts["statefulTypes"];
    /** Rules built over the merged facts (the tag or label rule over every type whose entry lists its input), stated in engine.ts. */
    readonly derivedRules: (merged: MergedFacts) => readonly Rule[];
}

/**
 * One cloud's engine: its shared facts and its builder files' (`builders`) merged, then the
 * rules derived from the merged facts added as engine.ts's: a builder file's new type gets
 * such a rule from its own entry, with no list of types to edit, and a builder file that
 * states one itself fails, naming both files.
 */
export function cloudEngineOf(spec: CloudEngineSpec, builders: readonly StatedFacts[]): CloudEngine {
    const folder = `providers/${spec.cloud}`;
    const parts = [
        { file: `${folder}/replacement.ts`, facts: { replacement: spec.replacement } },
        { file: `${folder}/rules/`, facts: { rules: spec.rules } },
        { file: `${folder}/engine.ts`, facts: { guardTypes: spec.guardTypes, statefulTypes: spec.statefulTypes } },
        ...builders,
    ];
    const derived = { file: `${folder}/engine.ts`, facts: { rules: spec.derivedRules(mergeEngineFacts(spec.cloud, parts)) } };
    return { ...mergeEngineFacts(spec.cloud, [...parts, derived]), sdkLayout: spec.sdkLayout, ...(spec.enumCorrections ? { enumCorrections: spec.enumCorrections } : {}) };
}

/** Whether a replacement entry lists `input` or a path that covers it (`settings` covers `settings.userLabels`, as the diff reads paths). */
export function entryLists(entry: ReplacementRule, input: string): boolean {
    return [...entry.replace, ...entry.update, ...(entry.undecided ?? [])].some((path) => input === path || input.startsWith(`${path}.`));
}

/** The types of a table whose entry lists one of the inputs `inputsOf` names for it. */
export function typesListing(replacement: ReplacementTable, inputsOf: (type: string) => readonly string[]): string[] {
    return Object.keys(replacement).filter((type) => inputsOf(type).some((input) => entryLists(replacement[type]!, input)));
}
