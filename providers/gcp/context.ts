import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { PlatformConfig } from "../../components/config";
import type { TierProfile } from "../../components/config/tiers";
import { applyTransform, Transform } from "../../components/transform";

type Ctor<TArgs, R> = new (name: string, args: TArgs, opts?: pulumi.CustomResourceOptions) => R;

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
    cache?: { instance: gcp.redis.Instance };
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
export class GcpContext {
    readonly provider: gcp.Provider;
    readonly randomProvider: random.Provider;
    readonly project: string;
    readonly region: string;
    readonly state: GcpState = { secretValues: [] };

    constructor(readonly cfg: PlatformConfig) {
        if (!cfg.gcpProject) throw new Error("internal: platform:gcp.project is validated as required for gcp");
        this.project = cfg.gcpProject;
        this.region = cfg.region;
        this.provider = new gcp.Provider("platform-gcp", {
            project: this.project,
            region: this.region,
            defaultLabels: { ...cfg.tags },
        });
        this.randomProvider = new random.Provider("platform-random", {});
    }

    /** `environment`, `app`, `managed-by` plus extra config tags; config validation holds them to GCP's label rules. */
    labels(): Record<string, string> {
        return { ...this.cfg.tags };
    }

    /** Creates one GCP child: parented to its component, on the explicit provider, with the per-child transform applied last. */
    create<TArgs extends object, R>(
        ctor: Ctor<TArgs, R>,
        scope: pulumi.ComponentResource,
        name: string,
        args: TArgs,
        transform?: Transform<TArgs>,
        opts: pulumi.CustomResourceOptions = {},
    ): R {
        const [finalArgs, finalOpts] = applyTransform<TArgs, pulumi.CustomResourceOptions>(
            args,
            { ...opts, parent: scope, provider: this.provider },
            transform,
        );
        return new ctor(name, finalArgs, finalOpts);
    }

    /** @pulumi/random children, on the explicit random provider. */
    createRandom<TArgs extends object, R>(ctor: Ctor<TArgs, R>, scope: pulumi.ComponentResource, name: string, args: TArgs, opts: pulumi.CustomResourceOptions = {}): R {
        return new ctor(name, args, { ...opts, parent: scope, provider: this.randomProvider });
    }

    require<K extends keyof GcpState>(key: K, by: string): NonNullable<GcpState[K]> {
        const value = this.state[key];
        if (value === undefined) throw new Error(`internal: gcp ${by} needs ${String(key)}, which the Platform creates first`);
        return value as NonNullable<GcpState[K]>;
    }
}

/**
 * GCP label keys and values: lowercase letters, digits, `_` and `-`, at most 63 characters.
 * The standard labels already comply (config validates app names); extra config tags are
 * folded into the allowed alphabet rather than rejected at deploy time.
 */

/** `03:00` from an hour. */
export function hhmm(hour: number): string {
    return `${String(hour).padStart(2, "0")}:00`;
}
