import type { Rule } from "../../shared/rules";

/**
 * Azure tags: at most 50 per resource; names up to 512 characters (128 on storage accounts),
 * values up to 256; names may not contain < > % & \ ? /.
 * https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations
 * Its types are every type whose replacement entry lists `tags` (engine.ts, `derivedRules`).
 */
export const azureTagRule: Rule = {
    id: "azure/tag-limits",
    family: "quotas",
    types: [],
    doc: "https://learn.microsoft.com/azure/azure-resource-manager/management/tag-resources#limitations",
    check(r) {
        const tags = r.inputs.tags as Record<string, unknown> | undefined;
        if (!tags || typeof tags !== "object") return [];
        const maxKey = r.type === "azure-native:storage:StorageAccount" ? 128 : 512;
        const problems: string[] = Object.keys(tags).length > 50 ? [`${Object.keys(tags).length} tags; Azure allows 50`] : [];
        for (const [k, v] of Object.entries(tags)) {
            if (k.length > maxKey || /[<>%&\\?/]/.test(k)) problems.push(`tag name ${JSON.stringify(k)}: at most ${maxKey} characters, none of < > % & \\ ? /`);
            if (String(v).length > 256) problems.push(`tag ${k} value over 256 characters`);
        }
        return problems;
    },
};
