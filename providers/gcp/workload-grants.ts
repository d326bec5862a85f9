import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import type { ServiceBindings, WorkloadBindings } from "../../components/binding";
import { childName } from "../../components/naming";
import type { Transform } from "../../components/transform";
import type { GcpContext } from "./context";
import type { GcpHandles } from "./handles";
import { boundGrantHooks, type Ungranted } from "../shared/workload-grants";

/**
 * What a workload bound to a component is given on GCP, from the component's own builder file
 * (its handle's `grant`): the service account's IAM members on what it keeps, and any login it
 * makes for the account. Cloud Run services and jobs and GKE Workload Identity share
 * createServiceIdentity (compute-service.ts), which loops over the bound components.
 */
export interface GcpWorkloadGrant {
    /** What runs as the account waits for them. */
    grants: pulumi.Resource[];
    /** The account's login where the component authenticates it (the database's Cloud SQL IAM user). */
    login?: pulumi.Output<string>;
}

/**
 * The escape hatches over the grants' children, part of the service's `transform.gcp`
 * (GcpComputeServiceTransforms extends it): each hook's file adds the keys of its children
 * (`declare module "./workload-grants"`).
 */
export interface GcpGrantTransforms {
    /**
     * Every secret accessor grant of a bound component's secret (the database password's, the
     * cache token's, ...): declared once here, since every component keeping a secret shares it.
     */
    secretAccess?: Transform<gcp.secretmanager.SecretIamMemberArgs>;
}

/** The account a grant is given to. */
export interface GcpGrantee {
    account: gcp.serviceaccount.Account;
    /** An `admin` job (database-access.ts). */
    admin: boolean;
    transforms?: GcpGrantTransforms;
}

/**
 * A component's GCP grant hook (its builder file exports it; its handle carries it as `grant`):
 * children of `scope`, named `<name>-<child>`. Its duty beside its own IAM members: read access
 * (`grantSecretRead`) on every secret of its binding the workload receives — AWS derives it from
 * the binding's secrets, here the hook keeps the child's name the plans have always had
 * (`redis-auth-access`, `db-password-access`), so a hook that forgets it leaves Cloud Run
 * unable to resolve the secret at container start (tests/generic-bindings.spec.ts checks every
 * received secret has its grant).
 */
export type GcpGrant<H, O> = (ctx: GcpContext, scope: pulumi.ComponentResource, name: string, to: GcpGrantee, handle: H, outputs: O) => GcpWorkloadGrant;

/** Every component workloads bind to must carry a `grant` on its GCP handle: the typecheck fails here naming the one that does not. */
// Stryker disable next-line BooleanLiteral: a typecheck-only constant (its type is the check; the value is never read).
export const EVERY_GCP_BINDING_GRANTS: [Ungranted<GcpGrantChecks<GcpHandles>>] extends [never] ? true : `no GCP grant for its own handle on: ${Ungranted<GcpGrantChecks<GcpHandles>> & string}` = true;

/** Per bound component: its GCP handle (of handles `H`) carries a `grant` that accepts that very handle and the component's outputs. */
export type GcpGrantChecks<H> = { [K in keyof ServiceBindings]: K extends keyof H ? (H[K] extends { grant: GcpGrant<H[K], ServiceBindings[K]> } ? true : false) : false };

/**
 * `roles/secretmanager.secretAccessor` for the grantee on one secret, `<name>-<suffix>`: what
 * Cloud Run and GKE Workload Identity need to read it
 * (https://cloud.google.com/run/docs/configuring/services/secrets#access-secret).
 */
export function grantSecretRead(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, to: GcpGrantee, suffix: string, secretId: pulumi.Input<string>): gcp.secretmanager.SecretIamMember {
    return ctx.create(gcp.secretmanager.SecretIamMember, scope, childName(name, suffix), { secretId, role: "roles/secretmanager.secretAccessor", member: to.account.member }, to.transforms?.secretAccess);
}

/** Each bound component's grant to `to.account`, in grant order (components/binding.ts). */
export function gcpWorkloadGrants(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, bindings: WorkloadBindings, to: GcpGrantee, by: string): Array<GcpWorkloadGrant & { component: string }> {
    return boundGrantHooks<GcpGrant<unknown, unknown>>("gcp", bindings, by).map(({ bound, handle, hook }) => ({ component: bound.key, ...hook(ctx, scope, name, to, handle, bound.outputs) }));
}
