import type * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { grantOrder, type ServiceBindings, type WorkloadBindings } from "../../components/binding";
import type { GcpContext } from "./context";
import type { GcpHandles } from "./handles";

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
export interface GcpGrantTransforms {}

/** The account a grant is given to. */
export interface GcpGrantee {
    account: gcp.serviceaccount.Account;
    /** An `admin` job (database-access.ts). */
    admin: boolean;
    transforms?: GcpGrantTransforms;
}

/** A component's GCP grant hook (its builder file exports it; its handle carries it as `grant`): children of `scope`, named `<name>-<child>`. */
export type GcpGrant<H, O> = (ctx: GcpContext, scope: pulumi.ComponentResource, name: string, to: GcpGrantee, handle: H, outputs: O) => GcpWorkloadGrant;

/** Every component workloads bind to must carry a `grant` on its GCP handle: the typecheck fails here naming the one that does not. */
type Ungranted = { [K in keyof ServiceBindings]: K extends keyof GcpHandles ? (GcpHandles[K] extends { grant: GcpGrant<never, never> } ? never : K) : K }[keyof ServiceBindings];
export const EVERY_GCP_BINDING_GRANTS: [Ungranted] extends [never] ? true : `no GCP grant on the handle of: ${Ungranted & string}` = true;

/** Each bound component's grant to `to.account`, in grant order (components/binding.ts). */
export function gcpWorkloadGrants(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, bindings: WorkloadBindings, to: GcpGrantee, by: string): GcpWorkloadGrant[] {
    return grantOrder(bindings).map((bound) => {
        const handle = bound.outputs.handle as unknown as { cloud: string; grant?: unknown };
        if (handle.cloud !== "gcp" || typeof handle.grant !== "function") {
            throw new Error(`internal: the GCP ${by} is bound to ${bound.key}, whose ${handle.cloud} handle carries no GCP \`grant\` (its providers/gcp builder file exports one)`);
        }
        return (handle.grant as GcpGrant<unknown, unknown>)(ctx, scope, name, to, handle, bound.outputs);
    });
}
