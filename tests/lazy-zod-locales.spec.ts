import * as assert from "assert";
import * as path from "path";
import { z } from "zod";
import { deferredExports } from "../tools/engine/deferred-module";

/*
 * tools/engine/lazy-zod-locales.ts keeps zod's 63 unused locales unloaded in an engine process
 * (tests/registry.spec.ts checks a fresh plan's modules). What zod offers must not change: the
 * stand-in loads the real locale index on first use and answers as it would.
 */
describe("zod's locales, loaded on first use", () => {
    const localesFile = path.join(path.dirname(require.resolve("zod")), "v4", "locales", "index.cjs");

    it("answers __esModule without loading; any other use loads once and answers as the module", () => {
        let loads = 0;
        const real = require(localesFile) as Record<string, unknown>;
        const standIn = deferredExports(() => (loads++, real));
        assert.strictEqual(standIn.__esModule, true);
        assert.strictEqual(loads, 0, "asking __esModule loaded the module");
        assert.strictEqual(standIn.fr, real.fr);
        assert.ok("de" in standIn);
        assert.deepStrictEqual(Object.keys(standIn).sort(), Object.keys(real).sort());
        assert.strictEqual(Object.getOwnPropertyDescriptor(standIn, "en")?.enumerable, true);
        assert.strictEqual(loads, 1);
    });

    it("z.locales offers every locale, usable as zod documents (z.config(z.locales.xx()))", () => {
        assert.ok(Object.keys(z.locales).length >= 60, String(Object.keys(z.locales).length));
        const fr = (z.locales as unknown as Record<string, () => { localeError: unknown }>).fr!();
        assert.strictEqual(typeof fr.localeError, "function");
        assert.strictEqual(z.string().safeParse(1).error?.issues[0]?.message, "Invalid input: expected string, received number");
    });
});
