import type { DatabaseExtensions } from "../../components/config/cloud-plugin";
import { PLAIN_POSTGRES_EXTENSIONS } from "../shared/postgres-extensions";

/**
 * PostgreSQL extensions `platform:database.extensions` accepts on Cloud SQL for PostgreSQL 16:
 * the ones Cloud SQL gates carry their `cloudsql.enable_*` database flag
 * (https://cloud.google.com/sql/docs/postgres/extensions, flags: https://cloud.google.com/sql/docs/postgres/flags).
 */
export const GCP_DATABASE_EXTENSIONS: DatabaseExtensions = {
    ...PLAIN_POSTGRES_EXTENSIONS,
    // Cloud SQL loads it without a flag.
    pg_stat_statements: {},
    pg_cron: { flag: "cloudsql.enable_pg_cron" },
    pgaudit: { flag: "cloudsql.enable_pgaudit" },
    pg_hint_plan: { flag: "cloudsql.enable_pg_hint_plan" },
};
