import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../../components/config";
import type { TierProfile } from "../../components/config/tiers";
import { CloudContext } from "../shared/cloud-context";

/** Handles later components need from earlier ones (the Platform calls the cloud in order). */
export interface GcpState {
    network?: {
        network: gcp.compute.Network;
        subnet: gcp.compute.Subnetwork;
        /** Private service access range and its peering: Cloud SQL and Memorystore live there. */
        privateRange: gcp.compute.GlobalAddress;
        peering: gcp.servicenetworking.Connection;
        /** Network tag that Cloud Run's direct VPC egress carries; the firewall admits only it to the data tier. */
        computeTag: string;
    };
    database?: { instance: gcp.sql.DatabaseInstance; name: string; maxConnections: number };
    cache?: { instance: gcp.redis.Instance; name: string };
    loadBalancer?: { urlMapName: string; health: TierProfile["loadBalancer"]["health"] };
    /**
     * The values behind the platform's Secret Manager secrets (database password, Redis AUTH
     * string), kept as Pulumi secrets so the kubernetes runtime can build its Kubernetes
     * Secrets without reading them back from Secret Manager.
     */
    secretValues: Array<{ id: pulumi.Output<string>; value: pulumi.Output<string> }>;
    /** The GKE side of `compute.runtime: kubernetes`. */
    kubernetes?: { clusterName?: pulumi.Output<string>; namespace?: string };
}

/**
 * The GCP side of one program run: the explicit providers built from config (no ambient
 * project or region), the standard labels, and the handles shared between components.
 */
export class GcpContext extends CloudContext<GcpState> {
    declare readonly provider: gcp.Provider;
    readonly project: string;
    readonly region: string;

    constructor(cfg: PlatformConfig) {
        if (!cfg.gcpProject) throw new Error("internal: platform:gcp.project is validated as required for gcp");
        super("gcp", cfg, new gcp.Provider("platform-gcp", {
            project: cfg.gcpProject,
            region: cfg.region,
            defaultLabels: { ...cfg.tags },
        }), { secretValues: [] });
        this.project = cfg.gcpProject;
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
