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
