import * as pulumi from "@pulumi/pulumi";
import * as app from "@pulumi/azure-native/app";
import { bindingSecrets, plainBindingEnv } from "../../components/binding";
import type { ComputeServiceArgs, ComputeServiceOutputs } from "../../components/compute-service";
import { childName } from "../../components/naming";
import type { Transform } from "../../components/transform";
import type * as authorization from "@pulumi/azure-native/authorization";
import type * as managedidentity from "@pulumi/azure-native/managedidentity";
import type { DatabaseRole } from "../../components/database-access";
import type { AzureContext } from "./context";
import { azureWorkloadGrants } from "./workload-grants";
import { soleLogin } from "../shared/workload-grants";
import { azureHandles } from "./handles";
import { LiveRevisions, REVISION_TAGS, stableRevisionOf, trafficReleaseStatus, TrafficSplit, trafficSplit } from "../../components/release";
import { createServiceSecrets } from "./service-secrets";
import { CONTAINER_RESOURCES } from "./sizes";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { EngineFacts } from "../shared/cloud-engine";
import type { ReplacementTable } from "../shared/replacement";
import type { Rule } from "../shared/rules";
import { SPEC, TAGS } from "./replacement";
import { azureNameRule as n } from "./rules/names";

/** Concurrent requests per replica before the HTTP rule adds one. */
export const HTTP_CONCURRENCY = 50;

/** The Container App's name (also the first label of its FQDN the gateway's backend pool uses). */
export function containerAppName(ctx: AzureContext, service: string): string {
    return ctx.limited(32, service);
}

/**
 * The least-privilege identity of one service, the same for both runtimes: a user-assigned
 * managed identity with only what each bound component's Azure `grant` gives it
 * (providers/azure/<component>.ts: `Key Vault Secrets User` on exactly the secrets it reads,
 * `Storage Blob Data Contributor` on the object-store container, the database login). Container
 * Apps attach it to the app; under the kubernetes runtime it is federated to the service's
 * ServiceAccount. Also what the grants hand the workload: the Container Apps secret name of each
 * binding secret and the plain env Azure's SDKs need (every runtime sets it).
 */
export function serviceIdentity(ctx: AzureContext, scope: pulumi.ComponentResource, name: string, args: {
    service: string;
    bindings: ComputeServiceArgs["bindings"];
    roleAssignmentTransform?: Transform<authorization.RoleAssignmentArgs>;
    databaseRole?: DatabaseRole;
}): { identity: managedidentity.UserAssignedIdentity; grants: pulumi.Resource[]; databaseUser: pulumi.Input<string>; env: Record<string, pulumi.Input<string>>; secretNameOf(env: string): string } {
    const identity = ctx.identity(scope, childName(name, "identity"), args.service);
    const granted = azureWorkloadGrants(ctx, scope, name, args.bindings, { identity, admin: args.databaseRole === "admin", roleAssignmentTransform: args.roleAssignmentTransform }, "service identity");
    const secretNames: Record<string, string> = Object.assign({}, ...granted.map((g) => g.secretNames ?? {}));
    return {
        identity,
        grants: granted.flatMap((g) => g.grants),
        databaseUser: soleLogin("azure", `${name} service identity`, granted) ?? identity.name,
        env: Object.assign({}, ...granted.map((g) => g.env ?? {})),
        secretNameOf: (env) => {
            const n = secretNames[env];
            if (!n) throw new Error(`internal: no Azure grant names the Container Apps secret of ${env}`);
            return n;
        },
    };
}

/** The Container Apps `secrets` (Key Vault references resolved by `identity`) and the env entries that read them, for each binding secret the workload receives. */
export function keyVaultSecretEnv(bindings: ComputeServiceArgs["bindings"], workload: { databaseRole?: DatabaseRole }, who: ReturnType<typeof serviceIdentity>) {
    const received = bindingSecrets(bindings, workload);
    return {
        secrets: received.map((s) => ({ name: who.secretNameOf(s.env), keyVaultUrl: s.ref.id, identity: who.identity.id })),
        env: received.map((s) => ({ name: s.env, secretRef: who.secretNameOf(s.env) })),
    };
}

/**
 * One Container App per service in the internal environment: its own user-assigned identity
 * with `Key Vault Secrets User` on exactly the two secrets it reads and `Storage Blob Data
 * Contributor` on the object-store container; secrets are Key Vault references resolved by
 * that identity (never values); ingress HTTPS-only (`allowInsecure: false`), reachable from
 * the VNet only when the gateway fronts it and then only from the gateway subnet; replicas
 * per tier scaled on HTTP concurrency, CPU and memory; liveness and readiness probes on the
 * health path. Logs reach Log Analytics through the environment's diagnostic setting.
 *
 * Scale-out has no cooldown knob in Container Apps (KEDA adds replicas as soon as a rule
 * fires); `cooldownPeriod` carries the scale-in cooldown.
 */
