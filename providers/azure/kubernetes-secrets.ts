import * as pulumi from "@pulumi/pulumi";
import type { CloudHandle, SecretReference } from "../../components/component";
import type { StoredVaultSecret } from "./handles";

/**
 * The Pulumi secret behind `ref`, a reference this run created: the value the owner (the
 * database, the cache, any bound component that keeps one) stored in Key Vault. The handle
 * keeps one secret, so `ref` must be its reference: a component with a second secret must not
 * silently hand the first one's value for it (GCP's secretValueFor matches `ref.id` too).
 */
export function secretValue(ref: SecretReference, owner: CloudHandle): pulumi.Output<string> {
    // Any bound component that keeps a secret carries it on its handle as `secret`.
    const stored = owner.cloud === "azure" ? (owner as CloudHandle & { secret?: StoredVaultSecret }).secret : undefined;
    if (!stored) throw new Error(`internal: the azure secretValue needs the azure handle (with its secret) of the component that stored the secret, got ${owner.cloud} ${owner.kind}`);
    if (stored.reference === ref || stored.reference.id === ref.id) return pulumi.secret(stored.value);
    return pulumi.secret(pulumi.all([ref.id, stored.reference.id]).apply(([asked, kept]) => {
        if (asked !== kept) throw new Error(`azure: the ${owner.kind} handle keeps the Key Vault secret ${kept}, not ${asked}: no generated value for it`);
        return stored.value;
    }));
}
