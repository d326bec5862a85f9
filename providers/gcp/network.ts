import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { cidrOverlap, cidrWithin, prefixOf, subnet } from "../../components/cidr";
import { childName, limitedName } from "../../components/naming";
import type { NetworkArgs, NetworkOutputs } from "../../components/network";
import { createAuditLogs } from "./audit-logs";
import type { GcpContext } from "./context";
import { gcpHandles } from "./handles";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { EngineFacts } from "../shared/cloud-engine";
import type { Rule } from "../shared/rules";
import { HW, MM } from "./replacement";
import { FIREWALL } from "./rules/network";

/** Ports the data tier listens on: PostgreSQL, and Memorystore with in-transit encryption (6378). */
export const DATA_PORTS = { postgres: "5432", redisTls: "6378" } as const;

/** The compute subnet: the first half of the platform CIDR (GKE's ranges share the second). */
export const computeSubnetCidr = (cidr: string): string => subnet(cidr, prefixOf(cidr) + 1, 0);

/** Secondary range names GKE's IP allocation policy refers to. */
export const GKE_RANGE_NAMES = { pods: "gke-pods", services: "gke-services" } as const;

/**
 * GKE's secondary ranges inside the platform CIDR, beside the compute subnet (its first half):
 * pods get the third quarter (a /18 of a /16: 16k pod IPs), services the first sixteenth of
 * the fourth quarter (a /20 of a /16). The rest of the fourth quarter stays free.
 */
export function gkeSecondaryRanges(cidr: string): { pods: { rangeName: string; ipCidrRange: string }; services: { rangeName: string; ipCidrRange: string } } {
    const prefix = prefixOf(cidr);
    return {
        pods: { rangeName: GKE_RANGE_NAMES.pods, ipCidrRange: subnet(cidr, prefix + 2, 2) },
        services: { rangeName: GKE_RANGE_NAMES.services, ipCidrRange: subnet(cidr, prefix + 4, 12) },
    };
}

/**
 * A custom-mode VPC with one regional subnet (GCP subnets span every zone of the region, so
 * the tier's zone count is met by the regional services themselves), private service access
 * for Cloud SQL and Memorystore (private IPs only), Cloud NAT for egress, and egress firewall
 * rules that let only compute (by network tag) reach the data tier.
 *
 * There are no public subnets: the global external Application Load Balancer runs on
 * Google's edge, outside the VPC.
 */
