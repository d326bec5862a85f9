import * as pulumi from "@pulumi/pulumi";
import { Cache } from "./cache";
import type { CloudImplementation, KubernetesRuntimeModule } from "./cloud";
import { ComputeService } from "./compute-service";
import { disasterRecoverySummary, PlatformConfig } from "./config";
import { Database } from "./database";
import { Job } from "./job";
import { KubernetesCluster } from "./kubernetes-cluster";
import { LoadBalancer } from "./load-balancer";
import { Monitoring } from "./monitoring";
import { Network } from "./network";
import { ObjectStore } from "./object-store";
import type { CacheTransforms, ComputeServiceTransforms, DatabaseTransforms, LoadBalancerTransforms, ObjectStoreTransforms } from "./transforms";

/** Code-level options a team embedding the Platform may pass (not expressible in stack config). */
export interface PlatformOptions {
    transforms?: {
        database?: DatabaseTransforms;
        cache?: CacheTransforms;
        objectStore?: ObjectStoreTransforms;
        loadBalancer?: LoadBalancerTransforms;
        /** Applied to every ComputeService. */
        computeService?: ComputeServiceTransforms;
    };
}

/**
 * The composition: network, then the data tier, then the load balancer (so its routes
 * exist before services join them), then one ComputeService per configured service bound
 * to the data tier through secret references, then the alerts over all of it.
 */
export class Platform {
    readonly network: Network;
    readonly database: Database;
    readonly cache: Cache;
    readonly objectStore: ObjectStore;
    readonly loadBalancer: LoadBalancer;
    readonly services: Record<string, ComputeService> = {};
    readonly jobs: Record<string, Job> = {};
    readonly monitoring: Monitoring;
    /** Present under `compute.runtime: kubernetes`. */
    readonly kubernetesCluster?: KubernetesCluster;

