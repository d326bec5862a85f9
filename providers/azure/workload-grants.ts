import type * as pulumi from "@pulumi/pulumi";
import type * as authorization from "@pulumi/azure-native/authorization";
import type * as managedidentity from "@pulumi/azure-native/managedidentity";
import type { ServiceBindings, WorkloadBindings } from "../../components/binding";
import { childName } from "../../components/naming";
import type { Transform } from "../../components/transform";
import type { AzureContext } from "./context";
import type { AzureHandles } from "./handles";
import { boundGrantHooks, type Ungranted } from "../shared/workload-grants";

/**
 * What a workload bound to a component is given on Azure, from the component's own builder
 * file (its handle's `grant`): role assignments to the workload's managed identity, the
 * Container Apps secret name of each Key Vault secret it keeps, and any plain env Azure's SDKs
 * need. Container Apps services and jobs and AKS workload identities share serviceIdentity
 * (compute-service.ts), which loops over the bound components.
 */
export interface AzureWorkloadGrant {
    /** What runs as the identity waits for them. */
    grants: pulumi.Resource[];
    /** The identity's database login where the component authenticates it. */
    login?: pulumi.Input<string>;
    /** The Container Apps `secrets[].name` of each of its binding secrets, by variable. */
    secretNames?: Record<string, string>;
    /** Plain env Azure's SDKs need beside the binding's (every runtime sets it). */
    env?: Record<string, pulumi.Input<string>>;
}

/** The identity a grant is given to. */
export interface AzureGrantee {
    identity: managedidentity.UserAssignedIdentity;
    /** An `admin` job (database-access.ts). */
    admin: boolean;
    roleAssignmentTransform?: Transform<authorization.RoleAssignmentArgs>;
}

/**
 * A component's Azure grant hook (its builder file exports it; its handle carries it as
 * `grant`): children of `scope`, named `<name>-<child>`. Its duty beside its own role
 * assignments: `keyVaultSecretsUser` (`grantTo`) on every Key Vault secret of its binding the
 * workload receives, and that secret's Container Apps name in `secretNames` — the hook keeps
 * the names the plans have always had (`redis-auth-reader`, `database-password-reader`); a hook
 * that forgets the grant leaves Container Apps unable to resolve the Key Vault reference
 * (tests/generic-bindings.spec.ts checks the queue's).
 */
export type AzureGrant<H, O> = (ctx: AzureContext, scope: pulumi.ComponentResource, name: string, to: AzureGrantee, handle: H, outputs: O) => AzureWorkloadGrant;

/** Every component workloads bind to must carry a `grant` on its Azure handle: the typecheck fails here naming the one that does not. */
// Stryker disable next-line BooleanLiteral: a typecheck-only constant (its type is the check; the value is never read).
export const EVERY_AZURE_BINDING_GRANTS: [Ungranted<AzureGrantChecks<AzureHandles>>] extends [never] ? true : `no Azure grant for its own handle on: ${Ungranted<AzureGrantChecks<AzureHandles>> & string}` = true;

/** Per bound component: its Azure handle (of handles `H`) carries a `grant` that accepts that very handle and the component's outputs. */
export type AzureGrantChecks<H> = { [K in keyof ServiceBindings]: K extends keyof H ? (H[K] extends { grant: AzureGrant<H[K], ServiceBindings[K]> } ? true : false) : false };

/** Each bound component's grant to `to.identity`, in grant order (components/binding.ts). */
export function azureWorkloadGrants(ctx: AzureContext, scope: pulumi.ComponentResource, name: string, bindings: WorkloadBindings, to: AzureGrantee, by: string): Array<AzureWorkloadGrant & { component: string }> {
    return boundGrantHooks<AzureGrant<unknown, unknown>>("azure", bindings, by).map(({ bound, handle, hook }) => ({ component: bound.key, ...hook(ctx, scope, name, to, handle, bound.outputs) }));
}

/** A role assignment to the grantee, named `<name>-<suffix>`. */
export function grantTo(ctx: AzureContext, scope: pulumi.ComponentResource, name: string, to: AzureGrantee, suffix: string, role: Parameters<AzureContext["grant"]>[2]["role"], on: pulumi.Input<string>): pulumi.Resource {
    return ctx.grant(scope, childName(name, suffix), { principalId: to.identity.principalId, role, on }, to.roleAssignmentTransform);
}
