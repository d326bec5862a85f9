import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { WorkloadIdentityArgs, WorkloadIdentityOutputs } from "../../components/cloud";
import { childName, limitedName } from "../../components/naming";
import { bindingSecrets } from "../../components/binding";
import { iamDatabaseUser } from "../../components/database-access";
import { awsBoundWorkload, awsWorkloadGrants, platformSecretsPolicy } from "./workload-grants";
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
    // Each bound component's own policies and the platform secrets the workload receives, those
    // before the `grantLast` components' policies (components/binding.ts: the order the plans keep).
    const workload = { databaseRole: args.databaseRole };
    const databaseUser = iamDatabaseUser(args.service);
    const grants = awsWorkloadGrants(ctx, args.bindings, awsBoundWorkload(workload, databaseUser), "workload identity");
    const received = bindingSecrets(args.bindings, workload);
    const policy = (suffix: string, document: unknown) => ctx.create(aws.iam.RolePolicy, scope, childName(name, `workload-${suffix}`), { role: role.id, policy: policyJson(document) });
    for (const g of grants.filter((x) => !x.bound.binding.grantLast)) for (const p of g.grant.policies) policy(p.suffix, p.document);
    if (received.length > 0) policy("secrets", platformSecretsPolicy(received, grants));
    for (const g of grants.filter((x) => x.bound.binding.grantLast)) for (const p of g.grant.policies) policy(p.suffix, p.document);
    return {
        serviceAccountAnnotations: { "eks.amazonaws.com/role-arn": role.arn },
        podLabels: {},
        identity: role.arn,
        databaseUser,
    };
}
