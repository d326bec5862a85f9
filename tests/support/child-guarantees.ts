import * as fs from "fs";
import { API_VERSION_TOKEN } from "../../providers/azure/api-version-aliases";
import type { PlanResource } from "../../tools/engine/plan";
import { declarationFor } from "../../tools/engine/schema-check";

/**
 * What the shared child factory (providers/shared/cloud-context.ts `create`) guarantees every
 * cloud resource of a plan, checked on the plan alone so it holds for any cloud and runtime:
 * - parented to a platform component and named `<component>-...`;
 * - on an explicit provider of its own package (never a default provider);
 * - without the SDK's per-API-version type aliases (only azure-native has them);
 * - if its type takes tags (its SDK Args declare the key its provider's defaults fill, `tags`
 *   by default), carrying the standard tags (`environment`, `app`, `managed-by` and the
 *   stack's extra ones: PlatformConfig.tags), on the resource or as its provider's defaults (AWS `defaultTags`, GCP `defaultLabels`;
 *   azure-native has none, so every taggable Azure child sets them itself).
 * Returns one line per broken guarantee, and how many resources (and taggable ones) it checked.
 */
export function childGuaranteeFindings(resources: readonly PlanResource[], standardTags: Record<string, string>): { findings: string[]; checked: number; tagged: number } {
    const byUrn = new Map(resources.map((r) => [r.urn, r]));
    const providersById = new Map(resources.filter(isProvider).map((p) => [`${p.urn}::${(p as { id?: string }).id ?? ""}`, p]));
    const providerOf = (ref: string | undefined) => {
        if (!ref) return undefined;
        const urn = ref.split("::").slice(0, -1).join("::");
        return providersById.get(ref) ?? byUrn.get(urn);
    };
    const findings: string[] = [];
    let checked = 0;
    let tagged = 0;
    for (const r of resources.filter((x) => x.custom && !isProvider(x))) {
        checked++;
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        if (!parent || !parent.type.startsWith("platform:components:")) findings.push(`${r.urn}: not parented to a platform component (parent ${r.parent ?? "none"})`);
        else if (!r.name.startsWith(`${parent.name}-`)) findings.push(`${r.urn}: name lacks its component's prefix ${parent.name}-`);

        const pkg = r.type.split(":")[0]!;
        const ref = r.options.provider ?? "";
        if (!new RegExp(`(::|\\$)pulumi:providers:${escape(pkg)}::`).test(ref)) findings.push(`${r.urn}: provider ${ref || "(none)"} is not an explicit ${pkg} provider`);
        else if (/::default(_[\w]+)?::/.test(ref)) findings.push(`${r.urn}: uses the default ${pkg} provider`);

        const versioned = (r.options.aliases ?? []).filter((a) => API_VERSION_TOKEN.test(/type=([^,]+)/.exec(a)?.[1] ?? ""));
        if (versioned.length) findings.push(`${r.urn}: carries ${versioned.length} API-version aliases`);

        const provider = providerOf(ref);
        const defaults = providerDefaultTags(provider);
        const key = defaults.key ?? "tags";
        if (!declaresInput(r.type, key)) continue;
        tagged++;
        const tags = { ...defaults.tags, ...(asRecord(r.inputs[key]) ?? {}) };
        for (const [k, v] of Object.entries(standardTags)) {
            if (tags[k] !== v) findings.push(`${r.urn}: ${key}.${k} is ${JSON.stringify(tags[k])}, expected ${JSON.stringify(v)}`);
        }
    }
    return { findings, checked, tagged };
}

const isProvider = (r: PlanResource) => r.type.startsWith("pulumi:providers:");
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
const asRecord = (v: unknown): Record<string, unknown> | undefined => (v && typeof v === "object" && !Array.isArray(v) ? v as Record<string, unknown> : undefined);

/**
 * The tags a provider adds to every resource it creates and the input they fill: AWS
 * `defaultTags: {tags}` fills `tags`, GCP `defaultLabels` fills `labels`. Provider inputs
 * reach the engine JSON-encoded.
 */
function providerDefaultTags(provider: PlanResource | undefined): { key?: string; tags: Record<string, unknown> } {
    for (const [k, raw] of Object.entries(provider?.inputs ?? {})) {
        const m = /^default(Tags|Labels)$/.exec(k);
        if (!m) continue;
        const value = asRecord(typeof raw === "string" ? JSON.parse(raw) : raw) ?? {};
        return { key: m[1]!.toLowerCase(), tags: asRecord(value.tags) ?? value };
    }
    return { tags: {} };
}

const declared = new Map<string, boolean>();

/** Whether the type's SDK Args declare `key` (read from the SDK's .d.ts, located as the schema check does); Kubernetes objects are not cloud-tagged. */
function declaresInput(type: string, key: string): boolean {
    const cacheKey = `${type} ${key}`;
    if (declared.has(cacheKey)) return declared.get(cacheKey)!;
    const decl = type.startsWith("kubernetes:") ? undefined : declarationFor(type);
    let found = false;
    if (decl) {
        const text = fs.readFileSync(decl.file, "utf8");
        const start = text.indexOf(`export interface ${decl.argsInterface} {`);
        const body = start < 0 ? "" : text.slice(start, text.indexOf("\n}", start));
        found = new RegExp(`\\n\\s+(readonly )?${key}\\?:`).test(body);
    }
    declared.set(cacheKey, found);
    return found;
}
