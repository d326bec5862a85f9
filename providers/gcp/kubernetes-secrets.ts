import * as pulumi from "@pulumi/pulumi";
import type { CloudHandle, SecretReference } from "../../components/component";
import { gcpHandles, StoredSecretValue } from "./handles";

/** The values the component behind `owner` (the database or the cache) stored in Secret Manager. */
function secretValuesOf(owner: CloudHandle): StoredSecretValue[] {
    const handle = gcpHandles.readIfOwn("database", owner) ?? gcpHandles.readIfOwn("cache", owner);
    if (!handle) throw new Error(`internal: the gcp secretValue needs the gcp database or cache handle that stored the secret, got ${owner.cloud} ${owner.kind}`);
    return handle.secretValues;
}

/** The value the platform generated for a secret reference (database password, Redis AUTH), as a Pulumi secret. */
export function secretValueFor(ref: SecretReference, owner: CloudHandle): pulumi.Output<string> {
    const known = secretValuesOf(owner);
    const direct = known.find((k) => k.id === ref.id);
    if (direct) return pulumi.secret(direct.value);
    return pulumi.secret(pulumi.all([ref.id, ...known.map((k) => k.id)]).apply(([id, ...ids]) => {
        const i = ids.indexOf(id);
        if (i < 0) throw new Error(`gcp: no generated value for secret ${id}`);
        return known[i]!.value;
    }));
}
