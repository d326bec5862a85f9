import * as assert from "assert";
import { z } from "zod";
import { referenceRowsOf } from "../../components/config/reference";
import type { ConfigProblem } from "../../components/config/errors";
import { PlatformConfig, ResolvedConfig, Resolver, resolverOf, RULE_ORDER, ruleOrderOf, SectionConfigs } from "../../components/config/resolve";
import { CATALOG } from "../../components/catalog";
import { type ComponentDefinition, defineComponent } from "../../components/definition";
import { days, rawSchemaOf } from "../../components/config/schema";
import { SectionTiers, tiersOf } from "../../components/config/tiers";
import { computeSection, CONFIG_SECTIONS, ConfigSections, defineSection, jobsSection, perTier, servicesSection } from "../../components/config/sections";
import { renderConfigReference, schemaKeys } from "../../tools/docs/config-reference";
import { rawOf } from "./message-cases";
import { CONFIG_REFERENCE, configLayerOfCatalog, PROGRAM_CONFIG_LAYER, rawConfigSchema, RESERVED_ENV, TIERS, tryResolveConfig } from "../../components/program-config";

/*
 * The config sections mechanism (components/config/sections/): one file per section, one line
 * in sections/index.ts, and from that list the schema, the tier profiles, the resolved config
 * and its rules, and the README's reference rows. A fake `mailbox` section added to the list
 * must show up in all of them without any other edit.
 */

const TOP_LEVEL = ["cloud", "environment", "appName", "tags"];

describe("config sections: the program's list", () => {
    it("the schema's keys are the top level, each cloud's section, then every section's keys in list order", () => {
        const keys = Object.keys(rawConfigSchema.shape);
        const sectionKeys = CONFIG_SECTIONS.flatMap((s) => Object.keys(s.shape));
        assert.deepStrictEqual(keys.slice(0, TOP_LEVEL.length), TOP_LEVEL);
        assert.deepStrictEqual(keys.slice(keys.length - sectionKeys.length), sectionKeys);
        assert.deepStrictEqual(sectionKeys, ["network", "database", "cache", "objectStore", "loadBalancer", "compute", "audit", "kubernetes", "kubeconfig", "dr", "monitoring", "services", "jobs"]);
    });

    it("every section with tiers has both, and they are the tier profile's part; the others have no part", () => {
        for (const section of CONFIG_SECTIONS) {
            for (const env of ["production", "staging"] as const) {
                const profile = TIERS[env] as unknown as Record<string, unknown>;
                if (section.tiers) assert.strictEqual(profile[section.key], section.tiers[env], `${section.key} ${env}`);
                else assert.ok(!(section.key in profile), `${section.key} has no tiers`);
            }
        }
        assert.deepStrictEqual(CONFIG_SECTIONS.filter((s) => !s.tiers).map((s) => s.key), ["services", "jobs"]);
    });

    it("every section resolves to its PlatformConfig field", () => {
        const cfg = tryResolveConfig(rawOf({ set: { "compute.size": "large" } })) as PlatformConfig;
        for (const section of CONFIG_SECTIONS) assert.ok(section.key in cfg, section.key);
        assert.strictEqual(cfg.services[0]!.size, "large", "services read the resolved compute section");
    });

    it("the reference rows are the sections' rows, and each row documents its own section's keys", () => {
        for (const section of CONFIG_SECTIONS) {
            const own = Object.keys(section.shape);
            for (const row of section.reference) {
                assert.ok(CONFIG_REFERENCE.some((r) => r.label === row.label && r.keys === row.keys), row.label);
                for (const key of row.keys) assert.ok(own.includes(key.split(".")[0]!), `${section.key}: ${row.label} documents ${key}`);
            }
        }
    });

    it("every section rule runs exactly once; RULE_ORDER places only rules that exist, none twice", () => {
        const order = ruleOrderOf(CONFIG_SECTIONS);
        const names = order.filter((p) => "section" in p).map((p) => ("section" in p ? `${p.section.key}.${p.rule}` : ""));
        const expected = CONFIG_SECTIONS.flatMap((s) => Object.keys(s.rules ?? {}).map((r) => `${s.key}.${r}`));
        assert.deepStrictEqual([...names].sort(), [...expected].sort());
        for (const p of RULE_ORDER) if ("section" in p) assert.ok(p.section.rules?.[p.rule], `${p.section.key}.${p.rule}`);
        assert.strictEqual(order.length, RULE_ORDER.length, "every program rule is placed (the message order the specs pin)");
    });
});

