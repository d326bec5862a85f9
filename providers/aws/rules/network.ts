import type { Rule } from "../../shared/rules";

/** Security group rules (the Network's groups and the cluster's): ports and quotas. */

export const awsNetworkRules: Rule[] = [
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
];
