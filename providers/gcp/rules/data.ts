import type { PlanView, PlannedResource, Rule } from "../../shared/rules";

/** Cloud SQL, Memorystore, Cloud Storage, Secret Manager and KMS. */

const SQL = "gcp:sql/databaseInstance:DatabaseInstance";
const REDIS = "gcp:redis/instance:Instance";
const PSA = "gcp:servicenetworking/connection:Connection";

/** Does `r` wait for a private service access connection on `network`? */
function waitsForPsa(plan: PlanView, r: PlannedResource, network: unknown): string[] {
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
        // Custom machine types: 1 or an even number of vCPUs up to 96; 0.9-6.5 GB per vCPU, a multiple of 256 MB, at least 3.75 GB.
        id: "gcp/cloud-sql-custom-tier",
        family: "combinations",
        types: [SQL],
        doc: "https://cloud.google.com/sql/docs/postgres/instance-settings#machine-type-2ndgen",
        check: (r) => {
            const m = /^db-custom-(\d+)-(\d+)$/.exec(String(r.inputs.settings?.tier));
            if (!m) return /^db-(f1-micro|g1-small|perf-optimized-N-\d+)$/.test(String(r.inputs.settings?.tier)) ? [] : [`tier ${r.inputs.settings?.tier} is not a Cloud SQL machine type`];
            const cpu = Number(m[1]);
            const mb = Number(m[2]);
            const problems: string[] = [];
            if (!(cpu === 1 || (cpu % 2 === 0 && cpu <= 96))) problems.push(`${cpu} vCPUs: 1 or an even number up to 96`);
            if (mb % 256 !== 0 || mb < 3840 || mb < cpu * 0.9 * 1024 || mb > cpu * 6.5 * 1024) problems.push(`${mb} MB for ${cpu} vCPU: 0.9-6.5 GB per vCPU, a multiple of 256 MB, at least 3840`);
            if (r.inputs.settings?.edition === "ENTERPRISE_PLUS") problems.push("Enterprise Plus takes db-perf-optimized tiers, not db-custom");
            return problems;
        },
    },
    {
        // Retained backups 1-365; transaction logs 1-7 days on Enterprise and fewer than the retained backups; PITR needs backups.
        id: "gcp/cloud-sql-backup-retention",
        family: "combinations",
        types: [SQL],
        doc: "https://cloud.google.com/sql/docs/postgres/backup-recovery/backups#retention",
        check: (r) => {
            const b = r.inputs.settings?.backupConfiguration ?? {};
            const kept = b.backupRetentionSettings?.retainedBackups ?? 7;
            const logs = b.transactionLogRetentionDays ?? 7;
            const problems: string[] = [];
            if (kept < 1 || kept > 365) problems.push(`retainedBackups ${kept}: allowed 1-365`);
            const maxLogs = r.inputs.settings?.edition === "ENTERPRISE_PLUS" ? 35 : 7;
            if (logs < 1 || logs > maxLogs || logs > kept) problems.push(`transactionLogRetentionDays ${logs}: 1-${maxLogs} and at most retainedBackups (${kept})`);
            if (b.pointInTimeRecoveryEnabled && !b.enabled) problems.push("point-in-time recovery needs backups enabled");
            if (b.startTime !== undefined && !/^([01]\d|2[0-3]):[0-5]\d$/.test(b.startTime)) problems.push(`backup startTime ${b.startTime}: HH:MM`);
            const w = r.inputs.settings?.maintenanceWindow;
            if (w && (w.day < 1 || w.day > 7 || w.hour < 0 || w.hour > 23)) problems.push(`maintenanceWindow day ${w.day} hour ${w.hour}: day 1-7 (Monday-Sunday), hour 0-23`);
            const f = r.inputs.settings?.finalBackupConfig;
            if (f?.enabled && (f.retentionDays < 1 || f.retentionDays > 365)) problems.push(`finalBackupConfig.retentionDays ${f.retentionDays}: allowed 1-365`);
            return problems;
        },
    },
    {
        // A private-IP instance is created after private service access, in the range it names.
        id: "gcp/cloud-sql-after-private-service-access",
        family: "companions",
        types: [SQL],
        doc: "https://cloud.google.com/sql/docs/postgres/configure-private-services-access",
        check: (r, plan) => {
            const ip = r.inputs.settings?.ipConfiguration ?? {};
            if (!ip.privateNetwork) return [];
            const problems = waitsForPsa(plan, r, ip.privateNetwork);
            if (ip.allocatedIpRange && !plan.ofType("gcp:compute/globalAddress:GlobalAddress").some((a) => a.inputs.name === ip.allocatedIpRange && a.inputs.purpose === "VPC_PEERING")) problems.push(`allocatedIpRange ${ip.allocatedIpRange} is not a VPC_PEERING range of this plan`);
            return problems;
        },
    },
    {
        // Memorystore: STANDARD_HA read replicas 1-5 need >= 5 GB; BASIC has no replicas; PSA mode waits for the connection.
        id: "gcp/memorystore-tier",
        family: "combinations",
        types: [REDIS],
        doc: "https://cloud.google.com/memorystore/docs/redis/about-read-replicas",
        check: (r, plan) => {
            const i = r.inputs;
            const problems: string[] = [];
            if (i.memorySizeGb < 1 || i.memorySizeGb > 300) problems.push(`memorySizeGb ${i.memorySizeGb}: allowed 1-300`);
            if (i.tier === "BASIC" && (i.replicaCount ?? 0) > 0) problems.push("BASIC instances have no replicas");
            if (i.readReplicasMode === "READ_REPLICAS_ENABLED") {
                if (i.tier !== "STANDARD_HA") problems.push("read replicas need tier STANDARD_HA");
                if (i.memorySizeGb < 5) problems.push(`read replicas need at least 5 GB; memorySizeGb is ${i.memorySizeGb}`);
                if (!(i.replicaCount >= 1 && i.replicaCount <= 5)) problems.push(`replicaCount ${i.replicaCount}: allowed 1-5`);
            }
            if (i.connectMode === "PRIVATE_SERVICE_ACCESS") problems.push(...waitsForPsa(plan, r, i.authorizedNetwork));
            for (const w of i.maintenancePolicy?.weeklyMaintenanceWindows ?? []) {
                if (w.startTime?.hours < 0 || w.startTime?.hours > 23) problems.push(`maintenance start hour ${w.startTime?.hours}: 0-23`);
            }
            return problems;
        },
    },
    {
        // Lifecycle: each condition has an age >= 0; an object is archived before it is deleted.
        id: "gcp/storage-lifecycle",
        family: "combinations",
        types: ["gcp:storage/bucket:Bucket"],
        doc: "https://cloud.google.com/storage/docs/lifecycle#actions",
        check: (r) => {
            const rules = (r.inputs.lifecycleRules ?? []) as any[];
            const problems: string[] = [];
            for (const rule of rules) {
                if (rule.action?.type === "SetStorageClass" && !["NEARLINE", "COLDLINE", "ARCHIVE", "STANDARD"].includes(rule.action.storageClass)) problems.push(`SetStorageClass ${rule.action.storageClass} is not a storage class`);
                if (rule.condition?.age !== undefined && rule.condition.age < 0) problems.push(`age ${rule.condition.age}: at least 0`);
                if (rule.action?.type !== "SetStorageClass") continue;
                const prefixes = JSON.stringify(rule.condition?.matchesPrefixes ?? []);
                const del = rules.find((d) => d.action?.type === "Delete" && JSON.stringify(d.condition?.matchesPrefixes ?? []) === prefixes && d.condition?.age !== undefined);
                if (del && del.condition.age <= rule.condition.age) problems.push(`objects under ${prefixes} are deleted (${del.condition.age} d) before they move to ${rule.action.storageClass} (${rule.condition.age} d)`);
            }
            if (rules.length > 100) problems.push(`${rules.length} lifecycle rules; at most 100`);
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
