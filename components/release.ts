import type { ReleasePhase, ReleaseStrategyName } from "./config/schema";
import type { ReleaseStrategy } from "./config/tiers";

/**
 * What the runtime reports about a revision-based service (Cloud Run service, Container App)
 * before this update: its newest ready revision and image, and the revision tagged `stable`
 * while it still carries traffic, which means a canary / blue-green release is in progress.
 */
export interface LiveRevisions {
    latestRevision: string;
    latestImage: string;
    stableRevision?: string;
}

/** How traffic is split between the revision this deploy creates (the candidate) and the one serving before it. */
export interface TrafficSplit {
    candidatePercent: number;
    stable?: { revision: string; percent: number };
}

/** The tags (Cloud Run) / labels (Container Apps) the two revisions carry: each gets its own URL for smoke tests. */
export const REVISION_TAGS = { candidate: "candidate", stable: "stable" } as const;

/**
 * The traffic split of a revision-based runtime (Cloud Run, Container Apps) for one update,
 * from the release strategy, its phase (`platform:compute.releasePhase`) and the live service:
 * - rolling, or a first deploy: all traffic to the latest revision;
 * - deploy: a release in progress (a `stable` revision still serving) keeps its split, so a
 *   re-run bakes again instead of promoting; otherwise only a new image starts one (canary:
 *   `percent` to the new revision; blueGreen: none, only its tagged URL), with the revision
 *   serving today as `stable`. A config-only change rolls out directly;
 * - promote: all traffic to the latest revision (the `stable` tag goes with it);
 * - rollback: all traffic back to the `stable` revision, the candidate kept at 0 % on its
 *   tagged URL for inspection; with no release in progress there is nothing to move back to.
 */
export function trafficSplit(release: ReleaseStrategy, image: string, live: LiveRevisions | undefined): TrafficSplit {
    const all: TrafficSplit = { candidatePercent: 100 };
    if (release.strategy === "rolling" || !live || !live.latestRevision) return all;
    const phase = release.phase ?? "deploy";
    if (phase === "promote") return all;
    if (phase === "rollback") return live.stableRevision ? { candidatePercent: 0, stable: { revision: live.stableRevision, percent: 100 } } : all;
    const stable = live.stableRevision ?? (live.latestImage !== image ? live.latestRevision : undefined);
    if (!stable) return all;
    const candidatePercent = release.strategy === "canary" ? release.percent : 0;
    return { candidatePercent, stable: { revision: stable, percent: 100 - candidatePercent } };
}

/** The revision tagged/labelled `stable` that still carries traffic, from the live traffic targets. */
export function stableRevisionOf(targets: ReadonlyArray<{ tag?: string; revision?: string; percent?: number }> | undefined): string | undefined {
    const t = targets?.find((x) => x.tag === REVISION_TAGS.stable && (x.percent ?? 0) > 0 && x.revision);
    return t?.revision || undefined;
}

/**
 * How the deploy workflow gates one service's release (stack output `releases.<service>`,
 * read by tools/ci/release.ts):
 * - `traffic` (Cloud Run, Container Apps): smoke-test `candidateUrl`, bake under the stack's
 *   critical alerts, then a second `pulumi up` with `compute.releasePhase` promote or rollback;
 * - `native` (ECS): ECS shifts traffic, bakes and rolls back on its deployment alarms itself;
 * - `rollout` (Kubernetes Deployments): `kubectl rollout status`, then `kubectl rollout undo`
 *   when the rollout or the bake fails.
 */
export interface ReleaseStatus {
    strategy: ReleaseStrategyName;
    bakeMinutes: number;
    gate: "traffic" | "native" | "rollout";
    /** traffic: the phase this update applied and the split it left. */
    phase?: ReleasePhase;
    /** traffic: true while the split is open (a candidate beside a stable revision): the workflow must promote or roll back. */
    inProgress?: boolean;
    candidatePercent?: number;
    stableRevision?: string;
    /** traffic: the candidate's own URL (Cloud Run tag URL, Container Apps revision FQDN). */
    candidateUrl?: string;
    /** traffic: the path the smoke test GETs on the candidate. */
    healthPath?: string;
    /** rollout: the Deployment to watch and undo. */
    deployment?: { namespace: string; name: string };
}

/** The release status of a revision-runtime service after this update's split. */
export function trafficReleaseStatus(release: ReleaseStrategy, split: TrafficSplit, candidateUrl: string | undefined, healthPath: string): ReleaseStatus {
    return {
        strategy: release.strategy,
        bakeMinutes: release.bakeMinutes,
        gate: "traffic",
        phase: release.phase ?? "deploy",
        inProgress: split.stable !== undefined,
        candidatePercent: split.candidatePercent,
        ...(split.stable ? { stableRevision: split.stable.revision } : {}),
        ...(candidateUrl ? { candidateUrl } : {}),
        healthPath,
    };
}
