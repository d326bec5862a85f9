import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { SecretReference } from "../../components/component";
import { AwsContext } from "./context";

/** The value of one secret reference: the whole secret string, or one key of a JSON secret. */
export function pickSecret(secretString: string, jsonKey?: string): string {
    if (!jsonKey) return secretString;
    const value = (JSON.parse(secretString) as Record<string, unknown>)[jsonKey];
    if (typeof value !== "string") throw new Error(`secret has no string key ${JSON.stringify(jsonKey)}`);
    return value;
}

/** Reads the current version from Secrets Manager at deploy time; the value only ever travels as a Pulumi secret. */
export function secretValue(ctx: AwsContext, scope: pulumi.ComponentResource, ref: SecretReference): pulumi.Output<string> {
    const version = aws.secretsmanager.getSecretVersionOutput({ secretId: ref.id }, { provider: ctx.provider, parent: scope });
    return pulumi.secret(version.secretString.apply((s) => pickSecret(s, ref.jsonKey)));
}