export function createComputeService(run: AzureContext, scope: pulumi.ComponentResource, name: string, args: ComputeServiceArgs): ComputeServiceOutputs {
    const ctx = run.withFoundation(azureHandles.read("network", args.network.handle, "compute service"));
    const f = ctx.foundation;
    const t = args.transform?.azure;
    const svc = args.service;
    const b = args.bindings;

    const who = serviceIdentity(ctx, scope, name, { service: svc.name, bindings: b, roleAssignmentTransform: t?.roleAssignment });
    const { identity, grants, databaseUser } = who;
    const vault = keyVaultSecretEnv(b, {}, who);

    const appSecrets = createServiceSecrets(ctx, scope, name, svc, identity, t?.roleAssignment);
    const secrets = [...vault.secrets, ...appSecrets.appSecrets];
    const env: Array<{ name: string; value?: pulumi.Input<string>; secretRef?: string }> = [
        ...Object.entries(plainBindingEnv(svc, b, databaseUser)).map(([k, v]) => ({ name: k, value: v })),
        ...vault.env,
        ...appSecrets.env,
        // Azure specifics: the identity SDKs use for Entra auth, and what the grants add (where the container lives).
        { name: "AZURE_CLIENT_ID", value: identity.clientId },
        ...Object.entries(who.env).map(([k, v]) => ({ name: k, value: v })),
    ];

    const probe = (type: "Liveness" | "Readiness", initialDelaySeconds: number) => ({
        type,
        httpGet: { path: type === "Readiness" ? svc.readinessPath : svc.healthPath, port: svc.port, scheme: "HTTP" },
        initialDelaySeconds,
        periodSeconds: 10,
        timeoutSeconds: 5,
        failureThreshold: 3,
    });

    const fronted = args.attachment !== undefined;
    const split = svc.release.strategy === "rolling" ? undefined
        : liveRevisions(ctx, containerAppName(ctx, svc.name)).apply((live) => trafficSplit(svc.release, svc.image, live));
    const containerApp = ctx.create(app.ContainerApp, scope, childName(name, "app"), {
        containerAppName: containerAppName(ctx, svc.name),
        resourceGroupName: f.resourceGroupName,
        location: ctx.location,
        environmentId: ctx.containerApps.environmentId,
        workloadProfileName: "Consumption",
        identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
        configuration: {
            // Canary and blue/green keep the serving revision active beside the new one.
            activeRevisionsMode: svc.release.strategy === "rolling" ? "Single" : "Multiple",
            maxInactiveRevisions: 5,
            ingress: {
                ...(split ? { traffic: split.apply(containerAppTraffic) } : {}),
                // In an internal environment "external" means reachable from the VNet, never the internet.
                external: fronted,
                targetPort: svc.port,
                transport: "auto",
                allowInsecure: false,
                ...(fronted ? { ipSecurityRestrictions: [{ name: "app-gateway", description: "Only the Application Gateway subnet", ipAddressRange: f.subnetCidrs.gateway, action: "Allow" }] } : {}),
            },
            secrets,
        },
        template: {
            containers: [{
                name: svc.name,
                image: svc.image,
                ...(svc.command ? { command: svc.command } : {}),
                resources: CONTAINER_RESOURCES[svc.size],
                env,
                probes: [probe("Liveness", 10), probe("Readiness", 5)],
            }],
            scale: {
                minReplicas: svc.minReplicas,
                maxReplicas: svc.maxReplicas,
                cooldownPeriod: args.scaleInCooldownSeconds,
                pollingInterval: 30,
                rules: [
                    ...(fronted ? [{ name: "http-concurrency", http: { metadata: { concurrentRequests: String(HTTP_CONCURRENCY) } } }] : []),
                    { name: "cpu", custom: { type: "cpu", metadata: { type: "Utilization", value: String(args.cpuTargetPercent) } } },
                    { name: "memory", custom: { type: "memory", metadata: { type: "Utilization", value: String(args.memoryTargetPercent) } } },
                ],
            },
        },
        tags: ctx.tags,
    }, t?.containerApp, { dependsOn: [...grants, ...appSecrets.grants, ...(args.attachment?.dependsOn ?? [])] });

    return {
        serviceName: containerApp.name,
        identity: identity.id,
        internalUrl: containerApp.configuration.apply((c) => (c?.ingress?.fqdn ? `https://${c.ingress.fqdn}` : "")),
        handle: azureHandles.wrap("computeService", { containerAppId: containerApp.id }),
        // The new revision's own FQDN (`<app>--<suffix>.<environment domain>`) is the candidate the workflow smoke-tests.
        release: pulumi.all([split ?? { candidatePercent: 100 }, containerApp.latestRevisionFqdn]).apply(([sp, fqdn]) =>
            trafficReleaseStatus(svc.release, sp, fqdn ? `https://${fqdn}` : undefined, svc.healthPath)),
    };
}

