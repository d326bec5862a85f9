import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { cidrOverlap, cidrWithin, prefixOf, subnet } from "../../components/cidr";
import type { NetworkArgs, NetworkOutputs } from "../../components/network";
import { childName, physicalName } from "../../components/naming";
import { auditLogGroup, createLogsKey } from "./audit-logs";
import { awsHandles } from "./handles";
import { AwsContext, policyJson } from "./context";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { EngineFacts } from "../shared/cloud-engine";
import type { ReplacementTable } from "../shared/replacement";
import { nameRule, type Rule } from "../shared/rules";
import { TAGS, TF } from "./replacement";

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

// The offline engine's facts of the AWS types only this component creates (npm run diff and the
// deploy-rule specs read them; providers/shared/cloud-engine.ts): engine.ts holds the shared ones.

const REPLACEMENT: ReplacementTable = {
    "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup": {
        source: `${TF}ec2/vpc_default_security_group.go (vpc_id ForceNew; rules and tags update; the group is adopted, never created)`,
        replace: ["region", "vpcId"],
        update: [...TAGS, "ingress", "egress", "revokeRulesOnDelete"],
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
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": {
        source: `${TF}ec2/vpc_security_group_egress_rule.go (framework: security_group_id RequiresReplace)`,
        replace: ["securityGroupId"],
        update: [...TAGS, "cidrIpv4", "cidrIpv6", "description", "fromPort", "ipProtocol", "toPort", "referencedSecurityGroupId", "prefixListId"],
    },
};

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";

