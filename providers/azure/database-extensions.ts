import type { DatabaseExtensions } from "../../components/config/cloud-plugin";

/**
 * PostgreSQL extensions `platform:database.extensions` accepts on Azure flexible server, PostgreSQL 16: every one goes into the `azure.extensions` allow-list; the ones that need
 * `shared_preload_libraries` are marked `preload`
 * (https://learn.microsoft.com/azure/postgresql/extensions/concepts-extensions-versions,
 * https://learn.microsoft.com/azure/postgresql/extensions/how-to-allow-extensions).
 */
export const AZURE_DATABASE_EXTENSIONS: DatabaseExtensions = {
    postgis: {},
    postgis_topology: {},
    postgis_raster: {},
    pg_stat_statements: { preload: true },
    pgcrypto: {},
    "uuid-ossp": {},
    hstore: {},
    citext: {},
    pg_trgm: {},
    btree_gin: {},
    btree_gist: {},
    unaccent: {},
    fuzzystrmatch: {},
    ltree: {},
    tablefunc: {},
    intarray: {},
    cube: {},
    earthdistance: {},
    postgres_fdw: {},
    dblink: {},
    pg_buffercache: {},
    vector: {},
    pg_partman: {},
    pg_repack: {},
    pg_cron: { preload: true },
    pgaudit: { preload: true },
    pg_hint_plan: { preload: true },
    // Azure only: neither RDS nor Cloud SQL ship TimescaleDB.
    timescaledb: { preload: true },
};
