import * as assert from "assert";
import { CLOUDS } from "../components/config";
import { loadCloud } from "../providers/registry";
import { pulumiPackagesLoaded } from "./support/loaded-modules";

const SDK_OF = { aws: "@pulumi/aws", gcp: "@pulumi/gcp", azure: "@pulumi/azure-native" } as const;

describe("provider registry", () => {
    for (const cloud of CLOUDS) {
        it(`maps ${cloud} to a module that names its own SDK`, () => {
            assert.deepStrictEqual([...loadCloud(cloud).sdkPackages], [SDK_OF[cloud]]);
        });
    }

    it("rejects an unknown cloud with the allowed values", () => {
        assert.throws(() => loadCloud("oracle" as never), /platform:cloud = "oracle": allowed: one of aws, gcp, azure/);
    });

    for (const cloud of CLOUDS) {
        it(`a ${cloud} stack loads ${SDK_OF[cloud]} and no other cloud SDK`, function () {
            const loaded = pulumiPackagesLoaded("staging", cloud);
            assert.ok(loaded[SDK_OF[cloud]]! > 0, `${SDK_OF[cloud]} was not loaded: ${JSON.stringify(loaded)}`);
            for (const other of Object.values(SDK_OF).filter((p) => p !== SDK_OF[cloud])) {
                assert.strictEqual(loaded[other], undefined, `${cloud} stack loaded ${other}`);
            }
        });
    }
});
