import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";
import * as rpc from "@pulumi/pulumi/runtime/rpc";

/** Runtime internals the engine needs; they exist in 3.248 but are stripped from its typings. */
const settings = require("@pulumi/pulumi/runtime/settings") as {
    getStack(): string;
    getProject(): string;
    setMockOptions(monitor: unknown, project: string, stack: string, preview: boolean): void;
    waitForRPCs(): Promise<void>;
};
const state = require("@pulumi/pulumi/runtime/state") as { getStore(): Record<string, unknown> };
export const waitForRPCs = (): Promise<void> => settings.waitForRPCs();

type RegisterCallback = (err: Error | null, resp?: unknown) => void;

/** MockMonitor's shape as this file uses it (its `newUrn` is private in the typings, overridable at run time). */
const MockMonitorBase = MockMonitor as unknown as new (mocks: pulumi.runtime.Mocks) => {
    mocks: pulumi.runtime.Mocks;
    registerResource(req: unknown, callback: RegisterCallback): Promise<void>;
    invoke(req: unknown, callback: RegisterCallback): Promise<void>;
};

/** One resource as the engine would see it: what the program asked for, before any cloud call. */
export interface RecordedResource {
    urn: string;
    type: string;
    name: string;
    parent?: string;
    custom: boolean;
    /** Inputs as the program sent them: secrets wrapped in the RPC secret envelope. */
    rawInputs: Record<string, unknown>;
    /** The id and outputs the mocks answered with (what other resources' inputs refer to). */
    id?: string;
    outputs?: Record<string, unknown>;
    options: {
        protect: boolean;
        retainOnDelete: boolean;
        /** Provider reference `urn::id`, for custom resources. */
        provider?: string;
        dependencies: string[];
        /** Per input property, the resources whose outputs flowed into it (what the CLI hands the analyzer). */
        propertyDependencies?: Record<string, string[]>;
        aliases: string[];
        deleteBeforeReplace: boolean;
        ignoreChanges: string[];
    };
}

/**
 * Pulumi's MockMonitor, recording every registration with its options (protect, provider,
 * parent, aliases) and computing URNs the way the engine does: the parent's full type chain,
 * so nested children get the same URN offline as in a real stack. A duplicate URN is an error,
 * as it is for the engine.
 */
export class RecordingMonitor extends MockMonitorBase {
    readonly recorded: RecordedResource[] = [];
    readonly errors: Error[] = [];
    private readonly urns = new Set<string>();

    /** `additionalSecretOutputs` of the registration in flight (read synchronously by the mocks wrapper). */
    private pendingSecretOutputs: string[] = [];

    constructor(mocks: pulumi.runtime.Mocks) {
        super(mocks);
        // The engine marks a resource's `additionalSecretOutputs` (RandomPassword.result, ...)
        // secret; MockMonitor does not. Wrapping them keeps a secret output secret offline too.
        this.mocks = {
            call: (args) => mocks.call(args),
            newResource: async (args) => {
                const secretKeys = this.pendingSecretOutputs;
                const result = await mocks.newResource(args);
                const state: Record<string, unknown> = { ...result.state };
                for (const key of secretKeys) {
                    if (key in state) state[key] = { [rpc.specialSigKey]: rpc.specialSecretSig, value: state[key] };
                }
                return { id: result.id, state };
            },
        };
    }

    newUrn(parent: string, type: string, name: string): string {
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
                    propertyDependencies: propertyDependenciesOf(req),
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
        this.pendingSecretOutputs = req.getAdditionalsecretoutputsList();
        const record = this.recorded[this.recorded.length - 1]!;
        return super.registerResource(req, (err: Error | null, resp?: any) => {
            if (err) this.errors.push(err);
            else if (resp) {
                record.id = resp.getId?.() || undefined;
                const object = resp.getObject?.();
                if (object) record.outputs = rpc.deserializeProperties(object, true);
            }
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

/** The request's property dependencies (`key -> URNs`), only the keys that have any. */
function propertyDependenciesOf(req: { getPropertydependenciesMap(): { forEach(cb: (v: { getUrnsList(): string[] }, k: string) => void): void } }): Record<string, string[]> | undefined {
    const out: Record<string, string[]> = {};
    req.getPropertydependenciesMap().forEach((deps, key) => {
        const urns = deps.getUrnsList();
        if (urns.length > 0) out[key] = urns;
    });
    return Object.keys(out).length > 0 ? out : undefined;
}
