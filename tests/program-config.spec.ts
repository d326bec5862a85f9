import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { defineBinding } from "../components/binding";
import { BINDABLE, CATALOG, type CatalogEntry } from "../components/catalog";
import type { ConfigProblem } from "../components/config/errors";
import { defineSection, perTier } from "../components/config/sections";
import { type ComponentDefinition, defineComponent } from "../components/definition";
import { type CatalogSettings, COMPONENT_SETTINGS_TYPED, configLayerOfCatalog, RESERVED_ENV, type SettingsCheck, tryResolveConfig, validateConfig } from "../components/program-config";
import { CLOUD_PLUGINS } from "../providers/registry";
import { renderConfigReference } from "../tools/docs/config-reference";
import { rawOf } from "./config/message-cases";

/*
 * The program's config (components/program-config.ts) is the config layer handed what only the
 * catalog knows: each component's own settings and the variables of each component workloads
 * bind to. A component added to the catalog, with a section and a binding, changes the schema,
 * the reserved names, the messages and the README rows, and nothing in components/config/ is
 * edited for it. (tests/config/sections.spec.ts follows a section through every part.)
 */

interface NotifierOutputs { url: pulumi.Output<string> }
const notifierBinding = defineBinding<NotifierOutputs>({
    env: "NOTIFIER_URL",
    output: "notifierUrl",
    variables: ["NOTIFIER_URL", "NOTIFIER_TOPIC"],
    plain: (n) => ({ NOTIFIER_URL: n.url, NOTIFIER_TOPIC: "events" }),
    secrets: () => [],
});
interface NotifierConfig {
    /** Messages a second. @default production: 100, staging: 10 */
    rate: number;
}
const notifierSection = defineSection({
    key: "notifier",
    shape: { notifier: z.strictObject({ rate: z.number().int().min(1).max(1000).optional() }).optional() },
    tiers: perTier<NotifierConfig>({ production: { rate: 100 }, staging: { rate: 10 } }),
    resolve: ({ raw, tier }): NotifierConfig => ({ ...tier, ...raw.notifier }),
    reference: [{ label: "`notifier.rate`", keys: ["notifier.rate"], defaults: "tier", change: "in place" }],
});
/** A component the catalog does not have: its create is never called here (tests/generic-bindings.spec.ts plans a bound one). */
const notifierComponent = defineComponent({ key: "notifier", builtBy: "cloud", role: "data", binding: notifierBinding, settings: notifierSection, create: () => undefined });
const entries = CATALOG as unknown as ComponentDefinition<string, unknown, never, never>[];

