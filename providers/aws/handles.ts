import type * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { handleCodec } from "../shared/handles";

/**
 * What each AWS component hands to the components built on it. The Platform passes them as
 * typed Args fields (`args.network`, `args.bindings.database`, ...); nothing is kept between
 * calls. Type-only imports: this file loads no SDK.
 */
export interface AwsHandles {
    network: {
        vpcId: pulumi.Output<string>;
        privateSubnetIds: pulumi.Output<string>[];
        publicSubnetIds: pulumi.Output<string>[];
        securityGroups: { lb: aws.ec2.SecurityGroup; compute: aws.ec2.SecurityGroup; database: aws.ec2.SecurityGroup; cache: aws.ec2.SecurityGroup };
        /** The CMK of every CloudWatch log group (providers/aws/audit-logs.ts). */
        logsKey: aws.kms.Key;
        /** The ECS cluster of the managed runtime (absent under `compute.runtime: kubernetes`). */
        ecsCluster?: aws.ecs.Cluster;
    };
    database: { instance: aws.rds.Instance; key: aws.kms.Key; storageGb: number; instanceClass: string };
    cache: { group: aws.elasticache.ReplicationGroup; key: aws.kms.Key; secret: aws.secretsmanager.Secret };
    objectStore: { bucket: aws.s3.Bucket; key: aws.kms.Key };
    loadBalancer: {
        alb: aws.lb.LoadBalancer;
        targetGroups: Record<string, aws.lb.TargetGroup>;
        /** The second target group of a blue/green or canary service (ECS shifts traffic between the two). */
        alternateTargetGroups: Record<string, aws.lb.TargetGroup>;
        listenerRules: Record<string, aws.lb.ListenerRule>;
        pathPrefixes: Record<string, string>;
    };
    computeService: { service: aws.ecs.Service };
    /** The EKS cluster of `compute.runtime: kubernetes` (no handle with an existing cluster's kubeconfig). */
    kubernetesCluster: {
        cluster: aws.eks.Cluster;
        oidcProvider: aws.iam.OpenIdConnectProvider;
        /** The issuer without `https://`, the prefix of the IRSA condition keys. */
        issuerHost: pulumi.Output<string>;
    };
}

export const awsHandles = handleCodec<AwsHandles>("aws");
