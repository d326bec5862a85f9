import { ConfigError, ConfigProblem } from "./errors";
import { type ConfigReader, rawPlatformConfigOf, readEngineConfig, stringKeysOf, validateConfigWith } from "./read";
import { referenceRowsOf } from "./reference";
import { reservedEnvOf } from "./reserved-env";
import { type ResolvedConfig, resolverOf } from "./resolve";
import { rawSchemaOf } from "./schema";
import type { AnySection, ConfigReferenceRow } from "./sections";
import { tiersOf } from "./tiers";

/**
 * The config of one section list, everything built once: its raw schema, tier profiles, README
 * rows and resolver, and the reading and validating of a stack's config with them. The program's
 * is components/program-config.ts (the platform's sections, then its catalog's); specs build one
 * with a component the catalog does not have.
 */
export interface ConfigLayer<L extends readonly AnySection[]> extends ConfigReader<ResolvedConfig<L>> {
    readonly sections: L;
    readonly schema: ReturnType<typeof rawSchemaOf<L>>;
    readonly tiers: ReturnType<typeof tiersOf<L>>;
    /** The README's configuration reference rows (reference.ts). */
    readonly reference: ConfigReferenceRow[];
    /** The env names the platform sets in every container (reserved-env.ts). */
    readonly reservedEnv: readonly string[];
    /** The config, or every problem found (schema first; cross-field rules only on a schema-valid config). */
    tryResolve(raw: Record<string, unknown>, isSecretKey?: (key: string) => boolean): ResolvedConfig<L> | ConfigProblem[];
    /** Validates raw `platform:*` config (already JSON-decoded) over its tier; throws ConfigError listing every problem. */
    resolve(raw: Record<string, unknown>, isSecretKey?: (key: string) => boolean): ResolvedConfig<L>;
    /** A key/value map as the CLI passes it (read.ts `validateConfigWith`). */
    validate(all: Record<string, string>, secretKeys?: readonly string[]): ResolvedConfig<L>;
    /** The config the engine handed the program (read.ts `readEngineConfig`). */
    read(): ResolvedConfig<L>;
    /** `platform:*` keys of a key/value map as the schema reads them (read.ts). */
    rawOf(all: Record<string, string>): Record<string, unknown>;
}

/**
 * `bindingVariables`: every variable a bound component sets in a workload (their bindings'
 * `variables`); with the port and each cloud's own they are the reserved names.
 */
export function configLayerOf<L extends readonly AnySection[]>(sections: L, bindingVariables: readonly string[]): ConfigLayer<L> {
    const reservedEnv = reservedEnvOf(bindingVariables);
    const schema = rawSchemaOf(sections);
    const tiers = tiersOf(sections);
    const resolver = resolverOf(sections, { reservedEnv }, schema, tiers);
    // Stryker disable next-line ArrowFunction: a default returning undefined is as false as one returning false
    const tryResolve = (raw: Record<string, unknown>, isSecretKey: (key: string) => boolean = () => false) => resolver(raw, isSecretKey);
    const layer: ConfigLayer<L> = {
        sections,
        schema,
        stringKeys: stringKeysOf(schema),
        tiers,
        reference: referenceRowsOf(sections, { reservedEnv }),
        reservedEnv,
        tryResolve,
        resolve(raw, isSecretKey) {
            const cfg = tryResolve(raw, isSecretKey);
            if (Array.isArray(cfg)) throw new ConfigError(cfg);
            return cfg;
        },
        validate: (all, secretKeys) => validateConfigWith(layer, all, secretKeys),
        read: () => readEngineConfig(layer),
        rawOf: (all) => rawPlatformConfigOf(layer, all),
    };
    return layer;
}
