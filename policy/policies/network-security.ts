import { configures, get, phrase, PlatformPolicy, stackPolicy } from "./support";
import { T } from "./types";

/**
 * The VPC's default security group admits all traffic between its members and all egress;
 * anything launched without a group lands in it. It must be adopted with no rules. GCP and
 * Azure have no equivalent (a GCP custom VPC denies ingress by default; Azure NSG default
 * rules cannot be removed and apply only where an NSG is attached), see docs/cloud-mapping.md.
 */
export const awsVpcRequireClosedDefaultSecurityGroup = stackPolicy({
    name: "aws-vpc-require-closed-default-security-group",
    description: "Every VPC's default security group must be managed (aws.ec2.DefaultSecurityGroup) with no ingress and no egress rules.",
    area: "network-security",
    severity: "high",
    checkov: ["CKV2_AWS_12"],
    cis: ["AWS 5.4"],
    types: [T.aws.vpc],
    remediation: "add an aws.ec2.DefaultSecurityGroup { vpcId: <vpc>.id, ingress: [], egress: [] }",
    validate(ctx) {
        const groups = ctx.resources.filter((r) => r.type === T.aws.defaultSecurityGroup);
        for (const vpc of ctx.ofType(T.aws.vpc)) {
            const mine = groups.filter((g) => configures(g, vpc, "vpcId", ["id"]));
            if (mine.length === 0) {
                ctx.report(vpc, { problem: "the default security group is left open", found: phrase("no DefaultSecurityGroup for this VPC"), fix: "add an aws.ec2.DefaultSecurityGroup with ingress: [] and egress: []" });
                continue;
            }
            for (const g of mine) {
                // Omitted lists mean no rules: the provider removes every rule on adoption.
                const rules = [...((get(g.props, "ingress") ?? []) as unknown[]), ...((get(g.props, "egress") ?? []) as unknown[])];
                if (rules.length > 0) ctx.report(vpc, { problem: "the default security group has rules", found: rules, fix: "set ingress: [] and egress: [] on the DefaultSecurityGroup" });
            }
        }
    },
});

export const networkSecurityPolicies: PlatformPolicy[] = [awsVpcRequireClosedDefaultSecurityGroup];
