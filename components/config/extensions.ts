import { Cloud, CLOUD_PLUGINS } from "../../providers/registry";

/**
 * PostgreSQL 16 extensions `platform:database.extensions` accepts: each cloud lists what it
 * offers and what each needs before `CREATE EXTENSION` works (its plugin's
 * `databaseExtensions`, in providers/<cloud>/database-extensions.ts, with the sources).
 */

export function supportedExtensions(cloud: Cloud): string[] {
    return Object.keys(CLOUD_PLUGINS[cloud].databaseExtensions).sort();
}

/** The libraries `shared_preload_libraries` must name for these extensions on `cloud`, sorted. */
export function preloadLibraries(cloud: Cloud, extensions: string[]): string[] {
    const offered = CLOUD_PLUGINS[cloud].databaseExtensions;
    return extensions.filter((e) => offered[e]?.preload).sort();
}

/** The database flags these extensions need on `cloud` (Cloud SQL's `cloudsql.enable_*`), each to be `on`, sorted. */
export function extensionFlags(cloud: Cloud, extensions: string[]): string[] {
    const offered = CLOUD_PLUGINS[cloud].databaseExtensions;
    return extensions.map((e) => offered[e]?.flag).filter((f): f is string => f !== undefined).sort();
}

/** How messages name the cloud's PostgreSQL service (its plugin's `databaseService`). */
export function cloudLabel(cloud: Cloud): string {
    return CLOUD_PLUGINS[cloud].databaseService;
}
