import type { ReplacementTable } from "../shared/replacement";

/**
 * Which inputs of each AWS type this program creates force a new resource, and which the
 * provider updates in place. pulumi-aws is bridged from terraform-provider-aws: a property is
 * replace-on-change exactly when the Terraform schema marks it `ForceNew: true` (SDKv2) or
 * `RequiresReplace()` (framework). Sources are the resource files under
 * hashicorp/terraform-provider-aws internal/service/. Inputs left out of both lists are
 * "may replace" in the offline diff. This table holds the types several components (or none)
 * create; a type one component creates has its entry in that builder file's `engineFacts`
 * (providers/aws/engine.ts merges both).
 */

/** The source prefix and the tag inputs every AWS table cites (engine.ts and the builder files' `engineFacts`). */
export const TF = "hashicorp/terraform-provider-aws internal/service/";
export const TAGS = ["tags"];

export const AWS_REPLACEMENT: ReplacementTable = {
    "pulumi:providers:aws": {
        // A region change moves every resource the provider manages; Pulumi decides per resource.
        source: "pulumi-aws provider config (DiffConfig): default tags update in place",
        replace: [],
        update: ["defaultTags", "skipCredentialsValidation", "skipRegionValidation", "skipMetadataApiCheck", "skipRequestingAccountId"],
        undecided: ["region", "profile", "assumeRoles"],
    },
    "aws:cloudwatch/logGroup:LogGroup": {
        source: `${TF}logs/group.go`,
        replace: ["name", "namePrefix", "logGroupClass"],
        update: [...TAGS, "retentionInDays", "kmsKeyId", "skipDestroy"],
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        source: `${TF}cloudwatch/metric_alarm.go (alarm_name ForceNew)`,
        replace: ["name"],
        update: [...TAGS, "alarmActions", "alarmDescription", "comparisonOperator", "dimensions", "evaluationPeriods", "metricName", "namespace", "okActions",
            "period", "statistic", "threshold", "treatMissingData", "extendedStatistic", "actionsEnabled", "datapointsToAlarm", "insufficientDataActions", "unit",
            "metricQueries", "thresholdMetricId", "evaluateLowSampleCountPercentiles"],
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        source: `${TF}ec2/vpc_security_group.go`,
        replace: ["name", "namePrefix", "description", "vpcId"],
        update: [...TAGS, "revokeRulesOnDelete", "ingress", "egress"],
    },
    "aws:eks/addon:Addon": {
        source: `${TF}eks/addon.go`,
        replace: ["addonName", "clusterName"],
        update: [...TAGS, "addonVersion", "configurationValues", "resolveConflictsOnCreate", "resolveConflictsOnUpdate", "serviceAccountRoleArn", "preserve",
            "podIdentityAssociations"],
    },
    "aws:eks/cluster:Cluster": {
        source: `${TF}eks/cluster.go`,
        replace: ["name", "roleArn", "bootstrapSelfManagedAddons", "outpostConfig", "accessConfig.bootstrapClusterCreatorAdminPermissions",
            "kubernetesNetworkConfig.serviceIpv4Cidr", "kubernetesNetworkConfig.ipFamily"],
        update: [...TAGS, "version", "enabledClusterLogTypes", "accessConfig.authenticationMode", "vpcConfig.endpointPrivateAccess", "vpcConfig.endpointPublicAccess",
            "vpcConfig.publicAccessCidrs", "upgradePolicy", "computeConfig", "storageConfig", "deletionProtection", "zonalShiftConfig",
            "kubernetesNetworkConfig.elasticLoadBalancing", "remoteNetworkConfig"],
        // Subnet/security-group changes and encryption config: in place on recent API versions only.
        undecided: ["vpcConfig.subnetIds", "vpcConfig.securityGroupIds", "encryptionConfig"],
    },
    "aws:iam/openIdConnectProvider:OpenIdConnectProvider": {
        source: `${TF}iam/openid_connect_provider.go`,
        replace: ["url"],
        update: [...TAGS, "thumbprintLists", "clientIdLists"],
    },
    "aws:iam/role:Role": {
        source: `${TF}iam/role.go`,
        replace: ["name", "namePrefix", "path"],
        update: [...TAGS, "assumeRolePolicy", "description", "maxSessionDuration", "permissionsBoundary", "inlinePolicies", "managedPolicyArns", "forceDetachPolicies"],
    },
    "aws:iam/rolePolicy:RolePolicy": {
        source: `${TF}iam/role_policy.go`,
        replace: ["name", "namePrefix", "role"],
        update: ["policy"],
    },
    "aws:iam/rolePolicyAttachment:RolePolicyAttachment": {
        source: `${TF}iam/role_policy_attachment.go (no Update)`,
        replace: ["role", "policyArn"],
        update: [],
    },
    "aws:kms/key:Key": {
        source: `${TF}kms/key.go`,
        replace: ["region", "customerMasterKeySpec", "keyUsage", "customKeyStoreId", "multiRegion", "xksKeyId"],
        update: [...TAGS, "deletionWindowInDays", "description", "enableKeyRotation", "policy", "isEnabled", "rotationPeriodInDays", "bypassPolicyLockoutSafetyCheck"],
    },
    "aws:rds/cluster:Cluster": {
        source: `${TF}rds/cluster.go`,
        replace: ["engine", "engineMode", "clusterIdentifier", "clusterIdentifierPrefix", "databaseName", "kmsKeyId", "storageEncrypted", "masterUsername",
            "availabilityZones", "snapshotIdentifier", "restoreToPointInTime", "s3Import", "sourceRegion"],
        update: [...TAGS, "backupRetentionPeriod", "preferredBackupWindow", "preferredMaintenanceWindow", "deletionProtection", "engineVersion", "skipFinalSnapshot",
            "finalSnapshotIdentifier", "applyImmediately", "vpcSecurityGroupIds", "dbClusterParameterGroupName", "iamDatabaseAuthenticationEnabled",
            "manageMasterUserPassword", "masterPassword", "enabledCloudwatchLogsExports", "copyTagsToSnapshot", "serverlessv2ScalingConfiguration", "port"],
    },
    "aws:elasticache/cluster:Cluster": {
        source: `${TF}elasticache/cluster.go`,
        replace: ["clusterId", "engine", "port", "subnetGroupName", "availabilityZone", "snapshotName", "snapshotArns", "replicationGroupId", "networkType"],
        update: [...TAGS, "nodeType", "numCacheNodes", "engineVersion", "parameterGroupName", "securityGroupIds", "maintenanceWindow", "snapshotRetentionLimit",
            "snapshotWindow", "applyImmediately", "notificationTopicArn", "finalSnapshotIdentifier"],
    },
    "aws:s3/bucket:Bucket": {
        source: `${TF}s3/bucket.go`,
        replace: ["region", "bucket", "bucketPrefix", "objectLockEnabled", "bucketNamespace"],
        update: [...TAGS, "forceDestroy", "acl", "corsRules", "grants", "lifecycleRules", "logging", "objectLockConfiguration", "policy", "replicationConfiguration",
            "serverSideEncryptionConfiguration", "versioning", "website", "accelerationStatus", "requestPayer"],
    },
    "aws:s3/bucketV2:BucketV2": {
        source: `${TF}s3/bucket.go`,
        replace: ["bucket", "bucketPrefix", "objectLockEnabled"],
        update: [...TAGS, "forceDestroy"],
    },
    "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration": {
        source: `${TF}s3/bucket_lifecycle_configuration.go`,
        replace: ["bucket", "expectedBucketOwner"],
        update: ["rules", "transitionDefaultMinimumObjectSize"],
    },
    "aws:s3/bucketOwnershipControls:BucketOwnershipControls": {
        source: `${TF}s3/bucket_ownership_controls.go`,
        replace: ["region", "bucket"],
        update: ["rule"],
    },
    "aws:s3/bucketPolicy:BucketPolicy": {
        source: `${TF}s3/bucket_policy.go`,
        replace: ["region", "bucket"],
        update: ["policy"],
    },
    "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock": {
        source: `${TF}s3/bucket_public_access_block.go`,
        replace: ["region", "bucket"],
        update: ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets", "skipDestroy"],
    },
    "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration": {
        source: `${TF}s3/bucket_server_side_encryption_configuration.go`,
        replace: ["region", "bucket", "expectedBucketOwner"],
        update: ["rules"],
    },
    "aws:s3/bucketVersioning:BucketVersioning": {
        source: `${TF}s3/bucket_versioning.go`,
        replace: ["region", "bucket", "expectedBucketOwner"],
        update: ["versioningConfiguration", "mfa"],
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
        source: `${TF}ec2/vpc_security_group_ingress_rule.go (framework: security_group_id RequiresReplace)`,
        replace: ["securityGroupId"],
        update: [...TAGS, "cidrIpv4", "cidrIpv6", "description", "fromPort", "ipProtocol", "toPort", "referencedSecurityGroupId", "prefixListId"],
    },
    "aws:ecs/taskDefinition:TaskDefinition": {
        // A task definition revision is immutable: any change registers a new revision (a replace).
        source: `${TF}ecs/task_definition.go (every argument but tags/skip_destroy/track_latest ForceNew)`,
        replace: ["containerDefinitions", "cpu", "executionRoleArn", "family", "memory", "networkMode", "requiresCompatibilities", "runtimePlatform", "taskRoleArn",
            "volumes", "ephemeralStorage", "pidMode", "ipcMode", "placementConstraints", "proxyConfiguration", "enableFaultInjection"],
        update: [...TAGS, "skipDestroy", "trackLatest"],
    },
    "aws:secretsmanager/secret:Secret": {
        source: `${TF}secretsmanager/secret.go`,
        replace: ["name", "namePrefix"],
        update: [...TAGS, "description", "kmsKeyId", "recoveryWindowInDays", "policy", "replicas", "forceOverwriteReplicaSecret"],
    },
    "aws:secretsmanager/secretVersion:SecretVersion": {
        // A new secret value is a new version resource.
        source: `${TF}secretsmanager/secret_version.go (secret_id, secret_string, secret_binary ForceNew)`,
        replace: ["secretId", "secretString", "secretBinary"],
        update: ["versionStages", "secretStringWo", "secretStringWoVersion"],
    },
};
