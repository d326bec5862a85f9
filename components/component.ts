import * as pulumi from "@pulumi/pulumi";

/**
 * The shared shape of the components: construct under the shared type token, let the
 * selected cloud build the children (parented to this component), then expose and register
 * the cloud-neutral outputs. Switching cloud changes the children only, never the URN of
 * the component itself.
 */
export abstract class PlatformComponent<TOutputs extends object> extends pulumi.ComponentResource {
    protected constructor(type: string, name: string, build: (self: pulumi.ComponentResource) => TOutputs, opts?: pulumi.ComponentResourceOptions) {
        super(type, name, {}, opts);
        const outputs = build(this);
        Object.assign(this, outputs);
        // The handle is program-internal wiring (resource objects), not a stack-visible output.
        const { handle: _handle, ...registered } = outputs as TOutputs & { handle?: CloudHandle };
        void _handle;
        this.registerOutputs(registered as pulumi.Inputs);
    }
}

/** A value kept in the cloud's secret manager: the reference compute resolves at runtime. */
export interface SecretReference {
    /** ARN (AWS), Secret Manager secret id (GCP) or Key Vault secret URI (Azure). */
    id: pulumi.Output<string>;
    /** JSON key inside the secret, when the secret holds a JSON document (RDS-managed passwords). */
    jsonKey?: string;
}

/**
 * What one cloud's implementation of a component hands to the components built on it (AWS:
 * subnets, security groups, the logs key; GCP: the VPC and its private range; ...). The
 * contract does not know its shape: each cloud declares its handles in
 * `providers/<cloud>/handles.ts` and reads them back through `providers/shared/handles.ts`,
 * which checks that the handle is that cloud's and of the expected kind. The Platform passes
 * them as typed fields of the dependent component's Args (`network`, `database`, ...).
 */
export interface CloudHandle {
    /** The implementation that made it: `aws`, `gcp`, `azure`, or `kubernetes` for the workloads runtime. */
    readonly cloud: string;
    /** The component it describes: `network`, `database`, ... */
    readonly kind: string;
}
