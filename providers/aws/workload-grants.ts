import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { BoundComponent, ReceivedSecret, type ServiceBindings, type WorkloadBindings } from "../../components/binding";
import type { JobConfig } from "../../components/config";
import { receivesAdminPassword } from "../../components/database-access";
import type { AwsContext } from "./context";
import type { AwsHandles } from "./handles";
import { boundGrantHooks, type Ungranted } from "../shared/workload-grants";

/**
 * What a workload bound to a component is given on AWS, from the component's own builder
 * file (its handle's `grant`): the ECS services and jobs (compute-service.ts, job.ts) and the
 * EKS workload roles (kubernetes-identity.ts) loop over the bound components and never name one.
 */
export interface AwsWorkloadGrant {
    /** The KMS key of the secrets it keeps for workloads: whoever reads them (execution role, IRSA role) decrypts with it. */
    secretsKey?: aws.kms.Key;
    /** Policies of the workload's own role (`<name>-task-<suffix>` on ECS, `<name>-workload-<suffix>` under IRSA). */
    policies: Array<{ suffix: string; document: unknown }>;
}

/** The workload as an AWS grant sees it: `admin` (database-access.ts), and its PostgreSQL login under IAM auth. */
export interface AwsBoundWorkload {
    admin: boolean;
    login: string;
}

/** A component's AWS grant hook, exported by its builder file and carried on its handle as `grant`. */
export type AwsGrant<H> = (ctx: AwsContext, handle: H, workload: AwsBoundWorkload) => AwsWorkloadGrant;

/** Every component workloads bind to must carry a `grant` on its AWS handle: the typecheck fails here naming the one that does not. */
// Stryker disable next-line BooleanLiteral: a typecheck-only constant (its type is the check; the value is never read).
export const EVERY_AWS_BINDING_GRANTS: [Ungranted<AwsGrantChecks<AwsHandles>>] extends [never] ? true : `no AWS grant for its own handle on: ${Ungranted<AwsGrantChecks<AwsHandles>> & string}` = true;

/** Per bound component: its AWS handle (of handles `H`) carries a `grant` that accepts that very handle. */
export type AwsGrantChecks<H> = { [K in keyof ServiceBindings]: K extends keyof H ? (H[K] extends { grant: AwsGrant<H[K]> } ? true : false) : false };

export interface GrantedComponent {
    bound: BoundComponent;
    grant: AwsWorkloadGrant;
}

/** Each bound component's grant to this workload, in grant order (components/binding.ts). */
export function awsWorkloadGrants(ctx: AwsContext, bindings: WorkloadBindings, workload: AwsBoundWorkload, by: string): GrantedComponent[] {
    return boundGrantHooks<AwsGrant<unknown>>("aws", bindings, by).map(({ bound, handle, hook }) => ({ bound, grant: hook(ctx, handle, workload) }));
}

/** The workload as the grants see it. */
export function awsBoundWorkload(workload: { databaseRole?: JobConfig["databaseRole"] }, login: string): AwsBoundWorkload {
    return { admin: receivesAdminPassword(workload), login };
}

/**
 * Read only the platform secrets the workload receives and decrypt them with their own keys
 * (an `admin`-only one, the database password, for an `admin` job only; everyone else logs in
 * with IAM). The ECS execution role and the EKS workload (IRSA) role share this document.
 */
export function platformSecretsPolicy(received: ReceivedSecret[], grants: GrantedComponent[]) {
    const keyOf = (s: ReceivedSecret): pulumi.Output<string> => {
        // Stryker disable next-line OptionalChaining: the owner is always one of the grants (both come from the same bindings).
        const key = grants.find((g) => g.bound === s.owner)?.grant.secretsKey;
        if (!key) throw new Error(`internal: the AWS grant of ${s.owner.key} names no secretsKey for its secret ${s.env}`);
        return key.arn;
    };
    return {
        Version: "2012-10-17",
        Statement: [
            { Sid: "ReadPlatformSecrets", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: received.map((s) => s.ref.id) },
            { Sid: "DecryptPlatformSecrets", Effect: "Allow", Action: "kms:Decrypt", Resource: received.map(keyOf) },
        ],
    };
}

/** ECS `secrets[].valueFrom`: the secret ARN, or `<arn>:<jsonKey>::` for one key of a JSON secret. */
export function secretValueFrom(arn: string, jsonKey?: string): string {
    return jsonKey ? `${arn}:${jsonKey}::` : arn;
}

/**
 * The ECS container's secrets: each binding secret the workload receives (`received`,
 * `bindingSecrets(bindings, workload)`), zipped with its resolved ARN (`arns`, same order),
 * then the workload's own. Services and jobs share it.
 */
export function containerSecrets(received: readonly ReceivedSecret[], arns: readonly string[], appSecrets: Array<{ name: string; arn: string }>) {
    if (arns.length !== received.length) throw new Error(`internal: ${received.length} binding secrets (${received.map((s) => s.env).join(", ")}) but ${arns.length} resolved ARNs`);
    return [
        ...received.map((s, i) => ({ name: s.env, valueFrom: secretValueFrom(arns[i]!, s.ref.jsonKey) })),
        ...appSecrets.map((e) => ({ name: e.name, valueFrom: e.arn })),
    ];
}
