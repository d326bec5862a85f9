import type { CloudDocs } from "../../tools/docs/cloud-docs";

/**
 * What the docs (README.md and docs/: the mapping, disaster recovery, reviewing, the runbook) say
 * of AWS: its column or row of every per-cloud table, its part of every sentence that
 * lists the clouds, and its own caveats, by the region ids of tools/docs/cloud-regions.ts: facts
 * as they are, not prose to restyle. `npm run docs:clouds` writes them into the marked regions;
 * tests/cloud-docs.spec.ts fails while a file is stale or a cell another cloud states is missing.
 */
export const cloudDocs = {
    tables: {
        "database-identity": {
            cells: {
                login: "`app_<service>` (`app_j_<job>` for jobs)",
                setup: "`iamDatabaseAuthenticationEnabled` on the instance; `rds-db:connect` on `arn:aws:rds-db:<region>:<account>:dbuser:<DbiResourceId>/app_<service>` in the task role (the IRSA role under kubernetes)",
            },
        },
        runtimes: {
            cells: {
                managed: "ECS Fargate behind an ALB",
                kubernetes: "EKS (Auto Mode, private endpoint, KMS-encrypted secrets, all control-plane logs), IRSA per service, ALB via the `alb` IngressClass",
            },
        },
        "minimum-roles": {
            cells: {
                preview: "`ReadOnlyAccess`, plus `secretsmanager:GetSecretValue` and `kms:Decrypt` on the stack's `<appName>-*` secrets and key (refresh reads secret versions); kubernetes runtime: an EKS access entry with `AmazonEKSViewPolicy`",
                deploy: "the services the program creates (acm, application-autoscaling, cloudwatch/logs, ec2/vpc, ecs or eks, elasticache, elasticloadbalancing, kms, rds, s3, secretsmanager, sns, wafv2; `PowerUserAccess` is the practical superset) plus IAM limited to `arn:aws:iam::<account>:role/<appName>-*` (create/tag/delete roles and role policies, `iam:PassRole` to ecs-tasks/eks, `iam:CreateServiceLinkedRole`, the EKS OIDC provider)",
            },
        },
        network: {
            cells: {
                shape: "VPC, public subnets (LB only) and private subnets per zone, one NAT per zone in production (one in staging), flow logs",
                "data-tier": "security groups: 5432 / 6379 only from the compute SG",
            },
        },
        database: {
            header: "AWS RDS",
            cells: {
                tls: "parameter group `rds.force_ssl = 1`",
                private: "`publiclyAccessible: false`, private subnets",
                ha: "`multiAz`",
                backups: "`backupRetentionPeriod` 30 / 7, window 03:00–04:00",
                maintenance: "`sun:04:00-sun:05:00`",
                "deletion-protection": "`deletionProtection`, final snapshot",
                "admin-password": "RDS-managed (`manageMasterUserPassword`), never in Pulumi state",
                "services-login": "IAM database authentication: `iamDatabaseAuthenticationEnabled`, `rds-db:connect` on `dbuser:<DbiResourceId>/app_<service>` in the task / IRSA role",
                extensions: "`shared_preload_libraries` in the parameter group where needed",
                "cross-region-copy": "`InstanceAutomatedBackupsReplication` to us-east-2 under a key there",
                restore: "`restoreToPointInTime` / `snapshotIdentifier`",
            },
        },
        cache: {
            header: "AWS ElastiCache",
            cells: {
                version: "Redis 7.1",
                "tls-auth": "in-transit encryption required, auth token in Secrets Manager",
                failover: "2 nodes, automatic failover, multi-AZ",
                snapshots: "retention 5 days (production)",
            },
        },
        "load-balancer": {
            header: "AWS ALB",
            cells: {
                certificate: "ACM, DNS-validated (**publish the validation record** shown in the certificate's `domainValidationOptions`; `pulumi up` waits for it)",
                tls: "`ELBSecurityPolicy-TLS13-1-2-2021-06`",
                "http-redirect": "HTTP listener redirect `HTTP_301`",
                "health-check": "target group `/health` 30 s, 2 / 3",
                waf: "WAFv2 web ACL (AWS managed rule groups, rate limit)",
                "deletion-protection": "`enableDeletionProtection`",
            },
        },
        "waf-rule-sets": {
            header: "AWS WAFv2 (managed rule groups)",
            cells: {
                "owasp-core": "`AWSManagedRulesCommonRuleSet`",
                "sql-injection": "`AWSManagedRulesSQLiRuleSet`",
                "known-exploits": "`AWSManagedRulesKnownBadInputsRuleSet` (Checkov CKV_AWS_192)",
                "ip-reputation": "`AWSManagedRulesAmazonIpReputationList`",
                "rate-limit": "rate-based rule, 2000 requests / 5 min per IP",
            },
        },
        "waf-logs": {
            cells: {
                "request-log": "`WebAclLoggingConfiguration` to the `aws-waf-logs-<app>-<env>` log group (logs CMK, audit retention)",
                "sensitive-headers": "`redactedFields`: `authorization`, `cookie`, `x-api-key`",
                "access-logs": "ALB access logs to the log bucket",
            },
        },
        "audit-logs": {
            cells: {
                destination: "CloudWatch log groups: `/vpc/...-flow-logs`, `aws-waf-logs-...`, `/aws/eks/<cluster>/cluster` (all five control-plane types incl. audit and authenticator)",
                retention: "`audit.logRetentionDays` (365 / 90) on those groups; application log groups keep `compute.logRetentionDays`",
                "customer-managed-key": "every log group, application ones included, under one logs CMK (rotation on) whose key policy admits `logs.<region>.amazonaws.com` for this account's log groups only",
                "object-access-logs": "S3 server access logs into a dedicated bucket: public access blocked, bucket-owner-enforced, TLS-only, versioned, delivery granted to `logging.s3.amazonaws.com` for the source bucket and account only, expiry `audit.logRetentionDays`, protected in production. SSE-S3 (server access log delivery does not support SSE-KMS on the target)",
                "flow-logs": "VPC flow log (all traffic, 60 s)",
            },
        },
        "default-network-access": {
            cells: {
                "default-rules": "the VPC's default security group is adopted (`DefaultSecurityGroup`) with no ingress and no egress rules (CIS AWS 5.4)",
            },
        },
        "cache-auth-rotation": {
            header: "AWS ElastiCache",
            cells: {
                how: "replace the generated token: `pulumi up --replace <urn of cache-auth-token>`. The replication group takes the new token with `authTokenUpdateStrategy: ROTATE` (old and new both valid), Secrets Manager gets a new version, services pick it up on their next deployment; the next rotation drops the older token",
            },
        },
        "kubernetes-runtime": {
            header: "AWS (EKS)",
            cells: {
                waf: "the ingress controller's ALB gets the WAFv2 ACL (`wafv2-acl-arn`)",
                "entry-point": "the ALB",
                "gateway-to-cluster": "—",
                "node-disk-encryption": "EBS encrypted by Auto Mode",
            },
        },
        compute: {
            header: "AWS ECS Fargate",
            cells: {
                private: "private subnets, `assignPublicIp: false`",
                scaling: "target tracking on CPU 70 % and memory 80 %, cooldowns 300 / 600",
                logs: "log group, 30 / 14 days",
                secrets: "ECS `secrets` from Secrets Manager",
                identity: "task role: the bucket, the two secrets, their KMS key",
            },
        },
        monitoring: {
            cells: {
                "5xx": "ALB metric math `HTTPCode_{ELB,Target}_5XX_Count / RequestCount` (EKS: the controller's ALB, found by its Ingress-annotated name)",
                latency: "`TargetResponseTime` p95",
                "no-healthy-target": "`HealthyHostCount` of both target groups (EKS: `service_number_of_running_pods`)",
                "crash-loop": "ECS `DesiredTaskCount - RunningTaskCount` (EKS: container restarts)",
                database: "RDS metrics; refused = `FATAL:` lines in the exported log",
                cache: "`DatabaseMemoryUsagePercentage`, `Evictions`, `EngineCPUUtilization`",
            },
        },
        "rule-catalogue": {
            header: "AWS (`providers/aws`)",
            cells: {
                names: "S3 bucket, RDS identifier/db/user/groups, ElastiCache ids, ALB/target group (32), IAM, ECS, EKS, log group, alarm, SNS, secret, WAF, SG, ACM domain; tag limits (50, 128/256, no `aws:`)",
                combinations: "instance class × PostgreSQL 16, parameter-group family × engine, backup retention 0–35, Performance Insights retention, Fargate CPU × memory, log retention values, health-check ranges, redirect codes, WAF priorities/metric names, KMS deletion window, Secrets recovery window, alarm periods, S3 lifecycle order",
                companions: "ECS service after the listener rule forwarding to its target group, scaling policy after its target, certificate validation after its certificate, NAT gateway with EIP in a public subnet, one route table per subnet, one configuration per S3 bucket, RDS subnet group in ≥ 2 AZs, ALB in ≥ 2 AZs, Multi-AZ Redis subnets",
                quotas: "50 tags, 60 rules per SG, 5 EIPs, 10 managed policies per role, inline policy 10,240 / trust policy 2,048 characters, 100 rules per listener, 20 KB bucket policy",
                windows: "RDS backup ≥ 30 min not overlapping maintenance; ElastiCache snapshot vs maintenance",
            },
        },
        "dr-copies": {
            cells: {
                database: "`aws.rds.InstanceAutomatedBackupsReplication` in us-east-2 (snapshots **and** transaction logs), under a KMS key of us-east-2 (`database-dr-key`), kept as long as the source keeps its backups",
                objects: "S3 Cross-Region Replication of every version and delete marker to `<app>-<env>-data-use2-<account>` (versioned, KMS key of us-east-2, public access blocked, owner-enforced, TLS-only), Replication Time Control 15 min, through the `…-s3-replication` role",
                "database-rpo": "minutes (replicated transaction logs)",
                "object-rpo": "15 min (RTC)",
            },
        },
        "dr-failover": {
            cells: {
                config: "`pulumi config set --path platform:database.restore <time>` and `… platform:database.restoreSource $(pulumi stack output -s production databaseBackupCopy)` (the replicated automated backups' ARN in us-east-2)",
                "primary-down": "`pulumi config set --path platform:dr.crossRegionCopies false` (the copies would be created in the failed region) and run the pack with `crossRegionCopiesRequiredIn: []` for the DR policies",
                objects: "the replica bucket `acme-prod-data-use2-<account>` holds the data: copy it into the recovery bucket (`aws s3 sync s3://acme-prod-data-use2-<account> s3://acme-prod-use2-data-<account>`, or S3 Batch Operations for large stores)",
                dns: "point `loadBalancer.domain` at the recovery stack's `loadBalancerEndpoint`",
            },
        },
        "replacement-sources": {
            header: "AWS (bridged from terraform-provider-aws)",
            cells: {
                source: "`ForceNew: true` / `RequiresReplace()` in `internal/service/<service>/<resource>.go`",
            },
        },
    },
    phrases: {
        credentials: "AWS: a profile or OIDC role",
        "database-token": "AWS: `rds.Signer` / `aws rds generate-db-auth-token`",
        "trust-subjects": "AWS role trust policy on `token.actions.githubusercontent.com:sub`",
        kubeconfig: "`aws eks update-kubeconfig`",
        "object-store-services": "S3 (v7 split resources)",
        "object-store-public-access": "`BucketPublicAccessBlock`",
        "object-store-tls": "bucket policy denying `aws:SecureTransport=false`",
        "object-store-cross-region": "S3 Cross-Region Replication (RTC 15 min) to a hardened replica bucket in us-east-2 with its own KMS key and a replication role",
        "image-digest-workloads": "ECS task definitions",
        dashboard: "CloudWatch dashboard",
        budget: "AWS Budgets on the `environment` cost allocation tag",
        "alert-destination-policies": "`*-require-alarm-actions`",
        "alert-destinations": "AWS alarms notify the SNS topic (plus an email subscription with `monitoring.alertEmail`)",
        "alert-subscription-point": "topic",
        "route-limit-source": "ALB: 100 listener rules and 100 target groups per load balancer",
        "application-secrets": "AWS — a Secrets Manager secret `<app>-<env>-<service>/<ENV_NAME>` under a KMS key of the service, read by its execution role alone (ECS `secrets[].valueFrom`)",
        "secret-rollout-runtimes": "ECS",
        "job-definitions": "AWS: an ECS Fargate task definition `<app>-<env>-job-<name>`",
        "job-run-commands": "- AWS: `aws ecs run-task --cluster … --task-definition <family> --launch-type FARGATE\n  --network-configuration 'awsvpcConfiguration={subnets=[<private>],securityGroups=[<compute>],assignPublicIp=DISABLED}'`,\n  then `aws ecs wait tasks-stopped` (gives up after 10 minutes) and a check that the\n  container's `exitCode` is 0;",
        "dr-copies": "on AWS the RDS automated backups (backup replication, KMS key there) and an S3 replica bucket (CRR with RTC, replica key and role)",
        "bake-alert-queries": "AWS `aws cloudwatch describe-alarms --state-value ALARM` (alarms notifying the critical topic)",
        "cache-auth-rotation": "AWS: `pulumi up --replace '<urn of cache-auth-token>'` (`npm run plan -- --stack production --format json` lists the URN); the replication group adds the new token next to the old one (`authTokenUpdateStrategy: ROTATE`), Secrets Manager gets a new version, and services read it on their next deployment.",
        "runbook-severities": "AWS: two SNS topics (`<app>-<env>-alerts`, `<app>-<env>-alerts-warning`)",
        "runbook-dashboards": "the CloudWatch dashboard name",
        "runbook-http-5xx-rate": "- AWS: two alarms, the ALB's own 5xx (`HTTPCode_ELB_5XX_Count`: no healthy target, timeouts)\n  and the targets' 5xx (`HTTPCode_Target_5XX_Count`), each over `RequestCount`. Under EKS the\n  same alarms watch the ALB the ingress controller created (named by the Ingress annotation\n  `alb.ingress.kubernetes.io/load-balancer-name`).",
        "runbook-no-healthy-targets": "- AWS ECS: `HealthyHostCount` of the service's target groups (both, for blue/green) below 1.\n  EKS: Container Insights `service_number_of_running_pods` of the Service below 1.",
        "runbook-crash-loop-clusters": "EKS",
        "runbook-crash-loop-cluster-metrics": "Container Insights `pod_number_of_container_restarts`",
        "runbook-crash-loop-managed": "ECS: fewer tasks running than desired for 10 minutes (Container Insights `DesiredTaskCount - RunningTaskCount`)",
        "runbook-db-connection-failures": "AWS: PostgreSQL `FATAL:` lines in the exported log `/aws/rds/instance/<id>/postgresql` (a metric filter counts them)",
        "runbook-budget": "AWS Budgets",
    },
    notes: {
        "waf-rule-sets-notes": [
            "Rate limits differ in window (AWS counts over 5 minutes); the AWS figure is the existing one.",
        ],
        "rule-exceptions": [
            `- **AWS with one zone**: an ALB and a DB subnet group need two Availability Zones, so
  \`network.zones\` is at least 2 on AWS.`,
        ],
    },
    variableNotes: {
        "AWS_REGION": "only the credentials' default; the program sets its own region",
    },
} as const satisfies CloudDocs;
