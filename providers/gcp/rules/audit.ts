import type { Rule } from "../../shared/rules";

/** Audit plumbing: Data Access audit configs and the alerts' Pub/Sub topics. */

const secondsOf = (d: unknown): number | undefined => {
    const m = typeof d === "string" ? /^(\d+(?:\.\d+)?)s$/.exec(d) : null;
    return m ? Number(m[1]) : undefined;
};

export const gcpAuditRules: Rule[] = [
    {
        // A service is allServices or <name>.googleapis.com; log types ADMIN_READ, DATA_READ, DATA_WRITE, each once.
        id: "gcp/audit-config",
        family: "combinations",
        types: ["gcp:projects/iAMAuditConfig:IAMAuditConfig"],
        doc: "https://cloud.google.com/logging/docs/audit/configure-data-access#config-api",
        check: (r) => {
            const problems: string[] = [];
            if (r.inputs.service !== "allServices" && !/^[a-z0-9-]+\.googleapis\.com$/.test(r.inputs.service ?? "")) problems.push(`service ${JSON.stringify(r.inputs.service)}: allServices or <service>.googleapis.com`);
            const types = ((r.inputs.auditLogConfigs ?? []) as any[]).map((c) => c.logType);
            for (const t of types) if (!["ADMIN_READ", "DATA_READ", "DATA_WRITE"].includes(t)) problems.push(`logType ${JSON.stringify(t)}: allowed ADMIN_READ, DATA_READ, DATA_WRITE`);
            if (new Set(types).size !== types.length) problems.push("a log type is listed twice");
            return problems;
        },
    },
    {
        // Topic ids: 3-255 characters, a letter first, then letters, digits and - _ . ~ + %, never goog*;
        // message retention 10 minutes to 31 days.
        id: "gcp/pubsub-topic",
        family: "names",
        types: ["gcp:pubsub/topic:Topic"],
        doc: "https://cloud.google.com/pubsub/docs/create-topic#properties_of_a_topic",
        check: (r) => {
            const problems: string[] = [];
            const name = String(r.inputs.name ?? "");
            if (!/^[A-Za-z][A-Za-z0-9\-_.~+%]{2,254}$/.test(name) || name.toLowerCase().startsWith("goog")) problems.push(`name ${JSON.stringify(name)}: 3-255 characters, a letter first, then letters, digits and -_.~+%, not starting with goog`);
            const retention = secondsOf(r.inputs.messageRetentionDuration);
            if (r.inputs.messageRetentionDuration !== undefined && (retention === undefined || retention < 600 || retention > 2_678_400)) problems.push(`messageRetentionDuration ${JSON.stringify(r.inputs.messageRetentionDuration)}: 600s to 2678400s (31 days)`);
            return problems;
        },
    },
    {
        // A topic IAM member names a topic of the plan, a predefined or custom role, and a typed member.
        id: "gcp/pubsub-topic-iam",
        family: "companions",
        types: ["gcp:pubsub/topicIAMMember:TopicIAMMember"],
        doc: "https://cloud.google.com/pubsub/docs/access-control",
        check: (r, plan) => {
            const problems: string[] = [];
            const topicRef = String(r.inputs.topic ?? "");
            if (!plan.ofType("gcp:pubsub/topic:Topic").some((t) => t.id === topicRef || t.inputs.name === topicRef || topicRef.endsWith(`/topics/${t.inputs.name}`))) problems.push(`topic ${JSON.stringify(topicRef)} is no topic of this plan`);
            if (!/^(roles\/pubsub\.[a-zA-Z]+|projects\/[^/]+\/roles\/.+)$/.test(r.inputs.role ?? "")) problems.push(`role ${JSON.stringify(r.inputs.role)}: a roles/pubsub.* or custom role`);
            if (!/^(serviceAccount|user|group|domain|principal|principalSet):.+$/.test(r.inputs.member ?? "") && !["allUsers", "allAuthenticatedUsers"].includes(r.inputs.member)) problems.push(`member ${JSON.stringify(r.inputs.member)}: <type>:<id>`);
            return problems;
        },
    },
];
