import * as pulumi from "@pulumi/pulumi";
import * as keyvault from "@pulumi/azure-native/keyvault";
import type { SecretReference } from "../../components/component";
import { AzureContext } from "./context";
import type { StoredVaultSecret } from "./handles";

/**
 * Writes a generated value into the platform Key Vault (through ARM, which the vault's
 * network rules do not block) and returns the cloud-neutral reference: the versionless
 * secret URI Container Apps resolves at revision start through the service's identity.
 * `stored` carries the ARM id, so each service is granted `Key Vault Secrets User` on
 * exactly the secrets it reads, not the whole vault, and the value for Kubernetes Secrets.
 */
export function vaultSecret(ctx: AzureContext, scope: pulumi.ComponentResource, name: string, args: {
    secretName: string;
    value: pulumi.Input<string>;
    contentType: string;
}): { secret: keyvault.Secret; reference: SecretReference; stored: StoredVaultSecret } {
    const f = ctx.foundation;
    const secret = ctx.create(keyvault.Secret, scope, name, {
        secretName: args.secretName,
        vaultName: f.keyVaultName,
        resourceGroupName: f.resourceGroupName,
        properties: { value: pulumi.secret(args.value), contentType: args.contentType },
        tags: ctx.tags,
    });
    const reference: SecretReference = { id: secret.properties.apply((p) => p.secretUri) };
    return { secret, reference, stored: { secretId: secret.id, reference, value: pulumi.secret(args.value) } };
}