/**
 * The live Container App before this update (getContainerApp: latestReadyRevisionName,
 * template.containers[].image, configuration.ingress.traffic[].label/revisionName/weight);
 * none on a first deploy.
 */
function liveRevisions(ctx: AzureContext, appName: string): pulumi.Output<LiveRevisions | undefined> {
    return ctx.foundation.resourceGroupName.apply((resourceGroupName) => app.getContainerApp({ containerAppName: appName, resourceGroupName }, { provider: ctx.provider })
        .then((live): LiveRevisions => ({
            latestRevision: live.latestReadyRevisionName,
            latestImage: live.template?.containers?.[0]?.image ?? "",
            stableRevision: stableRevisionOf(live.configuration?.ingress?.traffic?.map((t) => ({ tag: t.label, revision: t.revisionName, percent: t.weight }))),
        }))
        .catch(() => undefined));
}

/**
 * Container Apps' side of a canary / blue-green release: multiple active revisions with
 * traffic weights (ingress.traffic: latestRevision / revisionName, weight, label): the serving
 * revision labelled `stable` (`<app>---stable.<environment domain>`), the new one reachable on
 * its revision FQDN for the smoke test before promotion.
 */
function containerAppTraffic(split: TrafficSplit) {
    return [
        // Labels name revisions (a label beside latestRevision is not one); the new revision is
        // reached on its own revision FQDN (`<app>--<suffix>.<environment domain>`) instead.
        { latestRevision: true, weight: split.candidatePercent },
        ...(split.stable ? [{ revisionName: split.stable.revision, weight: split.stable.percent, label: REVISION_TAGS.stable }] : []),
    ];
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/azure/index.ts. */
export const builder: CloudBuilder<AzureContext, "computeService"> = createComputeService;

/** Typed escape hatches for this component's Azure children: one Transform<Args> per underlying resource, applied last (components/transform.ts). */
export interface AzureComputeServiceTransforms {
    containerApp?: Transform<app.ContainerAppArgs>;
    /** Each role assignment of the service identity. */
    roleAssignment?: Transform<authorization.RoleAssignmentArgs>;
}

declare module "../../components/compute-service" {
    interface ComputeServiceTransforms { azure?: AzureComputeServiceTransforms }
}

/** What this component hands to the components built on it (providers/azure/handles.ts). */
declare module "./handles" {
    interface AzureHandles {
        computeService: { containerAppId: pulumi.Output<string> };
    }
}

/*
 * The offline engine's facts (`npm run diff` and the deploy-rule specs read them) of the Azure types only a compute service
 * creates: which inputs replace them and their deploy rules. providers/azure/engine.ts
 * merges them with the facts of the types several components create.
 */

const replacement: ReplacementTable = {
    "azure-native:app:ContainerApp": {
        source: `${SPEC}app/resource-manager/Microsoft.App/stable/*/ContainerApps.json (environmentId create-only)`,
        replace: ["containerAppName", "resourceGroupName", "location", "environmentId", "managedEnvironmentId", "extendedLocation"],
        update: [...TAGS, "configuration", "identity", "template", "workloadProfileName", "managedBy"],
    },
};

const rules: Rule[] = [
    n("container-app-name", "azure-native:app:ContainerApp", "containerAppName", 32, /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/, "a lowercase letter first, lowercase letters, digits and single hyphens, ending with a letter or digit", 2),
    {
        // Traffic weights (canary / blue-green): they add up to 100, split only in multiple
        // revision mode, one latestRevision entry, labels unique and on named revisions.
        id: "azure/container-app-traffic",
        family: "combinations",
        types: ["azure-native:app:ContainerApp"],
        doc: "https://learn.microsoft.com/azure/container-apps/traffic-splitting",
        check: (r) => {
            const traffic = (r.inputs.configuration?.ingress?.traffic ?? []) as any[];
            if (traffic.length === 0) return [];
            const problems: string[] = [];
            const sum = traffic.reduce((n, t) => n + (Number(t.weight) || 0), 0);
            if (sum !== 100) problems.push(`ingress.traffic weights add up to ${sum}, not 100`);
            if (traffic.length > 1 && r.inputs.configuration?.activeRevisionsMode !== "Multiple") problems.push("a traffic split needs activeRevisionsMode Multiple");
            if (traffic.filter((t) => t.latestRevision).length > 1) problems.push("more than one latestRevision traffic entry");
            const labels = traffic.map((t) => t.label).filter(Boolean);
            if (new Set(labels).size !== labels.length) problems.push(`traffic labels repeat: ${labels.join(", ")}`);
            for (const t of traffic) if (t.label && !t.revisionName) problems.push(`label ${t.label} on an entry without revisionName`);
            return problems;
        },
    },
];

export const engineFacts: EngineFacts = { replacement, rules };
