import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import type { SecretReference } from "../../components/component";
import { bindingSecrets, plainBindingEnv } from "../../components/binding";
import type { ComputeServiceArgs, ComputeServiceOutputs } from "../../components/compute-service";
import type { DatabaseRole } from "../../components/database-access";
import { childName, limitedName } from "../../components/naming";
import type { GcpContext } from "./context";
import { gcpHandles } from "./handles";
import { gcpWorkloadGrants, type GcpGrantTransforms } from "./workload-grants";
import { soleLogin } from "../shared/workload-grants";
import { cloudRunServiceName } from "./load-balancer";
import { createServiceSecrets } from "./service-secrets";
import { CLOUD_RUN_RESOURCES } from "./sizes";
import { LiveRevisions, REVISION_TAGS, stableRevisionOf, trafficReleaseStatus, TrafficSplit, trafficSplit } from "../../components/release";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { Transform } from "../../components/transform";
import type { EngineFacts } from "../shared/cloud-engine";
import type { Rule } from "../shared/rules";
import { MM } from "./replacement";

/** Requests one instance serves at once before Cloud Run scales out. */
const CONCURRENCY = 80;

/** Service account ids: 6-30 characters, `<app>-<env>-<service>` fits (12 + 4 + 10 + 2 = 28). */
export function serviceAccountId(cfg: GcpContext["cfg"], service: string): string {
    return limitedName(cfg, 30, service);
}

export interface ServiceIdentity {
    account: gcp.serviceaccount.Account;
    /** The role grants; whatever runs as the account waits for them. */
    grants: pulumi.Resource[];
    /** The database login: the account's Cloud SQL IAM user, or the admin user for an `admin` job. */
    databaseUser: pulumi.Output<string>;
}

/**
 * A service's least-privilege runtime identity, the same for both runtimes (Cloud Run and
 * GKE Workload Identity): a dedicated service account with only what each bound component's
 * GCP `grant` gives it (providers/gcp/<component>.ts: secret accessor on the secrets it reads,
 * object admin on the platform bucket, Cloud SQL client and its own Cloud SQL IAM user).
 * Children of the ComputeService `scope`, named `<name>-identity`, `<name>-db-user`, ...
 */
export function createServiceIdentity(
    ctx: GcpContext,
    scope: pulumi.ComponentResource,
    name: string,
    service: string,
    b: ComputeServiceArgs["bindings"],
    opts: { description: string; transforms?: GcpComputeServiceTransforms; databaseRole?: DatabaseRole },
): ServiceIdentity {
    const { cfg } = ctx;
    const t = opts.transforms;
    const account = ctx.create(gcp.serviceaccount.Account, scope, childName(name, "identity"), {
        accountId: serviceAccountId(cfg, service),
        displayName: `${cfg.appName} ${cfg.environment} ${service}`,
        description: opts.description,
    }, t?.serviceAccount);

    // Each bound component's own grants (its providers/gcp builder file's `grant`), in grant order.
    const granted = gcpWorkloadGrants(ctx, scope, name, b, { account, admin: opts.databaseRole === "admin", transforms: t }, "service identity");
    // The login a component made for the account (the database's IAM user); without one, the account itself.
    const login = soleLogin("gcp", `${name} service identity`, granted) ?? account.email;
    return { account, grants: granted.flatMap((g) => g.grants), databaseUser: login };
}

type Env = gcp.types.input.cloudrunv2.ServiceTemplateContainerEnv;

function secretEnv(name: string, ref: SecretReference): Env {
    return { name, valueSource: { secretKeyRef: { secret: ref.id, version: "latest" } } };
}

/**
 * A Cloud Run v2 service: reachable only through the load balancer (workers: internal
 * only), direct VPC egress with the compute network tag so the firewall lets it reach
 * PostgreSQL and Redis, min/max instances per tier, CPU/memory from the size, startup and
 * liveness probes on the health path, secrets resolved from Secret Manager at start, and a
 * dedicated service account with only: secret accessor on the two secrets it reads, object
 * admin on the platform bucket, Cloud SQL client. Its logs are routed to a log bucket that
 * keeps them for the tier's retention.
 *
 * Cloud Run autoscales on request concurrency and CPU by itself: the tier's CPU/memory
 * targets and scale-out/in cooldowns have no Cloud Run setting, so only min/max apply here.
 */
