import * as pulumi from "@pulumi/pulumi";
import type { CloudHandle } from "../../components/component";
import { azureHandles } from "./handles";

/** The Pulumi secret behind a reference this run created: the value the owner (database or cache) stored in Key Vault. */
export function secretValue(owner: CloudHandle): pulumi.Output<string> {
    const stored = (azureHandles.readIfOwn("database", owner) ?? azureHandles.readIfOwn("cache", owner))?.secret;
    if (!stored) throw new Error(`internal: the azure secretValue needs the azure database or cache handle that stored the secret, got ${owner.cloud} ${owner.kind}`);
    return pulumi.secret(stored.value);
}
