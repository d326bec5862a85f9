import * as assert from "assert";
import { T } from "../../policy/policies/types";
import { CLOUD_PLUGINS } from "../../providers/registry";

/**
 * The pack is published on its own (policy/package.json) and never imports the program, so
 * its type table repeats the clouds: this spec keeps that list equal to the registry's, and
 * each cloud's tokens inside the SDK packages its plugin names.
 */
describe("policy pack: clouds", () => {
    it("has a type-token section for every registered cloud, and for kubernetes, nothing else", () => {
        assert.deepStrictEqual(Object.keys(T).sort(), [...Object.keys(CLOUD_PLUGINS), "kubernetes"].sort());
    });

    for (const plugin of Object.values(CLOUD_PLUGINS)) {
        it(`${plugin.name}: every token belongs to the plugin's SDK (${plugin.sdkPackages.join(", ")})`, () => {
            const prefixes = plugin.sdkPackages.map((p) => `${p.replace(/^@pulumi\//, "")}:`);
            const section = T[plugin.name as keyof typeof T] as Record<string, string>;
            for (const [key, token] of Object.entries(section)) assert.ok(prefixes.some((p) => token.startsWith(p)), `T.${plugin.name}.${key} = ${token}`);
        });
    }
});