export function createComputeService(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: ComputeServiceArgs): ComputeServiceOutputs {
    const { cfg } = ctx;
    const t = args.transform?.gcp;
    const svc = args.service;
    const net = gcpHandles.read("network", args.network.handle, "compute service");
    const health = gcpHandles.readIfOwn("loadBalancer", args.loadBalancer.handle)?.health;
    const serviceName = cloudRunServiceName(cfg, svc.name);
    const routed = Boolean(svc.http && args.attachment);
    const b = args.bindings;

    const { account, grants, databaseUser } = createServiceIdentity(ctx, scope, name, svc.name, b, {
        description: `Runtime identity of Cloud Run service ${serviceName}`,
        transforms: t,
    });

    const logBucket = ctx.create(gcp.logging.ProjectBucketConfig, scope, childName(name, "log-bucket"), {
        project: ctx.project,
        location: ctx.region,
        bucketId: limitedName(cfg, 100, svc.name, "logs"),
        description: `Logs of ${serviceName}, kept ${args.logRetentionDays} days`,
        retentionDays: args.logRetentionDays,
    }, t?.logBucket);

    ctx.create(gcp.logging.ProjectSink, scope, childName(name, "log-sink"), {
        name: limitedName(cfg, 100, svc.name, "logs"),
        description: `Routes ${serviceName}'s logs to its retention bucket`,
        destination: pulumi.interpolate`logging.googleapis.com/${logBucket.id}`,
        filter: `resource.type="cloud_run_revision" AND resource.labels.service_name="${serviceName}"`,
        uniqueWriterIdentity: true,
    }, t?.logSink);

    const envs: Env[] = [
        ...Object.entries(plainBindingEnv(svc, b, databaseUser)).map(([n, value]) => ({ name: n, value })),
        ...bindingSecrets(b, {}).map((s) => secretEnv(s.env, s.ref)),
    ];
    const appSecrets = createServiceSecrets(ctx, scope, name, svc, account.member);
    envs.push(...appSecrets.entries.map((e) => secretEnv(e.name, { id: e.secretId })));

    const probe = { httpGet: { path: svc.healthPath, port: svc.port } };
    const split = svc.release.strategy === "rolling" ? undefined : pulumi.output(liveRevisions(ctx, serviceName)).apply((live) => trafficSplit(svc.release, svc.image, live));
    const service = ctx.create(gcp.cloudrunv2.Service, scope, childName(name, "service"), {
        name: serviceName,
        location: ctx.region,
        description: `${cfg.appName} ${svc.name} (${cfg.environment})`,
        ingress: routed ? "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER" : "INGRESS_TRAFFIC_INTERNAL_ONLY",
        // Behind the load balancer callers are anonymous internet clients; ingress is what
        // keeps the service private. Workers keep IAM invocation (nobody is granted it).
        invokerIamDisabled: routed,
        deletionProtection: false,
        launchStage: "GA",
        template: {
            serviceAccount: account.email,
            executionEnvironment: "EXECUTION_ENVIRONMENT_GEN2",
            scaling: { minInstanceCount: svc.minReplicas, maxInstanceCount: svc.maxReplicas },
            maxInstanceRequestConcurrency: CONCURRENCY,
            vpcAccess: {
                egress: "PRIVATE_RANGES_ONLY",
                networkInterfaces: [{ network: net.network.id, subnetwork: net.subnet.id, tags: [net.computeTag] }],
            },
            containers: [{
                name: svc.name,
                image: svc.image,
                ...(svc.command ? { commands: svc.command } : {}),
                ports: { containerPort: svc.port },
                resources: {
                    limits: CLOUD_RUN_RESOURCES[svc.size],
                    // Workers do background work between requests: keep their CPU allocated.
                    cpuIdle: routed,
                    startupCpuBoost: true,
                },
                envs,
                // Cloud Run routes traffic once the startup probe passes (its readiness probe is
                // Preview, docs.cloud.google.com/run/docs/configuring/healthchecks): it checks readiness.
                startupProbe: { httpGet: { path: svc.readinessPath, port: svc.port }, initialDelaySeconds: 0, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 12 },
                livenessProbe: {
                    ...probe,
                    periodSeconds: health?.intervalSeconds ?? 30,
                    timeoutSeconds: health?.timeoutSeconds ?? 5,
                    failureThreshold: health?.unhealthyThreshold ?? 3,
                },
            }],
            labels: ctx.labels(),
        },
        ...(split ? { traffics: split.apply(cloudRunTraffic) } : {}),
        labels: ctx.labels(),
    }, t?.service, { dependsOn: [...grants, ...appSecrets.dependsOn, ...(args.attachment?.dependsOn ?? [])] });

    return {
        serviceName: service.name,
        identity: account.email,
        internalUrl: service.uri,
        handle: gcpHandles.wrap("computeService", { service }),
        // The candidate's tag URL (trafficStatuses[].uri of the `candidate` tag) is what the deploy workflow smoke-tests.
        release: pulumi.all([split ?? { candidatePercent: 100 }, service.trafficStatuses]).apply(([sp, statuses]) =>
            trafficReleaseStatus(svc.release, sp, statuses?.find((x) => x.tag === REVISION_TAGS.candidate)?.uri, svc.healthPath)),
    };
}

