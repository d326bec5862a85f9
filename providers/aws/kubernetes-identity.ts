import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { WorkloadIdentityArgs, WorkloadIdentityOutputs } from "../../components/cloud";
import { childName, limitedName } from "../../components/naming";
import { awsBindings, databaseConnectPolicy, platformSecretsPolicy, serviceBucketPolicy } from "./compute-service";
import { iamDatabaseUser } from "../../components/database-access";
import { AwsContext, policyJson } from "./context";
import { awsHandles } from "./handles";

/**
 * IRSA: one IAM role per service that only the service's ServiceAccount can assume (sub and
 * aud pinned), with the ECS execution role's secrets document and the task role's bucket
 * document. With an existing cluster (kubeconfig in config) there is no OIDC provider to
 * trust, so the ServiceAccount runs without a cloud identity.
 */
export function createWorkloadIdentity(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: WorkloadIdentityArgs): WorkloadIdentityOutputs {
    const eks = awsHandles.readIfOwn("kubernetesCluster", args.cluster.handle);
    if (!eks) return { serviceAccountAnnotations: {}, podLabels: {}, identity: pulumi.output(`system:serviceaccount:${args.namespace}:${args.serviceAccountName}`) };
    const { database, cache, objectStore } = awsBindings(args.bindings, "workload identity");

    const trust = pulumi.all([eks.oidcProvider.arn, eks.issuerHost]).apply(([providerArn, host]) => ({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { Federated: providerArn },
            Action: "sts:AssumeRoleWithWebIdentity",
            Condition: {
                StringEquals: {
                    [`${host}:sub`]: `system:serviceaccount:${args.namespace}:${args.serviceAccountName}`,
                    [`${host}:aud`]: "sts.amazonaws.com",
                },
            },
        }],
    }));
    const role = ctx.create(aws.iam.Role, scope, childName(name, "workload-role"), {
        name: limitedName(ctx.cfg, 64, args.service, "workload"),
        description: `IRSA identity of ${args.namespace}/${args.serviceAccountName}: its bucket and this platform's two secrets only`,
        assumeRolePolicy: policyJson(trust),
        tags: ctx.tags(),
    });
    ctx.create(aws.iam.RolePolicy, scope, childName(name, "workload-bucket"), {
        role: role.id,
        policy: policyJson(serviceBucketPolicy(objectStore)),
    });
    const dbRole = args.databaseRole ?? "app";
    ctx.create(aws.iam.RolePolicy, scope, childName(name, "workload-secrets"), {
        role: role.id,
        policy: policyJson(platformSecretsPolicy(args.bindings, { database, cache }, dbRole)),
    });
    const databaseUser = iamDatabaseUser(args.service);
    if (dbRole === "app") {
        ctx.create(aws.iam.RolePolicy, scope, childName(name, "workload-database"), {
            role: role.id,
            policy: policyJson(databaseConnectPolicy(ctx, database, databaseUser)),
        });
    }
    return {
        serviceAccountAnnotations: { "eks.amazonaws.com/role-arn": role.arn },
        podLabels: {},
        identity: role.arn,
        databaseUser,
    };
}
