import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { childName, limitedName } from "../../components/naming";
import type { Transform } from "../../components/transform";
import type { GcpContext } from "./context";
import type { StoredSecretValue } from "./handles";

/**
 * A Secret Manager secret holding one generated value. The value goes in marked secret;
 * compute gets the secret's id (a reference), never the value.
 */
export function storeSecret(
    ctx: GcpContext,
    scope: pulumi.ComponentResource,
    component: string,
    suffix: string,
    value: pulumi.Input<string>,
    transforms: { secret?: Transform<gcp.secretmanager.SecretArgs>; version?: Transform<gcp.secretmanager.SecretVersionArgs> } = {},
): { secret: gcp.secretmanager.Secret; version: gcp.secretmanager.SecretVersion; stored: StoredSecretValue } {
    const secret = ctx.create(gcp.secretmanager.Secret, scope, childName(component, `${suffix}-secret`), {
        secretId: limitedName(ctx.cfg, 255, suffix),
        replication: { userManaged: { replicas: [{ location: ctx.region }] } },
        labels: ctx.labels(),
    }, transforms.secret);
    const version = ctx.create(gcp.secretmanager.SecretVersion, scope, childName(component, `${suffix}-secret-version`), {
        secret: secret.id,
        secretData: pulumi.secret(value),
    }, transforms.version);
    return { secret, version, stored: { id: secret.id, value: pulumi.secret(pulumi.output(value)) } };
}
