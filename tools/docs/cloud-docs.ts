import { existsSync } from "fs";
import * as path from "path";
import type { CloudPlugin } from "../../components/config/cloud-plugin";
import { Cloud, CLOUD_PLUGINS } from "../../providers/registry";
import { cloudEngine } from "../engine/cloud-engines";
import { CloudCiLogin, fromCloudFolder } from "../ci/cloud-ci";

/**
 * What the docs say of one cloud, stated in its own folder as plain data
 * (`providers/<cloud>/docs.ts`, export `cloudDocs`): `npm run docs:clouds` writes it into the
 * marked regions of README.md and docs/ (tools/docs/cloud-regions.ts lists them), so a new cloud's folder brings its column, row or phrase of every per-cloud table
 * and sentence, and the hand-written prose around them names no cloud.
 */
export interface CloudDocs {
    /**
     * Per table (a region id of tools/docs/cloud-regions.ts), this cloud's cells by the table's
     * row id (a table with one column per cloud, whose header is `header`, or the cloud's label)
     * or column id (a table with one row per cloud, labelled with the cloud's label).
     */
    readonly tables: Readonly<Record<string, { readonly header?: string; readonly cells: Readonly<Record<string, string>> }>>;
    /** Per sentence that lists every cloud, this cloud's part (markdown, one line). */
    readonly phrases: Readonly<Record<string, string>>;
    /** Per notes region, this cloud's own caveats (paragraphs or list items); only where it has one. */
    readonly notes?: Readonly<Record<string, readonly string[]>>;
    /** What the README says of a CI variable beyond its name and default (`AWS_REGION`: only the credentials' default). */
    readonly variableNotes?: Readonly<Record<string, string>>;
}

/** Everything a region is rendered from, for one contributor: a registered cloud, or a folder such as providers/kubernetes that adds a column. */
export interface DocsSource {
    /** Its folder under providers/. */
    name: string;
    /** How the docs name it in a row label (a cloud's CI label, `AWS`). */
    label: string;
    docs: CloudDocs;
    /** A cloud's CI login (providers/<cloud>/ci-login.ts), for the variables the README lists. */
    login?: CloudCiLogin;
    /** A cloud's plugin, for facts the program already knows (release candidates, ...). */
    plugin?: CloudPlugin;
    /** A cloud's stateful types, from its engine (loaded only for the region that lists them: it loads the cloud's SDK). */
    statefulTypes?: () => Readonly<Record<string, string>>;
}

const PROVIDERS = path.resolve(__dirname, "..", "..", "providers");

/** `providers/<folder>/docs.ts`'s `cloudDocs`, naming the file when it is missing. */
export function docsOf(folder: string): CloudDocs {
    return fromCloudFolder<CloudDocs>(folder, "docs", "cloudDocs");
}

/** Every registered cloud's docs, in registry order (`names` only for specs). */
export function registeredDocs(names: readonly string[] = Object.values(CLOUD_PLUGINS).map((p) => p.name)): DocsSource[] {
    return names.map((name) => {
        const login = fromCloudFolder<CloudCiLogin>(name, "ci-login", "ciLogin");
        const plugin = (CLOUD_PLUGINS as Record<string, CloudPlugin>)[name];
        return { name, label: login.label, docs: docsOf(name), login, plugin, statefulTypes: () => cloudEngine(name as Cloud).statefulTypes };
    });
}

/** A non-cloud folder that adds a column to some tables (providers/kubernetes: the runtime's own rules). */
export function folderDocs(folder: string, label: string): DocsSource {
    if (!existsSync(path.join(PROVIDERS, folder))) throw new Error(`providers/${folder}/ does not exist (a cloud table's extra column names it)`);
    return { name: folder, label, docs: docsOf(folder) };
}
