import { AWS_DATABASE_EXTENSIONS } from "./database-extensions";
import { z } from "../../components/config/zod";
import type { CloudPlugin } from "../../components/config/cloud-plugin";
import { AWS_DISASTER_RECOVERY, awsConfigProblems } from "./config-rules";
import { AWS_LOAD_BALANCER_LIMITS } from "./load-balancer-limits";
import { AWS_REGIONS } from "./regions";

/** What the rest of the program knows about AWS (plain data: loads no SDK). */
export const awsPlugin = {
    name: "aws",
    article: "an AWS",
    sdkPackages: ["@pulumi/aws"],
    regions: AWS_REGIONS,
    regionKey: "region",
    defaultRegion: "us-west-2",
    /** Its rows of the README configuration reference. */
    referenceRows: [
        { label: "`aws.region`", keys: ["aws.region"], allowed: "an AWS region (`providers/aws/regions.ts`, the AWS provider's list)", defaults: { production: "`us-west-2`", staging: "`us-west-2`" }, change: "replaces everything" },
    ],
    loadBalancerLimits: AWS_LOAD_BALANCER_LIMITS,
    configSchema: (kit) => z.strictObject({
        region: kit.region.optional(),
    }),
    providerConfigKeys: { "aws:region": "region" },
    databaseExtensions: AWS_DATABASE_EXTENSIONS,
    workloadIdentityEndpoints: [],
    // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.DBAccounts.html#UsingWithRDS.IAMDBAuth.DBAccounts.PostgreSQL
    createDatabaseLogin: (login) => [`CREATE ROLE ${login.quoted} LOGIN;`, `GRANT rds_iam TO ${login.quoted};`],
    databaseService: "RDS",
    cacheService: "ElastiCache",
    cacheKeySlots: false,
    internalReleaseCandidates: false,
    stackInitKeys: {},
    disasterRecovery: AWS_DISASTER_RECOVERY,
    configProblems: (_section, cfg) => awsConfigProblems(cfg),
    platformEnv: [],
} as const satisfies CloudPlugin<"aws">;
