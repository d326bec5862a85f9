import type * as pulumi from "@pulumi/pulumi";
import type { ServiceConfig } from "../../components/config";
import { secretSlug } from "../../components/config/service-secrets";
import { childName } from "../../components/naming";
import type { Transform } from "../../components/transform";
import type * as authorization from "@pulumi/azure-native/authorization";
import type { AzureContext } from "./context";
import { vaultSecret } from "./secrets";

export interface AzureServiceSecrets {
    /** Container App `configuration.secrets` entries: Key Vault references resolved by the app's identity. */
    appSecrets: Array<{ name: string; keyVaultUrl: pulumi.Output<string>; identity: pulumi.Input<string> }>;
    /** `env` entries that read them by `secretRef`. */
    env: Array<{ name: string; secretRef: string }>;
    grants: authorization.RoleAssignment[];
}

/**
 * The application's own secrets (`services.<name>.secrets`): one Key Vault secret each in the
 * platform vault (`<service>-env-<name>`; Key Vault names allow letters, digits and hyphens),
 * with `Key Vault Secrets User` on exactly that secret for this service's identity.
 */
export function createServiceSecrets(ctx: AzureContext, scope: pulumi.ComponentResource, name: string, svc: Pick<ServiceConfig, "name" | "secrets">, identity: { id: pulumi.Input<string>; principalId: pulumi.Input<string> }, roleAssignmentTransform?: Transform<authorization.RoleAssignmentArgs>): AzureServiceSecrets {
    const out: AzureServiceSecrets = { appSecrets: [], env: [], grants: [] };
    for (const envName of Object.keys(svc.secrets).sort()) {
        const slug = secretSlug(envName);
        const secretName = `${svc.name}-env-${slug}`;
        const { secret, reference } = vaultSecret(ctx, scope, childName(name, `env-${slug}-secret`), {
            secretName,
            value: svc.secrets[envName]!,
            contentType: `application secret ${envName} of ${svc.name}`,
        });
        out.grants.push(ctx.grant(scope, childName(name, `env-${slug}-reader`), { principalId: identity.principalId, role: "keyVaultSecretsUser", on: secret.id }, roleAssignmentTransform));
        // Container Apps secret names: lowercase letters, digits and '-'.
        const ref = `env-${slug}`;
        out.appSecrets.push({ name: ref, keyVaultUrl: reference.id, identity: identity.id });
        out.env.push({ name: envName, secretRef: ref });
    }
    return out;
}
