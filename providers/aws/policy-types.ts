import type { CloudPolicyTypes } from "../../tools/ci/cloud-ci";

/**
 * The AWS resource types the policy pack inspects (`T.aws.<name>` in policy/policies), with the
 * SDK module declaring each: tokens copied from @pulumi/aws 7.48's `__pulumiType`. The pack is
 * published alone, so `npm run policy:types` copies this into policy/policies/cloud-types.ts;
 * tests/policy/plans.spec.ts checks every token against the installed SDK.
 */
export const policyTypes = {
    rdsInstance: { token: "aws:rds/instance:Instance", module: "@pulumi/aws/rds/instance.js" },
    rdsCluster: { token: "aws:rds/cluster:Cluster", module: "@pulumi/aws/rds/cluster.js" },
    rdsParameterGroup: { token: "aws:rds/parameterGroup:ParameterGroup", module: "@pulumi/aws/rds/parameterGroup.js" },
    rdsClusterParameterGroup: { token: "aws:rds/clusterParameterGroup:ClusterParameterGroup", module: "@pulumi/aws/rds/clusterParameterGroup.js" },
    elasticacheReplicationGroup: { token: "aws:elasticache/replicationGroup:ReplicationGroup", module: "@pulumi/aws/elasticache/replicationGroup.js" },
    s3Bucket: { token: "aws:s3/bucket:Bucket", module: "@pulumi/aws/s3/bucket.js" },
    s3BucketV2: { token: "aws:s3/bucketV2:BucketV2", module: "@pulumi/aws/s3/bucketV2.js" },
    s3Sse: { token: "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", module: "@pulumi/aws/s3/bucketServerSideEncryptionConfiguration.js" },
    s3SseV2: { token: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", module: "@pulumi/aws/s3/bucketServerSideEncryptionConfigurationV2.js" },
    s3Versioning: { token: "aws:s3/bucketVersioning:BucketVersioning", module: "@pulumi/aws/s3/bucketVersioning.js" },
    s3VersioningV2: { token: "aws:s3/bucketVersioningV2:BucketVersioningV2", module: "@pulumi/aws/s3/bucketVersioningV2.js" },
    s3PublicAccessBlock: { token: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", module: "@pulumi/aws/s3/bucketPublicAccessBlock.js" },
    s3BucketPolicy: { token: "aws:s3/bucketPolicy:BucketPolicy", module: "@pulumi/aws/s3/bucketPolicy.js" },
    lbListener: { token: "aws:lb/listener:Listener", module: "@pulumi/aws/lb/listener.js" },
    rdsBackupsReplication: { token: "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication", module: "@pulumi/aws/rds/instanceAutomatedBackupsReplication.js" },
    s3Replication: { token: "aws:s3/bucketReplicationConfig:BucketReplicationConfig", module: "@pulumi/aws/s3/bucketReplicationConfig.js" },
    albListener: { token: "aws:alb/listener:Listener", module: "@pulumi/aws/alb/listener.js" },
    lb: { token: "aws:lb/loadBalancer:LoadBalancer", module: "@pulumi/aws/lb/loadBalancer.js" },
    alb: { token: "aws:alb/loadBalancer:LoadBalancer", module: "@pulumi/aws/alb/loadBalancer.js" },
    wafAcl: { token: "aws:wafv2/webAcl:WebAcl", module: "@pulumi/aws/wafv2/webAcl.js" },
    wafAssociation: { token: "aws:wafv2/webAclAssociation:WebAclAssociation", module: "@pulumi/aws/wafv2/webAclAssociation.js" },
    wafLogging: { token: "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration", module: "@pulumi/aws/wafv2/webAclLoggingConfiguration.js" },
    logGroup: { token: "aws:cloudwatch/logGroup:LogGroup", module: "@pulumi/aws/cloudwatch/logGroup.js" },
    metricAlarm: { token: "aws:cloudwatch/metricAlarm:MetricAlarm", module: "@pulumi/aws/cloudwatch/metricAlarm.js" },
    flowLog: { token: "aws:ec2/flowLog:FlowLog", module: "@pulumi/aws/ec2/flowLog.js" },
    vpc: { token: "aws:ec2/vpc:Vpc", module: "@pulumi/aws/ec2/vpc.js" },
    defaultSecurityGroup: { token: "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup", module: "@pulumi/aws/ec2/defaultSecurityGroup.js" },
    eksCluster: { token: "aws:eks/cluster:Cluster", module: "@pulumi/aws/eks/cluster.js" },
    s3Logging: { token: "aws:s3/bucketLogging:BucketLogging", module: "@pulumi/aws/s3/bucketLogging.js" },
    s3Lifecycle: { token: "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", module: "@pulumi/aws/s3/bucketLifecycleConfiguration.js" },
    ecsTaskDefinition: { token: "aws:ecs/taskDefinition:TaskDefinition", module: "@pulumi/aws/ecs/taskDefinition.js" },
} as const satisfies CloudPolicyTypes;
