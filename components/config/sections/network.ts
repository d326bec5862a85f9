import { z } from "../zod";
import { cidrHostBitsProblem, cidrPrefixProblem } from "../value-rules";
import { valueRule } from "../schema-values";
import { defineSection, perTier } from "./section";

/** `platform:network`: the platform network every component lives in. */
export interface NetworkConfig {
    /** Availability zones used for private (data, compute) and public (load balancer) subnets. @default production: 3, staging: 2 */
    zones: number;
    /** Address space of the platform network. @default production: 10.0.0.0/16, staging: 10.1.0.0/16. Changing it replaces the network and everything in it. */
    cidr: string;
}

export const networkSection = defineSection({
    key: "network",
    shape: {
        network: z.strictObject({
            cidr: z.string().max(18).pipe(z.cidrv4({ error: "an IPv4 CIDR block such as 10.0.0.0/16" })).pipe(z.string().check(valueRule(cidrHostBitsProblem))).optional(),
            zones: z.number().int().min(1).max(3).optional(),
        }).optional(),
    },
    tiers: perTier<NetworkConfig>({
        production: { zones: 3, cidr: "10.0.0.0/16" },
        staging: { zones: 2, cidr: "10.1.0.0/16" },
    }),
    resolve: ({ raw, tier }): NetworkConfig => ({ ...tier, ...raw.network }),
    rules: {
        productionZones({ environment, value, add }) {
            if (environment === "production" && value.zones < 2) add("network.zones", value.zones, "2 or 3 in production (high availability needs at least two zones)");
        },
        cidrPrefix({ value, add }) {
            const problem = cidrPrefixProblem(value.cidr);
            if (problem) add("network.cidr", value.cidr, problem);
        },
    },
    reference: [
        { label: "`network.cidr`", keys: ["network.cidr"], allowed: "IPv4 network address (no host bits: `10.0.0.0/16`, not `10.0.3.7/16`), prefix /16–/20", defaults: "tier", change: "**replaces the network and all that is in it**" },
        { label: "`network.zones`", keys: ["network.zones"], note: "≥ 2 in production and on AWS: an ALB and an RDS subnet group need two AZs; ≥ 2 whenever `database.highAvailability` or `cache.nodes` > 1 needs a standby zone", defaults: "tier", change: "adds/removes subnets" },
    ],
});
