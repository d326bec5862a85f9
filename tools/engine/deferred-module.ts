import Module = require("module");

/**
 * Stand-ins for modules a process may never use (zod's locales, npm's arborist, the SDK's TypeScript shim): a module-cache
 * entry whose exports load the real module on first use, after which the real one is the
 * cache's entry (tools/engine/lazy-zod-locales.ts, lazy-sdk-modules.ts).
 */

/**
 * Puts a stand-in for the module at `id` (a resolved file name) in the module cache. Does
 * nothing, and says so by returning false, when the module is already loaded.
 */
export function deferModule(id: string): boolean {
    if (require.cache[id]) return false;
    const standIn = deferredExports(() => {
        delete require.cache[id];
        return require(id) as Record<PropertyKey, unknown>;
    });
    const entry = new Module(id, module);
    entry.filename = id;
    entry.loaded = true;
    entry.exports = standIn;
    require.cache[id] = entry;
    return true;
}

/**
 * A module's exports that `load` only on first use: `__esModule` (what TypeScript's and zod's
 * import helpers ask when they bind a module) is answered without loading; any other key, `in`,
 * and listing the keys load it once.
 */
export function deferredExports(load: () => Record<PropertyKey, unknown>): Record<PropertyKey, unknown> {
    let real: Record<PropertyKey, unknown> | undefined;
    const loaded = () => (real ??= load());
    return new Proxy({} as Record<PropertyKey, unknown>, {
        get: (_, key) => (key === "__esModule" ? true : loaded()[key]),
        has: (_, key) => key in loaded(),
        ownKeys: () => Reflect.ownKeys(loaded()),
        // Reported configurable: the target holds none of them, and a proxy may not claim otherwise.
        getOwnPropertyDescriptor: (_, key) => {
            const d = Reflect.getOwnPropertyDescriptor(loaded(), key);
            return d && { ...d, configurable: true };
        },
    });
}