describe("program config: what the catalog hands the config layer", () => {
    // Built in each test, not once at load: a mutant of the assembly must reach the layer the test reads.
    const withNotifier = () => configLayerOfCatalog([...entries, notifierComponent]);
    const problems = (set: Record<string, unknown>) => withNotifier().tryResolve(rawOf({ set })) as ConfigProblem[];

    it("the program's reserved names are its bound components' variables in catalog order, then the port and each cloud's own", () => {
        // What users read in the message and the README row.
        assert.deepStrictEqual(RESERVED_ENV, [
            "DATABASE_HOST", "DATABASE_PORT", "DATABASE_NAME", "DATABASE_USER", "DATABASE_PASSWORD", "DATABASE_AUTH", "PGSSLMODE",
            "REDIS_HOST", "REDIS_PORT", "REDIS_AUTH_TOKEN", "REDIS_TLS", "OBJECT_STORE_BUCKET",
            "PORT", "AZURE_CLIENT_ID", "AZURE_STORAGE_BLOB_ENDPOINT",
        ]);
    });

    it("a new bound component's variables are reserved: a service's env, a job's env and a secret may not use them", () => {
        const layer = withNotifier();
        const variables = BINDABLE.flatMap((d) => d.binding!.variables);
        assert.deepStrictEqual(layer.reservedEnv, [...variables, "NOTIFIER_URL", "NOTIFIER_TOPIC", "PORT", ...Object.values(CLOUD_PLUGINS).flatMap((p) => p.platformEnv)]);
        const found = problems({ "services.api.env": { NOTIFIER_TOPIC: "mine" }, "jobs.migrate": { image: "ghcr.io/acme/api:1.0.0", command: ["migrate"], env: { NOTIFIER_URL: "x" } } });
        assert.deepStrictEqual(found.map((p) => [p.key, p.value]), [["platform:services.api.env.NOTIFIER_TOPIC", "mine"], ["platform:jobs.migrate.env.NOTIFIER_URL", "x"]]);
        assert.match(found[0]!.allowed, /^a name the platform does not set itself \(reserved: DATABASE_HOST, .*NOTIFIER_URL, NOTIFIER_TOPIC, PORT, /);
        const secret = layer.tryResolve(rawOf({ set: { "services.api.secrets": { NOTIFIER_URL: "s3cr3t" } } }), (k) => k === "platform:services") as ConfigProblem[];
        assert.deepStrictEqual(secret.map((p) => p.key), ["platform:services.api.secrets.NOTIFIER_URL"]);
        assert.doesNotMatch(JSON.stringify(secret), /s3cr3t/, "the secret's value is never in a message");
        // The program's own config does not reserve them: it has no notifier.
        assert.ok(!Array.isArray(tryResolveConfig(rawOf({ set: { "services.api.env": { NOTIFIER_TOPIC: "mine" } } }))));
    });

    it("its settings are validated, merged over their tier and documented", () => {
        const layer = withNotifier();
        assert.deepStrictEqual(problems({ "notifier.rate": 0 }), [{ key: "platform:notifier.rate", value: 0, allowed: "an integer >= 1" }]);
        const cfg = layer.tryResolve(rawOf({ environment: "production", set: {} })) as unknown as { notifier: NotifierConfig };
        assert.deepStrictEqual(cfg.notifier, { rate: 100 });
        const table = renderConfigReference(layer.reference, { schema: layer.schema, tiers: layer.tiers as never });
        assert.ok(table.includes("| `notifier.rate` | 1–1000 | 100 | 10 | in place |"), table.split("\n").slice(-2).join("\n"));
        assert.ok(table.includes("`NOTIFIER_URL`, `NOTIFIER_TOPIC`, `PORT`"), "the env row lists the new reserved names");
        assert.throws(() => validateConfig({ "platform:cloud": "aws", "platform:notifier": "{}" }), /platform:notifier/, "the program's own schema has no notifier key");
    });

    it("reads a stack's key/value config with its own schema: a component's key is known and decoded", () => {
        const layer = withNotifier();
        const all = { "platform:cloud": "aws", "platform:environment": "staging", "platform:loadBalancer": "{\"domain\":\"app.example.com\"}", "platform:services": "{\"api\":{\"image\":\"ghcr.io/acme/api:1.0.0\",\"http\":{}}}", "platform:notifier": "{\"rate\":7}" };
        assert.deepStrictEqual((layer.validate(all) as unknown as { notifier: NotifierConfig }).notifier, { rate: 7 });
        assert.deepStrictEqual(layer.rawOf(all)["notifier"], { rate: 7 });
        // A string-typed key keeps its text (a JSON-looking appName stays text); the others are decoded.
        assert.deepStrictEqual([...layer.stringKeys], ["cloud", "environment", "appName", "kubeconfig"]);
        assert.strictEqual(layer.rawOf({ ...all, "platform:appName": "123" })["appName"], "123");
        // The engine's config, as the CLI hands it to the program.
        pulumi.runtime.setAllConfig(all, []);
        try {
            assert.deepStrictEqual((layer.read() as unknown as { notifier: NotifierConfig }).notifier, { rate: 7 });
        } finally {
            pulumi.runtime.setAllConfig({}, []);
        }
    });

    it("two components whose bindings set one variable fail when the program's config is built, naming both", () => {
        const twin = defineComponent({ key: "twin", builtBy: "cloud", role: "data", binding: { ...notifierBinding, variables: ["TWIN_URL", "NOTIFIER_TOPIC"] }, create: () => undefined });
        assert.throws(() => configLayerOfCatalog([...entries, notifierComponent, twin]), /the twin binding sets NOTIFIER_TOPIC, which the notifier binding already sets/);
        const shadow = defineComponent({ key: "shadow", builtBy: "cloud", role: "data", binding: { ...notifierBinding, variables: ["DATABASE_HOST"] }, create: () => undefined });
        assert.throws(() => configLayerOfCatalog([...entries, shadow]), /the shadow binding sets DATABASE_HOST, which the database binding already sets/);
    });

    it("a binding may not set a name the platform sets itself (the port, a cloud's own), naming it", () => {
        for (const name of ["PORT", "AZURE_CLIENT_ID"]) {
            const own = defineComponent({ key: "own", builtBy: "cloud", role: "data", binding: { ...notifierBinding, variables: [name] }, create: () => undefined });
            assert.throws(() => configLayerOfCatalog([...entries, own]), new RegExp(`the own binding sets ${name}, which the platform sets itself in every container \\(PORT, AZURE_CLIENT_ID, AZURE_STORAGE_BLOB_ENDPOINT\\)`));
        }
    });

    it("a component's settings are keyed by its catalog key: the type says so, and an untyped entry fails at load", () => {
        // @ts-expect-error a section whose key is not the component's
        defineComponent({ key: "other", builtBy: "cloud", role: "data", settings: notifierSection, create: () => undefined });
        const untyped = { ...notifierComponent, key: "other" } as unknown as ComponentDefinition<string, unknown, never, never>;
        assert.throws(() => configLayerOfCatalog([...entries, untyped]), /the other component's settings are the notifier section/);
    });

    it("the typecheck ties a component's settings to its ComponentSettings entry (key and type)", () => {
        type WithNotifier = readonly [...CatalogEntry[], typeof notifierComponent];
        const agrees: SettingsCheck<CatalogSettings<WithNotifier>, { notifier: NotifierConfig }> = true;
        // @ts-expect-error the entry brings settings that ComponentSettings does not declare
        const missing: SettingsCheck<CatalogSettings<WithNotifier>, {}> = true;
        // @ts-expect-error ComponentSettings declares a key no entry brings
        const extra: SettingsCheck<CatalogSettings<readonly CatalogEntry[]>, { notifier: NotifierConfig }> = true;
        // @ts-expect-error ComponentSettings says another type
        const other: SettingsCheck<CatalogSettings<WithNotifier>, { notifier: { rate: string } }> = true;
        const named: SettingsCheck<CatalogSettings<WithNotifier>, {}> = "a catalog entry's settings missing from ComponentSettings (declare module \"./config/component-settings\" in its file): notifier";
        assert.ok(agrees && missing && extra && other && named && COMPONENT_SETTINGS_TYPED);
    });

});
