import { SECRET_ENV_NAME } from "./kubernetes";
import { phrase, PlatformPolicy, resourcePolicy, ResourceContext } from "./support";
import { T } from "./types";

/**
 * Credential-looking environment variables (names with PASSWORD, TOKEN, SECRET, KEY,
 * CREDENTIAL) must come from the cloud's secret manager by reference on the managed runtimes
 * too, not only on Kubernetes (kubernetes.ts): a literal value sits in the task definition or
 * revision, readable by anyone who can describe it. Services and one-off jobs alike.
 */

interface EnvEntry {
    container: string;
    name: string;
    /** True when the entry carries a literal value (not a reference). */
    literal: boolean;
}

function reportLiterals(ctx: ResourceContext, entries: EnvEntry[], fix: (name: string) => string): void {
    for (const e of entries) {
        if (!e.literal || !SECRET_ENV_NAME.test(e.name)) continue;
        ctx.report({ problem: `container "${e.container}" sets secret-like env ${e.name} as a literal value`, found: phrase(`env ${e.name} with a plain value (not shown)`), fix: fix(e.name) });
    }
}

const list = (v: unknown): Record<string, any>[] => (Array.isArray(v) ? v.filter((x) => x && typeof x === "object") : []);
const hasValue = (v: unknown) => v !== undefined && v !== null && v !== "";

export const awsEcsDisallowPlainSecretEnv = resourcePolicy({
    name: "aws-ecs-disallow-plain-secret-env",
    description: "ECS task definitions must not set secret-like environment variables (PASSWORD, TOKEN, SECRET, KEY, CREDENTIAL) in `environment`; they come from Secrets Manager through `secrets[].valueFrom`.",
    area: "workload-security",
    severity: "high",
    types: [T.aws.ecsTaskDefinition],
    remediation: "store the value in Secrets Manager (platform:services.<name>.secrets) and reference it in secrets[].valueFrom",
    validate(ctx) {
        const raw = ctx.props.containerDefinitions;
        let defs: unknown;
        try {
            defs = typeof raw === "string" ? JSON.parse(raw) : raw;
        } catch {
            ctx.notApplicable("containerDefinitions is not JSON");
        }
        const entries = list(defs).flatMap((c) => list(c.environment).map((e) => ({ container: String(c.name ?? "?"), name: String(e.name ?? ""), literal: hasValue(e.value) })));
        reportLiterals(ctx, entries, (n) => `move ${n} into Secrets Manager and list it under secrets[] with valueFrom`);
    },
});

/** Cloud Run v2: a service's containers are at `template.containers`, a job's at `template.template.containers`. */
export const gcpCloudrunDisallowPlainSecretEnv = resourcePolicy({
    name: "gcp-cloudrun-disallow-plain-secret-env",
    description: "Cloud Run services and jobs must not set secret-like environment variables (PASSWORD, TOKEN, SECRET, KEY, CREDENTIAL) as a literal `value`; they come from Secret Manager through `valueSource.secretKeyRef`.",
    area: "workload-security",
    severity: "high",
    types: [T.gcp.cloudRunService, T.gcp.cloudRunJob],
    remediation: "store the value in Secret Manager (platform:services.<name>.secrets) and use envs[].valueSource.secretKeyRef",
    validate(ctx) {
        const template = ctx.type === T.gcp.cloudRunJob ? ctx.props.template?.template : ctx.props.template;
        const entries = list(template?.containers).flatMap((c) => list(c.envs).map((e) => ({ container: String(c.name ?? "?"), name: String(e.name ?? ""), literal: hasValue(e.value) })));
        reportLiterals(ctx, entries, (n) => `move ${n} into Secret Manager and set valueSource.secretKeyRef`);
    },
});

export const azureContainerappsDisallowPlainSecretEnv = resourcePolicy({
    name: "azure-containerapps-disallow-plain-secret-env",
    description: "Container Apps and Container Apps jobs must not set secret-like environment variables (PASSWORD, TOKEN, SECRET, KEY, CREDENTIAL) as a literal `value`; they come from a Key Vault secret through `secretRef`.",
    area: "workload-security",
    severity: "high",
    types: [T.azure.containerApp, T.azure.containerAppJob],
    remediation: "store the value in Key Vault (platform:services.<name>.secrets), add a keyVaultUrl secret and use env[].secretRef",
    validate(ctx) {
        const template = ctx.props.template;
        const containers = [...list(template?.initContainers), ...list(template?.containers)];
        const entries = containers.flatMap((c) => list(c.env).map((e) => ({ container: String(c.name ?? "?"), name: String(e.name ?? ""), literal: hasValue(e.value) })));
        reportLiterals(ctx, entries, (n) => `move ${n} into Key Vault and reference it with secretRef`);
    },
});

export const plainSecretEnvPolicies: PlatformPolicy[] = [awsEcsDisallowPlainSecretEnv, gcpCloudrunDisallowPlainSecretEnv, azureContainerappsDisallowPlainSecretEnv];
