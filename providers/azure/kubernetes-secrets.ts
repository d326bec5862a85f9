import * as pulumi from "@pulumi/pulumi";
import type { CloudHandle } from "../../components/component";
import type { StoredVaultSecret } from "./handles";

/** The Pulumi secret behind a reference this run created: the value the owner (the database, the cache, any bound component that keeps one) stored in Key Vault. */
export function secretValue(owner: CloudHandle): pulumi.Output<string> {
    // Any bound component that keeps a secret carries it on its handle as `secret`.
    const stored = owner.cloud === "azure" ? (owner as CloudHandle & { secret?: StoredVaultSecret }).secret : undefined;
    if (!stored) throw new Error(`internal: the azure secretValue needs the azure handle (with its secret) of the component that stored the secret, got ${owner.cloud} ${owner.kind}`);
    return pulumi.secret(stored.value);
}
