import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import * as settings from "@pulumi/pulumi/runtime/settings";
import * as state from "@pulumi/pulumi/runtime/state";

/** One resource as the engine would see it: what the program asked for, before any cloud call. */
export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    custom: boolean;
    /** Inputs as the program sent them: secrets wrapped in the RPC secret envelope. */
    rawInputs: Record<string, unknown>;
    options: {
        protect: boolean;
        retainOnDelete: boolean;
        /** Provider reference `urn::id`, for custom resources. */
        provider?: string;
        dependencies: string[];
        aliases: string[];
        deleteBeforeReplace: boolean;
        ignoreChanges: string[];
    };
}

type RegisterCallback = (err: Error | null, resp?: unknown) => void;

/**
 * Pulumi's MockMonitor, recording every registration with its options (protect, provider,
 * parent, aliases) and computing URNs the way the engine does: the parent's full type chain,
 * so nested children get the same URN offline as in a real stack. A duplicate URN is an error,
 * as it is for the engine.
 */
export class RecordingMonitor extends MockMonitor {
    readonly recorded: RecordedResource[] = [];
    readonly errors: Error[] = [];
    private readonly urns = new Set<string>();

    constructor(mocks: pulumi.runtime.Mocks) {
        super(mocks);
    }

    override newUrn(parent: string, type: string, name: string): string {
        let qualified = type;
        if (parent) {
            const parentType = parent.split("::")[2];
            if (parentType !== "pulumi:pulumi:Stack") qualified = `${parentType}$${type}`;
        }
        return `urn:pulumi:${settings.getStack()}::${settings.getProject()}::${qualified}::${name}`;
    }

    override async registerResource(req: any, callback: RegisterCallback): Promise<void> {
        try {
            const urn = this.newUrn(req.getParent(), req.getType(), req.getName());
            if (this.urns.has(urn)) throw new Error(`duplicate resource URN ${urn}`);
            this.urns.add(urn);
            const rawInputs = rpc.deserializeProperties(req.getObject(), true);
            this.recorded.push({
                urn,
                type: req.getType(),
                name: req.getName(),
                parent: req.getParent() || undefined,
                custom: req.getCustom(),
                rawInputs,
                options: {
                    protect: req.hasProtect() ? req.getProtect() : false,
                    retainOnDelete: req.hasRetainondelete() ? req.getRetainondelete() : false,
                    provider: req.getProvider() || undefined,
                    dependencies: req.getDependenciesList(),
                    aliases: req.getAliasesList().map(describeAlias),
                    deleteBeforeReplace: req.getDeletebeforereplace(),
                    ignoreChanges: req.getIgnorechangesList(),
                },
            });
        } catch (err) {
            this.errors.push(err as Error);
            callback(err as Error);
            return;
        }
        return super.registerResource(req, (err: Error | null, resp?: unknown) => {
            if (err) this.errors.push(err);
            callback(err, resp);
        });
    }

    override async invoke(req: any, callback: RegisterCallback): Promise<void> {
        return super.invoke(req, (err: Error | null, resp?: unknown) => {
            if (err) this.errors.push(err);
            callback(err, resp);
        });
    }
}

function describeAlias(alias: any): string {
    if (alias.getUrn && alias.getUrn()) return alias.getUrn();
    const spec = alias.getSpec?.();
    if (!spec) return "alias";
    return [spec.getName() && `name=${spec.getName()}`, spec.getType() && `type=${spec.getType()}`, spec.getParenturn() && `parent=${spec.getParenturn()}`, spec.getNoparent() && "noParent"]
        .filter(Boolean)
        .join(",");
}

/**
 * Installs a fresh RecordingMonitor as the runtime's monitor, exactly as
 * `pulumi.runtime.setMocks` does, and resets all per-run state (root resource, features).
 */
export function installMonitor(mocks: pulumi.runtime.Mocks, project: string, stack: string, preview: boolean): RecordingMonitor {
    const monitor = new RecordingMonitor(mocks);
    settings.setMockOptions(monitor, project, stack, preview);
    const store = state.getStore();
    store.supportsSecrets = true;
    store.supportsResourceReferences = true;
    store.supportsOutputValues = false;
    store.supportsDeletedWith = true;
    store.supportsAliasSpecs = true;
    store.supportsTransforms = false;
    return monitor;
}
