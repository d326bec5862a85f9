import type * as pulumi from "@pulumi/pulumi";
import type { CloudHandle, SecretReference } from "./component";
import type { JobConfig, ServiceConfig } from "./config";
import { receivesAdminPassword } from "./database-access";

/**
 * How services and jobs bind to a component, in a cloud-neutral form. A component that
 * workloads use declares its `Binding` in its own file (the catalog entry's `binding`) and adds
 * its outputs to `ServiceBindings`; the Platform hands every workload the bound components
 * (`WorkloadBindings`, in catalog order), and each runtime loops over them: the plain and
 * secret environment below, and what the component's own builder file on that cloud grants
 * the workload's identity (its handle's `grant`, providers/<cloud>/workload-grants.ts). No
 * workload file names a component.
 */

/**
 * The outputs of every component workloads bind to, by catalog key. Each bindable component
 * adds its key from its own file: `declare module "./binding" { interface ServiceBindings { database: DatabaseOutputs } }`.
 */
export interface ServiceBindings {}

/** Who is bound, as a binding sees it. */
export interface BoundWorkload {
    /** An `admin` job (database-access.ts): the only workload given `adminOnly` secrets. */
    admin: boolean;
    /**
     * The workload identity's own login where a component authenticates it (the database's IAM
     * user), as the cloud's grant named it.
     */
    login: pulumi.Input<string>;
}

/** A secret a bound workload receives by reference: the cloud resolves it at container start, never in the plan. */
export interface BindingSecret {
    /** The variable it is given as (one of its binding's `variables`). */
    env: string;
    /** Where it lives in the cloud's secret manager. */
    ref: SecretReference;
    /** Given to an `admin` job only (the database admin password). */
    adminOnly: boolean;
    /** Short name of the children that read it (`db-password`: the Kubernetes runtime's `<name>-db-password`). */
    name: string;
}

/** What every runtime gives a workload bound to a component with outputs `O`. */
export interface Binding<O> {
    /** The plain variable that shows a service uses it (the topology's evidence) and its stack output. */
    readonly env: string;
    readonly output: string;
    /** Every variable it sets, plain or secret (components/program-config.ts reserves them: no workload env may use one). */
    readonly variables: readonly string[];
    /** Its plain variables: names and values from its outputs. */
    plain(outputs: O, workload: BoundWorkload): Record<string, pulumi.Input<string>>;
    /** Every secret it keeps for workloads, in the order a container lists them. */
    secrets(outputs: O): readonly BindingSecret[];
    /**
     * Its clouds' grants are made after every other bound component's (grantOrder): the
     * database's, whose login grant every cloud has always made last, and the plans keep that order.
     */
    readonly grantLast?: boolean;
}

/** One component a workload is bound to: its catalog key, outputs (with this cloud's handle) and binding. */
export interface BoundComponent<O = unknown> {
    readonly key: string;
    readonly outputs: O & { readonly handle: CloudHandle };
    readonly binding: Binding<O>;
}

/** The components a workload is bound to, by catalog key, in catalog order (`bindingsOf` below, over the catalog's `BINDABLE`). */
export type WorkloadBindings = { readonly [K in keyof ServiceBindings]: BoundComponent<ServiceBindings[K]> };

/** A catalog entry as the bindings read it: its key and, for one workloads bind to, its binding. */
export interface BindableEntry {
    readonly key: string;
    readonly binding?: Binding<never>;
}

/**
 * What a workload is bound to: each of `bindable` (the catalog's entries with a `binding`, in
 * catalog order: components/catalog.ts `BINDABLE`) found among the components it is built on.
 */
export function bindingsOf(deps: object, bindable: readonly BindableEntry[]): WorkloadBindings {
    const built = deps as Record<string, unknown>;
    const bound: Record<string, BoundComponent> = {};
    for (const d of bindable) {
        const outputs = built[d.key];
        if (outputs !== undefined && d.binding) bound[d.key] = { key: d.key, outputs: outputs as BoundComponent["outputs"], binding: d.binding as BoundComponent["binding"] };
    }
    return bound as unknown as WorkloadBindings;
}

/** A binding typed against its component's outputs. */
export function defineBinding<O>(binding: Binding<O>): Binding<O> {
    return binding;
}

/** The bound components, in catalog order. */
export function boundComponents(bindings: WorkloadBindings): BoundComponent[] {
    return Object.values(bindings) as BoundComponent[];
}

/** The bound components in the order each cloud makes their grants: catalog order, the `grantLast` ones at the end. */
export function grantOrder(bindings: WorkloadBindings): BoundComponent[] {
    const all = boundComponents(bindings);
    return [...all.filter((b) => !b.binding.grantLast), ...all.filter((b) => b.binding.grantLast)];
}

/** What the binding environment reads of a workload: its own `env`, and a job's database role (a service always logs in as `app`). */
export type BindingEnvWorkload = Pick<ServiceConfig, "env"> & Partial<Pick<JobConfig, "databaseRole">>;

/**
 * The plain (non-secret) environment every runtime gives a workload, the same on every cloud:
 * its own `env`, then each bound component's variables in catalog order (which the workload's
 * own values cannot override). Secrets are never here: each runtime wires `bindingSecrets`
 * from its secret manager. `login` is the workload's own database login (database-access.ts);
 * an `admin` job logs in as the platform's admin instead.
 */
export function plainBindingEnv(workload: BindingEnvWorkload, bindings: WorkloadBindings, login: pulumi.Input<string>): Record<string, pulumi.Input<string>> {
    const bound: BoundWorkload = { admin: receivesAdminPassword(workload), login };
    return Object.assign({ ...workload.env }, ...boundComponents(bindings).map((b) => b.binding.plain(b.outputs, bound))) as Record<string, pulumi.Input<string>>;
}

/** One secret a workload receives, with the handle of the component that keeps it. */
export interface ReceivedSecret extends BindingSecret {
    owner: BoundComponent;
}

/** Every secret the bound components keep (`all`), or only those this workload receives: an `adminOnly` one to an `admin` job only. */
export function bindingSecrets(bindings: WorkloadBindings, workload: { databaseRole?: JobConfig["databaseRole"] } | "all"): ReceivedSecret[] {
    const admin = workload === "all" || receivesAdminPassword(workload);
    return boundComponents(bindings).flatMap((owner) => owner.binding.secrets(owner.outputs).filter((s) => admin || !s.adminOnly).map((s) => ({ ...s, owner })));
}
