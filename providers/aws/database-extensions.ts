import type { DatabaseExtensions } from "../../components/config/cloud-plugin";
import { PLAIN_POSTGRES_EXTENSIONS } from "../shared/postgres-extensions";

/**
 * PostgreSQL extensions `platform:database.extensions` accepts on RDS for PostgreSQL 16:
 * the ones that need `shared_preload_libraries` in the parameter group are marked `preload`
 * (https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-extensions.html).
 */
export const AWS_DATABASE_EXTENSIONS: DatabaseExtensions = {
    ...PLAIN_POSTGRES_EXTENSIONS,
    // RDS preloads it already (database.ts).
    pg_stat_statements: { preload: true },
    pg_cron: { preload: true },
    pgaudit: { preload: true },
    pg_hint_plan: { preload: true },
};
