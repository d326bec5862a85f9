import * as pulumi from "@pulumi/pulumi";
import { Provider as RandomProvider } from "@pulumi/random/provider";
import { Provider as AzureProvider } from "@pulumi/azure-native/provider";
import * as authorization from "@pulumi/azure-native/authorization";
import * as managedidentity from "@pulumi/azure-native/managedidentity";
import { createHash } from "crypto";
import type { PlatformConfig } from "../../components/config";
import { limitedName, physicalName } from "../../components/naming";
import type { Transform } from "../../components/transform";
import { CloudContext } from "../shared/cloud-context";
import { withoutApiVersionAliases } from "./api-version-aliases";

/**
 * Built-in Azure role definition GUIDs (identical in every tenant). Role assignments name
 * them as `/subscriptions/<sub>/providers/Microsoft.Authorization/roleDefinitions/<guid>`.
 */
export const BUILT_IN_ROLES = {
    keyVaultSecretsUser: "4633458b-17de-408a-b874-0445c86b69e6",
    storageBlobDataContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
    /** The AKS control-plane identity joins nodes and internal load balancers to the node subnet. */
    networkContributor: "4d97b98b-1d4f-4787-a291-c67834d212e7",
} as const;

/** Zone names Azure uses in every zonal region. */
export const ZONE_NAMES = ["1", "2", "3"] as const;

/**
 * A short, deterministic hex suffix for globally unique names (storage accounts, Key Vault):
 * derived from what identifies the deployment (app, environment, location, subscription),
 * so the same stack always gets the same name and two stacks never collide by accident.
 */
export function uniqueSuffix(cfg: Pick<PlatformConfig, "appName" | "environment" | "region" | "azure">, purpose: string, length: number): string {
    return createHash("sha256")
        .update([cfg.appName, cfg.environment, cfg.region, cfg.azure?.subscriptionId ?? "", purpose].join("/"))
        .digest("hex")
        .slice(0, length);
}

/** Azure names that forbid consecutive hyphens (Key Vault, Container Apps): the app name may contain them. */
export function singleHyphens(name: string): string {
    return name.replace(/-{2,}/g, "-");
}

/**
 * The foundation later components build on: the network's handle (providers/azure/handles.ts).
 * Key Vault and the Container Apps environment are built after the subnets, in the same
 * network component; a component reads the foundation from its `args.network`.
 */
export interface Foundation {
    resourceGroupName: pulumi.Output<string>;
    /** `/subscriptions/<sub>/resourceGroups/<rg>`: the prefix of every ARM id built by hand. */
    resourceGroupId: pulumi.Output<string>;
    vnetId: pulumi.Output<string>;
    /** `compute` (delegated to Container Apps) exists under the managed runtime only, `aks` (node subnet) under kubernetes only. */
    subnets: { gateway: pulumi.Output<string>; compute?: pulumi.Output<string>; aks?: pulumi.Output<string>; database: pulumi.Output<string>; endpoints: pulumi.Output<string> };
    subnetCidrs: { gateway: string; compute: string; aks: string; database: string; endpoints: string };
    privateDnsZoneIds: { postgres: pulumi.Output<string>; redis: pulumi.Output<string>; blob: pulumi.Output<string>; vault: pulumi.Output<string> };
    /** The postgres zone's VNet link: a VNet-integrated flexible server is created after it. */
    postgresDnsLink: pulumi.Resource;
    keyVaultId: pulumi.Output<string>;
    keyVaultName: pulumi.Output<string>;
    keyVaultUri: pulumi.Output<string>;
    logAnalyticsWorkspaceId: pulumi.Output<string>;
    /** The workspace's GUID (`customerId`), which traffic analytics names it by. */
    logAnalyticsWorkspaceGuid: pulumi.Output<string>;
    /** The internal Container Apps environment (managed runtime only). */
    containerAppsEnvironmentId?: pulumi.Output<string>;
    containerAppsDefaultDomain?: pulumi.Output<string>;
    zones: string[];
}

/** The foundation before Key Vault exists (what the network's own Key Vault endpoint needs). */
export type BaseFoundation = Omit<Foundation, "keyVaultId" | "keyVaultName" | "keyVaultUri" | "containerAppsEnvironmentId" | "containerAppsDefaultDomain">;

/** What one run's contexts share: the explicit providers and the tenant. */
interface AzureProviders {
    provider: AzureProvider;
    randomProvider: RandomProvider;
    tenantId: pulumi.Output<string>;
}

/**
 * The Azure side of one program run, on the shared CloudContext (providers/shared/cloud-context.ts):
 * the explicit providers (azure-native with location and subscription from config, random),
 * every child created through `create`, which also drops the SDK's API-version aliases
 * (api-version-aliases.ts), and the standard tags (azure-native 3.28.0's ProviderArgs declare no
 * default tags, unlike AWS `defaultTags` and GCP `defaultLabels`, so each taggable child sets
 * `tags: ctx.tags`; tests/child-guarantees.spec.ts finds one that does not). It keeps nothing between components: a
 * component reads the network's foundation from its Args and works on
 * `ctx.withFoundation(foundation)`, an immutable copy on the same providers that the helpers
 * (identities, role assignments, private endpoints) read it from.
 */
