/**
 * What the program above the config layer tells it (components/program-config.ts): what only the
 * catalog knows. The resolver's rules and the README rows read it.
 */
export interface ProgramFacts {
    /** The env names the platform sets in every container (reserved-env.ts `reservedEnvOf`): no workload's env or secret may use one. */
    readonly reservedEnv: readonly string[];
}
