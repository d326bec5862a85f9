import type { PlanView, PlannedResource, Rule } from "../../shared/rules";

/** Private service access and the firewall path from compute to the data tier. */

export const FIREWALL = "gcp:compute/firewall:Firewall";
/** PostgreSQL and Memorystore with in-transit encryption. */
const DATA_PORTS = ["5432", "6378"];

/** Network tags a workload's traffic leaves with: Cloud Run direct VPC egress, GKE Autopilot nodes. */
function workloadTags(r: PlannedResource): string[] | undefined {
    if (r.type === "gcp:cloudrunv2/service:Service") {
        const nics = r.inputs.template?.vpcAccess?.networkInterfaces as any[] | undefined;
        return nics ? nics.flatMap((n) => n.tags ?? []) : undefined;
    }
    if (r.type === "gcp:container/cluster:Cluster") return (r.inputs.nodePoolAutoConfig?.networkTags?.tags ?? r.inputs.nodeConfig?.tags ?? []) as string[];
    return undefined;
}

/** Does a firewall rule apply to traffic with these tags (no target = every instance)? */
const appliesTo = (rule: PlannedResource, tags: string[]) => !rule.inputs.targetTags || (rule.inputs.targetTags as string[]).some((t) => tags.includes(t));

const allowsPort = (rule: PlannedResource, port: string) => ((rule.inputs.allows ?? []) as any[]).some((a) => a.protocol === "all" || (a.protocol === "tcp" && (!a.ports || (a.ports as string[]).some((p) => p === port || (p.includes("-") && Number(p.split("-")[0]) <= Number(port) && Number(port) <= Number(p.split("-")[1]))))));
const deniesPort = (rule: PlannedResource, port: string) => ((rule.inputs.denies ?? []) as any[]).some((d) => d.protocol === "all" || (d.protocol === "tcp" && (!d.ports || (d.ports as string[]).includes(port))));

/**
 * Egress to the data tier from a workload: for each port, the highest-precedence matching
 * egress rule (lowest priority number; deny wins a tie) must be an allow. GCP firewall
 * evaluation: https://cloud.google.com/firewall/docs/firewalls#priority_order_for_firewall_rules
 */
export function blockedDataPorts(plan: PlanView, workload: PlannedResource, tags: string[], psaRange: string): string[] {
    const rules = plan.ofType(FIREWALL).filter((f) => f.inputs.direction === "EGRESS" && ((f.inputs.destinationRanges ?? []) as string[]).some((d) => d === psaRange || d === "0.0.0.0/0") && appliesTo(f, tags));
    return DATA_PORTS.filter((port) => {
        const matching = rules.filter((f) => allowsPort(f, port) || deniesPort(f, port)).sort((a, b) => (a.inputs.priority ?? 1000) - (b.inputs.priority ?? 1000) || (deniesPort(b, port) ? 1 : 0) - (deniesPort(a, port) ? 1 : 0));
        return matching.length > 0 && deniesPort(matching[0]!, port) && !allowsPort(matching[0]!, port);
    });
}

export const gcpNetworkRules: Rule[] = [
    {
        // Workloads that use the database and cache must be able to reach them through the firewall.
        id: "gcp/firewall-path-to-data-tier",
        family: "companions",
        types: ["gcp:cloudrunv2/service:Service", "gcp:container/cluster:Cluster"],
        doc: "https://cloud.google.com/firewall/docs/firewalls#priority_order_for_firewall_rules",
        check: (r, plan) => {
            const tags = workloadTags(r);
            if (tags === undefined) return [];
            const ranges = plan.ofType("gcp:compute/globalAddress:GlobalAddress").filter((a) => a.inputs.purpose === "VPC_PEERING").map((a) => `${a.outputs.address}/${a.inputs.prefixLength}`);
            return ranges.flatMap((range) => blockedDataPorts(plan, r, tags, range).map((port) => `egress to ${range}:${port} is denied for tags [${tags.join(", ")}]: no higher-priority allow rule targets them`));
        },
    },
    {
        // Private service access: an allocated VPC_PEERING range of at least /24, peered by one connection.
        id: "gcp/private-service-access-range",
        family: "combinations",
        types: ["gcp:compute/globalAddress:GlobalAddress", "gcp:servicenetworking/connection:Connection"],
        doc: "https://cloud.google.com/vpc/docs/configure-private-services-access#allocating-range",
        check: (r, plan) => {
            if (r.type === "gcp:servicenetworking/connection:Connection") {
                return ((r.inputs.reservedPeeringRanges ?? []) as string[]).every((n) => plan.ofType("gcp:compute/globalAddress:GlobalAddress").some((a) => a.inputs.name === n && a.inputs.purpose === "VPC_PEERING")) ? [] : ["reservedPeeringRanges name a range that is not a VPC_PEERING address of this plan"];
            }
            if (r.inputs.purpose !== "VPC_PEERING") return [];
            return r.inputs.addressType === "INTERNAL" && r.inputs.prefixLength >= 8 && r.inputs.prefixLength <= 24 ? [] : [`a VPC_PEERING range is INTERNAL with prefixLength 8-24; has ${r.inputs.addressType} /${r.inputs.prefixLength}`];
        },
    },
];
