import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DatabaseRestore, restoredName } from "../../components/config";
import { preloadLibraries } from "../../components/config/extensions";
import type { DatabaseArgs, DatabaseOutputs } from "../../components/database";
import { childName, limitedName, physicalName, primaryNaming } from "../../components/naming";
import { AwsContext, pad2 } from "./context";
import { awsHandles } from "./handles";
import { replicateBackups } from "./disaster-recovery";
import { rdsMaintenanceWindow } from "./maintenance";
import { createKey } from "./kms";
import { RDS_CLASS } from "./sizes";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { EngineFacts } from "../shared/cloud-engine";
import type { ReplacementTable } from "../shared/replacement";
import { nameRule, type Rule } from "../shared/rules";
import { TAGS, TF } from "./replacement";
import { availabilityZones, backupVsMaintenance, familyMatches } from "./rules/data";
import type { Transform } from "../../components/transform";
import type { AwsGrant } from "./workload-grants";

/** `03:00-04:00` from the tier's backup window. */
export function rdsBackupWindow(w: DatabaseArgs["backupWindow"]): string {
    return `${pad2(w.startHourUtc)}:00-${pad2((w.startHourUtc + w.durationHours) % 24)}:00`;
}


/**
 * `platform:database.restore` as RDS create arguments: a snapshot (`snapshotIdentifier`, an id or
 * ARN) or a point in time of a source instance, this stack's own by default or, in a recovery
 * stack, the replicated automated backups. Both are create-only (ForceNew in
 * internal/service/rds/instance.go), so the restore is a new instance; the database name, the
 * master user and the storage key come from the backup (the restore calls pass no KmsKeyId, and
 * `kmsKeyId` is Optional+Computed+ForceNew: naming another key would replace the restore again).
 */
export function rdsRestoreArgs(ctx: AwsContext, restore: DatabaseRestore | undefined): Partial<aws.rds.InstanceArgs> {
    if (!restore) return {};
    if (restore.kind === "backup") return { snapshotIdentifier: restore.id, kmsKeyId: undefined };
    const source = restore.source ?? limitedName(primaryNaming(ctx.cfg), 63, "postgres");
    return {
        kmsKeyId: undefined,
        restoreToPointInTime: source.startsWith("arn:")
            ? { restoreTime: restore.time, sourceDbInstanceAutomatedBackupsArn: source }
            : { restoreTime: restore.time, sourceDbInstanceIdentifier: source },
    };
}

/**
 * RDS PostgreSQL 16: private subnets only, KMS-encrypted storage, TLS forced by the parameter
 * group, slow queries logged, RDS-managed master password (kept in Secrets Manager, never in
 * Pulumi state), Multi-AZ / deletion protection / final snapshot per tier.
 */
