import * as assert from "assert";
import { join } from "path";
import { CLOUD_PLUGINS } from "../providers/registry";
import { readFileSync } from "fs";
import { registeredCloudCi } from "../tools/ci/cloud-ci";
import { committedWorkflows } from "../tools/ci/workflows";
import { DOCS_FILES } from "../tools/docs/clouds";
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

/**
 * The docs' hand-written text: region bodies (`npm run docs:clouds`, and the config reference
 * of `npm run docs:config`) and fenced code examples left out.
 */
function handWrittenDocs(text: string): string {
    return text
        .replace(/(<!-- clouds:([^\s>]+) -->)[\s\S]*?(<!-- \/clouds:\2 -->)/g, "$1$3")
        .replace(/<!-- config-reference:start[\s\S]*?<!-- config-reference:end -->/g, "")
        .replace(/```[\s\S]*?```/g, "");
}

const tableCells = (line: string) => line.trim().replace(/^\|/, "").replace(/\|$/, "").split(/(?<!\\)\|/).map((c) => c.trim());

/** Tables whose header or first column has a cell per cloud (`AWS`, `AWS RDS`, `AWS (EKS)`): a column or row per cloud. */
function perCloudTables(text: string, labels: readonly string[]): string[] {
    const isCloud = (cell: string) => labels.some((l) => cell === l || cell.startsWith(`${l} `));
    const lines = text.split("\n");
    const found: string[] = [];
    for (let i = 0; i + 1 < lines.length; i++) {
        if (!lines[i]!.startsWith("|") || !/^\|[-:| ]+\|$/.test(lines[i + 1]!)) continue;
        let end = i + 2;
        while (end < lines.length && lines[end]!.startsWith("|")) end++;
        const header = tableCells(lines[i]!);
        const firstColumn = lines.slice(i + 2, end).map((l) => tableCells(l)[0]!);
        if (header.some(isCloud) || firstColumn.some(isCloud)) found.push(lines[i]!);
        i = end - 1;
    }
    return found;
}

/** Paragraphs (blank-line separated) that name every registered cloud by its label: a per-cloud list a region should hold. */
function everyCloudParagraphs(text: string, labels: readonly string[]): string[] {
    return text.split(/\n\s*\n/).map((p) => p.replace(/\s+/g, " ").trim()).filter((p) => labels.every((l) => new RegExp(`(?<![A-Za-z0-9])${l}(?![A-Za-z0-9])`).test(p)));
}

/**
 * Hand-written docs text that still lists every cloud, each with why. An entry that no longer
 * matches fails too, so the list only shrinks.
 */
const ALLOWED_DOCS: ReadonlyArray<{ file: string; starts: string; reason: string }> = [
    { file: "README.md", starts: "A Pulumi TypeScript program that deploys the same application platform", reason: "the product summary groups the clouds by Redis version (7 on two, 6 on one); each cloud's version is its cell of docs/cloud-mapping.md's Cache table" },
    { file: "README.md", starts: "- **The 1.5× target is not met, and cannot be by the program**", reason: "a measurement of the committed stacks of the named clouds, not a statement about every cloud" },
    { file: "README.md", starts: "| group | modules | specs |", reason: "the mutation groups' measured scores name the size files they mutated" },
    { file: "docs/disaster-recovery.md", starts: "- GCP's database RPO is a day, not 15 minutes", reason: "the limits compare the clouds' achieved RPOs with the objective (each cloud's figure is its cell of the copies table above)" },
];

describe("cloud names in the hand-written docs live in their generated regions", () => {
    const labels = registeredCloudCi().map((c) => c.login.label);
    const docs = DOCS_FILES.map((file) => ({ file, text: handWrittenDocs(readFileSync(join(ROOT, file), "utf8")) }));
    const paragraphs = docs.flatMap(({ file, text }) => everyCloudParagraphs(text, labels).map((p) => ({ file, p })));

    it("no hand-written table of the docs has a column or row per cloud (they are generated from providers/<cloud>/docs.ts)", () => {
        assert.deepStrictEqual(docs.flatMap(({ file, text }) => perCloudTables(text, labels).map((h) => `${file}: ${h}`)), []);
    });

    it("no hand-written paragraph lists every cloud, but the allow-list's", () => {
        const offending = paragraphs.filter(({ file, p }) => !ALLOWED_DOCS.some((a) => a.file === file && p.startsWith(a.starts)));
        assert.deepStrictEqual(offending.map(({ file, p }) => `${file}: ${p.slice(0, 120)}`), []);
    });

    it("every docs allow-list entry still lists every cloud (a stale entry is removed)", () => {
        const stale = ALLOWED_DOCS.filter((a) => !paragraphs.some(({ file, p }) => a.file === file && p.startsWith(a.starts)));
        assert.deepStrictEqual(stale.map((a) => a.starts), []);
    });

    it("the checks see a per-cloud table or list written by hand, and none inside a region or a code example", () => {
        const text = [
            "| | OCI Autonomous DB | AWS RDS |", "|---|---|---|", "| backups | 30 | 30 |", "",
            "| What | Bound |", "|---|---|", "| OCI (OKE) | 2 |", "",
            "| Key | Value |", "|---|---|", "| aws/production | 1 s |", "",
            "<!-- clouds:x -->", "| | OCI | AWS |", "|---|---|---|", "<!-- /clouds:x -->", "",
            "On OCI a vault, on AWS Secrets Manager.", "",
            "```sh", "oci and AWS in an example", "```",
        ].join("\n");
        const hand = handWrittenDocs(text);
        assert.deepStrictEqual(perCloudTables(hand, ["AWS", "OCI"]), ["| | OCI Autonomous DB | AWS RDS |", "| What | Bound |"]);
        assert.deepStrictEqual(everyCloudParagraphs(hand, ["AWS", "OCI"]), ["| | OCI Autonomous DB | AWS RDS | |---|---|---| | backups | 30 | 30 |", "On OCI a vault, on AWS Secrets Manager."]);
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
