import type { CloudMocks, MockContext, ResourceMock } from "./types";
import type * as pulumi from "@pulumi/pulumi";

const ACCOUNT = "123456789012";
const REGION = "us-west-2";

function arnFor(type: string, name: string, region: string): string {
    const service = type.split(":")[1]?.split("/")[0] ?? "aws";
    return `arn:aws:${service}:${region}:${ACCOUNT}:${name}`;
}

type Args = pulumi.runtime.MockResourceArgs;
const str = (args: Args, key: string, fallback?: string): string => String(args.inputs[key] ?? fallback ?? args.name);
const regionOf = (args: Args): string => String(args.inputs.region ?? REGION);

/** A UUID-shaped stable id. */
function uuid(ctx: MockContext, name: string): string {
    const h = ctx.id(`uuid/${name}`, 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** EC2-style ids: `vpc-0abc...`. */
const ec2 = (prefix: string, extra?: (args: Args, ctx: MockContext, id: string) => Record<string, unknown>): ResourceMock => (args, ctx) => {
    const id = `${prefix}-0${ctx.id(args.name, 16)}`;
    const resource = prefix === "sgr" ? "security-group-rule" : prefix === "sg" ? "security-group" : args.type.split(":")[2]!.toLowerCase();
    return { id, state: { arn: `arn:aws:ec2:${regionOf(args)}:${ACCOUNT}:${resource}/${id}`, ownerId: ACCOUNT, ...extra?.(args, ctx, id) } };
};

/** Resources whose id is their name, with an ARN built from the service's convention. */
const named = (key: string, arn: (args: Args, name: string) => string, extra?: (args: Args, ctx: MockContext) => Record<string, unknown>): ResourceMock => (args, ctx) => {
    const name = str(args, key);
    return { id: name, state: { [key]: name, arn: arn(args, name), ...extra?.(args, ctx) } };
};

export const awsMocks: CloudMocks = {
    prefixes: ["aws:"],
    resources: {
        // Network
        "aws:ec2/vpc:Vpc": ec2("vpc", (_a, ctx, id) => ({ defaultSecurityGroupId: `sg-0${ctx.id(`${id}/default-sg`, 16)}`, mainRouteTableId: `rtb-0${ctx.id(`${id}/main-rt`, 16)}`, defaultNetworkAclId: `acl-0${ctx.id(`${id}/acl`, 16)}` })),
        "aws:ec2/subnet:Subnet": ec2("subnet", (a) => ({ availabilityZoneId: `usw2-az${String(a.inputs.availabilityZone ?? "a").slice(-1).charCodeAt(0) - 96}` })),
        "aws:ec2/internetGateway:InternetGateway": ec2("igw"),
        "aws:ec2/routeTable:RouteTable": ec2("rtb"),
        "aws:ec2/routeTableAssociation:RouteTableAssociation": ec2("rtbassoc"),
        "aws:ec2/eip:Eip": ec2("eipalloc", (a, ctx, id) => ({ allocationId: id, publicIp: `44.${parseInt(ctx.id(a.name, 2), 16)}.${parseInt(ctx.id(`${a.name}/2`, 2), 16)}.${parseInt(ctx.id(`${a.name}/3`, 2), 16)}`, publicDns: "" })),
        "aws:ec2/natGateway:NatGateway": ec2("nat", (_a, ctx, id) => ({ networkInterfaceId: `eni-0${ctx.id(`${id}/eni`, 16)}`, privateIp: "10.0.128.10", publicIp: "44.230.1.10" })),
        "aws:ec2/securityGroup:SecurityGroup": ec2("sg"),
        "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": ec2("sgr", (_a, _c, id) => ({ securityGroupRuleId: id })),
        "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": ec2("sgr", (_a, _c, id) => ({ securityGroupRuleId: id })),
        "aws:ec2/flowLog:FlowLog": ec2("fl"),

        // Keys, secrets, identity
        "aws:kms/key:Key": (args, ctx) => {
            const id = uuid(ctx, args.name);
            return { id, state: { keyId: id, arn: `arn:aws:kms:${regionOf(args)}:${ACCOUNT}:key/${id}`, keyUsage: "ENCRYPT_DECRYPT" } };
        },
        "aws:secretsmanager/secret:Secret": (args, ctx) => {
            const arn = `arn:aws:secretsmanager:${regionOf(args)}:${ACCOUNT}:secret:${str(args, "name")}-${ctx.id(args.name, 6)}`;
            return { id: arn, state: { arn } };
        },
        "aws:secretsmanager/secretVersion:SecretVersion": (args, ctx) => {
            const versionId = uuid(ctx, args.name);
            return { id: `${String(args.inputs.secretId)}|${versionId}`, state: { versionId, versionStages: ["AWSCURRENT"], arn: args.inputs.secretId } };
        },
        "aws:iam/role:Role": named("name", (_a, n) => `arn:aws:iam::${ACCOUNT}:role/${n}`, (a, ctx) => ({ uniqueId: `AROA${ctx.id(a.name, 17).toUpperCase()}` })),
        "aws:iam/rolePolicy:RolePolicy": (args, ctx) => ({ id: `${String(args.inputs.role)}:${args.name}-${ctx.id(args.name, 8)}`, state: { name: `${args.name}-${ctx.id(args.name, 8)}` } }),
        "aws:iam/rolePolicyAttachment:RolePolicyAttachment": (args, ctx) => ({ id: `${String(args.inputs.role)}-${ctx.id(args.name, 20)}` }),

        // Database
        "aws:rds/subnetGroup:SubnetGroup": named("name", (a, n) => `arn:aws:rds:${regionOf(a)}:${ACCOUNT}:subgrp:${n}`),
        "aws:rds/parameterGroup:ParameterGroup": named("name", (a, n) => `arn:aws:rds:${regionOf(a)}:${ACCOUNT}:pg:${n}`),
        "aws:rds/instance:Instance": (args, ctx) => {
            const identifier = str(args, "identifier");
            const region = regionOf(args);
            const address = `${identifier}.c${ctx.id("rds-cluster-host", 11)}.${region}.rds.amazonaws.com`;
            const port = Number(args.inputs.port ?? 5432);
            const resourceId = `db-${ctx.id(args.name, 26).toUpperCase()}`;
            const masterUserSecrets = args.inputs.manageMasterUserPassword
                ? [{ secretArn: `arn:aws:secretsmanager:${region}:${ACCOUNT}:secret:rds!db-${uuid(ctx, args.name)}-${ctx.id(`${args.name}/s`, 6)}`, kmsKeyId: args.inputs.masterUserSecretKmsKeyId ?? "", secretStatus: "active" }]
                : [];
            return {
                id: resourceId,
                state: {
                    identifier, address, port, endpoint: `${address}:${port}`, resourceId, hostedZoneId: "Z1PVIF0B656C1W",
                    arn: `arn:aws:rds:${region}:${ACCOUNT}:db:${identifier}`, masterUserSecrets, engineVersionActual: "16.4", status: "available",
                },
            };
        },

        // Cache
        // The replicated automated backups' id is their ARN in the destination region (what a recovery stack restores from).
        "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": (args, ctx) => {
            const arn = `arn:aws:rds:${regionOf(args)}:${ACCOUNT}:auto-backup:ab-${ctx.id(args.name, 26)}`;
            return { id: arn, state: { retentionPeriod: args.inputs.retentionPeriod ?? 7 } };
        },
        "aws:elasticache/subnetGroup:SubnetGroup": named("name", (a, n) => `arn:aws:elasticache:${regionOf(a)}:${ACCOUNT}:subnetgroup:${n}`),
        "aws:elasticache/parameterGroup:ParameterGroup": named("name", (a, n) => `arn:aws:elasticache:${regionOf(a)}:${ACCOUNT}:parametergroup:${n}`),
        "aws:elasticache/replicationGroup:ReplicationGroup": (args, ctx) => {
            const id = str(args, "replicationGroupId");
            const host = `${id}.${ctx.id("cache-host", 6)}.usw2.cache.amazonaws.com`;
            const nodes = Number(args.inputs.numCacheClusters ?? 1);
            return {
                id,
                state: {
                    replicationGroupId: id, arn: `arn:aws:elasticache:${regionOf(args)}:${ACCOUNT}:replicationgroup:${id}`,
                    primaryEndpointAddress: `master.${host}`, readerEndpointAddress: `replica.${host}`, port: Number(args.inputs.port ?? 6379),
                    memberClusters: Array.from({ length: nodes }, (_, i) => `${id}-00${i + 1}`), engineVersionActual: "7.1.0",
                },
            };
        },

        // Object storage
        "aws:s3/bucket:Bucket": (args) => {
            const bucket = str(args, "bucket");
            const region = regionOf(args);
            return {
                id: bucket,
                state: {
                    bucket, arn: `arn:aws:s3:::${bucket}`, region, hostedZoneId: "Z3BJ6K6RIION7M",
                    bucketDomainName: `${bucket}.s3.amazonaws.com`, bucketRegionalDomainName: `${bucket}.s3.${region}.amazonaws.com`,
                },
            };
        },

        // Load balancer
        "aws:acm/certificate:Certificate": (args, ctx) => {
            const domain = str(args, "domainName");
            return {
                id: `arn:aws:acm:${regionOf(args)}:${ACCOUNT}:certificate/${uuid(ctx, args.name)}`,
                state: {
                    arn: `arn:aws:acm:${regionOf(args)}:${ACCOUNT}:certificate/${uuid(ctx, args.name)}`, status: "PENDING_VALIDATION",
                    domainValidationOptions: [{
                        domainName: domain, resourceRecordName: `_${ctx.id(`${domain}/n`, 32)}.${domain}.`, resourceRecordType: "CNAME",
                        resourceRecordValue: `_${ctx.id(`${domain}/v`, 32)}.acm-validations.aws.`,
                    }],
                },
            };
        },
        "aws:acm/certificateValidation:CertificateValidation": (args) => ({ id: "2024-01-01 00:00:00 +0000 UTC", state: { certificateArn: args.inputs.certificateArn } }),
        "aws:lb/loadBalancer:LoadBalancer": (args, ctx) => {
            const name = str(args, "name");
            const suffix = `app/${name}/${ctx.id(args.name, 16)}`;
            const arn = `arn:aws:elasticloadbalancing:${regionOf(args)}:${ACCOUNT}:loadbalancer/${suffix}`;
            return { id: arn, state: { arn, arnSuffix: suffix, dnsName: `${name}-${parseInt(ctx.id(args.name, 8), 16)}.${regionOf(args)}.elb.amazonaws.com`, zoneId: "Z1H1FL5HABSF5", vpcId: "vpc-mock" } };
        },
        "aws:lb/targetGroup:TargetGroup": (args, ctx) => {
            const suffix = `targetgroup/${str(args, "name")}/${ctx.id(args.name, 16)}`;
            const arn = `arn:aws:elasticloadbalancing:${regionOf(args)}:${ACCOUNT}:${suffix}`;
            return { id: arn, state: { arn, arnSuffix: suffix } };
        },
        "aws:lb/listener:Listener": (args, ctx) => {
            const arn = `arn:aws:elasticloadbalancing:${regionOf(args)}:${ACCOUNT}:listener/app/${ctx.id(args.name, 16)}`;
            return { id: arn, state: { arn } };
        },
        "aws:lb/listenerRule:ListenerRule": (args, ctx) => {
            const arn = `arn:aws:elasticloadbalancing:${regionOf(args)}:${ACCOUNT}:listener-rule/app/${ctx.id(args.name, 16)}`;
            return { id: arn, state: { arn } };
        },
        "aws:wafv2/webAcl:WebAcl": (args, ctx) => {
            const id = uuid(ctx, args.name);
            return { id, state: { arn: `arn:aws:wafv2:${regionOf(args)}:${ACCOUNT}:regional/webacl/${str(args, "name")}/${id}`, capacity: 1200, lockToken: uuid(ctx, `${args.name}/lock`) } };
        },
        "aws:wafv2/webAclAssociation:WebAclAssociation": (args) => ({ id: `${String(args.inputs.webAclArn)},${String(args.inputs.resourceArn)}` }),

        // Compute
        "aws:ecs/cluster:Cluster": named("name", (a, n) => `arn:aws:ecs:${regionOf(a)}:${ACCOUNT}:cluster/${n}`),
        "aws:ecs/taskDefinition:TaskDefinition": (args) => {
            const family = str(args, "family");
            const base = `arn:aws:ecs:${regionOf(args)}:${ACCOUNT}:task-definition/${family}`;
            return { id: family, state: { arn: `${base}:1`, arnWithoutRevision: base, revision: 1 } };
        },
        "aws:ecs/service:Service": (args) => {
            const name = str(args, "name");
            const cluster = String(args.inputs.cluster ?? "default").split("/").pop();
            const arn = `arn:aws:ecs:${regionOf(args)}:${ACCOUNT}:service/${cluster}/${name}`;
            return { id: arn, state: { name, arn } };
        },
        // Kubernetes runtime (EKS)
        "aws:eks/cluster:Cluster": (args, ctx) => {
            const name = str(args, "name");
            const region = regionOf(args);
            const oidcId = ctx.id(`${args.name}/oidc`, 32).toUpperCase();
            const host = `${oidcId}.gr7.${region}.eks.amazonaws.com`;
            return {
                id: name,
                state: {
                    name, arn: `arn:aws:eks:${region}:${ACCOUNT}:cluster/${name}`, endpoint: `https://${host}`, status: "ACTIVE", platformVersion: "eks.10",
                    certificateAuthority: { data: Buffer.from(`-----BEGIN CERTIFICATE-----\nMOCK-${ctx.id(`${args.name}/ca`, 24)}\n-----END CERTIFICATE-----\n`).toString("base64") },
                    identities: [{ oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/${oidcId}` }] }],
                    vpcConfig: { ...(args.inputs.vpcConfig as Record<string, unknown>), clusterSecurityGroupId: `sg-0${ctx.id(`${args.name}/cluster-sg`, 16)}`, vpcId: `vpc-0${ctx.id("vpc", 16)}` },
                },
            };
        },
        "aws:iam/openIdConnectProvider:OpenIdConnectProvider": (args) => {
            const url = String(args.inputs.url ?? "").replace(/^https:\/\//, "");
            const arn = `arn:aws:iam::${ACCOUNT}:oidc-provider/${url}`;
            return { id: arn, state: { arn, thumbprintLists: ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"] } };
        },
        "aws:eks/addon:Addon": (args) => ({
            id: `${String(args.inputs.clusterName)}:${String(args.inputs.addonName)}`,
            state: { arn: `arn:aws:eks:${regionOf(args)}:${ACCOUNT}:addon/${String(args.inputs.clusterName)}/${String(args.inputs.addonName)}/mock`, addonVersion: "v4.1.0-eksbuild.1" },
        }),
        "aws:cloudwatch/logGroup:LogGroup": named("name", (a, n) => `arn:aws:logs:${regionOf(a)}:${ACCOUNT}:log-group:${n}`),
        "aws:appautoscaling/target:Target": (args, ctx) => ({
            id: String(args.inputs.resourceId),
            state: { arn: `arn:aws:application-autoscaling:${regionOf(args)}:${ACCOUNT}:scalable-target/${ctx.id(args.name, 30)}`, roleArn: `arn:aws:iam::${ACCOUNT}:role/aws-service-role/ecs.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_ECSService` },
        }),
        "aws:appautoscaling/policy:Policy": (args, ctx) => ({
            id: str(args, "name"),
            state: { arn: `arn:aws:autoscaling:${regionOf(args)}:${ACCOUNT}:scalingPolicy:${uuid(ctx, args.name)}:resource/ecs/${String(args.inputs.resourceId)}:policyName/${str(args, "name")}`, alarmArns: [] },
        }),

        // Monitoring
        "aws:sns/topic:Topic": (args) => {
            const arn = `arn:aws:sns:${regionOf(args)}:${ACCOUNT}:${str(args, "name")}`;
            return { id: arn, state: { arn, owner: ACCOUNT } };
        },
        "aws:sns/topicSubscription:TopicSubscription": (args, ctx) => {
            const arn = `${String(args.inputs.topic)}:${uuid(ctx, args.name)}`;
            return { id: arn, state: { arn, pendingConfirmation: true, ownerId: ACCOUNT } };
        },
        "aws:cloudwatch/metricAlarm:MetricAlarm": named("name", (a, n) => `arn:aws:cloudwatch:${regionOf(a)}:${ACCOUNT}:alarm:${n}`),
    },
    fallback: (args, ctx) => ({
        id: `${args.name}-${ctx.id(args.name, 8)}`,
        state: { arn: arnFor(args.type, args.name, REGION) },
    }),
    genericTypes: [
        // S3 bucket settings, each a sub-resource of its bucket: their id is the bucket's name.
        "aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration", "aws:s3/bucketLogging:BucketLogging", "aws:s3/bucketOwnershipControls:BucketOwnershipControls",
        "aws:s3/bucketPolicy:BucketPolicy", "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock", "aws:s3/bucketReplicationConfig:BucketReplicationConfig",
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration", "aws:s3/bucketVersioning:BucketVersioning",
        "aws:budgets/budget:Budget", "aws:cloudwatch/dashboard:Dashboard", "aws:cloudwatch/logMetricFilter:LogMetricFilter", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
        "aws:sns/topicPolicy:TopicPolicy", "aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
    ],
    invokes: {
        "aws:index/getAvailabilityZones:getAvailabilityZones": (args) => {
            const region = String(args.inputs.region ?? REGION);
            const letters = ["a", "b", "c", "d"];
            return {
                id: region, names: letters.map((l) => `${region}${l}`), zoneIds: letters.map((_, i) => `usw2-az${i + 1}`),
                groupNames: letters.map(() => region), state: args.inputs.state ?? "available",
            };
        },
        "aws:index/getCallerIdentity:getCallerIdentity": () => ({
            id: ACCOUNT, accountId: ACCOUNT, arn: `arn:aws:sts::${ACCOUNT}:assumed-role/platform-deployer/pulumi`, userId: "AROAEXAMPLEDEPLOYER:pulumi",
        }),
        "aws:index/getPartition:getPartition": () => ({ id: "aws", partition: "aws", dnsSuffix: "amazonaws.com", reverseDnsPrefix: "com.amazonaws" }),
        // A stand-in secret value: fixed per secret, long enough that the secrecy checks would spot a leak.
        "aws:secretsmanager/getSecretVersion:getSecretVersion": (args, ctx) => {
            const secretId = String(args.inputs.secretId);
            const value = `mock-secret-${ctx.id(`secret-value/${secretId}`, 24)}`;
            const secretString = /:secret:rds!/.test(secretId) ? JSON.stringify({ username: "app", password: value }) : value;
            return {
                id: `${secretId}|AWSCURRENT`, arn: secretId, secretId, secretString, secretBinary: "", versionId: uuid(ctx, `version/${secretId}`),
                versionStage: "AWSCURRENT", versionStages: ["AWSCURRENT"], createdDate: "2024-01-01T00:00:00Z",
            };
        },
        // The ALB the EKS ingress controller made, looked up by the name the Ingress annotation gave it.
        "aws:lb/getLoadBalancer:getLoadBalancer": (args, ctx) => {
            const name = String(args.inputs.name);
            const suffix = `app/${name}/${ctx.id(`controller-alb/${name}`, 16)}`;
            const arn = `arn:aws:elasticloadbalancing:${REGION}:${ACCOUNT}:loadbalancer/${suffix}`;
            return {
                id: arn, arn, arnSuffix: suffix, name, loadBalancerType: "application", internal: false,
                dnsName: `${name}-${parseInt(ctx.id(`controller-alb-dns/${name}`, 8), 16)}.${REGION}.elb.amazonaws.com`, zoneId: "Z1H1FL5HABSF5", vpcId: "vpc-mock", tags: {},
            };
        },
        "aws:index/getRegion:getRegion": (args) => ({ id: REGION, name: REGION, region: REGION, description: "US West (Oregon)", endpoint: `ec2.${REGION}.amazonaws.com`, ...args.inputs }),
    },
};
