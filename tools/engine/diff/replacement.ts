import { KUBERNETES_REPLACEMENT } from "../../../providers/kubernetes/replacement";
import { ReplacementRule, ReplacementTable, SHARED_REPLACEMENT } from "../../../providers/shared/replacement";
import { engineForType, everyCloudEngine } from "../cloud-engines";
import { CLOUD_PLUGINS } from "../../../providers/registry";
import { pathSegments } from "./flatten";

/**
 * Whether changing one input replaces its resource, read from each cloud's engine facts
 * (providers/<cloud>/engine.ts: its shared replacement.ts and its builder files' entries). Three answers: "replace" (the provider creates a new
 * resource), "update" (in place), "unknown" (no table says, or the provider decides from live
 * values): the diff counts "unknown" as may-replace, never as an update.
 */

/** The tables of the folders that are no cloud (the Kubernetes runtime, the random provider). */
const FOLDER_TABLES: Readonly<Record<string, ReplacementTable>> = { kubernetes: KUBERNETES_REPLACEMENT, shared: SHARED_REPLACEMENT };

/** Every table by the folder that owns it (loads every cloud's engine). */
export function replacementTables(): Readonly<Record<string, ReplacementTable>> {
    const clouds = Object.values(CLOUD_PLUGINS).map((p) => p.name);
    return { ...Object.fromEntries(everyCloudEngine().map((e, i) => [clouds[i], e.replacement])), ...FOLDER_TABLES };
}

/** The entry of one type: its cloud's engine is loaded on first use, so a diff of one cloud's plans loads no other. */
export function replacementRule(type: string): ReplacementRule | undefined {
    for (const table of Object.values(FOLDER_TABLES)) if (type in table) return table[type];
    return engineForType(type)?.replacement[type];
}

export type PropertyEffect = "replace" | "update" | "unknown";

/**
 * Resource options: `protect`, `retainOnDelete` and `aliases` are engine bookkeeping (never a
 * replacement); a different provider object may replace the resource, depending on the new
 * provider's configuration.
 */
const OPTION_EFFECTS: Record<string, PropertyEffect> = { protect: "update", retainOnDelete: "update", aliases: "update", provider: "unknown" };

function covers(rulePath: string, segments: string[]): number {
    const r = rulePath.split(".");
    return r.length <= segments.length && r.every((s, i) => segments[i] === s) ? r.length : 0;
}

/** The effect of changing `path` (a flattened input path, or `options.<name>`) on a resource of `type`. */
export function propertyEffect(type: string, path: string): { effect: PropertyEffect; matched?: string } {
    if (path.startsWith("options.")) return { effect: OPTION_EFFECTS[path.slice("options.".length)] ?? "unknown" };
    const rule = replacementRule(type);
    if (!rule) return { effect: "unknown" };
    const segments = pathSegments(path);
    let best: { effect: PropertyEffect; matched?: string; depth: number } = { effect: "unknown", depth: 0 };
    // Longest match wins; on a tie replace beats undecided beats update (never understate).
    const candidates: [readonly string[], PropertyEffect][] = [[rule.update, "update"], [rule.undecided ?? [], "unknown"], [rule.replace, "replace"]];
    for (const [paths, effect] of candidates) {
        for (const p of paths) {
            const depth = covers(p, segments);
            if (depth > 0 && depth >= best.depth) best = { effect, matched: p, depth };
        }
    }
    return { effect: best.effect, matched: best.matched };
}
