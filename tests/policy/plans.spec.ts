import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { CLOUDS, Cloud } from "../../components/config";
import { policies } from "../../policy/policies";
import { TYPE_SOURCES } from "../../policy/policies/types";
import { evaluatePack } from "../../tools/engine/policies";
import { ENVIRONMENTS, planFor } from "../support/harness";

describe("policy pack: the program's own plans", () => {
    for (const cloud of CLOUDS as readonly Cloud[]) {
        for (const env of ENVIRONMENTS) {
            it(`${cloud}/${env}: zero mandatory violations, and the plan's policy result is the pack's`, async function () {
                let run;
                try {
                    run = await planFor(env, cloud);
                } catch (err) {
                    if (/not available yet/.test(String((err as Error).message))) this.skip();
                    throw err;
                }
                const e = await evaluatePack(run.recorded);
                const mandatory = e.violations.filter((v) => v.level === "mandatory");
                assert.deepStrictEqual(mandatory.map((v) => `${v.policy}: ${v.message.split("\n").pop()}`), []);
                // The pack applied to something on this cloud (not silently "not applicable" everywhere).
                const applicable = policies.filter((p) => p.name.startsWith(`${cloud}-`) && p.metadata.resourceTypes.some((t) => run.recorded.some((r) => r.type === t)));
                assert.ok(applicable.length >= 8, `only ${applicable.length} ${cloud} policies found resources to inspect`);
            });
        }
    }
});

describe("policy pack: resource type tokens", () => {
    it("every token the pack matches is the __pulumiType of the installed SDK class", () => {
        for (const [token, file] of Object.entries(TYPE_SOURCES)) {
            const source = fs.readFileSync(require.resolve(file), "utf8");
            assert.ok(source.includes(`__pulumiType = '${token}'`), `${path.basename(file)} does not declare ${token}`);
        }
        for (const p of policies) for (const t of p.metadata.resourceTypes) assert.ok(TYPE_SOURCES[t], `${p.name}: ${t} is not in TYPE_SOURCES`);
    });

    it("importing the policies loads no cloud SDK and starts no server", () => {
        const loaded = Object.keys(require.cache).filter((f) => /node_modules[\\/]@pulumi[\\/](aws|gcp|azure-native)[\\/]/.test(f));
        // Other specs may have planned a cloud; what matters is that policy/ never requires an SDK.
        for (const f of fs.readdirSync(path.resolve(__dirname, "../../policy/policies"))) {
            const src = fs.readFileSync(path.resolve(__dirname, "../../policy/policies", f), "utf8");
            assert.doesNotMatch(src, /from "@pulumi\/(aws|gcp|azure-native)"/, f);
            assert.doesNotMatch(src, /new PolicyPack/, f);
        }
        assert.ok(Array.isArray(loaded));
    });
});
