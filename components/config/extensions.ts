import { CLOUD_PLUGINS } from "../../providers/registry";
import type { Cloud } from "./schema";

/**
 * PostgreSQL 16 extensions `platform:database.extensions` accepts, per cloud, and what each
 * cloud needs before `CREATE EXTENSION` works (the migration job runs that, databaseSetupSql):
 * - AWS: `shared_preload_libraries` in the parameter group for the ones that need it
 *   (RDS list: https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-extensions.html);
 * - GCP: a `cloudsql.enable_*` database flag for the ones Cloud SQL gates
 *   (https://cloud.google.com/sql/docs/postgres/extensions, flags: https://cloud.google.com/sql/docs/postgres/flags);
 * - Azure: every extension in the `azure.extensions` allow-list, plus `shared_preload_libraries`
 *   for the ones that need it
 *   (https://learn.microsoft.com/azure/postgresql/extensions/concepts-extensions-versions,
 *   https://learn.microsoft.com/azure/postgresql/extensions/how-to-allow-extensions).
 * A cloud missing from an entry does not offer the extension for PostgreSQL 16.
 */
interface ExtensionSupport {
    aws?: { preload?: true };
    gcp?: { flag?: string };
    azure?: { preload?: true };
}

const EVERYWHERE: ExtensionSupport = { aws: {}, gcp: {}, azure: {} };

export const EXTENSIONS: Record<string, ExtensionSupport> = {
    postgis: EVERYWHERE,
    postgis_topology: EVERYWHERE,
    postgis_raster: EVERYWHERE,
    // RDS preloads it already (database.ts); Cloud SQL loads it without a flag.
    pg_stat_statements: { aws: { preload: true }, gcp: {}, azure: { preload: true } },
    pgcrypto: EVERYWHERE,
    "uuid-ossp": EVERYWHERE,
    hstore: EVERYWHERE,
    citext: EVERYWHERE,
    pg_trgm: EVERYWHERE,
    btree_gin: EVERYWHERE,
    btree_gist: EVERYWHERE,
    unaccent: EVERYWHERE,
    fuzzystrmatch: EVERYWHERE,
    ltree: EVERYWHERE,
    tablefunc: EVERYWHERE,
    intarray: EVERYWHERE,
    cube: EVERYWHERE,
    earthdistance: EVERYWHERE,
    postgres_fdw: EVERYWHERE,
    dblink: EVERYWHERE,
    pg_buffercache: EVERYWHERE,
    vector: EVERYWHERE,
    pg_partman: EVERYWHERE,
    pg_repack: EVERYWHERE,
    pg_cron: { aws: { preload: true }, gcp: { flag: "cloudsql.enable_pg_cron" }, azure: { preload: true } },
    pgaudit: { aws: { preload: true }, gcp: { flag: "cloudsql.enable_pgaudit" }, azure: { preload: true } },
    pg_hint_plan: { aws: { preload: true }, gcp: { flag: "cloudsql.enable_pg_hint_plan" }, azure: { preload: true } },
    // Azure only (neither RDS nor Cloud SQL ship TimescaleDB).
    timescaledb: { azure: { preload: true } },
};

export function supportedExtensions(cloud: Cloud): string[] {
    return Object.keys(EXTENSIONS).filter((e) => EXTENSIONS[e]![cloud] !== undefined).sort();
}

/** The libraries `shared_preload_libraries` must name for these extensions (AWS, Azure), sorted. */
export function preloadLibraries(cloud: "aws" | "azure", extensions: string[]): string[] {
    return extensions.filter((e) => EXTENSIONS[e]?.[cloud]?.preload).sort();
}

/** Cloud SQL flags these extensions need, each `on`. */
export function cloudSqlExtensionFlags(extensions: string[]): string[] {
    return extensions.map((e) => EXTENSIONS[e]?.gcp?.flag).filter((f): f is string => f !== undefined).sort();
}

/** How messages name the cloud's PostgreSQL service (its plugin's `databaseService`). */
export function cloudLabel(cloud: Cloud): string {
    return CLOUD_PLUGINS[cloud].databaseService;
}
