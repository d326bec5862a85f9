/**
 * Typed escape hatches for the AWS children: one Transform<Args> per underlying resource,
 * applied last (components/transform.ts). Type-only: importing this loads no SDK.
 */
import type * as aws from "@pulumi/aws";
import type * as random from "@pulumi/random";
import type { Transform } from "../../components/transform";

export interface AwsDatabaseTransforms {
    key?: Transform<aws.kms.KeyArgs>;
    subnetGroup?: Transform<aws.rds.SubnetGroupArgs>;
    parameterGroup?: Transform<aws.rds.ParameterGroupArgs>;
    instance?: Transform<aws.rds.InstanceArgs>;
}

export interface AwsCacheTransforms {
    key?: Transform<aws.kms.KeyArgs>;
    authToken?: Transform<random.RandomPasswordArgs>;
    secret?: Transform<aws.secretsmanager.SecretArgs>;
    secretVersion?: Transform<aws.secretsmanager.SecretVersionArgs>;
    subnetGroup?: Transform<aws.elasticache.SubnetGroupArgs>;
    parameterGroup?: Transform<aws.elasticache.ParameterGroupArgs>;
    replicationGroup?: Transform<aws.elasticache.ReplicationGroupArgs>;
}

export interface AwsObjectStoreTransforms {
    key?: Transform<aws.kms.KeyArgs>;
    bucket?: Transform<aws.s3.BucketArgs>;
    versioning?: Transform<aws.s3.BucketVersioningArgs>;
    encryption?: Transform<aws.s3.BucketServerSideEncryptionConfigurationArgs>;
    publicAccessBlock?: Transform<aws.s3.BucketPublicAccessBlockArgs>;
    ownershipControls?: Transform<aws.s3.BucketOwnershipControlsArgs>;
    policy?: Transform<aws.s3.BucketPolicyArgs>;
    lifecycle?: Transform<aws.s3.BucketLifecycleConfigurationArgs>;
    /** The application bucket's server access logging (target: the dedicated access-log bucket). */
    accessLogging?: Transform<aws.s3.BucketLoggingArgs>;
}

export interface AwsLoadBalancerTransforms {
    logBucket?: Transform<aws.s3.BucketArgs>;
    certificate?: Transform<aws.acm.CertificateArgs>;
    loadBalancer?: Transform<aws.lb.LoadBalancerArgs>;
    httpsListener?: Transform<aws.lb.ListenerArgs>;
    httpListener?: Transform<aws.lb.ListenerArgs>;
    /** Applied to every route's target group. */
    targetGroup?: Transform<aws.lb.TargetGroupArgs>;
    /** Applied to every route's listener rule. */
    listenerRule?: Transform<aws.lb.ListenerRuleArgs>;
    webAcl?: Transform<aws.wafv2.WebAclArgs>;
}

export interface AwsComputeServiceTransforms {
    logGroup?: Transform<aws.cloudwatch.LogGroupArgs>;
    executionRole?: Transform<aws.iam.RoleArgs>;
    taskRole?: Transform<aws.iam.RoleArgs>;
    taskDefinition?: Transform<aws.ecs.TaskDefinitionArgs>;
    service?: Transform<aws.ecs.ServiceArgs>;
    scalingTarget?: Transform<aws.appautoscaling.TargetArgs>;
    cpuPolicy?: Transform<aws.appautoscaling.PolicyArgs>;
    memoryPolicy?: Transform<aws.appautoscaling.PolicyArgs>;
}

/** This cloud's key in the contract's transform interfaces (components/transforms.ts). */
declare module "../../components/transforms" {
    interface DatabaseTransforms { aws?: AwsDatabaseTransforms }
    interface CacheTransforms { aws?: AwsCacheTransforms }
    interface ObjectStoreTransforms { aws?: AwsObjectStoreTransforms }
    interface LoadBalancerTransforms { aws?: AwsLoadBalancerTransforms }
    interface ComputeServiceTransforms { aws?: AwsComputeServiceTransforms }
}
