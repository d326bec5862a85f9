import type * as pulumi from "@pulumi/pulumi";
import { z } from "../zod";
import { secretValues } from "../service-secrets";
import { bounded, DATABASE_ROLES, LIMITS, SERVICE_NAME_PATTERN, SERVICE_NAME_RULE, sizeSchema, type DatabaseRole, type Size } from "../schema-values";
import { computeSection } from "./compute";
import { defineSection } from "./section";
import { reservedEnvProblems, serviceSchema } from "./services";

/** A one-off job: what a service has minus port, route, probes and replicas. */
export interface JobConfig {
    name: string;
    image: string;
    command: string[];
    size: Size;
    env: Record<string, string>;
    secrets: Record<string, pulumi.Output<string>>;
    timeoutSeconds: number;
    runBeforeDeploy: boolean;
    /** How it logs in to PostgreSQL. @default app */
    databaseRole: DatabaseRole;
}

/** A one-off job (`platform:jobs.<name>`): a service's placement, identity, bindings and secrets, run to completion. */
export const jobSchema = z.strictObject({
    image: serviceSchema.shape.image,
    command: z.array(z.string().max(LIMITS.argLength)).min(1, { error: "the command the job runs, e.g. [\"python\", \"manage.py\", \"migrate\"]" }).max(LIMITS.commandArgs),
    size: sizeSchema.optional(),
    env: serviceSchema.shape.env,
    secrets: serviceSchema.shape.secrets,
    /** Cloud Run and Container Apps cap a task at 24 h. */
    timeoutSeconds: z.number().int().min(60).max(86400).default(3600),
    /** The deploy workflow runs it (migrations) before the services roll, and stops on failure. */
    runBeforeDeploy: z.boolean().default(false),
    /**
     * `admin`: the job logs in as the platform's admin with its password (the migration job:
     * it creates the services' database roles and the extensions). `app`: its own IAM login,
     * like a service. components/database-access.ts
     */
    databaseRole: z.enum(DATABASE_ROLES).default("app"),
});

export const jobsSection = defineSection({
    key: "jobs",
    shape: {
        /** Job names follow the service name rule (they share the services' naming on every cloud). */
        jobs: z.record(bounded(10, SERVICE_NAME_PATTERN, SERVICE_NAME_RULE), jobSchema)
            .refine((s) => Object.keys(s).length <= LIMITS.services, { error: `at most ${LIMITS.services} jobs per stack` }).optional(),
    },
    resolve: ({ raw, resolved }): JobConfig[] => {
        const compute = resolved(computeSection);
        return Object.entries(raw.jobs ?? {}).map(([name, j]) => ({
            name,
            image: j.image,
            command: j.command,
            size: j.size ?? compute.size,
            env: j.env ?? {},
            secrets: secretValues(j.secrets),
            timeoutSeconds: j.timeoutSeconds,
            runBeforeDeploy: j.runBeforeDeploy,
            databaseRole: j.databaseRole,
        }));
    },
    rules: {
        reservedEnv({ value, reservedEnv, add }) {
            reservedEnvProblems("jobs", value, reservedEnv, add);
        },
    },
    reference: [
        { label: "`jobs.<name>`", keys: ["jobs.<name>"], allowed: "name as a service's, not one a service has", defaults: { production: "—", staging: "—" }, change: "adds/removes the job" },
        { label: "`jobs.<name>.image`, `.command`", keys: ["jobs.<name>.image", "jobs.<name>.command"], allowed: "image reference; command list (required)", defaults: { production: "required", staging: "required" }, change: "new definition" },
        { label: "`jobs.<name>.size`", keys: ["jobs.<name>.size"], defaults: { production: "`compute.size`", staging: "`compute.size`" }, change: "new definition" },
        { label: "`jobs.<name>.env`, `.secrets.<ENV_NAME>`", keys: ["jobs.<name>.env", "jobs.<name>.secrets.<name>"], subtree: true, allowed: "as a service's (`secrets` set with `pulumi config set --secret --path 'platform:jobs.<name>.secrets.<ENV_NAME>'`)", defaults: { production: "—", staging: "—" }, change: "new definition" },
        { label: "`jobs.<name>.timeoutSeconds`", keys: ["jobs.<name>.timeoutSeconds"], defaults: "schema", change: "new definition" },
        { label: "`jobs.<name>.runBeforeDeploy`", keys: ["jobs.<name>.runBeforeDeploy"], note: ": the deploy workflow runs it before the services roll and stops when it fails", defaults: "schema", change: "—" },
        { label: "`jobs.<name>.databaseRole`", keys: ["jobs.<name>.databaseRole"], note: "`app` logs in with its own IAM identity, like a service; `admin` is the migration job: logs in as the platform's admin with its password by reference; on Azure its identity is also the server's Entra administrator", defaults: "schema", change: "new definition; `admin` adds the password grant (and on Azure the Entra administrator)" },
    ],
});
