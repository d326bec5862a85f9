import { CATALOG } from "./catalog";
import { CONFIG_SECTIONS, type ConfigSections } from "./config/sections";
import { configLayerOf, type ConfigLayer } from "./config/layer";
import type { ConfigProblem } from "./config/errors";
import type { ComponentDefinition } from "./definition";
import type { PlatformConfig } from "./config/resolve";
import type { TierProfile } from "./config/tiers";
import type { Environment } from "./config/schema";

/**
 * The program's config: the config layer (components/config/) assembled with what only the
 * catalog knows: the sections of the components that bring their own settings (after the
 * platform's own sections, in catalog order) and the variables of every component workloads
 * bind to (the names a workload's env may not use). Config sits below the components, so it is
 * handed these here instead of importing them; adding a component with settings or a binding
 * is its file and its catalog line.
 */
export function configOfCatalog(entries: readonly ComponentDefinition<string, unknown, never, never>[]): ConfigLayer<ConfigSections> {
    const settings = entries.flatMap((d) => (d.settings ? [d.settings] : []));
    const owners = new Map<string, string>();
    for (const d of entries) {
        for (const variable of d.binding?.variables ?? []) {
            const owner = owners.get(variable);
            // Two components setting one variable: a workload would get one of the two values, by order.
            if (owner !== undefined && owner !== d.key) throw new Error(`internal: the ${d.key} binding sets ${variable}, which the ${owner} binding already sets`);
            owners.set(variable, d.key);
        }
    }
    const variables = [...owners.keys()];
    return configLayerOf([...CONFIG_SECTIONS, ...settings] as unknown as ConfigSections, variables);
}

// The catalog's entries are typed each with its own create; as a list they are definitions.
const entries = CATALOG as unknown as readonly ComponentDefinition<string, unknown, never, never>[];
export const PROGRAM_CONFIG = configOfCatalog(entries);

/** The program's raw `platform:*` schema. */
export const rawConfigSchema = PROGRAM_CONFIG.schema;
/** The production and staging profiles, distilled from the deployment guides' requirements table: a stack file overrides only what differs. */
export const TIERS = PROGRAM_CONFIG.tiers as Record<Environment, TierProfile>;
/** The README's configuration reference rows (`npm run docs:config`). */
export const CONFIG_REFERENCE = PROGRAM_CONFIG.reference;
/** The env names the platform sets in every container (components/config/reserved-env.ts). */
export const RESERVED_ENV = PROGRAM_CONFIG.reservedEnv;

/**
 * Validates raw `platform:*` config (already JSON-decoded) and merges it over its tier.
 * Throws ConfigError listing every problem; returns only a fully valid config, so nothing
 * is registered from a half-valid one. `isSecretKey` says which config keys the engine handed
 * over as secret (service secrets must be).
 */
export function resolveConfig(raw: Record<string, unknown>, isSecretKey?: (key: string) => boolean): PlatformConfig {
    return PROGRAM_CONFIG.resolve(raw, isSecretKey) as PlatformConfig;
}

/** The config, or every problem found (schema first; cross-field rules only on a schema-valid config). */
export function tryResolveConfig(raw: Record<string, unknown>, isSecretKey?: (key: string) => boolean): PlatformConfig | ConfigProblem[] {
    return PROGRAM_CONFIG.tryResolve(raw, isSecretKey) as PlatformConfig | ConfigProblem[];
}

/** A stack's config as the CLI passes it (text, objects as JSON), validated: components/config/read.ts. */
export function validateConfig(all: Record<string, string>, secretKeys?: readonly string[]): PlatformConfig {
    return PROGRAM_CONFIG.validate(all, secretKeys) as PlatformConfig;
}

/** The config the engine handed the program, validated; nothing is registered from one that fails. */
export function readPlatformConfig(): PlatformConfig {
    return PROGRAM_CONFIG.read() as PlatformConfig;
}

/** `platform:*` keys as the program's schema reads them (components/config/read.ts). */
export function rawPlatformConfig(all: Record<string, string>): Record<string, unknown> {
    return PROGRAM_CONFIG.rawOf(all);
}
