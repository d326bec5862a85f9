import * as assert from "assert";
import { readFileSync } from "fs";
import * as path from "path";
import type { CloudPlugin } from "../components/config/cloud-plugin";
import { CloudCiLogin, registeredCloudCi } from "../tools/ci/cloud-ci";
import { CloudDocs, docsOf, DocsSource, folderDocs, registeredDocs } from "../tools/docs/cloud-docs";
import { CLOUD_REGIONS, ciVariables, CloudRegion, DocsFile, isInline } from "../tools/docs/cloud-regions";
import { DOCS_FILES, missingDocs, renderRegion, staleDocs, unusedDocs, withRegions } from "../tools/docs/clouds";
import { markdownToHtml } from "./support/browser-render";

/*
 * The per-cloud tables and sentences of README.md, docs/cloud-mapping.md, docs/disaster-recovery.md,
 * docs/reviewing.md and docs/runbook.md are generated
 * (`npm run docs:clouds`) from each cloud's providers/<cloud>/docs.ts: the committed files must
 * be what the generator writes, every cloud must state every cell the others state, and a
 * fourth cloud's folder adds its column, row and phrase everywhere (all five files: DOCS_FILES) without a hand edit.
 */

const ROOT = path.join(__dirname, "..");
const REGISTERED = registeredDocs();
const read = (file: DocsFile) => readFileSync(path.join(ROOT, file), "utf8");
const markerIds = (text: string) => new Set([...text.matchAll(/<!-- clouds:([^\s>]+) -->/g)].map((m) => m[1]!));

/** A region's body in a file's text (the first occurrence). */
function bodyOf(text: string, id: string): string {
    const m = new RegExp(`<!-- clouds:${id} -->([\\s\\S]*?)<!-- /clouds:${id} -->`).exec(text);
    assert.ok(m, `no region ${id}`);
    return m[1]!;
}

/** The text with every region's body removed: what is hand-written. */
const handWritten = (text: string) => text.replace(/(<!-- clouds:([^\s>]+) -->)[\s\S]*?(<!-- \/clouds:\2 -->)/g, "$1$3");

const cells = (line: string) => line.trim().replace(/^\|/, "").replace(/\|$/, "").split(/(?<!\\)\|/).map((c) => c.trim());

/** A fourth cloud as its folder would state it: every table's cells, every phrase, one caveat, its CI login and plugin. */
function oracleDocs(): CloudDocs {
    const tables: Record<string, { header?: string; cells: Record<string, string> }> = {};
    const phrases: Record<string, string> = {};
    for (const region of CLOUD_REGIONS) {
        if (region.kind === "columns") tables[region.id] = { ...(region.header ? {} : { header: `OCI ${region.id}` }), cells: Object.fromEntries(region.rows.map(([id]) => [id, `oci ${region.id}.${id}`])) };
        if (region.kind === "rows") tables[region.id] = { cells: Object.fromEntries(region.columns.filter(([, , from]) => !from).map(([id]) => [id, `oci ${region.id}.${id}`])) };
        if (region.kind === "phrases") phrases[region.id] = `oci phrase ${region.id}`;
    }
    return { tables, phrases, notes: { "network-notes": ["OCI's VCN has no default route."] }, variableNotes: { OCI_REGION: "the CLI's default only" } };
}
const ORACLE_LOGIN: CloudCiLogin = {
    label: "OCI",
    action: { uses: `oracle-actions/login-oci@${"a".repeat(40)}`, release: "v1.2.3", firstNode24Major: 1, inputs: ["tenancy", "principal", "region"] },
    with: (identity) => ({ tenancy: "${{ vars.OCI_TENANCY }}", principal: identity === "deploy" ? "${{ vars.OCI_DEPLOY_PRINCIPAL }}" : "${{ vars.OCI_PREVIEW_PRINCIPAL }}", region: "${{ vars.OCI_REGION || 'us-ashburn-1' }}" }),
    pulumiEnv: () => ({}),
    releaseEnv: {},
};
const ORACLE: DocsSource = { name: "oracle", label: "OCI", docs: oracleDocs(), login: ORACLE_LOGIN, plugin: {
    internalReleaseCandidates: true,
    loadBalancerLimits: { maxRoutes: 50 },
    defaultRegion: "us-ashburn-1",
    disasterRecovery: { regionPairs: { "us-ashburn-1": "us-phoenix-1" }, fixedPairs: false },
} as unknown as CloudPlugin, statefulTypes: () => ({ "oci:database/autonomousDatabase:AutonomousDatabase": "Autonomous Database" }) };
const WITH_ORACLE = [...REGISTERED, ORACLE];