export function createDatabase(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: DatabaseArgs): DatabaseOutputs {
    const { cfg } = ctx;
    const t = args.transform?.aws;
    const { securityGroups: sgs, privateSubnetIds: subnets } = awsHandles.read("network", args.network.handle, "database");
    const size = RDS_CLASS[args.size];

    const key = createKey(ctx, scope, name, "RDS PostgreSQL storage, Performance Insights and the managed master password", { protect: args.protect, transform: t?.key });

    const subnetGroup = ctx.create(aws.rds.SubnetGroup, scope, childName(name, "subnets"), {
        name: physicalName(cfg, "postgres"),
        description: "Private subnets for PostgreSQL",
        subnetIds: subnets,
        tags: ctx.tags(),
    }, t?.subnetGroup);

    const parameterGroup = ctx.create(aws.rds.ParameterGroup, scope, childName(name, "params"), {
        name: physicalName(cfg, "postgres16"),
        family: "postgres16",
        description: "TLS required, slow-query logging",
        parameters: [
            { name: "rds.force_ssl", value: "1" },
            { name: "log_min_duration_statement", value: "1000" },
            { name: "log_connections", value: "1" },
            { name: "log_disconnections", value: "1" },
            { name: "log_lock_waits", value: "1" },
            // Static parameter: pending-reboot. pg_stat_statements always (Performance Insights' SQL view), plus what database.extensions needs.
            { name: "shared_preload_libraries", value: [...new Set(["pg_stat_statements", ...preloadLibraries("aws", cfg.database.extensions)])].join(","), applyMethod: "pending-reboot" },
        ],
        tags: ctx.tags(),
    }, t?.parameterGroup);

    const identifier = restoredName(limitedName(cfg, 63, "postgres"), args.restore);
    const restore = rdsRestoreArgs(ctx, args.restore);
    const instance = ctx.create(aws.rds.Instance, scope, childName(name, "instance"), {
        identifier,
        engine: "postgres",
        engineVersion: "16",
        instanceClass: size.instanceClass,
        allocatedStorage: args.storageGb,
        maxAllocatedStorage: args.storageGb * 5,
        storageType: "gp3",
        storageEncrypted: true,
        kmsKeyId: key.arn,
        ...(args.restore ? restore : { dbName: args.databaseName, username: "platform_admin" }),
        manageMasterUserPassword: true,
        masterUserSecretKmsKeyId: key.arn,
        port: 5432,
        dbSubnetGroupName: subnetGroup.name,
        parameterGroupName: parameterGroup.name,
        vpcSecurityGroupIds: [sgs.database.id],
        publiclyAccessible: false,
        multiAz: args.highAvailability,
        backupRetentionPeriod: args.backupRetentionDays,
        backupWindow: rdsBackupWindow(args.backupWindow),
        maintenanceWindow: rdsMaintenanceWindow(args.maintenanceWindow),
        copyTagsToSnapshot: true,
        deleteAutomatedBackups: !args.finalSnapshot,
        deletionProtection: args.deletionProtection,
        skipFinalSnapshot: !args.finalSnapshot,
        finalSnapshotIdentifier: `${identifier}-final`,
        performanceInsightsEnabled: true,
        performanceInsightsKmsKeyId: key.arn,
        performanceInsightsRetentionPeriod: 7,
        enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
        autoMinorVersionUpgrade: true,
        allowMajorVersionUpgrade: false,
        // Services and app jobs log in as their own IAM role (rds-db:connect, this file's `grant`), never as the master user.
        iamDatabaseAuthenticationEnabled: true,
        caCertIdentifier: "rds-ca-rsa2048-g1",
        applyImmediately: false,
        tags: ctx.tags(identifier),
    }, t?.instance, { protect: args.protect });

    const copy = args.copyRegion ? replicateBackups(ctx, scope, name, { instance, region: args.copyRegion, retentionDays: args.backupRetentionDays, protect: args.protect }) : undefined;

    return {
        endpoint: instance.address,
        port: instance.port,
        databaseName: instance.dbName,
        username: instance.username,
        passwordSecret: { id: instance.masterUserSecrets.apply((s) => s[0]?.secretArn ?? ""), jsonKey: "password" },
        resourceId: instance.arn,
        backupCopy: copy?.replication.id,
        handle: awsHandles.wrap("database", { instance, key, storageGb: args.storageGb, instanceClass: size.instanceClass, grant }),
    };
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/aws/index.ts. */
export const builder: CloudBuilder<AwsContext, "database"> = createDatabase;

/**
 * RDS IAM database authentication for one PostgreSQL user: `rds-db:connect` on
 * `arn:<partition>:rds-db:<region>:<account>:dbuser:<DbiResourceId>/<user>` (the instance's
 * `resourceId`, not its identifier).
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.IAMPolicy.html
 * The ECS task role and the EKS workload (IRSA) role carry it.
 */
export function databaseConnectPolicy(ctx: AwsContext, database: { instance: aws.rds.Instance }, user: string) {
    return {
        Version: "2012-10-17",
        Statement: [{
            Sid: "ConnectAsOwnDatabaseUser",
            Effect: "Allow",
            Action: "rds-db:connect",
            Resource: pulumi.interpolate`arn:${ctx.partition}:rds-db:${ctx.cfg.region}:${ctx.accountId}:dbuser:${database.instance.resourceId}/${user}`,
        }],
    };
}

/**
 * What a workload bound to the database is given on AWS (workload-grants.ts): `rds-db:connect`
 * as its own user, except an `admin` job, which reads the password instead; whoever reads the
 * password decrypts it with the database's key.
 */
export const grant: AwsGrant<{ instance: aws.rds.Instance; key: aws.kms.Key }> = (ctx, db, workload) => ({
    secretsKey: db.key,
    policies: workload.admin ? [] : [{ suffix: "database", document: databaseConnectPolicy(ctx, db, workload.login) }],
});

/** Typed escape hatches for this component's AWS children: one Transform<Args> per underlying resource, applied last (components/transform.ts). */
export interface AwsDatabaseTransforms {
    key?: Transform<aws.kms.KeyArgs>;
    subnetGroup?: Transform<aws.rds.SubnetGroupArgs>;
    parameterGroup?: Transform<aws.rds.ParameterGroupArgs>;
    instance?: Transform<aws.rds.InstanceArgs>;
}

declare module "../../components/database" {
    interface DatabaseTransforms { aws?: AwsDatabaseTransforms }
}

/** What this component hands to the components built on it (providers/aws/handles.ts). */
declare module "./handles" {
    interface AwsHandles {
        database: { instance: aws.rds.Instance; key: aws.kms.Key; storageGb: number; instanceClass: string; grant: typeof grant };
    }
}

// The offline engine's facts of the AWS types only this component creates (npm run diff and the
// deploy-rule specs read them; providers/shared/cloud-engine.ts): engine.ts holds the shared ones.

const REPLACEMENT: ReplacementTable = {
    "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication": {
        source: `${TF}rds/instance_automated_backups_replication.go (no Update: every argument ForceNew)`,
        replace: ["region", "sourceDbInstanceArn", "kmsKeyId", "retentionPeriod", "preSignedUrl"],
        update: [],
    },
    "aws:rds/instance:Instance": {
        source: `${TF}rds/instance.go`,
        replace: ["availabilityZone", "characterSetName", "customIamInstanceProfile", "dbName", "engine", "identifier", "identifierPrefix", "kmsKeyId",
            "ncharCharacterSetName", "restoreToPointInTime", "s3Import", "snapshotIdentifier", "storageEncrypted", "timezone", "username"],
        update: [...TAGS, "allocatedStorage", "allowMajorVersionUpgrade", "applyImmediately", "autoMinorVersionUpgrade", "backupRetentionPeriod", "backupWindow",
            "caCertIdentifier", "copyTagsToSnapshot", "dbSubnetGroupName", "deleteAutomatedBackups", "deletionProtection", "enabledCloudwatchLogsExports",
            "engineVersion", "finalSnapshotIdentifier", "iamDatabaseAuthenticationEnabled", "instanceClass", "maintenanceWindow", "manageMasterUserPassword",
            "masterUserSecretKmsKeyId", "maxAllocatedStorage", "multiAz", "parameterGroupName", "performanceInsightsEnabled", "performanceInsightsKmsKeyId",
            "performanceInsightsRetentionPeriod", "port", "publiclyAccessible", "skipFinalSnapshot", "storageType", "vpcSecurityGroupIds", "password", "iops",
            "monitoringInterval", "monitoringRoleArn", "storageThroughput", "networkType", "optionGroupName", "databaseInsightsMode", "dedicatedLogVolume",
            "engineLifecycleSupport", "blueGreenUpdate", "replicaMode", "replicateSourceDb"],
    },
    "aws:rds/parameterGroup:ParameterGroup": {
        source: `${TF}rds/parameter_group.go`,
        replace: ["name", "namePrefix", "family", "description"],
        update: [...TAGS, "parameters", "skipDestroy"],
    },
    "aws:rds/subnetGroup:SubnetGroup": {
        source: `${TF}rds/subnet_group.go`,
        replace: ["name", "namePrefix"],
        update: [...TAGS, "description", "subnetIds"],
    },
};

const RDS = "aws:rds/instance:Instance";

/** Instance classes RDS offers PostgreSQL 16 on (db.t4g/m6g/m7g/r6g/r7g Graviton families and their Intel peers). */
const PG16_CLASS = /^db\.(t3|t4g|m5|m6g|m6i|m7g|m7i|r5|r6g|r6i|r7g|r7i)\.(micro|small|medium|large|xlarge|\d+xlarge)$/;

const RULES: Rule[] = [
    // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.Constraints
    nameRule({ id: "aws/rds-identifier", types: ["aws:rds/instance:Instance"], field: "identifier", max: 63, pattern: /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/, allowed: "a letter first, then letters, digits and single hyphens, not ending with a hyphen", doc: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.Constraints" }),
    nameRule({ id: "aws/rds-db-name", types: ["aws:rds/instance:Instance"], field: "dbName", max: 63, pattern: /^[A-Za-z][A-Za-z0-9_]*$/, allowed: "a letter first, then letters, digits and underscores (PostgreSQL)", doc: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.Constraints" }),
    nameRule({ id: "aws/rds-master-username", types: ["aws:rds/instance:Instance"], field: "username", max: 63, pattern: /^[A-Za-z][A-Za-z0-9_]*$/, allowed: "a letter first, then letters, digits and underscores", doc: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.Constraints" }),
    nameRule({ id: "aws/rds-subnet-group-name", types: ["aws:rds/subnetGroup:SubnetGroup"], field: "name", max: 255, pattern: /^[a-z0-9 ._-]+$/, allowed: "lowercase letters, digits, spaces, periods, underscores and hyphens", doc: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html" }),
    nameRule({ id: "aws/rds-parameter-group-name", types: ["aws:rds/parameterGroup:ParameterGroup"], field: "name", max: 255, pattern: /^[a-z](?!.*--)[a-z0-9-]*[a-z0-9]$/, allowed: "a letter first, then lowercase letters, digits and single hyphens, not ending with a hyphen", doc: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBParameterGroup.html" }),
    {
        // https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-versions.html (supported DB instance classes)
        id: "aws/rds-instance-class-engine",
        family: "combinations",
        types: [RDS],
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Support.html",
        check: (r) => r.inputs.engine === "postgres" && String(r.inputs.engineVersion).startsWith("16") && !PG16_CLASS.test(String(r.inputs.instanceClass))
            ? [`instanceClass ${r.inputs.instanceClass} does not offer PostgreSQL 16`] : [],
    },
    {
        // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html#USER_WorkingWithAutomatedBackups.BackupRetention
        id: "aws/rds-backup-retention",
        family: "combinations",
        types: [RDS],
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html",
        check: (r) => {
            const days = Number(r.inputs.backupRetentionPeriod ?? 1);
            return Number.isInteger(days) && days >= 0 && days <= 35 ? [] : [`backupRetentionPeriod ${days}: allowed 0-35 days`];
        },
    },
    {
        // Backup window hh24:mi-hh24:mi of at least 30 minutes, not overlapping the weekly maintenance window.
        id: "aws/rds-backup-maintenance-windows",
        family: "windows",
        types: [RDS],
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html",
        check: (r) => backupVsMaintenance(r.inputs.backupWindow, r.inputs.maintenanceWindow, "backupWindow"),
    },
    {
        // Performance Insights retention: 7 days (free) or a multiple of 31 up to 731.
        id: "aws/rds-performance-insights-retention",
        family: "combinations",
        types: [RDS],
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PerfInsights.Overview.cost.html",
        check: (r) => {
            const d = r.inputs.performanceInsightsRetentionPeriod;
            if (d === undefined || !r.inputs.performanceInsightsEnabled) return [];
            return d === 7 || (Number.isInteger(d) && d % 31 === 0 && d >= 31 && d <= 731) ? [] : [`performanceInsightsRetentionPeriod ${d}: allowed 7, or a multiple of 31 up to 731`];
        },
    },
    {
        // A final snapshot needs its identifier; multi-AZ needs a subnet group across 2+ AZs (checked via the group).
        id: "aws/rds-final-snapshot",
        family: "companions",
        types: [RDS],
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_DeleteDBInstance.html",
        check: (r) => r.inputs.skipFinalSnapshot === false && !r.inputs.finalSnapshotIdentifier ? ["skipFinalSnapshot is false but no finalSnapshotIdentifier is set"] : [],
    },
    {
        // The parameter group family must match the engine major version (postgres16 for 16.x).
        id: "aws/rds-parameter-group-family",
        family: "combinations",
        types: [RDS],
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithParamGroups.html",
        check: (r, plan) => familyMatches(plan, "aws:rds/parameterGroup:ParameterGroup", r.inputs.parameterGroupName, `${r.inputs.engine}${String(r.inputs.engineVersion).split(".")[0]}`),
    },
    {
        // A DB subnet group must span at least two Availability Zones, even for a single-AZ instance.
        id: "aws/rds-subnet-group-two-azs",
        family: "companions",
        types: ["aws:rds/subnetGroup:SubnetGroup"],
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Subnets",
        check: (r, plan) => {
            const azs = availabilityZones(plan, r.inputs.subnetIds);
            return azs.size >= 2 ? [] : [`subnets in ${azs.size} Availability Zone(s); a DB subnet group needs at least 2`];
        },
    },
    {
        // Replicated backups are kept 1-35 days; an encrypted source needs a key of the destination region.
        id: "aws/rds-backup-replication",
        family: "companions",
        types: ["aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication"],
        doc: "https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_StartDBInstanceAutomatedBackupsReplication.html",
        check: (r) => {
            const days = Number(r.inputs.retentionPeriod ?? 7);
            return [
                ...(Number.isInteger(days) && days >= 1 && days <= 35 ? [] : [`retentionPeriod ${days}: allowed 1-35 days`]),
                ...(r.inputs.kmsKeyId ? [] : ["no kmsKeyId: an encrypted source needs a KMS key in the destination region"]),
            ];
        },
    },
];

export const engineFacts: EngineFacts = {
    replacement: REPLACEMENT,
    rules: RULES,
    statefulTypes: {
        "aws:rds/instance:Instance": "RDS database instance",
    },
};
