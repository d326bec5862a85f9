import { cidrOverlap, cidrWithin, prefixOf } from "../../../components/cidr";
import type { Rule } from "../../shared/rules";

/** VPC networking: CIDR sizes and containment, per-VPC and per-subnet uniqueness, SG rule ports and quotas. */

const VPC = "aws:ec2/vpc:Vpc";
const SUBNET = "aws:ec2/subnet:Subnet";

export const awsNetworkRules: Rule[] = [
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
        // Security group rules: valid port ranges, and at most 60 inbound / 60 outbound rules per group.
        id: "aws/security-group-rules",
        family: "quotas",
        types: ["aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule", "aws:ec2/securityGroup:SecurityGroup"],
        doc: "https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups",
        check: (r, plan) => {
            if (r.type === "aws:ec2/securityGroup:SecurityGroup") return String(r.inputs.description ?? "").length > 255 ? ["description over 255 characters"] : [];
            const problems: string[] = [];
            const { fromPort, toPort, ipProtocol } = r.inputs;
            if (ipProtocol !== "-1" && (fromPort === undefined || toPort === undefined || fromPort < 0 || toPort > 65535 || fromPort > toPort)) problems.push(`ports ${fromPort}-${toPort}: allowed 0-65535 with fromPort <= toPort`);
            if (ipProtocol === "-1" && (fromPort !== undefined || toPort !== undefined)) problems.push("ipProtocol -1 (all) takes no ports");
            const sources = ["cidrIpv4", "cidrIpv6", "prefixListId", "referencedSecurityGroupId"].filter((k) => r.inputs[k] !== undefined);
            if (sources.length !== 1) problems.push(`a rule names exactly one of cidrIpv4, cidrIpv6, prefixListId, referencedSecurityGroupId; has ${sources.join(", ") || "none"}`);
            const siblings = plan.ofType(r.type).filter((o) => o.inputs.securityGroupId === r.inputs.securityGroupId);
            if (siblings.length > 60) problems.push(`${siblings.length} ${r.type.includes("Ingress") ? "inbound" : "outbound"} rules on ${r.inputs.securityGroupId}; the quota is 60`);
            return problems;
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
];
