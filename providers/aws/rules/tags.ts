import type { Rule } from "../../shared/rules";

/**
 * AWS tag limits, the same on every taggable service: at most 50 user tags, keys up to 128
 * characters, values up to 256, no `aws:` prefix.
 * https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions
 */
export const awsTagRule: Rule = {
    id: "aws/tag-limits",
    family: "quotas",
    types: [], // filled by engine.ts with every type whose replacement entry lists `tags`
    doc: "https://docs.aws.amazon.com/tag-editor/latest/userguide/tagging.html#tag-conventions",
    check(r) {
        const tags = r.inputs.tags as Record<string, unknown> | undefined;
        if (!tags || typeof tags !== "object") return [];
        const problems: string[] = [];
        const keys = Object.keys(tags);
        if (keys.length > 50) problems.push(`${keys.length} tags; AWS allows 50`);
        for (const k of keys) {
            if (k.length > 128) problems.push(`tag key ${JSON.stringify(k)} is over 128 characters`);
            if (/^aws:/i.test(k)) problems.push(`tag key ${JSON.stringify(k)} uses the reserved aws: prefix`);
            const v = String(tags[k]);
            if (v.length > 256) problems.push(`tag ${k} value is over 256 characters`);
        }
        return problems;
    },
};
