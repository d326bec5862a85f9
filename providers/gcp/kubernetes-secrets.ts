import * as pulumi from "@pulumi/pulumi";
import type { CloudHandle, SecretReference } from "../../components/component";
import type { StoredSecretValue } from "./handles";

/** The values the component behind `owner` (any bound component that keeps secrets: its handle's `secretValues`) stored in Secret Manager. */
function secretValuesOf(owner: CloudHandle): StoredSecretValue[] {
    const values = owner.cloud === "gcp" ? (owner as CloudHandle & { secretValues?: StoredSecretValue[] }).secretValues : undefined;
    if (!values) throw new Error(`internal: the gcp secretValue needs the gcp handle (with its secretValues) of the component that stored the secret, got ${owner.cloud} ${owner.kind}`);
    return values;
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