/** A section the program does not have: a mailbox with a retention that has a floor in production. */
interface MailboxConfig {
    /** Days a message is kept. @default production: 7, staging: 1 */
    retentionDays: number;
    fifo: boolean;
}
const mailboxSection = defineSection({
    key: "mailbox",
    shape: {
        mailbox: z.strictObject({ retentionDays: days(14).optional(), fifo: z.boolean().optional() }).optional(),
    },
    tiers: perTier<MailboxConfig>({ production: { retentionDays: 7, fifo: false }, staging: { retentionDays: 1, fifo: false } }),
    // Reads an earlier section, as a component's config may.
    resolve: ({ raw, tier, resolved }): MailboxConfig & { consumers: number } => ({ ...tier, ...raw.mailbox, consumers: resolved(servicesSection).length }),
    rules: {
        productionRetention({ environment, tier, value, add }) {
            if (environment === "production" && value.retentionDays < tier.retentionDays) add("mailbox.retentionDays", value.retentionDays, `${tier.retentionDays} to 14 days in production`);
        },
    },
    reference: [{ label: "`mailbox.retentionDays`", keys: ["mailbox.retentionDays"], defaults: "tier", change: "in place" }, { label: "`mailbox.fifo`", keys: ["mailbox.fifo"], defaults: "tier", change: "replaces the mailbox" }],
});
const WITH_MAILBOX = [...CONFIG_SECTIONS, mailboxSection] as const;
type WithMailbox = readonly [...ConfigSections, typeof mailboxSection];
/** The fake mailbox as a component would bring it: its section as its catalog entry's settings (create is never called here). */
const mailboxComponent = defineComponent({ key: "mailbox", builtBy: "cloud", role: "data", settings: mailboxSection, create: () => undefined });

