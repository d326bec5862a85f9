import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import type { ServiceConfig } from "../../components/config";
import { secretSlug } from "../../components/config/service-secrets";
import { childName } from "../../components/naming";
import type { GcpContext } from "./context";
import { storeSecret } from "./secrets";

export interface GcpServiceSecrets {
    /** Env name to Secret Manager secret id (a reference, never the value). */
    entries: Array<{ name: string; secretId: pulumi.Output<string> }>;
    /** The accessor grants and versions: whatever reads the secrets waits for them. */
    dependsOn: pulumi.Resource[];
}

/**
 * The application's own secrets (`services.<name>.secrets`): one Secret Manager secret each
 * (`<app>-<env>-<service>-env-<name>`, the same replication as the platform's own secrets),
 * with `secretAccessor` for this service's account only. Cloud Run resolves them at start
 * through `valueSource.secretKeyRef`.
 */
export function createServiceSecrets(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, svc: Pick<ServiceConfig, "name" | "secrets">, member: pulumi.Input<string>): GcpServiceSecrets {
    const entries: GcpServiceSecrets["entries"] = [];
    const dependsOn: pulumi.Resource[] = [];
    for (const envName of Object.keys(svc.secrets).sort()) {
        const slug = secretSlug(envName);
        const { secret, version } = storeSecret(ctx, scope, name, `${svc.name}-env-${slug}`, svc.secrets[envName]!);
        const access = ctx.create(gcp.secretmanager.SecretIamMember, scope, childName(name, `env-${slug}-access`), {
            secretId: secret.id,
            role: "roles/secretmanager.secretAccessor",
            member,
        });
        entries.push({ name: envName, secretId: secret.id });
        dependsOn.push(version, access);
    }
    return { entries, dependsOn };
}
