import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../../components/config";
import { CloudContext } from "../shared/cloud-context";

/** Handles later components need from earlier ones (the Platform calls the cloud in order). */
export interface AwsState {
    vpcId?: pulumi.Output<string>;
    privateSubnetIds?: pulumi.Output<string>[];
    publicSubnetIds?: pulumi.Output<string>[];
    securityGroups?: { lb: aws.ec2.SecurityGroup; compute: aws.ec2.SecurityGroup; database: aws.ec2.SecurityGroup; cache: aws.ec2.SecurityGroup };
    database?: { instance: aws.rds.Instance; key: aws.kms.Key; storageGb: number; instanceClass: string };
    cache?: { group: aws.elasticache.ReplicationGroup; key: aws.kms.Key; secret: aws.secretsmanager.Secret };
    objectStore?: { bucket: aws.s3.Bucket; key: aws.kms.Key };
    /** The CMK of every CloudWatch log group (providers/aws/audit-logs.ts). */
    logsKey?: aws.kms.Key;
    loadBalancer?: {
        alb: aws.lb.LoadBalancer;
        targetGroups: Record<string, aws.lb.TargetGroup>;
        /** The second target group of a blue/green or canary service (ECS shifts traffic between the two). */
        alternateTargetGroups: Record<string, aws.lb.TargetGroup>;
        listenerRules: Record<string, aws.lb.ListenerRule>;
        pathPrefixes: Record<string, string>;
    };
    cluster?: aws.ecs.Cluster;
    /** The EKS cluster of `compute.runtime: kubernetes` (absent with an existing cluster's kubeconfig). */
    eks?: import("./cluster").EksState;
    services: Record<string, { service: aws.ecs.Service }>;
}

/**
 * The AWS side of one program run: the explicit providers built from config (no ambient
 * defaults), the standard tags, and the handles shared between components.
 */
export class AwsContext extends CloudContext<AwsState> {
    declare readonly provider: aws.Provider;
    private identity?: pulumi.Output<aws.GetCallerIdentityResult>;
    private partitionResult?: pulumi.Output<aws.GetPartitionResult>;

    constructor(cfg: PlatformConfig) {
        super("aws", cfg, new aws.Provider("platform-aws", {
            region: cfg.region as aws.Region,
            defaultTags: { tags: cfg.tags },
        }), { services: {} });
    }

    /** Standard tags (`environment`, `app`, `managed-by`, extra config tags) plus a Name. */
    tags(name?: string): Record<string, string> {
        return name ? { ...this.cfg.tags, Name: name } : { ...this.cfg.tags };
    }

    get accountId(): pulumi.Output<string> {
        this.identity ??= aws.getCallerIdentityOutput({}, { provider: this.provider });
        return this.identity.accountId;
    }

    get partition(): pulumi.Output<string> {
        this.partitionResult ??= aws.getPartitionOutput({}, { provider: this.provider });
        return this.partitionResult.partition;
    }
}

/** An IAM policy document as JSON (Outputs resolved). */
export function policyJson(doc: unknown): pulumi.Output<string> {
    return pulumi.jsonStringify(pulumi.output(doc));
}

export function pad2(n: number): string {
    return String(n).padStart(2, "0");
}