type Traffic = gcp.types.input.cloudrunv2.ServiceTraffic;

/**
 * The live service before this update (data source google_cloud_run_v2_service:
 * latest_ready_revision, template.containers.image, traffic_statuses[].tag/revision/percent);
 * none on a first deploy, when the lookup fails because the service does not exist yet.
 */
function liveRevisions(ctx: GcpContext, serviceName: string): Promise<LiveRevisions | undefined> {
    return gcp.cloudrunv2.getService({ name: serviceName, location: ctx.region, project: ctx.project }, { provider: ctx.provider })
        .then((live) => ({
            latestRevision: live.latestReadyRevision.split("/").pop() ?? "",
            latestImage: live.templates[0]?.containers[0]?.image ?? "",
            stableRevision: stableRevisionOf(live.trafficStatuses),
        }))
        .catch(() => undefined);
}

/**
 * Cloud Run's side of a canary / blue-green release: a revision traffic split with tags
 * (ServiceTraffic type/revision/percent/tag): the new revision (LATEST) tagged `candidate`, the
 * serving one tagged `stable`, so each has its own URL (`https://candidate---<service>-<hash>-<region>.a.run.app`,
 * https://cloud.google.com/run/docs/rollouts-rollbacks-traffic-migration#tags) for the deploy
 * workflow's smoke test before it promotes with a second `pulumi up`.
 */