export class AzureContext extends CloudContext {
    declare readonly provider: AzureProvider;
    readonly tags: Record<string, string>;
    readonly location: string;
    /** Tenant of the credentials Pulumi runs with (Key Vault needs it). */
    readonly tenantId: pulumi.Output<string>;

    private constructor(cfg: PlatformConfig, private readonly providers: AzureProviders, private readonly foundationValue?: BaseFoundation | Foundation) {
        super("azure", cfg, providers.provider, { randomProvider: providers.randomProvider, transformations: [withoutApiVersionAliases] });
        this.location = cfg.region;
        this.tags = { ...cfg.tags };
        this.tenantId = providers.tenantId;
    }

    /** The run's context: creates the explicit providers. */
    static create(cfg: PlatformConfig): AzureContext {
        const provider = new AzureProvider(`azure-${cfg.environment}`, {
            location: cfg.region,
            ...(cfg.azure?.subscriptionId ? { subscriptionId: cfg.azure?.subscriptionId } : {}),
        });
        const randomProvider = new RandomProvider(`random-${cfg.environment}`, {});
        const tenantId = authorization.getClientConfigOutput({ provider }).tenantId;
        return new AzureContext(cfg, { provider, randomProvider, tenantId });
    }

    /** The same providers over a foundation (the network's handle, or the network's own partial one while it builds). */
    withFoundation(f: BaseFoundation | Foundation): AzureContext {
        return new AzureContext(this.cfg, this.providers, f);
    }

    /** The foundation this context was made with; only the network works without one. */
    get baseFoundation(): BaseFoundation {
        if (!this.foundationValue) throw new Error("internal: an Azure component ran without the network's foundation (ctx.withFoundation(args.network handle))");
        return this.foundationValue;
    }

    /** The internal Container Apps environment the managed runtime's apps, jobs and gateway share. */
    get containerApps(): { environmentId: pulumi.Output<string>; defaultDomain: pulumi.Output<string> } {
        const f = this.foundation;
        if (!f.containerAppsEnvironmentId || !f.containerAppsDefaultDomain) throw new Error("internal: the Container Apps environment exists under compute.runtime: managed only");
        return { environmentId: f.containerAppsEnvironmentId, defaultDomain: f.containerAppsDefaultDomain };
    }

    /** The whole foundation, Key Vault included. */
    get foundation(): Foundation {
        const f = this.baseFoundation;
        if (!("keyVaultId" in f)) throw new Error("internal: the Azure foundation is used before the network built its Key Vault");
        return f as Foundation;
    }

    physical(...suffix: string[]): string {
        return singleHyphens(physicalName(this.cfg, ...suffix));
    }

    limited(max: number, ...suffix: string[]): string {
        return singleHyphens(limitedName(this.cfg, max, ...suffix));
    }

    /** `/subscriptions/<sub>/providers/Microsoft.Authorization/roleDefinitions/<guid>` from the resource group id. */
    roleDefinitionId(guid: string): pulumi.Output<string> {
        return this.baseFoundation.resourceGroupId.apply((id) => `${id.split("/resourceGroups/")[0]}/providers/Microsoft.Authorization/roleDefinitions/${guid}`);
    }

    /** A user-assigned managed identity (services, the gateway, Redis persistence). */
    identity(scope: pulumi.ComponentResource, logicalName: string, physicalSuffix: string): managedidentity.UserAssignedIdentity {
        return this.create(managedidentity.UserAssignedIdentity, scope, logicalName, {
            resourceName: this.physical(physicalSuffix, "id"),
            resourceGroupName: this.baseFoundation.resourceGroupName,
            location: this.location,
            tags: this.tags,
        });
    }

    /**
     * One role assignment for a service principal (a managed identity) on one scope: a role of
     * BUILT_IN_ROLES by name, or any built-in role by its definition GUID (a component's own, in its file).
     */
    grant(
        scope: pulumi.ComponentResource,
        name: string,
        args: { principalId: pulumi.Input<string>; role: keyof typeof BUILT_IN_ROLES | { builtInRoleId: string }; on: pulumi.Input<string> },
        transform?: Transform<authorization.RoleAssignmentArgs>,
    ): authorization.RoleAssignment {
        return this.create(authorization.RoleAssignment, scope, name, {
            principalId: args.principalId,
            principalType: "ServicePrincipal",
            roleDefinitionId: this.roleDefinitionId(typeof args.role === "string" ? BUILT_IN_ROLES[args.role] : args.role.builtInRoleId),
            scope: args.on,
        }, transform);
    }

    /** Azure's own deletion protection (a CanNotDelete lock), added where the tier asks for it. */
    deleteLock(scope: pulumi.ComponentResource, name: string, on: pulumi.Input<string>, notes: string): authorization.ManagementLockByScope {
        return this.create(authorization.ManagementLockByScope, scope, name, {
            scope: on,
            level: "CanNotDelete",
            notes,
        });
    }
}
