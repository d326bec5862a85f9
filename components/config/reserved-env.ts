import { CLOUD_PLUGINS } from "../../providers/registry";

/**
 * Env names the platform sets itself in every container: the variables of every component
 * workloads bind to (each component's `binding.variables`, in its own file: components/binding.ts),
 * the port, and each cloud's own (its plugin's `platformEnv`: Azure's workload identity and blob
 * endpoint). A workload's own `env` or `secrets` may not use them: the platform's values (the
 * addresses, `PGSSLMODE=require`, `REDIS_TLS=true`, the secret references) must be the ones the
 * container sees, and two variables of one name are rejected by Cloud Run and ECS, or silently
 * resolved by order elsewhere.
 *
 * The binding variables are handed in by the program's config (components/program-config.ts reads
 * them from the catalog): config is validated before any component exists and sits below them.
 */
export function reservedEnvOf(bindingVariables: readonly string[]): readonly string[] {
    return [...new Set([...bindingVariables, ...PLATFORM_OWN_ENV])];
}

/** The names the platform sets whatever is bound: the port, and each cloud's `platformEnv`. */
export const PLATFORM_OWN_ENV: readonly string[] = [...new Set(["PORT", ...Object.values(CLOUD_PLUGINS).flatMap((p) => p.platformEnv)])];

export function reservedEnvNameRule(name: string, reserved: readonly string[]): string | undefined {
    if (!reserved.includes(name)) return undefined;
    return `a name the platform does not set itself (reserved: ${reserved.join(", ")})`;
}
