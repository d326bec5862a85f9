import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { prefixOf, subnet } from "../../components/cidr";
import { childName, limitedName } from "../../components/naming";
import type { NetworkArgs, NetworkOutputs } from "../../components/network";
import { createAuditLogs } from "./audit-logs";
import type { GcpContext } from "./context";
import { gcpHandles } from "./handles";
import type { CloudBuilder } from "../shared/bind-cloud";

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
