import * as assert from "assert";
import { join } from "path";
import { CLOUD_PLUGINS } from "../providers/registry";
import { committedWorkflows } from "../tools/ci/workflows";
import { cloudMentions, codeFiles, CloudVocabulary, mentionsIn } from "./support/cloud-literals";

const ROOT = join(__dirname, "..");
/** The program's code (tests/ may name clouds: specs loop over them and pin per-cloud facts). */
const PROGRAM = ["index.ts", "components", "providers", "tools", "policy"];

/** The clouds as the registry knows them: their names and the type-token prefixes of their SDK packages. */
function registryVocabulary(): CloudVocabulary {
    const plugins = Object.values(CLOUD_PLUGINS);
    return {
        names: plugins.map((p) => p.name),
        tokenPrefixes: plugins.flatMap((p) => p.sdkPackages.map((pkg) => `${pkg.replace(/^@pulumi\//, "")}:`)),
    };
}

/** Where code may name a cloud: its own folder and the registry line. */
function ownedByACloud(file: string, names: readonly string[]): boolean {
    return file === "providers/registry.ts" || names.some((n) => file.startsWith(`providers/${n}/`));
}

/**
 * Files outside a cloud's folder that still name clouds, each with why. An entry that no longer
 * names a cloud fails too, so the list only shrinks.
 */
const ALLOWED: ReadonlyArray<{ prefix: string; reason: string }> = [
    { prefix: "tools/engine/mocks/", reason: "the engine's mocks, one file per cloud plus their index: the recipe's mocks step (docs/architecture.md)" },
    { prefix: "policy/policies/", reason: "the pack (published alone, never importing the program): its policies inspect their clouds' types (`T.<cloud>.<name>`), and cloud-types.ts is generated from providers/<cloud>/policy-types.ts by `npm run policy:types` (tests/policy/clouds.spec.ts fails when stale)" },
    { prefix: "tools/bench", reason: "the benchmark times two fixed stacks and replays Azure's API-version aliases; it is never run in CI" },
];

describe("cloud names live in the clouds' folders and the registry", () => {
    const vocabulary = registryVocabulary();
    const files = codeFiles(ROOT, PROGRAM);
    const mentions = mentionsIn(ROOT, files, vocabulary).filter((m) => !ownedByACloud(m.file, vocabulary.names));

    it("reads the registry's clouds and their token prefixes", () => {
        assert.ok(vocabulary.names.length >= 3 && vocabulary.tokenPrefixes.includes("azure-native:"), JSON.stringify(vocabulary));
        assert.ok(files.length > 150, `only ${files.length} files`);
    });

    it("no code outside a cloud's folder, the registry and the allow-list names a cloud or its type tokens", () => {
        const offending = mentions.filter((m) => !ALLOWED.some((a) => m.file.startsWith(a.prefix)));
        assert.deepStrictEqual(offending.map((m) => `${m.file}:${m.line} ${JSON.stringify(m.text)}`), []);
    });

    it("the pack's hand-written type table names no cloud: its cloud sections come from the clouds' folders", () => {
        assert.deepStrictEqual(mentions.filter((m) => m.file === "policy/policies/types.ts").map((m) => `${m.line} ${m.text}`), []);
        assert.ok(mentions.some((m) => m.file === "policy/policies/cloud-types.ts"), "the generated copy holds them");
    });

    it("every allow-list entry still names a cloud (a stale entry is removed)", () => {
        const stale = ALLOWED.filter((a) => !mentions.some((m) => m.file.startsWith(a.prefix)));
        assert.deepStrictEqual(stale.map((a) => a.prefix), []);
    });
});

/**
 * The workflows' text outside their `# generated:` regions (written by `npm run workflows` from
 * providers/<cloud>/ci-login.ts), comments left out: prose may name a cloud, steps may not.
 */
function handWrittenWorkflowLines(text: string): { line: number; text: string }[] {
    const out: { line: number; text: string }[] = [];
    let inRegion = false;
    for (const [i, raw] of text.split("\n").entries()) {
        if (/^\s*# generated:end\s*$/.test(raw)) inRegion = false;
        else if (/^\s*# generated:/.test(raw)) inRegion = true;
        else if (!inRegion) out.push({ line: i + 1, text: raw.replace(/(^|\s)#.*$/, "") });
    }
    return out;
}

const namesACloud = (text: string, names: readonly string[]) => names.filter((n) => new RegExp(`(?<![a-z0-9])${n}(?![a-z0-9])`, "i").test(text));

describe("cloud names in the workflows live in their generated regions", () => {
    const names = Object.values(CLOUD_PLUGINS).map((p) => p.name);

    it("outside the regions `npm run workflows` writes, no workflow step names a registered cloud", () => {
        const offending = [...committedWorkflows()].flatMap(([file, text]) =>
            handWrittenWorkflowLines(text).filter((l) => namesACloud(l.text, names).length).map((l) => `${file}:${l.line} ${l.text.trim()}`));
        assert.deepStrictEqual(offending, []);
    });

    it("the check sees a cloud named outside a region, and none inside one or in a comment", () => {
        const text = [
            "    steps:",
            "      # generated:cloud-login identity=deploy job=deploy (npm run workflows)",
            "      - uses: aws-actions/configure-aws-credentials@x",
            "      # generated:end",
            "      - run: echo $AZURE_SUBSCRIPTION_ID # azure reads it",
            "      # gcp in prose",
            "      - run: echo awsome",
        ].join("\n");
        assert.deepStrictEqual(handWrittenWorkflowLines(text).filter((l) => namesACloud(l.text, names).length).map((l) => [l.line, namesACloud(l.text, names)]), [[5, ["azure"]]]);
    });
});

describe("cloud-name detector", () => {
    // A fourth cloud: the detector reads the names it is given, so a new registry line is covered the day it lands.
    const vocabulary: CloudVocabulary = { names: ["aws", "oracle"], tokenPrefixes: ["aws:", "oci:"] };
    const source = [
        "// oracle in a comment is prose, not code: \"oracle\"",
        "import { x } from \"../providers/oracle/plugin\";",
        "import { y } from \"../providers/shared/oracle-free\";",
        "const a = cloud === \"oracle\";",
        "const b = { oracle: 1, other: 2 };",
        "const c = cfg.oracle?.tenancy;",
        "const d = \"oci:core/vcn:Vcn\";",
        "const e = `oci:${module}`;",
        "type F = { oracle?: string };",
        "const g = \"oracles are not clouds\";",
        "const h = require(\"@pulumi/oci\");",
    ].join("\n");
    const found = cloudMentions("/x/fake.ts", source, vocabulary, "/x");

    it("finds string literals, property names, member access, type tokens and import paths of any registered cloud", () => {
        assert.deepStrictEqual(found.map((m) => [m.line, m.text]), [
            [2, "../providers/oracle/plugin"], [4, "oracle"], [5, "oracle"], [6, "oracle"], [7, "oci:core/vcn:Vcn"], [8, "oci:"], [9, "oracle"],
        ]);
    });
});
