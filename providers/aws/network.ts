import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { prefixOf, subnet } from "../../components/cidr";
import type { NetworkArgs, NetworkOutputs } from "../../components/network";
import { childName, physicalName } from "../../components/naming";
import { auditLogGroup, createLogsKey } from "./audit-logs";
import { awsHandles } from "./handles";
import { AwsContext, policyJson } from "./context";
import type { CloudBuilder } from "../shared/bind-cloud";

/**
 * Subnet layout: the VPC cut into 16 equal blocks (a /20 of a /16, a /24 of a /20); private
 * (compute, data) take blocks 0-2, public (load balancer only) 8-10.
 */
const SUBNET_BITS = 4;
const PRIVATE_BLOCK = 0;
const PUBLIC_BLOCK = 8;
export const zoneSubnetCidr = (vpcCidr: string, block: number): string => subnet(vpcCidr, prefixOf(vpcCidr) + SUBNET_BITS, block);

/**
 * VPC across `zones` AZs: public subnets for the ALB only, private subnets for data and
 * compute behind NAT (one per AZ in production, one shared in staging), flow logs, and the
 * four security groups that wire lb -> compute -> database/cache.
 */
export function createNetwork(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: NetworkArgs): NetworkOutputs {
    const { cfg } = ctx;
    const azs = aws.getAvailabilityZonesOutput({ state: "available" }, { provider: ctx.provider, parent: scope });
    const zoneName = (i: number) => azs.names.apply((names) => {
        if (names.length < args.zones) throw new Error(`region ${cfg.region} has ${names.length} available zones; platform:network.zones asks for ${args.zones}`);
        return names[i]!;
    });

    const vpc = ctx.create(aws.ec2.Vpc, scope, childName(name, "vpc"), {
        cidrBlock: args.cidr,
        enableDnsSupport: true,
        enableDnsHostnames: true,
        tags: ctx.tags(physicalName(cfg, "vpc")),
    });

    const igw = ctx.create(aws.ec2.InternetGateway, scope, childName(name, "igw"), {
        vpcId: vpc.id,
        tags: ctx.tags(physicalName(cfg, "igw")),
    });

    const publicRoutes = ctx.create(aws.ec2.RouteTable, scope, childName(name, "public-rt"), {
        vpcId: vpc.id,
        routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: igw.id }],
        tags: ctx.tags(physicalName(cfg, "public")),
    });

    const natCount = cfg.environment === "production" ? args.zones : 1;
    const publicSubnets: aws.ec2.Subnet[] = [];
    const privateSubnets: aws.ec2.Subnet[] = [];
    const nats: aws.ec2.NatGateway[] = [];

    for (let i = 0; i < args.zones; i++) {
        const az = zoneName(i);
        const publicSubnet = ctx.create(aws.ec2.Subnet, scope, childName(name, `public-${i + 1}`), {
            vpcId: vpc.id,
            cidrBlock: zoneSubnetCidr(args.cidr, PUBLIC_BLOCK + i),
            availabilityZone: az,
            mapPublicIpOnLaunch: false,
            tags: { ...ctx.tags(physicalName(cfg, "public", String(i + 1))), tier: "public" },
        });
        publicSubnets.push(publicSubnet);
        ctx.create(aws.ec2.RouteTableAssociation, scope, childName(name, `public-${i + 1}-rta`), {
            subnetId: publicSubnet.id,
            routeTableId: publicRoutes.id,
        });

        if (i < natCount) {
            const eip = ctx.create(aws.ec2.Eip, scope, childName(name, `nat-${i + 1}-eip`), {
                domain: "vpc",
                tags: ctx.tags(physicalName(cfg, "nat", String(i + 1))),
            }, undefined, { dependsOn: [igw] });
            nats.push(ctx.create(aws.ec2.NatGateway, scope, childName(name, `nat-${i + 1}`), {
                allocationId: eip.id,
                subnetId: publicSubnet.id,
                connectivityType: "public",
                tags: ctx.tags(physicalName(cfg, "nat", String(i + 1))),
            }, undefined, { dependsOn: [igw] }));
        }
    }

    for (let i = 0; i < args.zones; i++) {
        const privateSubnet = ctx.create(aws.ec2.Subnet, scope, childName(name, `private-${i + 1}`), {
            vpcId: vpc.id,
            cidrBlock: zoneSubnetCidr(args.cidr, PRIVATE_BLOCK + i),
            availabilityZone: zoneName(i),
            mapPublicIpOnLaunch: false,
            tags: { ...ctx.tags(physicalName(cfg, "private", String(i + 1))), tier: "private" },
        });
        privateSubnets.push(privateSubnet);
        const routes = ctx.create(aws.ec2.RouteTable, scope, childName(name, `private-${i + 1}-rt`), {
            vpcId: vpc.id,
            routes: [{ cidrBlock: "0.0.0.0/0", natGatewayId: nats[Math.min(i, nats.length - 1)]!.id }],
            tags: ctx.tags(physicalName(cfg, "private", String(i + 1))),
        });
        ctx.create(aws.ec2.RouteTableAssociation, scope, childName(name, `private-${i + 1}-rta`), {
            subnetId: privateSubnet.id,
            routeTableId: routes.id,
        });
    }

    const logsKey = createLogsKey(ctx, scope, name);
    createFlowLogs(ctx, scope, name, vpc, logsKey);
    closeDefaultSecurityGroup(ctx, scope, name, vpc);
    const securityGroups = createSecurityGroups(ctx, scope, name, vpc);

    // The ECS cluster is shared compute foundation, like the VPC: parenting it here keeps its
    // URN stable whichever services come and go (Azure's Container Apps environment likewise).
    // Under `compute.runtime: kubernetes` the services run on EKS (providers/aws/kubernetes-cluster.ts) instead.
    const ecsCluster = cfg.compute.runtime === "kubernetes" ? undefined : ctx.create(aws.ecs.Cluster, scope, childName(name, "ecs-cluster"), {
        name: physicalName(ctx.cfg),
        settings: [{ name: "containerInsights", value: "enabled" }],
        tags: ctx.tags(physicalName(ctx.cfg)),
    });

    return {
        networkId: vpc.id,
        privateSubnetIds: pulumi.all(privateSubnets.map((s) => s.id)),
        publicSubnetIds: pulumi.all(publicSubnets.map((s) => s.id)),
        handle: awsHandles.wrap("network", {
            vpcId: vpc.id,
            privateSubnetIds: privateSubnets.map((s) => s.id),
            publicSubnetIds: publicSubnets.map((s) => s.id),
            securityGroups,
            logsKey,
            ecsCluster,
        }),
    };
}

