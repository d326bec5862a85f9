import * as gcp from "@pulumi/gcp";
import type { PlatformConfig } from "../../components/config";
import { CloudContext } from "../shared/cloud-context";

/**
 * The GCP side of one program run: the explicit providers built from config (no ambient
 * project or region) and the standard labels. Nothing is shared between components here:
 * what one hands the next travels in its handle (providers/gcp/handles.ts).
 */
export class GcpContext extends CloudContext {
    declare readonly provider: gcp.Provider;
    readonly project: string;
    readonly region: string;

    constructor(cfg: PlatformConfig) {
        if (!cfg.gcp?.project) throw new Error("internal: platform:gcp.project is validated as required for gcp");
        super("gcp", cfg, new gcp.Provider("platform-gcp", {
            project: cfg.gcp?.project,
            region: cfg.region,
            defaultLabels: { ...cfg.tags },
        }));
        this.project = cfg.gcp?.project;
        this.region = cfg.region;
    }

    /** `environment`, `app`, `managed-by` plus extra config tags; config validation holds them to GCP's label rules. */
    labels(): Record<string, string> {
        return { ...this.cfg.tags };
    }
}

/** `03:00` from an hour. */
export function hhmm(hour: number): string {
    return `${String(hour).padStart(2, "0")}:00`;
}

/** Cloud KMS rotation of the platform's keys (GKE secrets, audit logs): 90 days. */
export const KMS_KEY_ROTATION = `${90 * 24 * 3600}s`;
