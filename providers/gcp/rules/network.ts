import { cidrOverlap, cidrWithin, prefixOf } from "../../../components/cidr";
import type { PlanView, PlannedResource, Rule } from "../../shared/rules";

/** VPC, subnets, private service access, Cloud NAT and the firewall path from compute to the data tier. */

const FIREWALL = "gcp:compute/firewall:Firewall";
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
        // Priority 0-65535; exactly one of allows/denies; egress rules take destination ranges, ingress source ranges/tags.
        id: "gcp/firewall-shape",
        family: "combinations",
        types: [FIREWALL],
        doc: "https://cloud.google.com/firewall/docs/firewalls#firewall_rule_components",
        check: (r) => {
            const i = r.inputs;
            const problems: string[] = [];
            if (i.priority !== undefined && (i.priority < 0 || i.priority > 65535)) problems.push(`priority ${i.priority}: allowed 0-65535`);
            if (!!i.allows === !!i.denies) problems.push("exactly one of allows and denies");
            if (i.direction === "EGRESS" && (i.sourceRanges || i.sourceTags)) problems.push("an EGRESS rule takes destinationRanges, not sources");
            if (i.direction === "INGRESS" && i.destinationRanges && !i.sourceRanges) problems.push("an INGRESS rule needs sourceRanges or sourceTags");
            for (const t of (i.targetTags ?? []) as string[]) if (!/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(t)) problems.push(`target tag ${t} is not an RFC 1035 name of <= 63 characters`);
            return problems;
        },
    },
    {
        // Subnet primary range /8-/29, secondary ranges inside RFC 1918 space and not overlapping the primary or each other.
        id: "gcp/subnet-ranges",
        family: "combinations",
        types: ["gcp:compute/subnetwork:Subnetwork", "gcp:compute/network:Network"],
        doc: "https://cloud.google.com/vpc/docs/subnets#valid-ranges",
        check: (r) => {
            if (r.type === "gcp:compute/network:Network") return r.inputs.autoCreateSubnetworks === false || !r.inputs.routingMode ? [] : ["a custom-mode VPC needs autoCreateSubnetworks false"];
            const primary = String(r.inputs.ipCidrRange);
            const problems: string[] = [];
            const p = prefixOf(primary);
            if (!(p >= 8 && p <= 29)) problems.push(`ipCidrRange ${primary}: /8 to /29`);
            const secondary = ((r.inputs.secondaryIpRanges ?? []) as any[]).map((s) => String(s.ipCidrRange));
            secondary.forEach((s, i) => {
                if (cidrOverlap(s, primary)) problems.push(`secondary range ${s} overlaps the primary ${primary}`);
                if (secondary.some((o, j) => j > i && cidrOverlap(o, s))) problems.push(`secondary range ${s} overlaps another`);
                if (!["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"].some((b) => cidrWithin(s, b))) problems.push(`secondary range ${s} is outside private address space`);
            });
            if (secondary.length > 30) problems.push(`${secondary.length} secondary ranges; at most 30`);
            return problems;
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
    {
        // Cloud NAT runs on a Cloud Router of the same region and network.
        id: "gcp/cloud-nat-router",
        family: "companions",
        types: ["gcp:compute/routerNat:RouterNat", "gcp:compute/router:Router"],
        doc: "https://cloud.google.com/nat/docs/set-up-manage-network-address-translation",
        check: (r, plan) => {
            if (r.type === "gcp:compute/router:Router") return r.inputs.region && r.inputs.network ? [] : ["a Cloud Router needs a region and a network"];
            const router = plan.ofType("gcp:compute/router:Router").find((x) => x.inputs.name === r.inputs.router);
            return router && router.inputs.region === r.inputs.region ? [] : [`router ${r.inputs.router} is not a router of this plan in ${r.inputs.region}`];
        },
    },
];
