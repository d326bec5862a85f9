import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import type { Cloud, PlatformConfig } from "../../components/config";
import { applyTransform, Transform } from "../../components/transform";

export type ResourceCtor<TArgs, R> = new (name: string, args: TArgs, opts?: pulumi.CustomResourceOptions) => R;

/**
 * What every cloud's per-run context shares: the explicit providers (the cloud's and
 * @pulumi/random's, never ambient defaults), the child factory that parents each resource to
 * its component and applies the per-child transform last. It keeps nothing between components:
 * what a component needs from an earlier one arrives in its Args as that component's handle
 * (components/component.ts CloudHandle, providers/<cloud>/handles.ts).
 */
export abstract class CloudContext {
    readonly randomProvider: random.Provider;

    protected constructor(
        readonly cloud: Cloud,
        readonly cfg: PlatformConfig,
        readonly provider: pulumi.ProviderResource,
    ) {
        this.randomProvider = new random.Provider("platform-random", {});
    }

    /** Creates one child: parented to its component, on the explicit provider, with the per-child transform applied last. */
    create<TArgs extends object, R>(
        ctor: ResourceCtor<TArgs, R>,
        scope: pulumi.ComponentResource,
        name: string,
        args: TArgs,
        transform?: Transform<TArgs>,
        opts: pulumi.CustomResourceOptions = {},
    ): R {
        const [finalArgs, finalOpts] = applyTransform<TArgs, pulumi.CustomResourceOptions>(args, { ...opts, parent: scope, provider: this.provider }, transform);
        return new ctor(name, finalArgs, finalOpts);
    }

    /** @pulumi/random children, on the explicit random provider. */
    createRandom<TArgs extends object, R>(ctor: ResourceCtor<TArgs, R>, scope: pulumi.ComponentResource, name: string, args: TArgs, opts: pulumi.CustomResourceOptions = {}): R {
        return new ctor(name, args, { ...opts, parent: scope, provider: this.randomProvider });
    }
}
