import type * as pulumi from "@pulumi/pulumi";
import { PlatformComponent } from "./component";
import { bindingsOf, type WorkloadBindings } from "./binding";
import type { WorkloadDeps, WorkloadPlacement } from "./compute-service";
import { CreateInput, defineComponent } from "./definition";
import type { JobConfig, PlatformConfig } from "./config";

/** The `platform:compute` setting a job takes as resolved, as a service does (documented, with its default, on the config types). */
export type JobSettings = Pick<PlatformConfig["compute"], "logRetentionDays">;

/**
 * A one-off job (`platform:jobs.<name>`, e.g. migrations): the same private network placement,
 * least-privilege identity, data-tier bindings and secrets a service gets, no ingress and no
 * public IP, run to completion on demand. Deploying creates the definition only; `runCommand`
 * starts one execution (the deploy workflow runs the `runBeforeDeploy` ones and stops on failure).
 */
export interface JobArgs extends WorkloadPlacement, JobSettings {
    /** The job as resolved from `platform:jobs.<name>`. */
    job: JobConfig;
    /** The components it is bound to (components/binding.ts), in catalog order. */
    bindings: WorkloadBindings;
}

export interface JobOutputs {
    /** The job definition: ECS task definition family, Cloud Run job, Container Apps job, Kubernetes CronJob template. */
    jobName: pulumi.Output<string>;
    identity: pulumi.Output<string>;
    /** The shell command that runs it once and exits non-zero when it fails. */
    runCommand: pulumi.Output<string>;
}

/** How a cloud builds a Job's children under `scope` (providers/<cloud>/job.ts). */
export type JobBuilder = (scope: pulumi.ComponentResource, name: string, args: JobArgs) => JobOutputs;

declare module "./builders" {
    interface ComponentBuilders { job: JobBuilder }
}

export class Job extends PlatformComponent<JobOutputs> implements JobOutputs {
    declare readonly jobName: pulumi.Output<string>;
    declare readonly identity: pulumi.Output<string>;
    declare readonly runCommand: pulumi.Output<string>;

    constructor(name: string, args: JobArgs, cloud: { readonly job: JobBuilder }, opts?: pulumi.ComponentResourceOptions) {
        super(jobComponent.type, name, (self) => cloud.job(self, name, args), opts);
    }
}

/** One Job per `platform:jobs` entry, with a service's placement and bindings. */
export const jobComponent = defineComponent({
    key: "job",
    builtBy: "cloud",
    role: "task",
    create: ({ cfg, cloud, deps, bindable }: CreateInput<WorkloadDeps, { readonly job: JobBuilder }>) => {
        const jobs: Record<string, Job> = {};
        const bindings = bindingsOf(deps, bindable);
        for (const job of cfg.jobs) {
            jobs[job.name] = new Job(`job-${job.name}`, { job, bindings, network: deps.network, cluster: deps.kubernetesCluster, logRetentionDays: cfg.compute.logRetentionDays }, cloud, { dependsOn: [deps.network] });
        }
        return jobs;
    },
    outputs: (jobs, cfg) => ({
        jobs: Object.fromEntries(Object.entries(jobs).map(([name, j]) => [name, { identity: j.identity, runCommand: j.runCommand, runBeforeDeploy: cfg.jobs.find((x) => x.name === name)?.runBeforeDeploy ?? false }])),
    }),
});
