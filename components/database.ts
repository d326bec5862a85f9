import * as pulumi from "@pulumi/pulumi";
import { CloudHandle, COMPONENT_TYPES, PlatformComponent, SecretReference } from "./component";
import type { NetworkOutputs } from "./network";
import type { DatabaseRestore, Size } from "./config";
import type { TierProfile } from "./config/tiers";
import type { DatabaseTransforms } from "./transforms";

/** A managed PostgreSQL 16 database, private, encrypted at rest and TLS-only on every cloud. */
export interface DatabaseArgs {
    /** Cloud-neutral instance class. @default production: medium, staging: small. Changing it resizes in place (brief failover in production). */
    size: Size;
    /** Allocated storage in GB (grows automatically where the cloud supports it). @default production: 100, staging: 20 */
    storageGb: number;
    /** Days of automated backups; never below the tier minimum. @default production: 30, staging: 7 */
    backupRetentionDays: number;
    /** Point-in-time recovery from the transaction log. @default true on both tiers */
    pointInTimeRecovery: boolean;
    /** Multi-AZ / regional / zone-redundant standby. @default production: true, staging: false. On Azure, enabling it later recreates the standby only. */
    highAvailability: boolean;
    /** The cloud's own deletion protection. @default production: true, staging: false */
    deletionProtection: boolean;
    /** Take a final snapshot on delete. @default production: true, staging: false */
    finalSnapshot: boolean;
    /** @default 03:00-04:00 UTC */
    backupWindow: TierProfile["database"]["backupWindow"];
    /** @default Sunday 04:00-05:00 UTC */
    maintenanceWindow: TierProfile["database"]["maintenanceWindow"];
    /** Name of the application database. @default "app". Changing it replaces the database on GCP and Azure. */
    databaseName: string;
    /** Pulumi `protect` on the stateful resource. @default production: true, staging: false */
    protect: boolean;
    /**
     * Region that keeps a copy of the automated backups (`platform:dr`); none when absent.
     * @default production: the DR region of the pair, staging: none. Adding or removing it never replaces the database.
     */
    copyRegion?: string;
    /**
     * Create the database from a point in time or a backup (`platform:database.restore`).
     * @default none. Setting or changing it REPLACES the database: the restore gets a new name beside the old one.
     */
    restore?: DatabaseRestore;
    /** The platform network it lives in. */
    network: NetworkOutputs;
    /** Per-cloud escape hatch over the underlying resource args. */
    transform?: DatabaseTransforms;
}

export interface DatabaseOutputs {
    /** Private hostname clients connect to. */
    endpoint: pulumi.Output<string>;
    port: pulumi.Output<number>;
    databaseName: pulumi.Output<string>;
    username: pulumi.Output<string>;
    /** Where the password lives in the cloud's secret manager; never the password itself. */
    passwordSecret: SecretReference;
    /** Id of the underlying server/instance, for the policy pack and runbooks. */
    resourceId: pulumi.Output<string>;
    /** The cross-region backup copy a recovery stack restores from (AWS: the replicated automated backups' ARN); absent without one. */
    backupCopy?: pulumi.Output<string>;
    /** This cloud's wiring for the components built on this one (components/component.ts). */
    handle: CloudHandle;
}

/** How a cloud builds a Database's children under `scope` (components/cloud.ts collects every builder). */
export type DatabaseBuilder = (scope: pulumi.ComponentResource, name: string, args: DatabaseArgs) => DatabaseOutputs;

export class Database extends PlatformComponent<DatabaseOutputs> implements DatabaseOutputs {
    declare readonly endpoint: pulumi.Output<string>;
    declare readonly port: pulumi.Output<number>;
    declare readonly databaseName: pulumi.Output<string>;
    declare readonly username: pulumi.Output<string>;
    declare readonly passwordSecret: SecretReference;
    declare readonly resourceId: pulumi.Output<string>;
    declare readonly backupCopy?: pulumi.Output<string>;
    declare readonly handle: CloudHandle;

    constructor(name: string, args: DatabaseArgs, cloud: { readonly database: DatabaseBuilder }, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENT_TYPES.database, name, (self) => cloud.database(self, name, args), opts);
    }
}
