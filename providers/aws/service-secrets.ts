import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { ServiceConfig } from "../../components/config";
import { secretSlug } from "../../components/config/service-secrets";
import { childName, physicalName } from "../../components/naming";
import type { AwsContext } from "./context";
import { createKey } from "./kms";

export interface AwsServiceSecrets {
    /** ECS `secrets[]` entries: env name to secret ARN (a reference, never the value). */
    entries: Array<{ name: string; arn: pulumi.Output<string> }>;
    /** The execution role's grant on exactly these secrets and their key; absent without secrets. */
    policy?: pulumi.Input<object>;
}

/**
 * The application's own secrets (`services.<name>.secrets`): one Secrets Manager secret each,
 * under a customer-managed key of this service (like the platform's own secrets), readable
 * only by the service's execution role, which ECS uses to inject them at task start.
 * Names `<app>-<env>-<service>/<ENV_NAME>` (Secrets Manager allows `/_+=.@-`).
 */
export function createServiceSecrets(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, svc: Pick<ServiceConfig, "name" | "secrets">, protect = false): AwsServiceSecrets {
    const names = Object.keys(svc.secrets).sort();
    if (names.length === 0) return { entries: [] };
    const key = createKey(ctx, scope, childName(name, "secrets"), `application secrets of ${physicalName(ctx.cfg, svc.name)}`, { protect });
    const entries = names.map((envName) => {
        const child = childName(name, `secret-${secretSlug(envName)}`);
        const secret = ctx.create(aws.secretsmanager.Secret, scope, child, {
            name: `${physicalName(ctx.cfg, svc.name)}/${envName}`,
            description: `${envName} of ${physicalName(ctx.cfg, svc.name)} (platform:services.${svc.name}.secrets)`,
            kmsKeyId: key.arn,
            recoveryWindowInDays: protect ? 30 : 7,
            tags: ctx.tags(),
        });
        ctx.create(aws.secretsmanager.SecretVersion, scope, `${child}-version`, {
            secretId: secret.id,
            // Already a Pulumi secret (config), wrapped again so no caller can drop the mark.
            secretString: pulumi.secret(svc.secrets[envName]!),
        });
        return { name: envName, arn: secret.arn };
    });
    return {
        entries,
        policy: {
            Version: "2012-10-17",
            Statement: [
                { Sid: "ReadServiceSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: entries.map((e) => e.arn) },
                { Sid: "DecryptServiceSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: key.arn },
            ],
        },
    };
}
