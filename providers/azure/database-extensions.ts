import type { DatabaseExtensions } from "../../components/config/cloud-plugin";
import { PLAIN_POSTGRES_EXTENSIONS } from "../shared/postgres-extensions";

/**
 * PostgreSQL extensions `platform:database.extensions` accepts on Azure flexible server, PostgreSQL 16: every one goes into the `azure.extensions` allow-list; the ones that need
 * `shared_preload_libraries` are marked `preload`
 * (https://learn.microsoft.com/azure/postgresql/extensions/concepts-extensions-versions,
 * https://learn.microsoft.com/azure/postgresql/extensions/how-to-allow-extensions).
 */
export const AZURE_DATABASE_EXTENSIONS: DatabaseExtensions = {
    ...PLAIN_POSTGRES_EXTENSIONS,
    pg_stat_statements: { preload: true },
    pg_cron: { preload: true },
    pgaudit: { preload: true },
    pg_hint_plan: { preload: true },
    // Azure only: neither RDS nor Cloud SQL ship TimescaleDB.
    timescaledb: { preload: true },
};
