import type { PlanView, PlannedResource, Rule } from "../../shared/rules";

/** Cloud SQL users, Secret Manager and KMS, and what the database's and the cache's rules share. */

export const SQL = "gcp:sql/databaseInstance:DatabaseInstance";
const PSA = "gcp:servicenetworking/connection:Connection";

/** Does `r` wait for a private service access connection on `network`? */
export function waitsForPsa(plan: PlanView, r: PlannedResource, network: unknown): string[] {
    const psa = plan.ofType(PSA).filter((c) => c.inputs.network === network);
    if (psa.length === 0) return [`no private service access connection on ${network}`];
    return psa.some((c) => plan.waitsFor(r, c)) ? [] : [`created without waiting for the private service access connection on ${network}`];
}

export const gcpDataRules: Rule[] = [
    {
        // An IAM service-account user is the account's email without `.gserviceaccount.com`, and
        // logs in only on an instance with the `cloudsql.iam_authentication` flag on.
        // https://cloud.google.com/sql/docs/postgres/add-manage-iam-users#creating-a-database-user
        id: "gcp/cloud-sql-iam-user",
        family: "combinations",
        types: ["gcp:sql/user:User"],
        doc: "https://cloud.google.com/sql/docs/postgres/add-manage-iam-users",
        check: (r, plan) => {
            if (r.inputs.type !== "CLOUD_IAM_SERVICE_ACCOUNT") return [];
            const problems: string[] = [];
            const name = String(r.inputs.name);
            if (!/^[a-z][a-z0-9-]{4,28}[a-z0-9]@[a-z][a-z0-9-]{4,28}[a-z0-9]\.iam$/.test(name)) problems.push(`name ${JSON.stringify(name)}: the service account's email without .gserviceaccount.com (<id>@<project>.iam)`);
            if (r.inputs.password !== undefined) problems.push("an IAM user has no password");
            const instance = plan.ofType(SQL).find((i) => i.inputs.name === r.inputs.instance);
            const flags = (instance?.inputs.settings?.databaseFlags ?? []) as Array<{ name: string; value: string }>;
            if (instance && !flags.some((f) => f.name === "cloudsql.iam_authentication" && f.value === "on")) problems.push(`instance ${r.inputs.instance} does not set cloudsql.iam_authentication on`);
            return problems;
        },
    },
    {
        // Secrets: user-managed replication names 1+ locations; versions and grants refer to a secret of the plan.
        id: "gcp/secret-manager",
        family: "companions",
        types: ["gcp:secretmanager/secret:Secret", "gcp:secretmanager/secretVersion:SecretVersion", "gcp:secretmanager/secretIamMember:SecretIamMember"],
        doc: "https://cloud.google.com/secret-manager/docs/choosing-replication",
        check: (r, plan) => {
            if (r.type === "gcp:secretmanager/secret:Secret") {
                const replicas = r.inputs.replication?.userManaged?.replicas;
                return r.inputs.replication?.auto || (Array.isArray(replicas) && replicas.length > 0) ? [] : ["replication needs auto or at least one user-managed replica"];
            }
            const ref = r.inputs.secret ?? r.inputs.secretId;
            return plan.resolve("gcp:secretmanager/secret:Secret", ref) || plan.ofType("gcp:secretmanager/secret:Secret").some((s) => String(ref).endsWith(`/secrets/${s.inputs.secretId}`)) ? [] : [`${ref} is not a secret of this plan`];
        },
    },
    {
        // KMS: rotation period at least one day, in seconds; the key's ring is in the plan.
        id: "gcp/kms-crypto-key",
        family: "combinations",
        types: ["gcp:kms/cryptoKey:CryptoKey", "gcp:kms/keyRing:KeyRing"],
        doc: "https://cloud.google.com/kms/docs/key-rotation#automatic_rotation",
        check: (r) => {
            if (r.type === "gcp:kms/keyRing:KeyRing") return r.inputs.location ? [] : ["a key ring needs a location"];
            const p = r.inputs.rotationPeriod;
            if (p === undefined) return [];
            const m = /^(\d+(\.\d+)?)s$/.exec(String(p));
            return m && Number(m[1]) >= 86400 ? [] : [`rotationPeriod ${p}: seconds ("7776000s"), at least 86400s`];
        },
    },
];
