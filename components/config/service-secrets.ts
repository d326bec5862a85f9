import type * as pulumi from "@pulumi/pulumi";
import type { ConfigProblem } from "./errors";
import { SECRET_VALUE } from "./errors";
import { reservedEnvNameRule } from "./reserved-env";

/**
 * The application's own secrets (`platform:services.<name>.secrets.<ENV_NAME>`).
 *
 * Under the Pulumi CLI the program receives config already decrypted, and the engine marks
 * secrecy per top-level key: `platform:services` is a secret key as soon as it holds one
 * `secure:` value. So the program can require that key to be secret (a stack file whose
 * secrets are all plain text is rejected here); a single plain value beside secure ones is
 * caught by the offline plan/check (tools/engine/stack-config.ts reads the file itself).
 */

/** A service's or job's keys the secret rules read (schema.ts). */
type Workloads = Record<string, { env?: Record<string, string>; secrets?: Record<string, string> }>;

/** `reserved`: the env names the platform sets itself (reserved-env.ts). */
export function serviceSecretProblems(raw: { services: Workloads; jobs?: Workloads }, isSecretKey: (key: string) => boolean, reserved: readonly string[]): ConfigProblem[] {
    return [...workloadSecretProblems("services", raw.services, isSecretKey, reserved), ...workloadSecretProblems("jobs", raw.jobs ?? {}, isSecretKey, reserved)];
}

function workloadSecretProblems(
    top: "services" | "jobs",
    workloads: Workloads,
    isSecretKey: (key: string) => boolean,
    reserved: readonly string[],
): ConfigProblem[] {
    const problems: ConfigProblem[] = [];
    const topSecret = isSecretKey(`platform:${top}`);
    for (const [service, s] of Object.entries(workloads)) {
        for (const envName of Object.keys(s.secrets ?? {})) {
            const key = `platform:${top}.${service}.secrets.${envName}`;
            if (!topSecret) {
                problems.push({ key, value: SECRET_VALUE, allowed: `a secure value: set it with pulumi config set --secret --path '${key}' (a plain value in the stack file is not accepted)` });
            }
            const rule = reservedEnvNameRule(envName, reserved);
            if (rule) problems.push({ key, value: SECRET_VALUE, allowed: rule });
            if (s.env?.[envName] !== undefined) {
                problems.push({ key, value: SECRET_VALUE, allowed: `a name not also in platform:${top}.${service}.env` });
            }
        }
    }
    return problems;
}

/**
 * The values as Pulumi secrets, so every input they reach is recorded as secret. The SDK is
 * required here, when a component asks, not when the config layer loads: what only validates
 * config (the release and stacks CLIs of the workflows) would otherwise load all of
 * @pulumi/pulumi, most of its start-up.
 */
export function secretValues(values: Record<string, string> | undefined): Record<string, pulumi.Output<string>> {
    const { secret } = require("@pulumi/pulumi") as typeof pulumi;
    return Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, secret(v)]));
}

/** `SMTP_PASSWORD` -> `smtp-password`: the env name in the secret managers' naming rules (one-to-one for the names schema.ts allows). */
export function secretSlug(envName: string): string {
    return envName.toLowerCase().replace(/_/g, "-");
}