describe("config sections: a component's own settings (a fake mailbox's catalog entry) show up everywhere without other edits", () => {
    const layer = configLayerOfCatalog([...(CATALOG as unknown as ComponentDefinition<string, unknown, never, never>[]), mailboxComponent]);
    const schema = layer.schema as unknown as ReturnType<typeof rawSchemaOf<WithMailbox>>;
    const tiers = layer.tiers as unknown as ReturnType<typeof tiersOf<WithMailbox>>;
    const resolve = layer.tryResolve as Resolver<WithMailbox>;

    it("the program's list is the platform's sections, then the catalog's settings in catalog order", () => {
        assert.deepStrictEqual(layer.sections, WITH_MAILBOX);
        assert.deepStrictEqual(PROGRAM_CONFIG_LAYER.sections, CONFIG_SECTIONS, "no component of the catalog brings its own settings yet");
    });

    it("in the schema: its keys, after the program's", () => {
        assert.deepStrictEqual(Object.keys(schema.shape).slice(-2), ["jobs", "mailbox"]);
        assert.ok(schemaKeys(schema).has("mailbox.retentionDays") && schemaKeys(schema).has("mailbox.fifo"));
        assert.ok(!("mailbox" in rawConfigSchema.shape), "the program's schema is untouched");
    });

    it("in the tier profiles", () => {
        assert.deepStrictEqual([tiers.production.mailbox, tiers.staging.mailbox], [{ retentionDays: 7, fifo: false }, { retentionDays: 1, fifo: false }]);
        assert.deepStrictEqual(tiers.production.database, TIERS.production.database, "the other sections keep their parts");
    });

    it("in the resolved config: tier ⊕ stack file, reading the sections before it", () => {
        const staging = resolve(rawOf({ set: {} }), () => false) as ResolvedConfig<WithMailbox>;
        assert.deepStrictEqual(staging.mailbox, { retentionDays: 1, fifo: false, consumers: 1 });
        const production = resolve(rawOf({ environment: "production", set: { "mailbox.fifo": true, "mailbox.retentionDays": 10 } }), () => false) as ResolvedConfig<WithMailbox>;
        assert.deepStrictEqual(production.mailbox, { retentionDays: 10, fifo: true, consumers: 1 });
    });

    it("its schema rejects a bad value naming the key, and its rule runs after the program's rules", () => {
        assert.deepStrictEqual(resolve(rawOf({ set: { "mailbox.retentionDays": 15 } }), () => false), [{ key: "platform:mailbox.retentionDays", value: 15, allowed: "an integer <= 14" }]);
        assert.deepStrictEqual((resolve(rawOf({ set: { "mailbox.typo": 1 } }), () => false) as ConfigProblem[]).map((p) => p.key), ["platform:mailbox.typo"]);
        const problems = resolve(rawOf({ environment: "production", set: { "mailbox.retentionDays": 3, "network.zones": 1 } }), () => false);
        assert.deepStrictEqual(problems, [
            { key: "platform:network.zones", value: 1, allowed: "2 or 3 in production (high availability needs at least two zones)" },
            ...(tryResolveConfig(rawOf({ environment: "production", set: { "network.zones": 1 } })) as object[]).slice(1),
            { key: "platform:mailbox.retentionDays", value: 3, allowed: "7 to 14 days in production" },
        ]);
        assert.ok(Array.isArray(tryResolveConfig(rawOf({ set: { "mailbox.fifo": true } }))), "the program's resolver still rejects the key");
    });

    it("in the README's reference rows, with the Allowed cell from its schema and the defaults from its tiers", () => {
        const rows = layer.reference;
        assert.deepStrictEqual(rows.slice(-2), mailboxSection.reference);
        assert.deepStrictEqual(referenceRowsOf(WITH_MAILBOX, { reservedEnv: RESERVED_ENV }), rows);
        const table = renderConfigReference(rows, { schema, tiers });
        assert.ok(table.includes("| `mailbox.retentionDays` | 1–14 | 7 | 1 | in place |"), table.split("\n").slice(-2).join("\n"));
        assert.ok(table.includes("| `mailbox.fifo` | boolean | false | false | replaces the mailbox |"));
    });

    it("its rule runs after every placed rule; a placed rule of a section not in the list does not run", () => {
        const order = ruleOrderOf(WITH_MAILBOX);
        assert.deepStrictEqual([order.length, order.at(-1)], [RULE_ORDER.length + 1, { section: mailboxSection, rule: "productionRetention" }]);
        const withoutJobs = ruleOrderOf(CONFIG_SECTIONS.filter((s) => s !== jobsSection));
        assert.deepStrictEqual(withoutJobs.filter((p) => "section" in p && p.section === jobsSection), []);
        assert.strictEqual(withoutJobs.length, RULE_ORDER.length - 1, "only the jobs rule left out");
        // A rule placed for one section does not place another section's rule of the same name.
        const echo = defineSection({ key: "echo", shape: {}, resolve: () => ({}), rules: { replicas() {}, reservedEnv() {} }, reference: [] });
        const withEcho = ruleOrderOf([...CONFIG_SECTIONS, echo]);
        assert.deepStrictEqual(withEcho.slice(RULE_ORDER.length), [{ section: echo, rule: "replicas" }, { section: echo, rule: "reservedEnv" }]);
    });

    // Built at load, as the program's resolver is: building a schema is load-time code (the config mutation group leaves it out as static).
    const early = defineSection({ key: "early", shape: {}, resolve: ({ resolved }) => resolved(computeSection).size, reference: [] });
    const earlyResolver = resolverOf([early, ...CONFIG_SECTIONS], { reservedEnv: RESERVED_ENV });
    it("a section reading one that comes after it in the list fails loudly", () => {
        assert.throws(() => earlyResolver(rawOf({ set: {} }), () => false), /config section early reads compute, which is not resolved before it/);
    });

    it("its types are mapped from the list, as precise as its declaration", () => {
        const mailbox: ResolvedConfig<WithMailbox>["mailbox"] = { retentionDays: 1, fifo: true, consumers: 2 };
        const tier: SectionTiers<WithMailbox>["mailbox"] = { retentionDays: 1, fifo: false };
        // @ts-expect-error the resolved section's fields keep their types
        const wrong: ResolvedConfig<WithMailbox>["mailbox"] = { retentionDays: "1", fifo: true, consumers: 2 };
        const database: SectionConfigs<WithMailbox>["database"] = ({} as PlatformConfig)["database"];
        // @ts-expect-error the program's PlatformConfig has no mailbox
        const absent: PlatformConfig["mailbox"] = undefined;
        assert.ok(mailbox && tier && wrong && absent === undefined && database === undefined);
    });
});

describe("config sections: one owner per key", () => {
    it("a section declaring a key the top level or an earlier section has fails the schema's assembly, naming both", () => {
        const again = defineSection({ ...mailboxSection, key: "mailbox2" as const });
        assert.throws(() => rawSchemaOf([...CONFIG_SECTIONS, mailboxSection, again] as const), /config section mailbox2 declares platform:mailbox, which the top level or an earlier section already declares/);
        const cloudKey = { ...mailboxSection, key: "clash" as const, shape: { cloud: z.string().optional() } } as unknown as typeof mailboxSection;
        assert.throws(() => rawSchemaOf([cloudKey] as const), /config section clash declares platform:cloud/);
        assert.doesNotThrow(() => rawSchemaOf([...CONFIG_SECTIONS, mailboxSection] as const));
    });
});
