import type { Rule } from "./rules";

/**
 * Generated passwords and tokens must fit their strictest consumer: ElastiCache AUTH tokens
 * are 16-128 printable characters without / " @ or spaces
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html#auth-overview); Azure
 * PostgreSQL admin passwords are 8-128 characters from three of upper, lower, digits and
 * symbols (https://learn.microsoft.com/azure/postgresql/flexible-server/quickstart-create-server);
 * Cloud SQL accepts any of these.
 */
export const randomPasswordRule: Rule = {
    id: "random/password-fits-consumers",
    family: "combinations",
    types: ["random:index/randomPassword:RandomPassword"],
    doc: "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html#auth-overview",
    check: (r) => {
        const i = r.inputs;
        const problems: string[] = [];
        if (!(i.length >= 16 && i.length <= 128)) problems.push(`length ${i.length}: 16-128`);
        const specials = i.special === false ? "" : String(i.overrideSpecial ?? "!@#$%&*()-_=+[]{}<>:?");
        const bad = [...specials].filter((c) => "/\"@ ".includes(c));
        if (bad.length > 0) problems.push(`special characters ${bad.join(" ")} are not allowed in an AUTH token or connection string`);
        const classes = [i.upper !== false, i.lower !== false, i.numeric !== false, i.special !== false && specials.length > 0].filter(Boolean).length;
        if (classes < 3) problems.push(`${classes} character classes; at least 3`);
        return problems;
    },
};
