import { CLOUD_BUILT } from "../../components/catalog";
import type { EngineFacts, StatedFacts } from "./cloud-engine";

/**
 * The engine facts each cloud-built catalog entry's builder file states (its `engineFacts`
 * export, optional: a component that creates no type of its own states none), in catalog
 * order. `load` is the cloud's own `require`, so the path resolves in its folder, as for
 * `loadBuilders` (bind-cloud.ts). Loading a builder file loads the cloud's SDK: only the
 * engine's processes (diff, the specs, the docs generator) call this, never a plan of the program.
 */
export function builderEngineFacts(cloud: string, load: (file: string) => unknown): StatedFacts[] {
    return CLOUD_BUILT.flatMap((entry) => {
        const { engineFacts } = load(`./${entry.file}`) as { engineFacts?: EngineFacts };
        return engineFacts ? [{ file: `providers/${cloud}/${entry.file}.ts`, facts: engineFacts }] : [];
    });
}
