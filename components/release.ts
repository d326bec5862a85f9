import type { ReleaseStrategy } from "./config/tiers";

/** The revision serving today, as the runtime reports it (Cloud Run service, Container App). */
export interface LiveRevision {
    revision: string;
    image: string;
}

/** How traffic is split between the revision this deploy creates (the candidate) and the one serving today. */
export interface TrafficSplit {
    candidatePercent: number;
    stable?: { revision: string; percent: number };
}

/** The tags (Cloud Run) / labels (Container Apps) the two revisions carry: each gets its own URL for smoke tests. */
export const REVISION_TAGS = { candidate: "candidate", stable: "stable" } as const;

/**
 * The traffic split of a revision-based runtime (Cloud Run, Container Apps) for one deploy:
 * - rolling, a first deploy, or an image already serving (the promoting second `pulumi up`
 *   after the bake): all traffic to the latest revision;
 * - canary: `percent` to the new revision, the rest to the one serving today;
 * - blueGreen: the new revision gets no traffic (only its tagged URL) until promoted.
 * Only a new image starts a canary: a config-only change rolls out directly.
 */
export function trafficSplit(release: ReleaseStrategy, image: string, live: LiveRevision | undefined): TrafficSplit {
    if (release.strategy === "rolling" || !live || !live.revision || live.image === image) return { candidatePercent: 100 };
    const candidatePercent = release.strategy === "canary" ? release.percent : 0;
    return { candidatePercent, stable: { revision: live.revision, percent: 100 - candidatePercent } };
}
