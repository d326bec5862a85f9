import type * as pulumi from "@pulumi/pulumi";
import { Provider as RandomProvider } from "@pulumi/random/provider";
import type { Cloud, PlatformConfig } from "../../components/config";
import type { Transform } from "../../components/transform";
import { createChild, ResourceCtor } from "./child-factory";

/** What a cloud adds to the shared context. */
export interface CloudContextOptions {
    /** The @pulumi/random provider; by default a new `platform-random`. A derived context (Azure's `withFoundation`) passes its parent's. */
    randomProvider?: RandomProvider;
    /** Resource transformations every child gets, before its own (Azure drops its SDK's API-version aliases). */
    transformations?: pulumi.ResourceTransformation[];
}

/**
 * What every cloud's per-run context shares: the explicit providers (the cloud's and
 * @pulumi/random's, never ambient defaults), the child factory that parents each resource to
 * its component, puts it on an explicit provider, adds the cloud's transformations and applies
 * the per-child transform last. tests/child-guarantees.spec.ts holds every child of every plan
 * to that. It keeps nothing between components: what a component needs from an earlier one
 * arrives in its Args as that component's handle (components/component.ts CloudHandle,
 * providers/<cloud>/handles.ts).
 */
export abstract class CloudContext {
    readonly randomProvider: RandomProvider;
    private readonly transformations: pulumi.ResourceTransformation[];

    protected constructor(
        readonly cloud: Cloud,
        readonly cfg: PlatformConfig,
        readonly provider: pulumi.ProviderResource,
        options: CloudContextOptions = {},
    ) {
        this.randomProvider = options.randomProvider ?? new RandomProvider("platform-random", {});
        this.transformations = options.transformations ?? [];
    }

    /**
     * Creates one child: parented to its component, on the explicit provider (or the one
     * `opts.provider` names, e.g. the cluster's Kubernetes provider), with the cloud's
     * transformations and the per-child transform applied last.
     */
    create<TArgs extends object, R>(
        ctor: ResourceCtor<TArgs, R>,
        scope: pulumi.ComponentResource,
        name: string,
        args: TArgs,
        transform?: Transform<TArgs>,
        opts: pulumi.CustomResourceOptions = {},
    ): R {
        return this.createOn(opts.provider ?? this.provider, ctor, scope, name, args, transform, opts);
    }

    /** @pulumi/random children, on the explicit random provider. */
    createRandom<TArgs extends object, R>(ctor: ResourceCtor<TArgs, R>, scope: pulumi.ComponentResource, name: string, args: TArgs, transform?: Transform<TArgs>, opts: pulumi.CustomResourceOptions = {}): R {
        return this.createOn(this.randomProvider, ctor, scope, name, args, transform, opts);
    }

    private createOn<TArgs extends object, R>(
        provider: pulumi.ProviderResource,
        ctor: ResourceCtor<TArgs, R>,
        scope: pulumi.ComponentResource,
        name: string,
        args: TArgs,
        transform: Transform<TArgs> | undefined,
        opts: pulumi.CustomResourceOptions,
    ): R {
        return createChild(ctor, scope, name, args, { provider, transformations: this.transformations, transform, opts });
    }
}
