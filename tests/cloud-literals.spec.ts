import * as assert from "assert";
import { join } from "path";
import { CLOUD_PLUGINS } from "../providers/registry";
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
    { prefix: "policy/", reason: "the policy pack is published alone and never imports the program; its type table's clouds are held to the registry by tests/policy/clouds.spec.ts" },
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

    it("every allow-list entry still names a cloud (a stale entry is removed)", () => {
        const stale = ALLOWED.filter((a) => !mentions.some((m) => m.file.startsWith(a.prefix)));
        assert.deepStrictEqual(stale.map((a) => a.prefix), []);
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
