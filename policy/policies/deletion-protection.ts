import type { PolicyResource } from "@pulumi/policy";
import { PlatformPolicy, read, resourcePolicy, stackPolicy } from "./support";
import { T } from "./types";

/** Deletion protection on production databases. */

export const awsRdsRequireDeletionProtection = resourcePolicy({
    name: "aws-rds-require-deletion-protection",
    description: "Production RDS instances and Aurora clusters must enable deletion protection and take a final snapshot on delete.",
    area: "deletion-protection",
    severity: "high",
    types: [T.aws.rdsInstance, T.aws.rdsCluster],
    remediation: "set deletionProtection: true, skipFinalSnapshot: false and a finalSnapshotIdentifier",
    validate(ctx) {
        if (ctx.type === T.aws.rdsInstance && ctx.props.clusterIdentifier) ctx.notApplicable("Aurora member instance: the cluster holds deletion protection");
        const env = ctx.environment();
        if (env.environment !== "production") ctx.notApplicable(`required in production only; this is ${env.environment} (from ${env.source})`);
        const dp = ctx.props.deletionProtection;
        if (dp !== true) ctx.report({ problem: "deletion protection is off in production", found: dp, fix: "set deletionProtection: true" });
        const skip = ctx.props.skipFinalSnapshot;
        if (skip === true) ctx.report({ problem: "no final snapshot is taken on delete in production", found: skip, fix: "set skipFinalSnapshot: false and a finalSnapshotIdentifier" });
    },
});

export const gcpSqlRequireDeletionProtection = resourcePolicy({
    name: "gcp-sql-require-deletion-protection",
    description: "Production Cloud SQL instances must enable both Pulumi's deletionProtection and the API-level settings.deletionProtectionEnabled.",
    area: "deletion-protection",
    severity: "high",
    types: [T.gcp.sqlInstance],
    remediation: "set deletionProtection: true and settings.deletionProtectionEnabled: true",
    validate(ctx) {
        const env = ctx.environment();
        if (env.environment !== "production") ctx.notApplicable(`required in production only; this is ${env.environment} (from ${env.source})`);
        const dp = ctx.props.deletionProtection;
        if (dp === false) ctx.report({ problem: "Pulumi-level deletion protection is off in production", found: dp, fix: "set deletionProtection: true (the provider default)" });
        const api = ctx.props.settings?.deletionProtectionEnabled;
        if (api !== true) ctx.report({ problem: "API-level deletion protection is off in production", found: api, fix: "set settings.deletionProtectionEnabled: true" });
    },
});

function locks(ctx: { ofType(...t: string[]): PolicyResource[] }, server: PolicyResource): PolicyResource[] {
    return ctx.ofType(T.azure.managementLock, T.azure.managementLockByScope).filter((l) => {
        // A level unknown at preview reads as absent; support.ts's decideOnKnownValues then turns the finding into the preview advisory.
        const level = read(l.props, "level");
        if (level !== "CanNotDelete" && level !== "ReadOnly") return false;
        if (l.dependencies.some((d) => d.urn === server.urn)) return true;
        const name = read(server.props, "serverName");
        return typeof name === "string" && [read(l.props, "scope"), read(l.props, "resourceName")].some((v) => typeof v === "string" && (v === name || v.endsWith(`/${name}`)));
    });
}

export const azurePostgresqlRequireDeletionProtection = stackPolicy({
    name: "azure-postgresql-require-deletion-protection",
    description:
        "Production PostgreSQL flexible servers have no API deletion-protection flag: they must be `protect`ed in Pulumi (visible to policies as opts.protect) or carry a CanNotDelete management lock.",
    area: "deletion-protection",
    severity: "high",
    types: [T.azure.postgresServer],
    remediation: "register the server with { protect: true } (and/or an authorization.ManagementLockByScope with level CanNotDelete)",
    validate(ctx) {
        for (const server of ctx.ofType(T.azure.postgresServer)) {
            const env = ctx.environment(server);
            if (env.environment !== "production") continue;
            if (server.opts.protect === true || locks(ctx, server).length > 0) continue;
            ctx.report(server, {
                problem: "the production server can be deleted: not protected and no CanNotDelete lock",
                found: { protect: server.opts.protect, locks: 0 },
                fix: "set the resource option protect: true (or add a ManagementLockByScope with level CanNotDelete on the server)",
            });
        }
    },
});

export const deletionProtectionPolicies: PlatformPolicy[] = [awsRdsRequireDeletionProtection, gcpSqlRequireDeletionProtection, azurePostgresqlRequireDeletionProtection];
