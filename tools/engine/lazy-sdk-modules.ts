import { deferModule } from "./deferred-module";

/**
 * Modules @pulumi/pulumi loads at start-up for features an offline plan never uses. Called
 * before the SDK first loads, this puts a stand-in for each in the module cache (deferModule,
 * tools/engine/deferred-module.ts: `__esModule` is answered without loading, so TypeScript's
 * `__importStar`, which the SDK binds arborist with, keeps the stand-in, and the SDK binds the
 * TypeScript shim with a plain `require`, reading nothing from it at load; any other use loads
 * the real module once, which from then on is the cache's entry). So the feature behaves as before; only a process that
 * never uses it leaves the module unloaded. Where a module is already loaded, or not installed,
 * its deferral does nothing (and says so by returning false).
 */

/** Defers `request` as the SDK resolves it; false where it is not installed or already loaded. */
function deferForSdk(request: string): boolean {
    let id: string;
    try {
        id = require.resolve(request, { paths: [require.resolve("@pulumi/pulumi")] });
    } catch {
        return false;
    }
    return deferModule(id);
}

/**
 * npm's arborist (its dependency-tree builder, about 450 modules with pacote, sigstore and
 * cacache): runtime/closure/codePaths.js requires it at load, for one use, finding the packages a
 * serialized function closure needs. An offline plan serializes no closure: about 0.3-0.4 s of
 * CPU per process, a third of loading @pulumi/pulumi (772 modules with it, 325 without).
 */
export function deferArborist(): boolean {
    return deferForSdk("@npmcli/arborist");
}

/**
 * The TypeScript compiler (9 MB of JavaScript): the SDK's typescript-shim.js requires it (or, where
 * the project has no typescript, the copy the SDK vendors) when the closure serializer's modules
 * load, to parse a serialized function's source. An offline plan serializes none: loading it was
 * about 0.25 s of a plan's wall time (aws/production, 5 interleaved runs: 2.17 -> 1.92 s median).
 * The stand-in is the shim's, not typescript's own, so a module of ours that imports typescript
 * (the schema check) gets the real module, never a proxy in its hot loops.
 */
export function deferTypeScript(): boolean {
    return deferForSdk("@pulumi/pulumi/typescript-shim");
}

/** Done when this module loads: import it before anything that loads @pulumi/pulumi (tools/engine/run-plan.ts does). */
export const SDK_MODULES_DEFERRED = { arborist: deferArborist(), typescript: deferTypeScript() };
