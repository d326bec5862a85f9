import type { Cloud } from "./config";
import { CLOUD_PLUGINS } from "../providers/registry";

/**
 * How a workload logs in to PostgreSQL (`platform:jobs.<name>.databaseRole`):
 * - `app` (every service, and jobs by default): the workload's own cloud identity through the
 *   cloud's IAM database authentication (RDS IAM auth, Cloud SQL IAM service-account users,
 *   Entra ID principals on flexible server). It never receives the admin password.
 * - `admin` (only a job marked so: the migration job): the platform's admin login and its
 *   password by secret reference, to create the application roles, grant them the schema and
 *   create extensions (databaseSetupSql).
 */
// The config key's values live with the schema (components/config imports nothing outside it).
export { DATABASE_ROLES, type DatabaseRole } from "./config/schema";
import type { DatabaseRole } from "./config/schema";

/** `DATABASE_AUTH`: `iam` means "the password is a token your cloud SDK issues to your identity". */
export type DatabaseAuth = "iam" | "password";

export function databaseRoleOf(workload: { databaseRole?: DatabaseRole }): DatabaseRole {
    return workload.databaseRole ?? "app";
}

export function receivesAdminPassword(workload: { databaseRole?: DatabaseRole }): boolean {
    return databaseRoleOf(workload) === "admin";
}

/**
 * The PostgreSQL role an AWS workload logs in as with an IAM token: `app_<workload>` (services
 * and job names are lowercase letters and digits; `j-<job>` under kubernetes keeps its hyphen
 * as an underscore). The task role's `rds-db:connect` names exactly this user.
 */
export function iamDatabaseUser(workload: string): string {
    return `app_${workload.replace(/-/g, "_")}`;
}

/** A Cloud SQL IAM service-account user is the account's email without `.gserviceaccount.com` (the gcp.sql.User docs). */
export function cloudSqlIamUser(email: string): string {
    return email.replace(/\.gserviceaccount\.com$/, "");
}

/** Double-quoted PostgreSQL identifier (role names with `@`, `.` or `-`). */
export function quoteIdent(name: string): string {
    return `"${name.replace(/"/g, '""')}"`;
}

/**
 * The statements a first deploy runs once as the admin (the migration job's first run), in
 * order, for the stack's cloud: one login role per `app` workload, allowed to use IAM auth,
 * granted the application schema, then the configured extensions. No secret is in them (IAM
 * auth has no passwords to set), so they are a plain stack output (`databaseSetup`).
 * Creating the login is the cloud's (its plugin's `createDatabaseLogin`, with the source):
 * `CREATE ROLE` + `GRANT rds_iam` on AWS, `pgaadauth_create_principal` on Azure, nothing on GCP,
 * whose IAM users exist already but get no privileges on the database's objects until granted.
 */
export function databaseSetupSql(cloud: Cloud, a: { databaseName: string; appUsers: string[]; extensions: string[] }): string[] {
    const create = (user: string): string[] => CLOUD_PLUGINS[cloud].createDatabaseLogin({ quoted: quoteIdent(user), literal: user.replace(/'/g, "''") });
    const grant = (user: string): string[] => [
        `GRANT CONNECT ON DATABASE ${quoteIdent(a.databaseName)} TO ${quoteIdent(user)};`,
        `GRANT USAGE ON SCHEMA public TO ${quoteIdent(user)};`,
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${quoteIdent(user)};`,
        `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${quoteIdent(user)};`,
        // Tables the migration job creates later are granted as they appear.
        `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${quoteIdent(user)};`,
        `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${quoteIdent(user)};`,
    ];
    return [
        ...a.extensions.map((e) => `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e)};`),
        ...[...a.appUsers].sort().flatMap((u) => [...create(u), ...grant(u)]),
    ];
}