function cloudRunTraffic(split: TrafficSplit): Traffic[] {
    const traffic: Traffic[] = [{ type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", percent: split.candidatePercent, tag: REVISION_TAGS.candidate }];
    if (split.stable) traffic.push({ type: "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", revision: split.stable.revision, percent: split.stable.percent, tag: REVISION_TAGS.stable });
    return traffic;
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/gcp/index.ts. */
export const builder: CloudBuilder<GcpContext, "computeService"> = createComputeService;

/** Typed escape hatches for this component's GCP children: one Transform<Args> per underlying resource, applied last (components/transform.ts). */
export interface GcpComputeServiceTransforms extends GcpGrantTransforms {
    serviceAccount?: Transform<gcp.serviceaccount.AccountArgs>;
    logBucket?: Transform<gcp.logging.ProjectBucketConfigArgs>;
    logSink?: Transform<gcp.logging.ProjectSinkArgs>;
    service?: Transform<gcp.cloudrunv2.ServiceArgs>;
}

declare module "../../components/compute-service" {
    interface ComputeServiceTransforms { gcp?: GcpComputeServiceTransforms }
}

/** What this component hands to the components built on it (providers/gcp/handles.ts). */
declare module "./handles" {
    interface GcpHandles {
        computeService: { service: gcp.cloudrunv2.Service };
    }
}

/*
 * The offline engine's facts of the GCP types only the compute service creates (npm run diff and the deploy-rule specs read them):
 * providers/gcp/engine.ts merges them with the facts of the types several components create.
 */

/** Memory a Cloud Run instance may have per CPU setting (Gi). */
const CLOUD_RUN_MAX_MEMORY_GI: Record<string, number> = { "1": 4, "2": 8, "4": 16, "6": 24, "8": 32 };

const toGi = (m: string): number | undefined => {
    const x = /^(\d+(?:\.\d+)?)(Mi|Gi)$/.exec(m);
    return x ? Number(x[1]) / (x[2] === "Mi" ? 1024 : 1) : undefined;
};

const computeServiceRules: Rule[] = [
    {
        // Traffic targets (canary / blue-green): percents add up to 100, tags are unique, a
        // REVISION target names its revision and LATEST names none.
        id: "gcp/cloud-run-traffic",
        family: "combinations",
        types: ["gcp:cloudrunv2/service:Service"],
        doc: "https://cloud.google.com/run/docs/reference/rest/v2/projects.locations.services#traffictarget",
        check: (r) => {
            const traffic = (r.inputs.traffics ?? []) as any[];
            if (traffic.length === 0) return [];
            const problems: string[] = [];
            const sum = traffic.reduce((n, t) => n + (Number(t.percent) || 0), 0);
            if (sum !== 100) problems.push(`traffics percents add up to ${sum}, not 100`);
            const tags = traffic.map((t) => t.tag).filter(Boolean);
            if (new Set(tags).size !== tags.length) problems.push(`traffic tags repeat: ${tags.join(", ")}`);
            for (const t of traffic) {
                if (t.type === "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION" && !t.revision) problems.push("a REVISION traffic target without a revision");
                if (t.type === "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST" && t.revision) problems.push(`a LATEST traffic target names revision ${t.revision}`);
            }
            return problems;
        },
    },
    {
        // CPU x memory: 1 CPU up to 4 GiB, 2 up to 8, 4 up to 16, ...; > 512 MiB needs CPU >= 1; min <= max instances.
        id: "gcp/cloud-run-cpu-memory",
        family: "combinations",
        types: ["gcp:cloudrunv2/service:Service"],
        doc: "https://cloud.google.com/run/docs/configuring/services/memory-limits",
        check: (r) => {
            const t = r.inputs.template ?? {};
            const problems: string[] = [];
            for (const c of (t.containers ?? []) as any[]) {
                const cpu = String(c.resources?.limits?.cpu ?? "1");
                const memory = toGi(String(c.resources?.limits?.memory ?? "512Mi"));
                const max = CLOUD_RUN_MAX_MEMORY_GI[cpu];
                if (max === undefined) problems.push(`${c.name}: cpu ${cpu} is not 1, 2, 4, 6 or 8`);
                else if (memory === undefined || memory > max || memory < 0.125) problems.push(`${c.name}: memory ${c.resources?.limits?.memory} with cpu ${cpu}: 128Mi-${max}Gi`);
                for (const [kind, p] of [["liveness", c.livenessProbe], ["startup", c.startupProbe]] as const) {
                    if (p && p.timeoutSeconds > p.periodSeconds) problems.push(`${c.name}: ${kind} probe timeoutSeconds ${p.timeoutSeconds} exceeds periodSeconds ${p.periodSeconds}`);
                    if (p?.httpGet?.port !== undefined && c.ports?.containerPort !== undefined && p.httpGet.port !== c.ports.containerPort) problems.push(`${c.name}: ${kind} probe port ${p.httpGet.port} is not the container port ${c.ports.containerPort}`);
                }
            }
            const s = t.scaling ?? {};
            if (s.minInstanceCount > s.maxInstanceCount) problems.push(`minInstanceCount ${s.minInstanceCount} exceeds maxInstanceCount ${s.maxInstanceCount}`);
            if (t.maxInstanceRequestConcurrency > 1000) problems.push(`maxInstanceRequestConcurrency ${t.maxInstanceRequestConcurrency}: at most 1000`);
            return problems;
        },
    },
];

export const engineFacts: EngineFacts = {
    replacement: {
        "gcp:cloudrunv2/service:Service": {
            source: `${MM}cloudrunv2/Service.yaml`,
            replace: ["name", "location", "project"],
            update: ["deletionProtection", "description", "ingress", "invokerIamDisabled", "labels", "annotations", "launchStage", "template", "client", "clientVersion",
                "scaling", "traffics", "binaryAuthorization", "customAudiences", "defaultUriDisabled", "buildConfig"],
        },
    },
    rules: computeServiceRules,
};
