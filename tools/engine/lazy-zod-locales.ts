import * as fs from "fs";
import * as path from "path";
import { deferModule } from "./deferred-module";

/**
 * zod's index loads every one of its 64 message locales (`exports.locales` of
 * v4/classic/external.cjs and v4/core/index.cjs) although the program only ever reports in
 * English, which zod's schemas load on their own (v4/classic/schemas.cjs requires locales/en.cjs).
 * The locales are about half of zod's load: 25 ms of CPU of every plan's start-up, more than the
 * program's share over the SDK may grow by (README "Performance", plan ÷ SDK replay).
 *
 * Called before zod first loads, this puts a stand-in for the locale index in the module cache:
 * `z.locales` is the stand-in, and its first use (any key but `__esModule`, which TypeScript's
 * import helper asks at load) loads the real index, which from then on is the cache's entry. So
 * nothing zod offers changes; only its unused locales stay unloaded. Once zod is loaded, or where
 * its files are not where zod 4 keeps them, it does nothing (and says so by returning false).
 */
export function deferZodLocales(): boolean {
    let index: string;
    try {
        index = require.resolve("zod");
    } catch {
        return false;
    }
    const locales = path.join(path.dirname(index), "v4", "locales", "index.cjs");
    if (require.cache[index] || !fs.existsSync(locales)) return false;
    return deferModule(locales);
}

/** Done when this module loads: import it before anything that loads zod (tools/engine/run-plan.ts does, first). */
export const ZOD_LOCALES_DEFERRED = deferZodLocales();