function createFlowLogs(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, vpc: aws.ec2.Vpc, logsKey: aws.kms.Key): void {
    const { cfg } = ctx;
    const logGroup = auditLogGroup(ctx, logsKey, scope, childName(name, "flow-logs"), `/vpc/${physicalName(cfg, "flow-logs")}`);
    const role = ctx.create(aws.iam.Role, scope, childName(name, "flow-logs-role"), {
        name: physicalName(cfg, "vpc-flow-logs"),
        assumeRolePolicy: policyJson({
            Version: "2012-10-17",
            Statement: [{ Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole" }],
        }),
        tags: ctx.tags(),
    });
    ctx.create(aws.iam.RolePolicy, scope, childName(name, "flow-logs-policy"), {
        role: role.id,
        policy: policyJson({
            Version: "2012-10-17",
            Statement: [{
                Effect: "Allow",
                Action: ["logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams"],
                Resource: [logGroup.arn, pulumi.interpolate`${logGroup.arn}:*`],
            }],
        }),
    });
    ctx.create(aws.ec2.FlowLog, scope, childName(name, "flow-log"), {
        vpcId: vpc.id,
        trafficType: "ALL",
        logDestinationType: "cloud-watch-logs",
        logDestination: logGroup.arn,
        iamRoleArn: role.arn,
        maxAggregationInterval: 60,
        tags: ctx.tags(physicalName(cfg, "flow-log")),
    });
}

/**
 * The VPC's default security group, adopted with no rules (CIS AWS 5.4, Checkov CKV2_AWS_12):
 * anything launched without a group gets no traffic at all. On adoption the provider removes
 * every rule and then keeps exactly the (empty) inline lists, see
 * https://www.pulumi.com/registry/packages/aws/api-docs/ec2/defaultsecuritygroup/
 */
function closeDefaultSecurityGroup(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, vpc: aws.ec2.Vpc): aws.ec2.DefaultSecurityGroup {
    return ctx.create(aws.ec2.DefaultSecurityGroup, scope, childName(name, "default-sg"), {
        vpcId: vpc.id,
        ingress: [],
        egress: [],
        revokeRulesOnDelete: true,
        tags: ctx.tags(physicalName(ctx.cfg, "default-closed")),
    });
}

/**
 * lb: 443/80 from the internet, egress to compute on service ports only.
 * compute: service ports from lb only; egress 443 (images, AWS APIs via NAT), 5432 to the
 * database, 6379 to the cache. database/cache: 5432/6379 from compute only, no egress.
 */
function createSecurityGroups(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, vpc: aws.ec2.Vpc) {
    const { cfg } = ctx;
    const group = (kind: string, description: string) => ctx.create(aws.ec2.SecurityGroup, scope, childName(name, `${kind}-sg`), {
        name: physicalName(cfg, kind),
        description,
        vpcId: vpc.id,
        revokeRulesOnDelete: true,
        tags: ctx.tags(physicalName(cfg, kind)),
    });
    const lb = group("lb", "Load balancer: HTTPS and HTTP (redirect) from the internet");
    const compute = group("compute", "Container services: service ports from the load balancer only");
    const database = group("database", "PostgreSQL: 5432 from container services only");
    const cache = group("cache", "Redis: 6379 from container services only");

    const ingress = (rule: string, sg: aws.ec2.SecurityGroup, args: Omit<aws.vpc.SecurityGroupIngressRuleArgs, "securityGroupId" | "tags">) =>
        ctx.create(aws.vpc.SecurityGroupIngressRule, scope, childName(name, rule), { ...args, securityGroupId: sg.id, tags: ctx.tags() });
    const egress = (rule: string, sg: aws.ec2.SecurityGroup, args: Omit<aws.vpc.SecurityGroupEgressRuleArgs, "securityGroupId" | "tags">) =>
        ctx.create(aws.vpc.SecurityGroupEgressRule, scope, childName(name, rule), { ...args, securityGroupId: sg.id, tags: ctx.tags() });

    for (const port of [443, 80]) {
        ingress(`lb-in-${port}`, lb, { description: `HTTP${port === 443 ? "S" : ""} from the internet`, ipProtocol: "tcp", fromPort: port, toPort: port, cidrIpv4: "0.0.0.0/0" });
    }
    const servicePorts = [...new Set(cfg.services.filter((s) => s.http).map((s) => s.port))].sort((a, b) => a - b);
    for (const port of servicePorts) {
        egress(`lb-out-${port}`, lb, { description: `to container services on ${port}`, ipProtocol: "tcp", fromPort: port, toPort: port, referencedSecurityGroupId: compute.id });
        ingress(`compute-in-${port}`, compute, { description: `from the load balancer on ${port}`, ipProtocol: "tcp", fromPort: port, toPort: port, referencedSecurityGroupId: lb.id });
    }
    egress("compute-out-https", compute, { description: "HTTPS to AWS APIs and image registries (via NAT)", ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "0.0.0.0/0" });
    egress("compute-out-postgres", compute, { description: "to PostgreSQL", ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: database.id });
    egress("compute-out-redis", compute, { description: "to Redis", ipProtocol: "tcp", fromPort: 6379, toPort: 6379, referencedSecurityGroupId: cache.id });
    ingress("database-in-postgres", database, { description: "PostgreSQL from container services", ipProtocol: "tcp", fromPort: 5432, toPort: 5432, referencedSecurityGroupId: compute.id });
    ingress("cache-in-redis", cache, { description: "Redis from container services", ipProtocol: "tcp", fromPort: 6379, toPort: 6379, referencedSecurityGroupId: compute.id });

    return { lb, compute, database, cache };
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/aws/index.ts. */
export const builder: CloudBuilder<AwsContext, "network"> = createNetwork;

/** What this component hands to the components built on it (providers/aws/handles.ts). */
declare module "./handles" {
    interface AwsHandles {
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
    }
}
