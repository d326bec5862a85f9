import { CATALOG, type CatalogEntry } from "./catalog";
import { CONFIG_SECTIONS, type ConfigSections } from "./config/sections";
import { configLayerOf, type ConfigLayer } from "./config/layer";
import { PLATFORM_OWN_ENV } from "./config/reserved-env";
import type { ComponentSettings } from "./config/component-settings";
import type { ConfigProblem } from "./config/errors";
import type { AnySection, ResolvedOf } from "./config/sections";
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
export function configLayerOfCatalog(entries: readonly ComponentDefinition<string, unknown, never, never>[]): ConfigLayer<ConfigSections> {
    const settings = entries.flatMap((d) => (d.settings ? [d.settings] : []));
    for (const d of entries) if (d.settings && d.settings.key !== d.key) throw new Error(`internal: the ${d.key} component's settings are the ${d.settings.key} section (a component's settings are keyed by its catalog key)`);
    const owners = new Map<string, string>();
    for (const d of entries) {
        for (const variable of d.binding?.variables ?? []) {
            const owner = owners.get(variable);
            // Two values for one name: a workload would get one of them, by order.
            if (owner !== undefined) throw new Error(`internal: the ${d.key} binding sets ${variable}, which the ${owner} binding already sets`);
            if (PLATFORM_OWN_ENV.includes(variable)) throw new Error(`internal: the ${d.key} binding sets ${variable}, which the platform sets itself in every container (${PLATFORM_OWN_ENV.join(", ")})`);
            owners.set(variable, d.key);
        }
    }
    const variables = [...owners.keys()];
    // Typed by the platform's own sections: a component's settings reach the types through ComponentSettings.
    return configLayerOf([...CONFIG_SECTIONS, ...settings] as unknown as ConfigSections, variables);
}

/** The resolved settings of each entry of `E` that brings its own section, by key: what ComponentSettings must say. */
export type CatalogSettings<E extends readonly unknown[]> = {
    [D in E[number] as D extends { key: infer K extends string; settings?: infer S } ? ([NonNullable<S>] extends [never] ? never : K) : never]:
        D extends { settings?: infer S } ? (NonNullable<S> extends infer T extends AnySection ? ResolvedOf<T> : never) : never;
};

/** `true` when the catalog's settings (`Declared`) and ComponentSettings (`Augmented`) say the same keys and types; else what differs. */
export type SettingsCheck<Declared, Augmented> =
    [Exclude<keyof Declared, keyof Augmented>] extends [never]
        ? [Exclude<keyof Augmented, keyof Declared>] extends [never]
            ? [Exclude<SettingsTypeCheck<Declared, Augmented>, true>] extends [never] ? true : Exclude<SettingsTypeCheck<Declared, Augmented>, true>
            : `in ComponentSettings, but no catalog entry brings it as its settings: ${Exclude<keyof Augmented, keyof Declared> & string}`
        : `a catalog entry's settings missing from ComponentSettings (declare module "./config/component-settings" in its file): ${Exclude<keyof Declared, keyof Augmented> & string}`;
type SettingsTypeCheck<Declared, Augmented> = {
    // Mutually assignable: the same type both ways.
    [K in keyof Declared & keyof Augmented]: [Declared[K], Augmented[K]] extends [Augmented[K], Declared[K]] ? true : `${K & string}: ComponentSettings says another type than its section resolves to`;
}[keyof Declared & keyof Augmented];

/** A component's settings reach `PlatformConfig` only through ComponentSettings: the typecheck fails here naming one whose entry and augmentation disagree. */
// Stryker disable next-line BooleanLiteral: a typecheck-only constant (its type is the check; the value is never read).
export const COMPONENT_SETTINGS_TYPED: SettingsCheck<CatalogSettings<readonly CatalogEntry[]>, ComponentSettings> = true;

// The catalog's entries are typed each with its own create; as a list they are definitions.
const entries = CATALOG as unknown as readonly ComponentDefinition<string, unknown, never, never>[];
export const PROGRAM_CONFIG_LAYER = configLayerOfCatalog(entries);

/** The program's raw `platform:*` schema. */
export const rawConfigSchema = PROGRAM_CONFIG_LAYER.schema;
/** The production and staging profiles, distilled from the deployment guides' requirements table: a stack file overrides only what differs. */
export const TIERS = PROGRAM_CONFIG_LAYER.tiers as Record<Environment, TierProfile>;
/** The README's configuration reference rows (`npm run docs:config`). */
export const CONFIG_REFERENCE = PROGRAM_CONFIG_LAYER.reference;
/** The env names the platform sets in every container (components/config/reserved-env.ts). */
export const RESERVED_ENV = PROGRAM_CONFIG_LAYER.reservedEnv;

/**
 * Validates raw `platform:*` config (already JSON-decoded) and merges it over its tier.
 * Throws ConfigError listing every problem; returns only a fully valid config, so nothing
 * is registered from a half-valid one. `isSecretKey` says which config keys the engine handed
 * over as secret (service secrets must be).
 */
export function resolveConfig(raw: Record<string, unknown>, isSecretKey?: (key: string) => boolean): PlatformConfig {
    return PROGRAM_CONFIG_LAYER.resolve(raw, isSecretKey) as PlatformConfig;
}

/** The config, or every problem found (schema first; cross-field rules only on a schema-valid config). */
export function tryResolveConfig(raw: Record<string, unknown>, isSecretKey?: (key: string) => boolean): PlatformConfig | ConfigProblem[] {
    return PROGRAM_CONFIG_LAYER.tryResolve(raw, isSecretKey) as PlatformConfig | ConfigProblem[];
}

/** A stack's config as the CLI passes it (text, objects as JSON), validated: components/config/read.ts. */
export function validateConfig(all: Record<string, string>, secretKeys?: readonly string[]): PlatformConfig {
    return PROGRAM_CONFIG_LAYER.validate(all, secretKeys) as PlatformConfig;
}

/** The config the engine handed the program, validated; nothing is registered from one that fails. */
export function readPlatformConfig(): PlatformConfig {
    return PROGRAM_CONFIG_LAYER.read() as PlatformConfig;
}

/** `platform:*` keys as the program's schema reads them (components/config/read.ts). */
export function rawPlatformConfig(all: Record<string, string>): Record<string, unknown> {
    return PROGRAM_CONFIG_LAYER.rawOf(all);
}
