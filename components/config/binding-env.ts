/**
 * The environment variable names every runtime gives a service for its bindings to the data
 * tier (components/compute-service.ts sets them). A service's own `env` may not use them: the
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
    cacheHost: "REDIS_HOST",
    cachePort: "REDIS_PORT",
    cacheAuthToken: "REDIS_AUTH_TOKEN",
    bucket: "OBJECT_STORE_BUCKET",
    /** libpq's own variable: every database enforces TLS, so clients must ask for it. */
    databaseSslMode: "PGSSLMODE",
    /** Every cache requires TLS. */
    cacheTls: "REDIS_TLS",
} as const;

const RESERVED_ENV: ReadonlySet<string> = new Set(Object.values(BINDING_ENV));

export function reservedEnvNameRule(name: string): string | undefined {
    if (!RESERVED_ENV.has(name)) return undefined;
    return `a variable name other than the platform's bindings (${[...RESERVED_ENV].join(", ")}), which the platform sets`;
}
