import * as assert from "assert";
import { readdirSync, readFileSync } from "fs";
import { join } from "path";
import * as pulumi from "@pulumi/pulumi";
import { CATALOG, CLOUD_BUILT, COMPONENT_TYPES, definitionOfType } from "../components/catalog";
import { CLOUDS } from "../components/config";
import { COMPONENT_ROLES } from "../components/definition";
import { loadCloud } from "../providers/loader";
import { loadStackConfig } from "../tools/engine/stack-config";
import { planFor } from "./support/plan-cache";
import { validateConfig } from "../components/program-config";

/*
 * The recipe "add a component" (docs/architecture.md) holds while these do: the catalog is the
 * one list, every cloud has one builder file per cloud-built entry exporting `builder` typed
 * against the contract, and a cloud's CloudImplementation is exactly those builders. (A wrong
 * order in the catalog, or a builder signature off the contract, fails the typecheck instead.)
 */
const ROOT = join(__dirname, "..");

describe("component catalog", () => {
    it("lists each component once, its kind, type token and file derived from its key", () => {
        const keys = CATALOG.map((d) => d.key);
        assert.deepStrictEqual([...new Set(keys)], keys);
        for (const d of CATALOG) {
            assert.strictEqual(d.type, `platform:components:${d.kind}`);
            assert.strictEqual(d.kind.charAt(0).toLowerCase() + d.kind.slice(1), d.key);
            assert.strictEqual(d.file, d.key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
            assert.ok(COMPONENT_ROLES.includes(d.role), `${d.key}: role ${d.role}`);
            assert.strictEqual(COMPONENT_TYPES[d.key], d.type);
            assert.strictEqual(definitionOfType(d.type), d);
        }
        assert.strictEqual(definitionOfType("aws:rds/instance:Instance"), undefined);
    });

    for (const cloud of CLOUDS) {
        it(`providers/${cloud}: one builder file per cloud-built entry, exporting \`builder\` typed against the contract, and no other`, () => {
            for (const entry of CLOUD_BUILT) {
                const file = join(ROOT, "providers", cloud, `${entry.file}.ts`);
                const text = readFileSync(file, "utf8");
                assert.match(text, new RegExp(`export const builder: CloudBuilder<\\w+, "${entry.key}">`), `providers/${cloud}/${entry.file}.ts: builder not typed as CloudBuilder<…, "${entry.key}">`);
                assert.strictEqual(typeof (require(file) as { builder?: unknown }).builder, "function", `providers/${cloud}/${entry.file}.ts`);
            }
            const exporting = readdirSync(join(ROOT, "providers", cloud)).filter((f) => f.endsWith(".ts") && /export const builder\b/.test(readFileSync(join(ROOT, "providers", cloud, f), "utf8")));
            assert.deepStrictEqual(exporting.sort(), CLOUD_BUILT.map((e) => `${e.file}.ts`).sort());
        });

        it(`${cloud}: CloudImplementation is exactly the catalog's cloud-built builders, bound`, () => {
            pulumi.runtime.setMocks({ newResource: (a) => ({ id: `${a.name}-id`, state: a.inputs }), call: () => ({}) }, "platform", "staging", false);
            const stack = loadStackConfig("staging", [`platform:cloud=${cloud}`]);
            const impl = loadCloud(cloud).createCloud(validateConfig(stack.config, stack.secretKeys));
            const builders = Object.keys(impl).filter((k) => typeof (impl as unknown as Record<string, unknown>)[k] === "function");
            assert.deepStrictEqual(builders.sort(), CLOUD_BUILT.map((e) => e.key).sort());
            assert.strictEqual(impl.cloud, cloud);
        });
    }

    it("the stack outputs are the catalog's, grouped by role, in the order they always had", async () => {
        const run = await planFor("production", "aws");
        assert.deepStrictEqual(Object.keys(run.plan.outputs), [
            "cloud", "environment", "region", "disasterRecovery",
            "url", "loadBalancerEndpoint",
            "databaseEndpoint", "databasePasswordSecret", "databaseBackupCopy", "cacheEndpoint", "bucketName",
            "services", "releases",
            "alerts", "dashboard",
            "jobs",
        ]);
    });
});
