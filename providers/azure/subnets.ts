import { cidrOverlap, prefixOf, subnet } from "../../components/cidr";

/*
 * The VNet's address plan: the platform subnets, the AKS node subnet, the ingress
 * controller's fixed address in it and the cluster's overlay CIDRs. Pure CIDR math, shared by
 * the network (which creates the subnets) and the AKS cluster and ingress.
 */

/** The `index`-th `/prefix` block of a VNet; the layout below fits the /16 to /20 that config validation allows. */
function vnetBlock(vnetCidr: string, prefix: number, index: number): string {
    const vnetPrefix = prefixOf(vnetCidr);
    if (!(vnetPrefix >= 16 && vnetPrefix <= 20)) throw new Error(`internal: VNet CIDR ${vnetCidr} must be a /16 to /20 (config validation allows nothing else)`);
    return subnet(vnetCidr, prefix, index);
}

/**
 * Carves the platform subnets out of the VNet's address space, the same offsets for every
 * size so a wider VNet never moves one: compute /23 (the Container Apps minimum for a
 * zone-redundant environment), then one /24 each (#2, #3, #4) for the Application Gateway,
 * the PostgreSQL delegation and the private endpoints.
 */
export function subnetLayout(cidr: string): { compute: string; gateway: string; database: string; endpoints: string } {
    return { compute: vnetBlock(cidr, 23, 0), gateway: vnetBlock(cidr, 24, 2), database: vnetBlock(cidr, 24, 3), endpoints: vnetBlock(cidr, 24, 4) };
}

/**
 * The AKS node subnet (kubernetes runtime): the third /22 (from /24 #8, after the fixed
 * subnets, so it fits a /20 VNet), room for ~1000 nodes. Pods do not use it: Azure CNI
 * overlay gives them addresses from the cluster's pod CIDR (see `clusterCidrs`).
 */
export const aksSubnetCidr = (cidr: string): string => vnetBlock(cidr, 22, 2);

/**
 * The fixed private address of the AKS ingress controller's internal load balancer (kubernetes
 * runtime): the last usable address of the node subnet (Azure reserves the subnet's last one),
 * far from the node addresses AKS hands out from the bottom. The Application Gateway's backend
 * pool points at it.
 */
export function ingressInternalAddress(vnetCidr: string): string {
    const node = aksSubnetCidr(vnetCidr);
    // The /31 at the top of the node subnet holds the last usable address and the reserved last one.
    return subnet(node, 31, 2 ** (31 - prefixOf(node)) - 1).split("/")[0]!;
}

/** Candidate (pod, service) CIDR pairs for AKS, first the AKS defaults' neighbourhood. */
const CLUSTER_CIDR_CANDIDATES = [
    { podCidr: "10.244.0.0/16", serviceCidr: "10.245.0.0/16", dnsServiceIP: "10.245.0.10" },
    { podCidr: "172.30.0.0/16", serviceCidr: "172.31.0.0/16", dnsServiceIP: "172.31.0.10" },
    { podCidr: "192.168.0.0/17", serviceCidr: "192.168.128.0/17", dnsServiceIP: "192.168.128.10" },
] as const;

/**
 * Overlay pod CIDR and service CIDR for AKS that overlap neither the VNet nor each other
 * (AKS rejects overlaps, and AKS's default service CIDR 10.0.0.0/16 would collide with a
 * 10.0.0.0/16 VNet). Changing them replaces the cluster.
 */
export function clusterCidrs(vnetCidr: string): { podCidr: string; serviceCidr: string; dnsServiceIP: string } {
    const pick = CLUSTER_CIDR_CANDIDATES.find((c) => !cidrOverlap(c.podCidr, vnetCidr) && !cidrOverlap(c.serviceCidr, vnetCidr));
    if (!pick) throw new Error(`internal: no AKS pod/service CIDR pair avoids the VNet ${vnetCidr}`);
    return { ...pick };
}
