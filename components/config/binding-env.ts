import { CLOUD_PLUGINS } from "../../providers/registry";

/**
 * The environment variable names every runtime gives a workload for its bindings: each bound
 * component's `binding.variables` (components/binding.ts; tests/generic-bindings.spec.ts holds
 * this list to exactly theirs). They are written here, not derived from the catalog, because
 * config is validated before any component exists and sits below them (a component file
 * imports PlatformConfig). A service's own `env` may not use them: the
 * platform's values (the addresses, `PGSSLMODE=require`, `REDIS_TLS=true`, the secret
 * references) must be the ones the container sees, and two variables of one name are
 * rejected by Cloud Run and ECS, or silently resolved by order elsewhere.
 */
export const BINDING_ENV = {
    databaseHost: "DATABASE_HOST",
    databasePort: "DATABASE_PORT",
    databaseName: "DATABASE_NAME",
    databaseUser: "DATABASE_USER",
    databasePassword: "DATABASE_PASSWORD",
    /** `iam` (log in with a token of the workload's own identity) or `password` (the admin job only). */
    databaseAuth: "DATABASE_AUTH",
    cacheHost: "REDIS_HOST",
    cachePort: "REDIS_PORT",
    cacheAuthToken: "REDIS_AUTH_TOKEN",
    bucket: "OBJECT_STORE_BUCKET",
    /** libpq's own variable: every database enforces TLS, so clients must ask for it. */
    databaseSslMode: "PGSSLMODE",
    /** Every cache requires TLS. */
    cacheTls: "REDIS_TLS",
} as const;

/**
 * Env names the platform sets itself in every container: the bindings above, the port, and
 * each cloud's own (its plugin's `platformEnv`: Azure's workload identity and blob endpoint).
 * A workload's own `env` or `secrets` may not shadow them.
 */
export const RESERVED_ENV: readonly string[] = [...Object.values(BINDING_ENV), "PORT", ...Object.values(CLOUD_PLUGINS).flatMap((p) => p.platformEnv)];

export function reservedEnvNameRule(name: string): string | undefined {
    if (!(RESERVED_ENV as readonly string[]).includes(name)) return undefined;
    return `a name the platform does not set itself (reserved: ${RESERVED_ENV.join(", ")})`;
}
