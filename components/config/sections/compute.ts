import { z } from "../zod";
import { percent, RELEASE_PHASES, releaseSchema, ReleaseStrategy, replicas, RUNTIMES, sizeSchema, type Runtime, type Size } from "../schema-values";
import { defineSection, perTier } from "./section";

/** `platform:compute`: the services' runtime, sizes, scaling, logs and default release. */
export interface ComputeTier {
    size: Size;
    minReplicas: number;
    maxReplicas: number;
    /** Target CPU utilisation for scaling. @default 70 */
    cpuTargetPercent: number;
    /** Target memory utilisation where the runtime supports it. @default 80 */
    memoryTargetPercent: number;
    /** @default 300 */
    scaleOutCooldownSeconds: number;
    /** @default 600 */
    scaleInCooldownSeconds: number;
    /** Days of application logs. @default production: 30, staging: 14 */
    logRetentionDays: number;
    /** Release strategy of HTTP services unless a service sets its own. */
    release: ReleaseStrategy;
}

export type ComputeConfig = ComputeTier & { runtime: Runtime };

/** Today's behaviour: replace tasks a few at a time, rolled back by the runtime's health gates. */
const rolling = { strategy: "rolling" as const, percent: 10, bakeMinutes: 10 };
const scaling = { cpuTargetPercent: 70, memoryTargetPercent: 80, scaleOutCooldownSeconds: 300, scaleInCooldownSeconds: 600 };

/** min ≤ max and max ≥ 1, for `compute` and for a service that sets its own replicas. */
export function checkReplicas(key: string, min: number, max: number, add: (k: string, v: unknown, a: string) => void): void {
    if (max < 1) add(`${key}.maxReplicas`, max, "at least 1");
    if (min > max) add(`${key}.minReplicas`, min, `at most ${key}.maxReplicas (${max})`);
}

/** A release's `percent` is the canary's share: only with strategy canary. */
export function checkReleasePercent(key: string, release: { strategy: string; percent?: number } | undefined, add: (k: string, v: unknown, a: string) => void): void {
    if (release?.percent !== undefined && release.strategy !== "canary") add(`${key}.percent`, release.percent, "only with strategy canary (the canary's share of traffic)");
}

export const computeSection = defineSection({
    key: "compute",
    shape: {
        compute: z.strictObject({
            runtime: z.enum(RUNTIMES).optional(),
            size: sizeSchema.optional(),
            minReplicas: replicas.optional(),
            maxReplicas: replicas.optional(),
            cpuTargetPercent: percent.optional(),
            memoryTargetPercent: percent.optional(),
            scaleOutCooldownSeconds: z.number().int().min(0).max(3600).optional(),
            scaleInCooldownSeconds: z.number().int().min(0).max(3600).optional(),
            /** Default release strategy of the services that take HTTP traffic. */
            release: releaseSchema.optional(),
            /** Phase of the release in progress (set by the deploy workflow, never committed). @default deploy */
            releasePhase: z.enum(RELEASE_PHASES).optional(),
            logRetentionDays: z.union([z.literal(7), z.literal(14), z.literal(30), z.literal(60), z.literal(90), z.literal(180), z.literal(365)], {
                error: "one of 7, 14, 30, 60, 90, 180, 365",
            }).optional(),
        }).optional(),
    },
    tiers: perTier<ComputeTier>({
        production: { size: "medium", minReplicas: 3, maxReplicas: 20, ...scaling, logRetentionDays: 30, release: rolling },
        staging: { size: "small", minReplicas: 1, maxReplicas: 3, ...scaling, logRetentionDays: 14, release: rolling },
    }),
    resolve: ({ raw, tier }): ComputeConfig => ({ ...tier, ...raw.compute, release: { ...tier.release, ...raw.compute?.release }, runtime: raw.compute?.runtime ?? "managed" }),
    rules: {
        replicas({ value, add }) {
            checkReplicas("compute", value.minReplicas, value.maxReplicas, add);
        },
        releasePercent({ raw, add }) {
            checkReleasePercent("compute.release", raw.compute?.release, add);
        },
    },
    reference: [
        { label: "`compute.runtime`", keys: ["compute.runtime"], defaults: { production: "`managed`", staging: "`managed`" }, change: "moves every service (see \"Compute runtimes\")" },
        { label: "`compute.size`", keys: ["compute.size"], defaults: "tier", change: "new revision" },
        { label: "`compute.minReplicas` / `maxReplicas`", keys: ["compute.minReplicas", "compute.maxReplicas"], note: ", min ≤ max", defaults: "tier", change: "in place" },
        { label: "`compute.cpuTargetPercent` / `memoryTargetPercent`", keys: ["compute.cpuTargetPercent", "compute.memoryTargetPercent"], defaults: "tier", change: "in place" },
        { label: "`compute.scaleOutCooldownSeconds` / `scaleInCooldownSeconds`", keys: ["compute.scaleOutCooldownSeconds", "compute.scaleInCooldownSeconds"], defaults: "tier", change: "in place" },
        { label: "`compute.logRetentionDays`", keys: ["compute.logRetentionDays"], defaults: "tier", change: "in place" },
        { label: "`compute.release.strategy`", keys: ["compute.release.strategy"], note: "see [Releases](#releases); applies to services with `http`", defaults: "tier", change: "in place, from the next revision" },
        { label: "`compute.release.percent`", keys: ["compute.release.percent"], note: ", canary's share of traffic (canary only)", defaults: "tier", change: "in place" },
        { label: "`compute.release.bakeMinutes`", keys: ["compute.release.bakeMinutes"], note: ", minutes under alarms before all traffic moves / the old revision goes", defaults: "tier", change: "in place" },
        { label: "`compute.releasePhase`", keys: ["compute.releasePhase"], note: ": where a Cloud Run / Container Apps release stands (see [Releases](#releases)); set per `pulumi up` by the deploy workflow (`PLATFORM_RELEASE_PHASE`), never committed", defaults: { production: "`deploy`", staging: "`deploy`" }, change: "in place (traffic only)" },
    ],
});