    /**
     * @param kubernetesRuntime the workloads module (providers/kubernetes), passed in only for
     * `compute.runtime: kubernetes` so managed stacks never load @pulumi/kubernetes.
     */
    constructor(readonly config: PlatformConfig, managedCloud: CloudImplementation, options: PlatformOptions = {}, kubernetesRuntime?: KubernetesRuntimeModule) {
        const t = options.transforms ?? {};
        const cfg = config;
        let cloud = managedCloud;

        this.network = new Network("network", { cidr: cfg.network.cidr, zones: cfg.network.zones }, cloud);

        if (cfg.compute.runtime === "kubernetes") {
            if (!kubernetesRuntime) throw new Error("internal: compute.runtime is kubernetes but no kubernetes runtime was loaded");
            this.kubernetesCluster = new KubernetesCluster("kubernetes-cluster", {
                ...cfg.kubernetes,
                zones: cfg.network.zones,
                existingKubeconfig: cfg.kubernetes.kubeconfig,
                network: this.network,
            }, cloud, { dependsOn: [this.network] });
            // Same components, same type tokens: only the LoadBalancer's and ComputeServices' children change.
            cloud = { ...managedCloud, ...kubernetesRuntime.createKubernetesRuntime(managedCloud, cfg, this.kubernetesCluster) };
        }

        this.database = new Database("database", {
            size: cfg.database.size,
            storageGb: cfg.database.storageGb,
            backupRetentionDays: cfg.database.backupRetentionDays,
            pointInTimeRecovery: cfg.database.pointInTimeRecovery,
            highAvailability: cfg.database.highAvailability,
            deletionProtection: cfg.database.deletionProtection,
            finalSnapshot: cfg.database.finalSnapshot,
            backupWindow: cfg.database.backupWindow,
            maintenanceWindow: cfg.database.maintenanceWindow,
            databaseName: cfg.database.name,
            protect: cfg.protect,
            copyRegion: cfg.dr.crossRegionCopies ? cfg.dr.copyRegion : undefined,
            restore: cfg.database.restore,
            network: this.network,
            transform: t.database,
        }, cloud, { dependsOn: [this.network] });

        this.cache = new Cache("cache", {
            size: cfg.cache.size,
            nodes: cfg.cache.nodes,
            automaticFailover: cfg.cache.automaticFailover,
            snapshotRetentionDays: cfg.cache.snapshotRetentionDays,
            persistence: cfg.cache.persistence,
            protect: cfg.protect,
            network: this.network,
            transform: t.cache,
        }, cloud, { dependsOn: [this.network] });

        this.objectStore = new ObjectStore("object-store", {
            ...cfg.objectStore,
            protect: cfg.protect,
            copyRegion: cfg.dr.crossRegionCopies ? cfg.dr.copyRegion : undefined,
            network: this.network,
            transform: t.objectStore,
        }, cloud);

        this.loadBalancer = new LoadBalancer("load-balancer", {
            domain: cfg.loadBalancer.domain,
            routes: cfg.services.filter((s) => s.http).map((s) => ({
                service: s.name,
                port: s.port,
                pathPrefix: s.http?.pathPrefix,
                host: s.http?.host,
                // The load balancer's check decides which replicas get traffic: the readiness path.
                healthPath: s.readinessPath,
                release: s.release.strategy,
            })),
            waf: cfg.loadBalancer.waf,
            deletionProtection: cfg.loadBalancer.deletionProtection,
            health: cfg.loadBalancer.health,
            minimumTlsVersion: cfg.loadBalancer.minimumTlsVersion,
            accessLogs: cfg.loadBalancer.accessLogs,
            network: this.network,
            transform: t.loadBalancer,
        }, cloud, { dependsOn: [this.network] });

        const bindings = { database: this.database, cache: this.cache, objectStore: this.objectStore };
        const placement = { network: this.network, cluster: this.kubernetesCluster };

        for (const service of cfg.services) {
            this.services[service.name] = new ComputeService(`service-${service.name}`, {
                service,
                bindings,
                ...placement,
                loadBalancer: this.loadBalancer,
                attachment: this.loadBalancer.attachments[service.name],
                cpuTargetPercent: cfg.compute.cpuTargetPercent,
                memoryTargetPercent: cfg.compute.memoryTargetPercent,
                scaleOutCooldownSeconds: cfg.compute.scaleOutCooldownSeconds,
                scaleInCooldownSeconds: cfg.compute.scaleInCooldownSeconds,
                logRetentionDays: cfg.compute.logRetentionDays,
                transform: t.computeService,
            }, cloud, { dependsOn: [this.network] });
        }

        for (const job of cfg.jobs) {
            this.jobs[job.name] = new Job(`job-${job.name}`, { job, bindings, ...placement, logRetentionDays: cfg.compute.logRetentionDays }, cloud, { dependsOn: [this.network] });
        }

        this.monitoring = new Monitoring("monitoring", {
            thresholds: cfg.monitoring,
            critical: cfg.monitoring.critical,
            warning: cfg.monitoring.warning,
            runbookUrl: cfg.monitoring.runbookUrl,
            services: cfg.services.map((s) => s.name),
            httpServices: cfg.services.filter((s) => s.http).map((s) => s.name),
            runtime: cfg.compute.runtime,
            loadBalancerEndpoint: this.loadBalancer.endpoint,
            network: this.network,
            database: this.database,
            cache: this.cache,
            loadBalancer: this.loadBalancer,
            computeServices: this.services,
            cluster: this.kubernetesCluster,
        }, cloud, { dependsOn: [this.database, this.cache, this.loadBalancer, ...Object.values(this.services)] });
    }

    /** Stack outputs: endpoints and names only, never a secret value. */
    outputs(): Record<string, pulumi.Input<unknown>> {
        return {
            cloud: this.config.cloud,
            environment: this.config.environment,
            region: this.config.region,
            disasterRecovery: disasterRecoverySummary(this.config.dr, this.config.region),
            url: this.loadBalancer.url,
            loadBalancerEndpoint: this.loadBalancer.endpoint,
            databaseEndpoint: this.database.endpoint,
            databasePasswordSecret: this.database.passwordSecret.id,
            ...(this.database.backupCopy ? { databaseBackupCopy: this.database.backupCopy } : {}),
            cacheEndpoint: this.cache.endpoint,
            bucketName: this.objectStore.bucketName,
            services: Object.fromEntries(Object.entries(this.services).map(([name, svc]) => [name, { identity: svc.identity, internalUrl: svc.internalUrl }])),
            releases: Object.fromEntries(Object.entries(this.services).map(([name, svc]) => [name, svc.release])),
            alerts: this.monitoring.alertNames,
            ...(this.monitoring.dashboard ? { dashboard: this.monitoring.dashboard } : {}),
            jobs: Object.fromEntries(Object.entries(this.jobs).map(([name, j]) => [name, { identity: j.identity, runCommand: j.runCommand, runBeforeDeploy: this.config.jobs.find((x) => x.name === name)?.runBeforeDeploy ?? false }])),
        };
    }
}