describe("cloud docs: the per-cloud regions of the docs come from providers/<cloud>/docs.ts", () => {
    it("README.md and the four docs/ files are exactly what `npm run docs:clouds` writes", () => {
        assert.deepStrictEqual(staleDocs().map((s) => s.file), [], "run npm run docs:clouds");
    });

    it("each file carries exactly the regions tools/docs/cloud-regions.ts gives it", () => {
        for (const file of DOCS_FILES) {
            assert.deepStrictEqual([...markerIds(read(file))].sort(), CLOUD_REGIONS.filter((r) => r.file === file).map((r) => r.id).sort(), file);
        }
    });

    it("every registered cloud states every cell and phrase of every region, and nothing no region reads", () => {
        assert.deepStrictEqual(REGISTERED.flatMap((c) => missingDocs(c)), [], "a cloud left a hole another cloud fills");
        const kubernetes = folderDocs("kubernetes", "Kubernetes");
        assert.deepStrictEqual([...REGISTERED, kubernetes].flatMap((c) => unusedDocs(c)), []);
    });

    it("a cloud that lacks a cell or phrase the others state is named, with its file, table and row", () => {
        const gcp = REGISTERED.find((c) => c.name === "gcp")!;
        const { backups: _dropped, ...rest } = gcp.docs.tables.database!.cells;
        const { credentials: _phrase, ...phrases } = gcp.docs.phrases;
        const holed: DocsSource = { ...gcp, docs: { ...gcp.docs, phrases, tables: { ...gcp.docs.tables, database: { ...gcp.docs.tables.database, cells: rest } } } };
        assert.deepStrictEqual(missingDocs(holed), [
            'providers/gcp/docs.ts: phrases["credentials"] (README.md)',
            'providers/gcp/docs.ts: tables["database"].cells["backups"] (docs/cloud-mapping.md)',
        ]);
        const database = CLOUD_REGIONS.find((r) => r.id === "database")!;
        assert.throws(() => renderRegion(database, REGISTERED.map((c) => (c.name === "gcp" ? holed : c))), /providers\/gcp\/docs\.ts: tables\["database"\]\.cells\["backups"\] is missing \(every cloud states each of tls, private, ha, backups/);
        const credentials = CLOUD_REGIONS.find((r) => r.id === "credentials")!;
        assert.throws(() => renderRegion(credentials, [holed]), /providers\/gcp\/docs\.ts: phrases\["credentials"\] is missing/);
    });

    it("a cell for a row the table lacks, a docs key no region reads, or a cell that would break the table fails", () => {
        const aws = REGISTERED.find((c) => c.name === "aws")!;
        const database = CLOUD_REGIONS.find((r) => r.id === "database")!;
        const extra: DocsSource = { ...aws, docs: { ...aws.docs, tables: { ...aws.docs.tables, database: { cells: { ...aws.docs.tables.database!.cells, encryption: "KMS" } } } } };
        assert.throws(() => renderRegion(database, [extra]), /tables\["database"\]\.cells has encryption, which the table has no place for/);
        const typo: DocsSource = { ...aws, docs: { ...aws.docs, tables: { ...aws.docs.tables, netwrok: { cells: {} } }, notes: { nope: ["x"] } } };
        assert.deepStrictEqual(unusedDocs(typo), ['providers/aws/docs.ts: tables["netwrok"]', 'providers/aws/docs.ts: notes["nope"]']);
        const pipe: DocsSource = { ...aws, docs: { ...aws.docs, tables: { ...aws.docs.tables, database: { cells: { ...aws.docs.tables.database!.cells, tls: "a | b" } } } } };
        assert.throws(() => renderRegion(database, [pipe]), /cells\["tls"\] must be one line with every \| escaped/);
    });

    it("a fourth cloud's folder adds its column to every per-cloud table, its row, phrase and caveat, and changes nothing outside the regions", () => {
        for (const file of DOCS_FILES) {
            const before = read(file);
            const after = withRegions(before, file, WITH_ORACLE);
            assert.strictEqual(handWritten(after), handWritten(before), `${file}: only the regions change`);
            for (const region of CLOUD_REGIONS.filter((r) => r.file === file)) {
                const body = bodyOf(after, region.id);
                const lines = body.trim().split("\n");
                if (region.kind === "columns") {
                    const at = REGISTERED.length + 1;
                    assert.strictEqual(cells(lines[0]!)[at], region.header ? region.header(ORACLE) : `OCI ${region.id}`, `${file} ${region.id}: the header`);
                    region.rows.forEach(([id, label], i) => assert.deepStrictEqual([cells(lines[i + 2]!)[0], cells(lines[i + 2]!)[at]], [label, `oci ${region.id}.${id}`], `${file} ${region.id}.${id}`));
                    assert.strictEqual(cells(lines[0]!).length, at + 1 + (region.extraColumns?.length ?? 0), "extra columns stay after the clouds");
                } else if (region.kind === "rows") {
                    const row = lines.findIndex((l) => cells(l)[0] === "OCI");
                    assert.deepStrictEqual(cells(lines[row]!).slice(1), region.columns.map(([id, , from]) => (from ? from(ORACLE) : `oci ${region.id}.${id}`)), `${file} ${region.id}`);
                    assert.strictEqual(row, 2 + REGISTERED.length, `${file} ${region.id}: after the registered clouds, before the cloud-neutral rows`);
                } else if (region.kind === "phrases") {
                    assert.ok(body.trimEnd().endsWith(`oci phrase ${region.id}`), `${file} ${region.id}: ${body}`);
                }
            }
        }
        const readme = withRegions(read("README.md"), "README.md", WITH_ORACLE);
        assert.ok(bodyOf(readme, "repository-variables").endsWith("`OCI_TENANCY`, `OCI_REGION` (default us-ashburn-1, the CLI's default only), `OCI_PREVIEW_PRINCIPAL`"));
        assert.ok(bodyOf(readme, "environment-variables").endsWith(", `OCI_DEPLOY_PRINCIPAL`"));
        assert.ok(bodyOf(readme, "runner-labels").endsWith(" | `oracle`"));
        assert.strictEqual(bodyOf(readme, "internal-candidates"), "GCP, Azure or OCI");
        assert.strictEqual(bodyOf(readme, "cloud-names"), "AWS, GCP, Azure or OCI");
        assert.strictEqual(bodyOf(readme, "route-limits"), "AWS 100, GCP: the stack bound, Azure 100, OCI 50", "from each plugin's load-balancer limits");
        const mapping = withRegions(read("docs/cloud-mapping.md"), "docs/cloud-mapping.md", WITH_ORACLE);
        assert.ok(bodyOf(mapping, "network-notes").endsWith("outside the VPC.\n\nOCI's VCN has no default route.\n"));
        const dr = withRegions(read("docs/disaster-recovery.md"), "docs/disaster-recovery.md", WITH_ORACLE);
        assert.match(bodyOf(dr, "dr-copies").split("\n")[1]!, /\| OCI `us-ashburn-1 → us-phoenix-1` \|$/, "the header from the plugin's default region and its DR pair");
        assert.strictEqual(bodyOf(dr, "dr-region-choice"), "AWS, GCP and OCI accept any other region; Azure's pairs are fixed by Azure");
        const reviewing = withRegions(read("docs/reviewing.md"), "docs/reviewing.md", WITH_ORACLE);
        assert.match(bodyOf(reviewing, "stateful-types"), /\n\| OCI \| `oci:database\/autonomousDatabase:AutonomousDatabase` \|\n/, "from the plugin's stateful types");
        assert.match(bodyOf(reviewing, "replacement-sources"), /\| OCI \| oci replacement-sources\.source \|\n\| Kubernetes \|/, "the clouds' rows, then the kubernetes folder's");
    });

    it("the README's CI variables are every variable the clouds' ci-login.ts read, environment ones only where the deploy identity alone reads them", () => {
        const readme = read("README.md");
        const listed = (id: string) => [...bodyOf(readme, id).matchAll(/`([A-Z][A-Z0-9_]*)`/g)].map((m) => m[1]!);
        const read_ = (login: CloudCiLogin, identity: "deploy" | "preview") => new Set([
            ...(["deploy", "plan", "drift", "preview"] as const).flatMap((job) => Object.values(login.with(identity, job))),
            ...Object.values(login.pulumiEnv(identity)), ...Object.values(login.releaseEnv),
        ].flatMap((e) => [...e.matchAll(/vars\.([A-Z0-9_]+)/g)].map((m) => m[1]!)));
        const logins = registeredCloudCi().map((c) => c.login);
        const deployOnly = logins.flatMap((l) => [...read_(l, "deploy")].filter((v) => !read_(l, "preview").has(v)));
        const all = new Set(logins.flatMap((l) => [...read_(l, "deploy"), ...read_(l, "preview")]));
        assert.deepStrictEqual(listed("environment-variables"), deployOnly);
        assert.deepStrictEqual(new Set([...listed("repository-variables"), ...listed("environment-variables")]), all);
        assert.ok(deployOnly.length >= 3 && all.size >= 10, JSON.stringify([...all]));
        assert.match(bodyOf(readme, "repository-variables"), /`AWS_REGION` \(default us-west-2, /, "a `|| 'default'` in the login is the README's default");
    });

    it("a variable note for a variable the cloud's login does not read fails, naming it and what the login reads", () => {
        const wrong: DocsSource = { ...ORACLE, docs: { ...ORACLE.docs, variableNotes: { OCI_REGON: "typo" } } };
        assert.throws(() => ciVariables(wrong, "repository"), /providers\/oracle\/docs\.ts: variableNotes\.OCI_REGON: its ci-login\.ts reads no vars\.OCI_REGON \(it reads OCI_TENANCY, OCI_PREVIEW_PRINCIPAL, OCI_REGION, OCI_DEPLOY_PRINCIPAL\)/);
    });

    it("regenerating is stable, a hand edit inside a region is overwritten, and a missing or unknown region fails", () => {
        const readme = read("README.md");
        assert.strictEqual(withRegions(readme, "README.md", REGISTERED), readme);
        const edited = readme.replace("| AWS | ECS Fargate behind an ALB |", "| AWS | ECS on EC2 |");
        assert.notStrictEqual(edited, readme);
        assert.strictEqual(withRegions(edited, "README.md", REGISTERED), readme);
        assert.throws(() => withRegions(readme.replace("<!-- clouds:runtimes -->", ""), "README.md", REGISTERED), /README\.md has no <!-- clouds:runtimes --> \.\.\. <!-- \/clouds:runtimes --> region/);
        assert.throws(() => withRegions(`${readme}\n<!-- clouds:queues --><!-- /clouds:queues -->\n`, "README.md", REGISTERED), /README\.md: <!-- clouds:queues --> is no region of tools\/docs\/cloud-regions\.ts/);
    });

    it("inline regions stay inside their sentence and block regions on lines of their own", () => {
        for (const region of CLOUD_REGIONS) {
            const text = read(region.file);
            const marker = `<!-- clouds:${region.id} -->`;
            const at = text.indexOf(marker);
            const lineStart = text.lastIndexOf("\n", at) + 1;
            const ownLine = at === lineStart && text[at + marker.length] === "\n";
            assert.strictEqual(ownLine, !isInline(region), `${region.file} ${region.id}`);
        }
    });

    it("the markers are invisible: each file renders (markdown-it, as the README check does) exactly as it would without them", () => {
        // A line that begins with `<!--` opens a CommonMark HTML block: the rest of that line is
        // raw HTML (code spans and `<id>` placeholders lost), and a marker line between two list
        // items splits the list. Stripping the markers must not change the page.
        const MARKER = /<!-- \/?clouds:[^\s>]+ -->/g;
        const withoutMarkers = (text: string) => text.split("\n").flatMap((line) => {
            const stripped = line.replace(MARKER, "");
            return stripped !== line && stripped.trim() === "" ? [] : [stripped];
        }).join("\n");
        const page = (markdown: string) => markdownToHtml(markdown).replace(/<!--[\s\S]*?-->/g, "").replace(/\s+/g, " ").replace(/> </g, "><").replace(/ <\//g, "</");
        for (const file of DOCS_FILES) {
            const text = read(file);
            const lines = (html: string) => html.split(/(?=<(?:p|li|h\d|tr|pre)>)/);
            const [seen, meant] = [lines(page(text)), lines(page(withoutMarkers(text)))];
            const first = seen.findIndex((l, i) => l !== meant[i]);
            assert.strictEqual(first, -1, `${file}: the markers change the rendered page from ${JSON.stringify(meant[first]?.slice(0, 200))} to ${JSON.stringify(seen[first]?.slice(0, 200))}`);
        }
    });

    it("a phrase that lands in a table row may not hold an unescaped pipe (it would add a column)", () => {
        const [first, ...rest] = REGISTERED;
        const piped: DocsSource = { ...first!, docs: { ...first!.docs, phrases: { ...first!.docs.phrases, "route-limit-source": "ALB | NLB" } } };
        assert.throws(() => withRegions(read("README.md"), "README.md", [piped, ...rest]), /README\.md route-limit-source \(inside a table row\) must be one line with every \| escaped/);
        const escaped: DocsSource = { ...first!, docs: { ...first!.docs, phrases: { ...first!.docs.phrases, "route-limit-source": "ALB \\| NLB" } } };
        assert.match(withRegions(read("README.md"), "README.md", [escaped, ...rest]), /ALB \\\| NLB/);
    });

    it("a folder without its docs.ts fails, naming the file to write", () => {
        assert.throws(() => docsOf("shared"), /providers\/shared\/docs\.ts is missing: every registered cloud states its cloudDocs there/);
        assert.throws(() => folderDocs("knative", "Knative"), /providers\/knative\/ does not exist/);
    });

    it("the fourth cloud's region text comes from the data, not from the committed files", () => {
        const region = CLOUD_REGIONS.find((r): r is Extract<CloudRegion, { kind: "rows" }> => r.id === "minimum-roles")!;
        const rendered = renderRegion(region, [ORACLE]).split("\n");
        assert.deepStrictEqual(rendered, ["| Cloud | Preview (read-only) | Deploy |", "|---|---|---|", "| OCI | oci minimum-roles.preview | oci minimum-roles.deploy |"]);
    });
});
