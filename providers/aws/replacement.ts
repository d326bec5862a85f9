import type { ReplacementTable } from "../shared/replacement";

/**
 * Which inputs of each AWS type this program creates force a new resource, and which the
 * provider updates in place. pulumi-aws is bridged from terraform-provider-aws: a property is
 * replace-on-change exactly when the Terraform schema marks it `ForceNew: true` (SDKv2) or
 * `RequiresReplace()` (framework). Sources are the resource files under
 * hashicorp/terraform-provider-aws internal/service/. Inputs left out of both lists are
 * "may replace" in the offline diff.
 */

const TF = "hashicorp/terraform-provider-aws internal/service/";
const TAGS = ["tags", "tagsAll"];

export const AWS_REPLACEMENT: ReplacementTable = {
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
        source: `${TF}ec2/vpc_default_security_group.go (vpc_id ForceNew; rules and tags update; the group is adopted, never created)`,
        replace: ["region", "vpcId"],
        update: [...TAGS, "ingress", "egress", "revokeRulesOnDelete"],
    },
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": {
        source: `${TF}rds/instance_automated_backups_replication.go (no Update: every argument ForceNew)`,
        replace: ["region", "sourceDbInstanceArn", "kmsKeyId", "retentionPeriod", "preSignedUrl"],
        update: [],
    },
    "aws:s3/bucketLogging:BucketLogging": {
        source: `${TF}s3/bucket_logging.go (bucket, expected_bucket_owner RequiresReplace)`,
        replace: ["region", "bucket", "expectedBucketOwner"],
        update: ["targetBucket", "targetPrefix", "targetGrants", "targetObjectKeyFormat"],
    },
    "aws:s3/bucketReplicationConfig:BucketReplicationConfig": {
        source: `${TF}s3/bucket_replication_configuration.go (bucket ForceNew; role, rule, token update via PutBucketReplication)`,
        replace: ["region", "bucket"],
        update: ["role", "rules", "token"],
    },
    "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration": {
        source: `${TF}wafv2/web_acl_logging_configuration.go (resource_arn ForceNew)`,
        replace: ["region", "resourceArn"],
        update: ["logDestinationConfigs", "redactedFields", "loggingFilter"],
    },
    "pulumi:providers:aws": {
        // A region change moves every resource the provider manages; Pulumi decides per resource.
        source: "pulumi-aws provider config (DiffConfig): default tags update in place",
        replace: [],
        update: ["defaultTags", "skipCredentialsValidation", "skipRegionValidation", "skipMetadataApiCheck", "skipRequestingAccountId"],
        undecided: ["region", "profile", "assumeRoles"],
    },
    "aws:acm/certificate:Certificate": {
        source: `${TF}acm/certificate.go (read at 01661ea3: private_key, certificate_body, options update via ImportCertificate / UpdateCertificateOptions)`,
        replace: ["domainName", "subjectAlternativeNames", "keyAlgorithm", "validationMethod", "validationOptions", "certificateAuthorityArn"],
        update: [...TAGS, "earlyRenewalDuration", "certificateBody", "certificateChain", "privateKey", "options"],
    },
    "aws:acm/certificateValidation:CertificateValidation": {
        source: `${TF}acm/certificate_validation.go (no Update: every argument ForceNew)`,
        replace: ["certificateArn", "validationRecordFqdns"],
        update: [],
    },
    "aws:appautoscaling/policy:Policy": {
        source: `${TF}appautoscaling/policy.go`,
        replace: ["name", "resourceId", "scalableDimension", "serviceNamespace"],
        update: ["policyType", "targetTrackingScalingPolicyConfiguration", "stepScalingPolicyConfiguration", "predictiveScalingPolicyConfiguration"],
    },
    "aws:appautoscaling/target:Target": {
        source: `${TF}appautoscaling/target.go`,
        replace: ["resourceId", "scalableDimension", "serviceNamespace"],
        update: [...TAGS, "maxCapacity", "minCapacity", "roleArn", "suspendedState"],
    },
    "aws:cloudwatch/logGroup:LogGroup": {
        source: `${TF}logs/group.go`,
        replace: ["name", "namePrefix", "logGroupClass"],
        update: [...TAGS, "retentionInDays", "kmsKeyId", "skipDestroy"],
    },
    "aws:budgets/budget:Budget": {
        source: `${TF}budgets/budget.go (name, account_id ForceNew)`,
        replace: ["name", "namePrefix", "accountId"],
        update: [...TAGS, "budgetType", "costFilters", "limitAmount", "limitUnit", "notifications", "timeUnit", "timePeriodStart", "timePeriodEnd", "costTypes",
            "plannedLimits", "autoAdjustData"],
    },
    "aws:cloudwatch/dashboard:Dashboard": {
        source: `${TF}cloudwatch/dashboard.go (dashboard_name ForceNew)`,
        replace: ["dashboardName"],
        update: ["dashboardBody"],
    },
    "aws:cloudwatch/logMetricFilter:LogMetricFilter": {
        source: `${TF}logs/metric_filter.go (name, log_group_name ForceNew)`,
        replace: ["name", "logGroupName"],
        update: ["metricTransformation", "pattern", "applyOnTransformedLogs"],
    },
    "aws:sns/topicPolicy:TopicPolicy": {
        source: `${TF}sns/topic_policy.go (arn ForceNew)`,
        replace: ["arn"],
        update: ["policy"],
    },
    "aws:cloudwatch/metricAlarm:MetricAlarm": {
        source: `${TF}cloudwatch/metric_alarm.go (alarm_name ForceNew)`,
        replace: ["name"],
        update: [...TAGS, "alarmActions", "alarmDescription", "comparisonOperator", "dimensions", "evaluationPeriods", "metricName", "namespace", "okActions",
            "period", "statistic", "threshold", "treatMissingData", "extendedStatistic", "actionsEnabled", "datapointsToAlarm", "insufficientDataActions", "unit",
            "metricQueries", "thresholdMetricId", "evaluateLowSampleCountPercentiles"],
    },
    "aws:ec2/eip:Eip": {
        source: `${TF}ec2/ec2_eip.go`,
        replace: ["domain", "address", "customerOwnedIpv4Pool", "networkBorderGroup", "publicIpv4Pool", "ipamPoolId"],
        update: [...TAGS, "instance", "networkInterface", "associateWithPrivateIp"],
    },
    "aws:ec2/flowLog:FlowLog": {
        source: `${TF}ec2/vpc_flow_log.go (every argument but tags ForceNew)`,
        replace: ["iamRoleArn", "logDestination", "logDestinationType", "maxAggregationInterval", "trafficType", "vpcId", "subnetId", "eniId", "logFormat",
            "destinationOptions", "deliverCrossAccountRole", "transitGatewayId", "transitGatewayAttachmentId"],
        update: [...TAGS],
    },
    "aws:ec2/internetGateway:InternetGateway": {
        source: `${TF}ec2/vpc_internet_gateway.go (vpc_id attaches/detaches in place)`,
        replace: [],
        update: [...TAGS, "vpcId"],
    },
    "aws:ec2/natGateway:NatGateway": {
        source: `${TF}ec2/vpc_nat_gateway.go`,
        replace: ["allocationId", "connectivityType", "subnetId", "privateIp"],
        update: [...TAGS, "secondaryAllocationIds", "secondaryPrivateIpAddresses", "secondaryPrivateIpAddressCount"],
    },
    "aws:ec2/routeTable:RouteTable": {
        source: `${TF}ec2/vpc_route_table.go`,
        replace: ["vpcId"],
        update: [...TAGS, "routes", "propagatingVgws"],
    },
    "aws:ec2/routeTableAssociation:RouteTableAssociation": {
        source: `${TF}ec2/vpc_route_table_association.go (route_table_id via ReplaceRouteTableAssociation)`,
        replace: ["subnetId", "gatewayId"],
        update: ["routeTableId"],
    },
    "aws:ec2/securityGroup:SecurityGroup": {
        source: `${TF}ec2/vpc_security_group.go`,
        replace: ["name", "namePrefix", "description", "vpcId"],
        update: [...TAGS, "revokeRulesOnDelete", "ingress", "egress"],
    },
    "aws:ec2/subnet:Subnet": {
        source: `${TF}ec2/vpc_subnet.go`,
        replace: ["availabilityZone", "availabilityZoneId", "cidrBlock", "vpcId", "outpostArn", "ipv6Native"],
        update: [...TAGS, "mapPublicIpOnLaunch", "ipv6CidrBlock", "assignIpv6AddressOnCreation", "enableDns64", "privateDnsHostnameTypeOnLaunch",
            "enableResourceNameDnsARecordOnLaunch", "enableResourceNameDnsAaaaRecordOnLaunch", "mapCustomerOwnedIpOnLaunch", "customerOwnedIpv4Pool"],
    },
    "aws:ec2/vpc:Vpc": {
        source: `${TF}ec2/vpc_.go`,
        replace: ["cidrBlock", "ipv4IpamPoolId", "ipv4NetmaskLength"],
        update: [...TAGS, "enableDnsHostnames", "enableDnsSupport", "enableNetworkAddressUsageMetrics", "assignGeneratedIpv6CidrBlock", "instanceTenancy"],
    },
    "aws:ecs/cluster:Cluster": {
        source: `${TF}ecs/cluster.go`,
        replace: ["name"],
        update: [...TAGS, "settings", "configuration", "serviceConnectDefaults"],
    },
    "aws:ecs/service:Service": {
        source: `${TF}ecs/service.go`,
        replace: ["name", "cluster", "launchType", "iamRole", "schedulingStrategy", "deploymentController"],
        update: [...TAGS, "deploymentCircuitBreaker", "deploymentMaximumPercent", "deploymentMinimumHealthyPercent", "desiredCount", "enableEcsManagedTags",
            "enableExecuteCommand", "networkConfiguration", "platformVersion", "propagateTags", "taskDefinition", "waitForSteadyState",
            "healthCheckGracePeriodSeconds", "forceNewDeployment", "capacityProviderStrategies", "triggers", "orderedPlacementStrategies", "placementConstraints",
            "serviceConnectConfiguration", "availabilityZoneRebalancing", "alarms"],
        // load_balancer: in-place since UpdateService accepts it, but older schemas force a new service.
        undecided: ["loadBalancers", "serviceRegistries"],
    },
    "aws:ecs/taskDefinition:TaskDefinition": {
        // A task definition revision is immutable: any change registers a new revision (a replace).
        source: `${TF}ecs/task_definition.go (every argument but tags/skip_destroy/track_latest ForceNew)`,
        replace: ["containerDefinitions", "cpu", "executionRoleArn", "family", "memory", "networkMode", "requiresCompatibilities", "runtimePlatform", "taskRoleArn",
            "volumes", "ephemeralStorage", "pidMode", "ipcMode", "placementConstraints", "proxyConfiguration", "inferenceAccelerators", "enableFaultInjection"],
        update: [...TAGS, "skipDestroy", "trackLatest"],
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
    "aws:elasticache/parameterGroup:ParameterGroup": {
        source: `${TF}elasticache/parameter_group.go`,
        replace: ["name", "family", "description"],
        update: [...TAGS, "parameters"],
    },
    "aws:elasticache/replicationGroup:ReplicationGroup": {
        source: `${TF}elasticache/replication_group.go`,
        replace: ["replicationGroupId", "atRestEncryptionEnabled", "kmsKeyId", "port", "subnetGroupName", "snapshotName", "snapshotArns", "preferredCacheClusterAzs",
            "dataTieringEnabled", "globalReplicationGroupId", "networkType"],
        update: [...TAGS, "applyImmediately", "authToken", "authTokenUpdateStrategy", "autoMinorVersionUpgrade", "automaticFailoverEnabled", "description", "engineVersion",
            "finalSnapshotIdentifier", "maintenanceWindow", "multiAzEnabled", "nodeType", "numCacheClusters", "parameterGroupName", "securityGroupIds",
            "securityGroupNames", "snapshotRetentionLimit", "snapshotWindow", "transitEncryptionEnabled", "transitEncryptionMode", "notificationTopicArn",
            "logDeliveryConfigurations", "userGroupIds", "ipDiscovery", "numNodeGroups", "replicasPerNodeGroup"],
        // redis → valkey is an in-place upgrade; other engine changes are not.
        undecided: ["engine"],
    },
    "aws:elasticache/subnetGroup:SubnetGroup": {
        source: `${TF}elasticache/subnet_group.go`,
        replace: ["name"],
        update: [...TAGS, "description", "subnetIds"],
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
        replace: ["region", "customerMasterKeySpec", "keySpec", "keyUsage", "customKeyStoreId", "multiRegion", "xksKeyId"],
        update: [...TAGS, "deletionWindowInDays", "description", "enableKeyRotation", "policy", "isEnabled", "rotationPeriodInDays", "bypassPolicyLockoutSafetyCheck"],
    },
    "aws:lb/listener:Listener": {
        source: `${TF}elbv2/listener.go`,
        replace: ["loadBalancerArn"],
        update: [...TAGS, "defaultActions", "port", "protocol", "certificateArn", "sslPolicy", "alpnPolicy", "mutualAuthentication"],
    },
    "aws:lb/listenerRule:ListenerRule": {
        source: `${TF}elbv2/listener_rule.go`,
        replace: ["listenerArn"],
        update: [...TAGS, "actions", "conditions", "priority"],
    },
    "aws:lb/loadBalancer:LoadBalancer": {
        source: `${TF}elbv2/load_balancer.go`,
        replace: ["name", "namePrefix", "internal", "loadBalancerType", "customerOwnedIpv4Pool"],
        update: [...TAGS, "accessLogs", "connectionLogs", "dropInvalidHeaderFields", "enableDeletionProtection", "enableHttp2", "idleTimeout", "ipAddressType",
            "securityGroups", "desyncMitigationMode", "enableWafFailOpen", "preserveHostHeader", "xffHeaderProcessingMode", "enableCrossZoneLoadBalancing",
            "clientKeepAlive"],
        // ALB subnets change in place; an NLB's force a new one (CustomizeDiff).
        undecided: ["subnets", "subnetMappings"],
    },
    "aws:lb/targetGroup:TargetGroup": {
        source: `${TF}elbv2/target_group.go`,
        replace: ["name", "namePrefix", "port", "protocol", "protocolVersion", "targetType", "vpcId", "ipAddressType"],
        update: [...TAGS, "deregistrationDelay", "healthCheck", "stickiness", "slowStart", "loadBalancingAlgorithmType", "loadBalancingCrossZoneEnabled",
            "proxyProtocolV2", "connectionTermination", "preserveClientIp", "targetFailovers", "targetHealthStates", "lambdaMultiValueHeadersEnabled"],
    },
    "aws:rds/instance:Instance": {
        source: `${TF}rds/instance.go`,
        replace: ["availabilityZone", "characterSetName", "customIamInstanceProfile", "dbName", "engine", "identifier", "identifierPrefix", "kmsKeyId",
            "ncharCharacterSetName", "restoreToPointInTime", "s3Import", "snapshotIdentifier", "storageEncrypted", "timezone", "username"],
        update: [...TAGS, "allocatedStorage", "allowMajorVersionUpgrade", "applyImmediately", "autoMinorVersionUpgrade", "backupRetentionPeriod", "backupWindow",
            "caCertIdentifier", "copyTagsToSnapshot", "dbSubnetGroupName", "deleteAutomatedBackups", "deletionProtection", "enabledCloudwatchLogsExports",
            "engineVersion", "finalSnapshotIdentifier", "iamDatabaseAuthenticationEnabled", "instanceClass", "maintenanceWindow", "manageMasterUserPassword",
            "masterUserSecretKmsKeyId", "maxAllocatedStorage", "multiAz", "parameterGroupName", "performanceInsightsEnabled", "performanceInsightsKmsKeyId",
            "performanceInsightsRetentionPeriod", "port", "publiclyAccessible", "skipFinalSnapshot", "storageType", "vpcSecurityGroupIds", "password", "iops",
            "monitoringInterval", "monitoringRoleArn", "storageThroughput", "networkType", "optionGroupName", "databaseInsightsMode", "dedicatedLogVolume",
            "engineLifecycleSupport", "blueGreenUpdate", "replicaMode", "replicateSourceDb"],
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
    "aws:rds/parameterGroup:ParameterGroup": {
        source: `${TF}rds/parameter_group.go`,
        replace: ["name", "namePrefix", "family", "description"],
        update: [...TAGS, "parameters", "skipDestroy"],
    },
    "aws:rds/subnetGroup:SubnetGroup": {
        source: `${TF}rds/subnet_group.go`,
        replace: ["name", "namePrefix"],
        update: [...TAGS, "description", "subnetIds"],
    },
    "aws:s3/bucket:Bucket": {
        source: `${TF}s3/bucket.go`,
        replace: ["region", "bucket", "bucketPrefix", "objectLockEnabled", "bucketNamespace"],
        update: [...TAGS, "forceDestroy", "acl", "corsRules", "grants", "lifecycleRules", "loggings", "objectLockConfiguration", "policy", "replicationConfiguration",
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
    "aws:sns/topic:Topic": {
        source: `${TF}sns/topic.go`,
        replace: ["name", "namePrefix", "fifoTopic"],
        update: [...TAGS, "kmsMasterKeyId", "displayName", "policy", "deliveryPolicy", "contentBasedDeduplication", "signatureVersion", "tracingConfig"],
    },
    "aws:sns/topicSubscription:TopicSubscription": {
        source: `${TF}sns/topic_subscription.go`,
        replace: ["endpoint", "protocol", "topic", "endpointAutoConfirms", "confirmationTimeoutInMinutes"],
        update: ["filterPolicy", "filterPolicyScope", "rawMessageDelivery", "redrivePolicy", "deliveryPolicy", "subscriptionRoleArn", "replayPolicy"],
    },
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
        source: `${TF}ec2/vpc_security_group_egress_rule.go (framework: security_group_id RequiresReplace)`,
        replace: ["securityGroupId"],
        update: [...TAGS, "cidrIpv4", "cidrIpv6", "description", "fromPort", "ipProtocol", "toPort", "referencedSecurityGroupId", "prefixListId"],
    },
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": {
        source: `${TF}ec2/vpc_security_group_ingress_rule.go (framework: security_group_id RequiresReplace)`,
        replace: ["securityGroupId"],
        update: [...TAGS, "cidrIpv4", "cidrIpv6", "description", "fromPort", "ipProtocol", "toPort", "referencedSecurityGroupId", "prefixListId"],
    },
    "aws:wafv2/webAcl:WebAcl": {
        source: `${TF}wafv2/web_acl.go`,
        replace: ["name", "namePrefix", "scope"],
        update: [...TAGS, "defaultAction", "description", "rules", "visibilityConfig", "customResponseBodies", "captchaConfig", "challengeConfig", "tokenDomains",
            "associationConfig", "ruleJson"],
    },
    "aws:wafv2/webAclAssociation:WebAclAssociation": {
        source: `${TF}wafv2/web_acl_association.go (no Update)`,
        replace: ["resourceArn", "webAclArn"],
        update: [],
    },
};
