import { CLOUD_PLUGINS } from "../../../providers/registry";

/**
 * Resource types that hold data (or the keys to it): replacing or deleting one loses
 * that data unless someone restores it. A replace or delete of any of these is the loudest
 * thing the diff can say, and it makes `npm run diff` exit 1 unless overridden. Each cloud
 * lists its own in its plugin (providers/<cloud>/plugin.ts `statefulTypes`); which inputs
 * replace them is in the per-cloud tables (providers/<cloud>/replacement.ts).
 */
export const STATEFUL_TYPES: Readonly<Record<string, string>> = Object.assign({}, ...Object.values(CLOUD_PLUGINS).map((p) => p.statefulTypes));

export function isStateful(type: string): boolean {
    return type in STATEFUL_TYPES;
}