const RULES: Rule[] = [
    nameRule({ id: "aws/ecs-cluster-name", types: ["aws:ecs/cluster:Cluster"], field: "name", max: 255, pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, hyphens and underscores", doc: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateCluster.html" }),
    {
        // A VPC's primary CIDR is /16 to /28.
        id: "aws/vpc-cidr-size",
        family: "combinations",
        types: [VPC],
        doc: "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html",
        check: (r) => { const p = prefixOf(String(r.inputs.cidrBlock)); return p >= 16 && p <= 28 ? [] : [`cidrBlock ${r.inputs.cidrBlock}: a VPC takes /16 to /28`]; },
    },
    {
        // A subnet lies inside its VPC's CIDR, is /16 to /28, and overlaps no other subnet of the VPC.
        id: "aws/subnet-cidr",
        family: "combinations",
        types: [SUBNET],
        doc: "https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html",
        check: (r, plan) => {
            const cidr = String(r.inputs.cidrBlock);
            const problems: string[] = [];
            const vpc = plan.resolve(VPC, r.inputs.vpcId);
            if (vpc && !cidrWithin(cidr, vpc.inputs.cidrBlock)) problems.push(`cidrBlock ${cidr} is outside VPC ${vpc.inputs.cidrBlock}`);
            const p = prefixOf(cidr);
            if (!(p >= 16 && p <= 28)) problems.push(`cidrBlock ${cidr}: a subnet takes /16 to /28`); // NaN: not a CIDR block
            for (const other of plan.ofType(SUBNET)) {
                if (other.urn !== r.urn && other.inputs.vpcId === r.inputs.vpcId && cidrOverlap(cidr, other.inputs.cidrBlock)) problems.push(`cidrBlock ${cidr} overlaps subnet ${other.name} (${other.inputs.cidrBlock})`);
            }
            return problems;
        },
    },
    {
        // One internet gateway per VPC.
        id: "aws/one-internet-gateway-per-vpc",
        family: "quotas",
        types: ["aws:ec2/internetGateway:InternetGateway"],
        doc: "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-gateways",
        check: (r, plan) => plan.ofType(r.type).filter((g) => g.inputs.vpcId === r.inputs.vpcId).length > 1 ? [`more than one internet gateway for VPC ${r.inputs.vpcId}`] : [],
    },
    {
        // Elastic IPs: 5 per Region by default; a public NAT gateway needs one, in a public subnet.
        id: "aws/nat-gateway-eip",
        family: "companions",
        types: ["aws:ec2/natGateway:NatGateway", "aws:ec2/eip:Eip"],
        doc: "https://docs.aws.amazon.com/vpc/latest/userguide/vpc-nat-gateway.html#nat-gateway-basics",
        check: (r, plan) => {
            if (r.type === "aws:ec2/eip:Eip") return plan.ofType(r.type).length > 5 ? [`${plan.ofType(r.type).length} Elastic IPs; the default quota is 5 per Region`] : [];
            if (r.inputs.connectivityType === "private") return [];
            const problems = plan.resolve("aws:ec2/eip:Eip", r.inputs.allocationId) || String(r.inputs.allocationId ?? "").startsWith("eipalloc-") ? [] : ["a public NAT gateway needs an Elastic IP allocation"];
            const subnet = plan.resolve(SUBNET, r.inputs.subnetId);
            if (subnet && subnet.inputs.tags?.tier !== "public") problems.push(`NAT gateway in subnet ${subnet.name}, which is not a public subnet`);
            return problems;
        },
    },
    {
        // A subnet is associated with exactly one route table.
        id: "aws/one-route-table-per-subnet",
        family: "companions",
        types: ["aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:ec2/routeTable:RouteTable"],
        doc: "https://docs.aws.amazon.com/vpc/latest/userguide/VPC_Route_Tables.html#subnet-route-tables",
        check: (r, plan) => {
            if (r.type === "aws:ec2/routeTable:RouteTable") {
                const routes = (r.inputs.routes ?? []) as any[];
                return routes.length > 50 ? [`${routes.length} routes; the default quota is 50 per route table`] : [];
            }
            const same = plan.ofType(r.type).filter((a) => a.inputs.subnetId === r.inputs.subnetId);
            return same.length > 1 ? [`subnet ${r.inputs.subnetId} is associated with ${same.length} route tables`] : [];
        },
    },
    {
        // Flow logs to CloudWatch need a delivery role; the aggregation interval is 60 or 600 seconds.
        id: "aws/flow-log-destination",
        family: "companions",
        types: ["aws:ec2/flowLog:FlowLog"],
        doc: "https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs-cwl.html",
        check: (r) => [
            ...(r.inputs.logDestinationType === "cloud-watch-logs" && !r.inputs.iamRoleArn ? ["flow logs to CloudWatch Logs need iamRoleArn"] : []),
            ...([60, 600].includes(Number(r.inputs.maxAggregationInterval ?? 600)) ? [] : [`maxAggregationInterval ${r.inputs.maxAggregationInterval}: allowed 60 or 600`]),
        ],
    },
    {
        // Container Insights is the only ECS cluster setting; its values are enabled, enhanced, disabled.
        id: "aws/ecs-cluster-settings",
        family: "combinations",
        types: ["aws:ecs/cluster:Cluster"],
        doc: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ClusterSetting.html",
        check: (r) => ((r.inputs.settings ?? []) as any[]).flatMap((s) => s.name === "containerInsights" && ["enabled", "enhanced", "disabled"].includes(s.value) ? [] : [`setting ${s.name}=${s.value}: allowed containerInsights = enabled | enhanced | disabled`]),
    },
    {
        // One default security group per VPC, adopted (not created): it names a VPC of the plan.
        // Rules inside the resource are ingress/egress blocks of protocol, ports and sources.
        id: "aws/default-security-group",
        family: "companions",
        types: ["aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"],
        doc: "https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html",
        check: (r, plan) => {
            const problems: string[] = [];
            if (!plan.resolve("aws:ec2/vpc:Vpc", r.inputs.vpcId)) problems.push(`vpcId ${JSON.stringify(r.inputs.vpcId)} is no VPC of this plan`);
            const others = plan.ofType(r.type).filter((o) => o.urn !== r.urn && o.inputs.vpcId === r.inputs.vpcId);
            if (others.length > 0) problems.push("a VPC has one default security group; two resources manage it");
            for (const dir of ["ingress", "egress"]) {
                for (const [i, rule] of ((r.inputs[dir] ?? []) as any[]).entries()) {
                    if (rule.protocol === undefined || rule.fromPort === undefined || rule.toPort === undefined) problems.push(`${dir}[${i}] needs protocol, fromPort and toPort`);
                }
            }
            return problems;
        },
    },
];

export const engineFacts: EngineFacts = {
    replacement: REPLACEMENT,
    rules: RULES,
};
