import * as pulumi from "@pulumi/pulumi";
import * as app from "@pulumi/azure-native/app";
import { BINDING_ENV, ComputeServiceArgs, ComputeServiceOutputs, plainBindingEnv } from "../../components/compute-service";
import { childName } from "../../components/naming";
import type { Transform } from "../../components/transform";
import type * as authorization from "@pulumi/azure-native/authorization";
import type * as managedidentity from "@pulumi/azure-native/managedidentity";
import * as dbforpostgresql from "@pulumi/azure-native/dbforpostgresql";
import type { DatabaseRole } from "../../components/database-access";
import { AzureContext, BUILT_IN_ROLES } from "./context";
import { azureHandles } from "./handles";
import { LiveRevisions, REVISION_TAGS, stableRevisionOf, trafficReleaseStatus, TrafficSplit, trafficSplit } from "../../components/release";
import { createServiceSecrets } from "./service-secrets";
import { CONTAINER_RESOURCES } from "./sizes";
import type { CloudBuilder } from "../shared/bind-cloud";

/** Concurrent requests per replica before the HTTP rule adds one. */
export const HTTP_CONCURRENCY = 50;

/** The Container App's name (also the first label of its FQDN the gateway's backend pool uses). */
export function containerAppName(ctx: AzureContext, service: string): string {
    return ctx.limited(32, service);
}

/**
 * The least-privilege identity of one service, the same for both runtimes: a user-assigned
 * managed identity with `Key Vault Secrets User` on exactly the two secrets it reads and
 * `Storage Blob Data Contributor` on the object-store container. Container Apps attach it to
 * the app; under the kubernetes runtime it is federated to the service's ServiceAccount.
 */
/**
 * Where the object store's container lives: Azure's storage SDKs need the account endpoint,
 * which the container name (OBJECT_STORE_BUCKET) does not give. Every runtime sets it.
 */
export function azureServiceEnv(bindings: ComputeServiceArgs["bindings"]): Record<string, pulumi.Input<string>> {
    return { AZURE_STORAGE_BLOB_ENDPOINT: azureHandles.read("objectStore", bindings.objectStore.handle, "service environment").blobEndpoint };
}

/**
 * Also the workload's database login (Entra ID authentication on the flexible server): an
 * `app` workload logs in as its managed identity, a non-admin Entra principal named like the
 * identity, which the migration job creates once with `pgaadauth_create_principal`
 * (databaseSetupSql). Only an `admin` job reads the admin password, and its identity is the
 * server's Entra administrator (dbforpostgresql.Administrator makes an Entra *admin*, which is
 * why no service gets one), the role `pgaadauth_create_principal` needs:
 * https://learn.microsoft.com/azure/postgresql/flexible-server/how-to-manage-azure-ad-users
 */
export function serviceIdentity(ctx: AzureContext, scope: pulumi.ComponentResource, name: string, args: {
    service: string;
    bindings: ComputeServiceArgs["bindings"];
    roleAssignmentTransform?: Transform<authorization.RoleAssignmentArgs>;
    databaseRole?: DatabaseRole;
}): { identity: managedidentity.UserAssignedIdentity; grants: pulumi.Resource[]; databaseUser: pulumi.Output<string> } {
    const identity = ctx.identity(scope, childName(name, "identity"), args.service);
    const grant = (suffix: string, role: keyof typeof BUILT_IN_ROLES, on: pulumi.Input<string>) =>
        ctx.grant(scope, childName(name, suffix), { principalId: identity.principalId, role, on }, args.roleAssignmentTransform);
    const database = azureHandles.read("database", args.bindings.database.handle, "service identity");
    const cache = azureHandles.read("cache", args.bindings.cache.handle, "service identity");
    const grants: pulumi.Resource[] = [
        grant("redis-auth-reader", "keyVaultSecretsUser", cache.secret.secretId),
        grant("object-store-writer", "storageBlobDataContributor", args.bindings.objectStore.resourceId),
    ];
    if (args.databaseRole !== "admin") return { identity, grants, databaseUser: identity.name };

    grants.unshift(grant("database-password-reader", "keyVaultSecretsUser", database.secret.secretId));
    grants.push(ctx.create(dbforpostgresql.Administrator, scope, childName(name, "database-admin"), {
        resourceGroupName: ctx.foundation.resourceGroupName,
        serverName: database.serverId.apply((id) => id.split("/").pop()!),
        objectId: identity.principalId,
        principalName: identity.name,
        // The 2025-01-01-preview API's enum (azure-native 3.28.0 types/enums/dbforpostgresql PrincipalType).
        principalType: dbforpostgresql.PrincipalType.ServicePrincipal,
        tenantId: ctx.tenantId,
    }));
    return { identity, grants, databaseUser: args.bindings.database.username };
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

    const { identity, grants, databaseUser } = serviceIdentity(ctx, scope, name, { service: svc.name, bindings: b, roleAssignmentTransform: t?.roleAssignment });

    const appSecrets = createServiceSecrets(ctx, scope, name, svc, identity, t?.roleAssignment);
    const secrets = [
        { name: "redis-auth-token", keyVaultUrl: b.cache.authSecret.id, identity: identity.id },
        ...appSecrets.appSecrets,
    ];
    const env: Array<{ name: string; value?: pulumi.Input<string>; secretRef?: string }> = [
        ...Object.entries(plainBindingEnv(svc, b, databaseUser)).map(([k, v]) => ({ name: k, value: v })),
        { name: BINDING_ENV.cacheAuthToken, secretRef: "redis-auth-token" },
        ...appSecrets.env,
        // Azure specifics: the identity SDKs use for Entra auth, and where the container lives.
        { name: "AZURE_CLIENT_ID", value: identity.clientId },
        ...Object.entries(azureServiceEnv(b)).map(([k, v]) => ({ name: k, value: v })),
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
