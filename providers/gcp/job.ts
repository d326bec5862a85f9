import * as gcp from "@pulumi/gcp";
import * as pulumi from "@pulumi/pulumi";
import { bindingSecrets, plainBindingEnv } from "../../components/binding";
import type { JobArgs, JobOutputs } from "../../components/job";
import { limitedName, childName } from "../../components/naming";
import { createServiceIdentity } from "./compute-service";
import type { GcpContext } from "./context";
import { gcpHandles } from "./handles";
import { createServiceSecrets } from "./service-secrets";
import { CLOUD_RUN_RESOURCES } from "./sizes";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { EngineFacts } from "../shared/cloud-engine";
import { MM } from "./replacement";

/**
 * A one-off job as a Cloud Run job (cloudrunv2.Job): a service's identity builder (its own
 * service account, secret accessor on exactly its secrets, bucket, Cloud SQL client), the same
 * direct VPC egress with the compute network tag, secrets by `secretKeyRef`; a job has no
 * ingress at all. One task, no retries (a failed migration must stop the deploy, not rerun),
 * `timeout` per config. `gcloud run jobs execute --wait` exits non-zero when it fails.
 */
export function createJob(ctx: GcpContext, scope: pulumi.ComponentResource, name: string, args: JobArgs): JobOutputs {
    const { cfg } = ctx;
    const job = args.job;
    const net = gcpHandles.read("network", args.network.handle, "job");
    const b = args.bindings;
    const jobName = limitedName(cfg, 49, "job", job.name);
    // Service account ids are at most 30 characters: `j-<job>` fits beside `<app>-<env>-` (no service name has a hyphen).
    const { account, grants, databaseUser } = createServiceIdentity(ctx, scope, name, `j-${job.name}`, b, { description: `Runtime identity of Cloud Run job ${jobName}`, databaseRole: job.databaseRole });
    const appSecrets = createServiceSecrets(ctx, scope, name, { name: `job-${job.name}`, secrets: job.secrets }, account.member);

    const secretEnv = (n: string, id: pulumi.Input<string>) => ({ name: n, valueSource: { secretKeyRef: { secret: id, version: "latest" } } });
    const envs = [
        ...Object.entries(plainBindingEnv(job, b, databaseUser)).map(([n, value]) => ({ name: n, value })),
        ...bindingSecrets(b, job).map((s) => secretEnv(s.env, s.ref.id)),
        ...appSecrets.entries.map((e) => secretEnv(e.name, e.secretId)),
    ];

    const cloudRunJob = ctx.create(gcp.cloudrunv2.Job, scope, childName(name, "job"), {
        name: jobName,
        location: ctx.region,
        launchStage: "GA",
        deletionProtection: false,
        template: {
            taskCount: 1,
            parallelism: 1,
            template: {
                serviceAccount: account.email,
                timeout: `${job.timeoutSeconds}s`,
                maxRetries: 0,
                executionEnvironment: "EXECUTION_ENVIRONMENT_GEN2",
                vpcAccess: { egress: "PRIVATE_RANGES_ONLY", networkInterfaces: [{ network: net.network.id, subnetwork: net.subnet.id, tags: [net.computeTag] }] },
                containers: [{ name: job.name, image: job.image, commands: job.command, envs, resources: { limits: CLOUD_RUN_RESOURCES[job.size] } }],
            },
            labels: ctx.labels(),
        },
        labels: ctx.labels(),
    }, undefined, { dependsOn: [...grants, ...appSecrets.dependsOn] });

    return {
        jobName: cloudRunJob.name,
        identity: account.email,
        runCommand: pulumi.interpolate`gcloud run jobs execute ${cloudRunJob.name} --project ${ctx.project} --region ${ctx.region} --wait`,
    };
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/gcp/index.ts. */
export const builder: CloudBuilder<GcpContext, "job"> = createJob;

// The offline engine's facts of the GCP types only this component creates (npm run diff and the
// deploy-rule specs read them; providers/shared/cloud-engine.ts): engine.ts holds the shared ones.
export const engineFacts: EngineFacts = {
    replacement: {
        "gcp:cloudrunv2/job:Job": {
            source: `${MM}cloudrunv2/Job.yaml (location and name immutable; every other field PATCHed)`,
            replace: ["name", "location", "project"],
            update: ["deletionProtection", "labels", "annotations", "client", "clientVersion", "launchStage", "binaryAuthorization", "startExecutionToken", "runExecutionToken", "template"],
        },
    },
};