export function createNetwork(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: NetworkArgs): NetworkOutputs {
    const { cfg } = ctx;
    const computeTag = limitedName(cfg, 63, "compute");

    const network = ctx.create(gcp.compute.Network, scope, childName(name, "vpc"), {
        name: limitedName(cfg, 63, "vpc"),
        description: `Platform network (${cfg.environment})`,
        autoCreateSubnetworks: false,
        routingMode: "REGIONAL",
        deleteDefaultRoutesOnCreate: false,
    });

    // Under the kubernetes runtime the subnet also carries GKE's pod and service ranges (an
    // in-place update when an existing stack switches runtime; managed stacks are unchanged).
    const gke = cfg.compute.runtime === "kubernetes" && !cfg.kubernetes.kubeconfig ? gkeSecondaryRanges(args.cidr) : undefined;
    const subnet = ctx.create(gcp.compute.Subnetwork, scope, childName(name, "private"), {
        name: limitedName(cfg, 63, "private"),
        description: "Compute (Cloud Run direct VPC egress); no external IPs",
        network: network.id,
        region: ctx.region,
        ipCidrRange: computeSubnetCidr(args.cidr),
        privateIpGoogleAccess: true,
        stackType: "IPV4_ONLY",
        logConfig: { aggregationInterval: "INTERVAL_5_SEC", flowSampling: 0.5, metadata: "INCLUDE_ALL_METADATA" },
        ...(gke ? { secondaryIpRanges: [gke.pods, gke.services] } : {}),
    });

    const privateRange = ctx.create(gcp.compute.GlobalAddress, scope, childName(name, "psa-range"), {
        name: limitedName(cfg, 63, "psa"),
        description: "Private service access: Cloud SQL and Memorystore private IPs",
        purpose: "VPC_PEERING",
        addressType: "INTERNAL",
        prefixLength: 20,
        network: network.id,
        labels: ctx.labels(),
    }, undefined, gke ? { dependsOn: [subnet] } : {});

    const peering = ctx.create(gcp.servicenetworking.Connection, scope, childName(name, "psa"), {
        network: network.id,
        service: "servicenetworking.googleapis.com",
        reservedPeeringRanges: [privateRange.name],
    });

    const router = ctx.create(gcp.compute.Router, scope, childName(name, "router"), {
        name: limitedName(cfg, 63, "router"),
        network: network.id,
        region: ctx.region,
    });

    ctx.create(gcp.compute.RouterNat, scope, childName(name, "nat"), {
        name: limitedName(cfg, 63, "nat"),
        router: router.name,
        region: ctx.region,
        natIpAllocateOption: "AUTO_ONLY",
        sourceSubnetworkIpRangesToNat: "ALL_SUBNETWORKS_ALL_IP_RANGES",
        enableEndpointIndependentMapping: false,
        logConfig: { enable: true, filter: "ERRORS_ONLY" },
    });

    const psaCidr = pulumi.interpolate`${privateRange.address}/${privateRange.prefixLength}`;

    // Egress rules decide who in the VPC reaches the peered data tier: compute (tagged) may
    // reach PostgreSQL and Redis; everything else is denied. Ingress is GCP's implied deny.
    ctx.create(gcp.compute.Firewall, scope, childName(name, "allow-compute-data"), {
        name: limitedName(cfg, 63, "allow-compute-data"),
        description: "Compute may reach PostgreSQL and Redis (TLS) on the private service access range",
        network: network.id,
        direction: "EGRESS",
        priority: 900,
        targetTags: [computeTag],
        destinationRanges: [psaCidr],
        allows: [{ protocol: "tcp", ports: [DATA_PORTS.postgres, DATA_PORTS.redisTls] }],
        logConfig: { metadata: "INCLUDE_ALL_METADATA" },
    });

    ctx.create(gcp.compute.Firewall, scope, childName(name, "deny-data"), {
        name: limitedName(cfg, 63, "deny-data"),
        description: "Nothing else in the network reaches the data tier",
        network: network.id,
        direction: "EGRESS",
        priority: 1000,
        destinationRanges: [psaCidr],
        denies: [{ protocol: "all" }],
        logConfig: { metadata: "INCLUDE_ALL_METADATA" },
    });

    createAuditLogs(ctx, scope, name);

    return {
        networkId: network.selfLink,
        privateSubnetIds: pulumi.output([subnet.selfLink]),
        publicSubnetIds: pulumi.output([] as string[]),
        handle: gcpHandles.wrap("network", { network, subnet, privateRange, peering, computeTag }),
    };
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/gcp/index.ts. */
export const builder: CloudBuilder<GcpContext, "network"> = createNetwork;

/** What this component hands to the components built on it (providers/gcp/handles.ts). */
declare module "./handles" {
    interface GcpHandles {
        network: {
            network: gcp.compute.Network;
            subnet: gcp.compute.Subnetwork;
            /** Private service access range and its peering: Cloud SQL and Memorystore live there. */
            privateRange: gcp.compute.GlobalAddress;
            peering: gcp.servicenetworking.Connection;
            /** Network tag that Cloud Run's direct VPC egress carries; the firewall admits only it to the data tier. */
            computeTag: string;
        };
    }
}

/*
 * The offline engine's facts of the GCP types only the network creates (npm run diff and the deploy-rule specs read them):
 * providers/gcp/engine.ts merges them with the facts of the types several components create.
 */

const networkRules: Rule[] = [
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

export const engineFacts: EngineFacts = {
    replacement: {
        "gcp:compute/firewall:Firewall": {
            source: `${MM}compute/Firewall.yaml (name, network, direction immutable)`,
            replace: ["name", "network", "project", "direction"],
            update: ["allows", "denies", "description", "destinationRanges", "logConfig", "priority", "sourceRanges", "sourceTags", "targetTags", "targetServiceAccounts",
                "sourceServiceAccounts", "disabled"],
        },
        "gcp:compute/network:Network": {
            source: `${MM}compute/Network.yaml`,
            replace: ["name", "autoCreateSubnetworks", "description", "project", "enableUlaInternalIpv6", "internalIpv6Range", "networkProfile"],
            update: ["deleteDefaultRoutesOnCreate", "routingMode", "mtu", "networkFirewallPolicyEnforcementOrder", "bgpBestPathSelectionMode", "bgpAlwaysCompareMed",
                "bgpInterRegionCost"],
        },
        "gcp:compute/router:Router": {
            source: `${MM}compute/Router.yaml`,
            replace: ["name", "network", "region", "project", "encryptedInterconnectRouter"],
            update: ["bgp", "description"],
        },
        "gcp:compute/routerNat:RouterNat": {
            source: `${MM}compute/RouterNat.yaml`,
            replace: ["name", "router", "region", "project", "type"],
            update: ["enableEndpointIndependentMapping", "logConfig", "natIpAllocateOption", "sourceSubnetworkIpRangesToNat", "natIps", "drainNatIps", "subnetworks",
                "minPortsPerVm", "maxPortsPerVm", "enableDynamicPortAllocation", "udpIdleTimeoutSec", "icmpIdleTimeoutSec", "tcpEstablishedIdleTimeoutSec",
                "tcpTransitoryIdleTimeoutSec", "tcpTimeWaitTimeoutSec", "rules", "autoNetworkTier"],
        },
        "gcp:compute/subnetwork:Subnetwork": {
            source: `${MM}compute/Subnetwork.yaml`,
            replace: ["name", "network", "region", "project", "purpose", "ipv6AccessType", "reservedInternalRange", "ipCollection"],
            update: ["description", "logConfig", "privateIpGoogleAccess", "secondaryIpRanges", "stackType", "privateIpv6GoogleAccess", "sendSecondaryIpRangeIfEmpty", "role"],
            // Expanding the range is in place; any other change forces a new subnetwork (CustomizeDiff).
            undecided: ["ipCidrRange"],
        },
        "gcp:servicenetworking/connection:Connection": {
            source: `${HW}servicenetworking/resource_service_networking_connection.go`,
            replace: ["network", "service"],
            update: ["reservedPeeringRanges", "deletionPolicy", "updateOnCreationFail"],
        },
    },
    rules: networkRules,
};
