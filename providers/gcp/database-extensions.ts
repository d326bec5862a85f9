import type { DatabaseExtensions } from "../../components/config/cloud-plugin";

/**
 * PostgreSQL extensions `platform:database.extensions` accepts on Cloud SQL for PostgreSQL 16: the ones Cloud SQL gates carry their `cloudsql.enable_*` database flag
 * (https://cloud.google.com/sql/docs/postgres/extensions, flags: https://cloud.google.com/sql/docs/postgres/flags).
 */
export const GCP_DATABASE_EXTENSIONS: DatabaseExtensions = {
    postgis: {},
    postgis_topology: {},
    postgis_raster: {},
    // Cloud SQL loads it without a flag.
    pg_stat_statements: {},
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
    pg_cron: { flag: "cloudsql.enable_pg_cron" },
    pgaudit: { flag: "cloudsql.enable_pgaudit" },
    pg_hint_plan: { flag: "cloudsql.enable_pg_hint_plan" },
};
