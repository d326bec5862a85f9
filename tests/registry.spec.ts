import * as assert from "assert";
import * as path from "path";
import { CLOUDS } from "../components/config";
import { loadCloud } from "../providers/loader";
import { FreshPlan, freshPlan } from "./support/fresh-plan";

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
});

/**
 * What each stack loads, from a fresh process per stack: its own cloud SDK and nothing of the
 * others; @pulumi/kubernetes only under the kubernetes runtime; and, for azure-native, only
 * the submodules it uses, never the package index (which loads every Azure service).
 */
describe("provider registry: what a stack loads", () => {
    for (const cloud of CLOUDS) {
        describe(cloud, () => {
            const loading = freshPlan("staging", cloud);
            let managed: FreshPlan;
            before(async function () {
                this.timeout(120_000);
                managed = await loading.result();
            });

            it(`loads ${SDK_OF[cloud]} and no other cloud SDK`, () => {
                assert.ok((managed.packages[SDK_OF[cloud]] ?? 0) > 0, `${SDK_OF[cloud]} was not loaded: ${JSON.stringify(managed.packages)}`);
                for (const other of Object.values(SDK_OF).filter((p) => p !== SDK_OF[cloud])) {
                    assert.strictEqual(managed.packages[other], undefined, `${cloud} stack loaded ${other}`);
                }
            });

            it("loads zod's English messages and none of its other locales (tools/engine/lazy-zod-locales.ts)", () => {
                const locales = managed.files.filter((f) => /node_modules\/zod\/v4\/locales\/(?!index\.cjs$)/.test(f)).map((f) => path.basename(f));
                assert.deepStrictEqual(locales, ["en.cjs"]);
            });

            it("loads npm's arborist and the TypeScript compiler only as stand-ins (tools/engine/lazy-sdk-modules.ts: no closure is serialized)", () => {
                const arborist = managed.files.filter((f) => /node_modules\/@npmcli\/arborist\//.test(f));
                assert.ok(arborist.length <= 1, `arborist loaded: ${arborist.length} of its modules`);
                assert.ok(!managed.files.some((f) => /node_modules\/pacote\//.test(f)), "pacote loaded");
                assert.deepStrictEqual(managed.files.filter((f) => /node_modules\/typescript\/|\/vendor\/typescript@/.test(f)), [], "the compiler loaded");
            });

            it("loads no @pulumi/kubernetes under the managed runtime", () => {
                assert.strictEqual(managed.packages["@pulumi/kubernetes"], undefined, JSON.stringify(managed.packages));
            });

            if (cloud === "azure") {
                it("loads azure-native submodules only, never the package index", () => {
                    assert.ok(!managed.files.some((f) => f.endsWith("node_modules/@pulumi/azure-native/index.js")), "the azure-native index was loaded");
                });
            }
        });
    }

    const kubernetes = freshPlan("staging", "gcp", ["platform:compute.runtime=kubernetes"]);
    it("loads @pulumi/kubernetes, and still one cloud SDK, under the kubernetes runtime", async function () {
        this.timeout(120_000);
        const k8s = await kubernetes.result();
        assert.ok((k8s.packages["@pulumi/kubernetes"] ?? 0) > 0);
        assert.strictEqual(k8s.packages["@pulumi/aws"], undefined);
        assert.strictEqual(k8s.packages["@pulumi/azure-native"], undefined);
    });
});
