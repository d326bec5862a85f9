import type { DatabaseExtensions } from "../../components/config/cloud-plugin";

/**
 * PostgreSQL 16 extensions RDS, Cloud SQL and Azure flexible server all offer and that need
 * nothing before `CREATE EXTENSION` (no preload, no flag): each cloud's
 * `database-extensions.ts` spreads them beside its own, with its documentation page.
 */
export const PLAIN_POSTGRES_EXTENSIONS: DatabaseExtensions = {
    postgis: {},
    postgis_topology: {},
    postgis_raster: {},
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
};
