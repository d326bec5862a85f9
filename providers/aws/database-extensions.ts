import type { DatabaseExtensions } from "../../components/config/cloud-plugin";

/**
 * PostgreSQL extensions `platform:database.extensions` accepts on RDS for PostgreSQL 16: the ones that need `shared_preload_libraries` in the parameter group are marked `preload`
 * (https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-extensions.html).
 */
export const AWS_DATABASE_EXTENSIONS: DatabaseExtensions = {
    postgis: {},
    postgis_topology: {},
    postgis_raster: {},
    // RDS preloads it already (database.ts).
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
};
