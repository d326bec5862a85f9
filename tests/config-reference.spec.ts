import * as assert from "assert";
import { readFileSync } from "fs";
import { allowedBySchema, allowedCell } from "../components/config/reference";
import { CLOUDS, SIZES } from "../components/config/schema";
import { z } from "zod";
import { END, README, renderConfigReference, schemaKeys, START, withReference } from "../tools/docs/config-reference";
import { CONFIG_REFERENCE, rawConfigSchema, TIERS } from "../components/program-config";

/*
 * The README's config reference is generated (npm run docs:config) from the schema, the tier
 * profiles and components/config/reference.ts; these specs fail when it is stale or when the
 * schema and the reference disagree about which keys exist.
 */
describe("README config reference", () => {
    const keys = [...schemaKeys().keys()];

    it("README.md carries the generated table (run npm run docs:config)", () => {
        const readme = readFileSync(README, "utf8");
        assert.strictEqual(withReference(readme), readme, "README.md's config reference is stale: run npm run docs:config");
    });

    it("every schema key has a row", () => {
        const covered = (key: string) => CONFIG_REFERENCE.some((row) => row.keys.some((k) => k === key || (row.subtree && key.startsWith(`${k}.`))));
        assert.deepStrictEqual(keys.filter((k) => !covered(k)), [], "add a row: a section key's in its components/config/sections/<section>.ts, a cloud key's in its plugin's referenceRows, a top-level key's in components/config/reference.ts");
    });

    it("every row names keys the schema has", () => {
        const known = (k: string) => keys.some((leaf) => leaf === k || leaf.startsWith(`${k}.`));
        assert.deepStrictEqual(CONFIG_REFERENCE.flatMap((row) => row.keys).filter((k) => !known(k)), []);
    });

    it("the Allowed column comes from the schema wherever the schema can say it (enums, bounds, booleans, literal lists)", () => {
        const handWritten = CONFIG_REFERENCE.filter((r) => r.allowed !== undefined && r.keys.every((k) => allowedBySchema(k, rawConfigSchema) !== undefined));
        assert.deepStrictEqual(handWritten.map((r) => r.label), [], "rows restating a rule the schema states: drop `allowed`, keep the words in `note`");
        for (const row of CONFIG_REFERENCE.filter((r) => r.allowed === undefined)) {
            for (const key of row.keys) assert.ok(allowedCell(row, rawConfigSchema).includes(allowedBySchema(key, rawConfigSchema)!), `${row.label}: ${allowedCell(row, rawConfigSchema)}`);
        }
    });

    it("derives enum values, numeric bounds and booleans from the schema itself", () => {
        assert.strictEqual(allowedBySchema("cloud", rawConfigSchema), CLOUDS.map((c) => `\`${c}\``).join(" \\| "));
        assert.strictEqual(allowedBySchema("database.size", rawConfigSchema), SIZES.map((c) => `\`${c}\``).join(" \\| "));
        assert.strictEqual(allowedBySchema("network.zones", rawConfigSchema), "1–3");
        assert.strictEqual(allowedBySchema("services.<name>.port", rawConfigSchema), "1–65535");
        assert.strictEqual(allowedBySchema("loadBalancer.waf", rawConfigSchema), "boolean");
        assert.strictEqual(allowedBySchema("appName", rawConfigSchema), undefined, "a patterned string is described in words");
    });

    it("tier columns come from the tier profiles", () => {
        const table = renderConfigReference();
        const row = (label: string) => table.split("\n").find((l) => l.startsWith(`| ${label} |`))!.split(" | ");
        assert.deepStrictEqual(row("`database.backupRetentionDays`").slice(2, 4), [String(TIERS.production.database.backupRetentionDays), String(TIERS.staging.database.backupRetentionDays)]);
        assert.deepStrictEqual(row("`compute.minReplicas` / `maxReplicas`").slice(2, 4), [
            `${TIERS.production.compute.minReplicas} / ${TIERS.production.compute.maxReplicas}`,
            `${TIERS.staging.compute.minReplicas} / ${TIERS.staging.compute.maxReplicas}`,
        ]);
        assert.deepStrictEqual(row("`network.cidr`").slice(2, 4), [`\`${TIERS.production.network.cidr}\``, `\`${TIERS.staging.network.cidr}\``]);
    });

    it("regenerating replaces only what is between the markers, and a README without them is an error", () => {
        const readme = `intro\n${START}\nold table\n${END}\noutro\n`;
        assert.strictEqual(withReference(readme, "| new |"), `intro\n${START}\n| new |\n${END}\noutro\n`);
        assert.throws(() => withReference("no markers"), /config-reference:start/);
    });
});

describe("README config reference: the Allowed cell of every kind of schema", () => {
    // One key per kind of rule a schema can state, and some it cannot.
    const schema = z.object({
        both: z.number().min(1).max(3), atLeast: z.number().min(0), atMost: z.number().max(10), any: z.number(), whole: z.number().int(),
        negative: z.number().min(-5).max(-1), mode: z.enum(["a", "b"]), level: z.enum({ low: 1, high: 2 }), flag: z.boolean(), one: z.literal(7),
        choice: z.union([z.literal(1), z.literal("x")]), mixed: z.union([z.literal(1), z.string()]), text: z.string(),
    });
    const ROWS: Array<[string, string | undefined]> = [
        ["both", "1–3"], ["atLeast", "≥ 0"], ["atMost", "≤ 10"], ["any", "a number"],
        ["whole", "a number"], // an int's implicit bounds are the safe-integer range: no bound worth stating
        ["negative", "-5–-1"], ["mode", "`a` \\| `b`"], ["level", "1 \\| 2"], ["flag", "boolean"], ["one", "7"],
        ["choice", "1, x"], ["mixed", undefined], ["text", undefined],
    ];
    for (const [key, cell] of ROWS) it(`${key}: ${cell ?? "in words"}`, () => assert.strictEqual(allowedBySchema(key, schema), cell));
    it("a row's cell: one rule when its keys share it, each otherwise, with the note after it", () => {
        assert.strictEqual(allowedCell({ label: "x", keys: ["both", "both"], defaults: "schema", change: "—" }, schema), "1–3");
        assert.strictEqual(allowedCell({ label: "x", keys: ["both", "atMost"], defaults: "schema", change: "—" }, schema), "1–3 / ≤ 10");
        assert.strictEqual(allowedCell({ label: "x", keys: ["flag"], note: "; off by default", defaults: "schema", change: "—" }, schema), "boolean; off by default");
        assert.strictEqual(allowedCell({ label: "x", keys: ["flag"], note: "on by default", defaults: "schema", change: "—" }, schema), "boolean (on by default)");
    });
    it("a row whose key the schema cannot state must say it in words", () => {
        assert.throws(() => allowedCell({ label: "`text`", keys: ["flag", "text"], defaults: "schema", change: "—" }, schema),
            { message: "config reference: `text`: the schema cannot state what text allows; write it in `allowed`" });
    });
});
