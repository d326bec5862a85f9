import { deferModule } from "./deferred-module";

/**
 * @pulumi/pulumi's index loads runtime/closure/codePaths.js, which requires @npmcli/arborist
 * (npm's dependency-tree builder, about 450 modules with pacote, sigstore and cacache) at load,
 * for one use: finding the packages a serialized function closure needs. An offline plan
 * serializes no closure, yet every process that loads the SDK paid for it: about 0.3-0.4 s of
 * CPU, a third of loading @pulumi/pulumi (772 modules with it, 325 without).
 *
 * Called before @pulumi/pulumi first loads, this puts a stand-in for arborist in the module
 * cache (deferModule, tools/engine/deferred-module.ts: `__esModule` is answered without loading, so TypeScript's
 * `__importStar` in codePaths.js keeps the stand-in; `arborist.Arborist` loads the real module
 * once, which from then on is the cache's entry). So a closure serialization behaves as before;
 * only a process that never serializes one leaves arborist unloaded. Where arborist is already
 * loaded, or not installed, it does nothing (and says so by returning false).
 */
export function deferArborist(): boolean {
    let id: string;
    try {
        id = require.resolve("@npmcli/arborist", { paths: [require.resolve("@pulumi/pulumi")] });
    } catch {
        return false;
    }
    return deferModule(id);
}

/** Done when this module loads: import it before anything that loads @pulumi/pulumi (tools/engine/run-plan.ts does). */
export const ARBORIST_DEFERRED = deferArborist();
