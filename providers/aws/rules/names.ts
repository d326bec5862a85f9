import { nameRule, Rule } from "../../shared/rules";

/**
 * AWS name limits per resource type, for the longest app and service names the config
 * accepts. Each entry cites the page that states the limit.
 */
export const awsNameRules: Rule[] = [
    // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
    nameRule({ id: "aws/s3-bucket-name", types: ["aws:s3/bucket:Bucket"], field: "bucket", min: 3, max: 63, pattern: /^[a-z0-9][a-z0-9.-]*[a-z0-9]$/, allowed: "lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit", doc: "https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html" }),
    // https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names
    nameRule({ id: "aws/iam-role-name", types: ["aws:iam/role:Role"], field: "name", max: 64, pattern: /^[\w+=,.@-]+$/, allowed: "letters, digits and + = , . @ _ -", doc: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names" }),
    nameRule({ id: "aws/iam-role-policy-name", types: ["aws:iam/rolePolicy:RolePolicy"], field: "name", max: 128, pattern: /^[\w+=,.@-]+$/, allowed: "letters, digits and + = , . @ _ -", doc: "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-names" }),
    // https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html
    nameRule({ id: "aws/eks-cluster-name", types: ["aws:eks/cluster:Cluster"], field: "name", max: 100, pattern: /^[0-9A-Za-z][A-Za-z0-9\-_]*$/, allowed: "a letter or digit first, then letters, digits, hyphens and underscores", doc: "https://docs.aws.amazon.com/eks/latest/APIReference/API_CreateCluster.html" }),
    // https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html
    nameRule({ id: "aws/log-group-name", types: ["aws:cloudwatch/logGroup:LogGroup"], field: "name", max: 512, pattern: /^[\w\-/.#]+$/, allowed: "letters, digits and _ - / . #", doc: "https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_CreateLogGroup.html" }),
    nameRule({ id: "aws/metric-alarm-name", types: ["aws:cloudwatch/metricAlarm:MetricAlarm"], field: "name", max: 255, pattern: /^[\x20-\x7e]+$/, allowed: "printable ASCII", doc: "https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html" }),
    // https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html
    nameRule({ id: "aws/security-group-name", types: ["aws:ec2/securityGroup:SecurityGroup"], field: "name", max: 255, pattern: /^(?!sg-)[\w .:/()#,@[\]+=&;{}!$*-]+$/, allowed: "a-z, A-Z, 0-9, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with sg-", doc: "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateSecurityGroup.html" }),
    nameRule({ id: "aws/ecs-task-family", types: ["aws:ecs/taskDefinition:TaskDefinition"], field: "family", max: 255, pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, hyphens and underscores", doc: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html" }),
    // https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html
    nameRule({ id: "aws/secret-name", types: ["aws:secretsmanager/secret:Secret"], field: "name", max: 512, pattern: /^[A-Za-z0-9/_+=.@-]+$/, allowed: "letters, digits and / _ + = . @ -", doc: "https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html" }),
];
