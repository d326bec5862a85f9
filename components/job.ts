import type * as pulumi from "@pulumi/pulumi";
import { COMPONENT_TYPES, PlatformComponent } from "./component";
import type { ServiceBindings, WorkloadPlacement } from "./compute-service";
import type { JobConfig } from "./config";

/**
 * A one-off job (`platform:jobs.<name>`, e.g. migrations): the same private network placement,
 * least-privilege identity, data-tier bindings and secrets a service gets, no ingress and no
 * public IP, run to completion on demand. Deploying creates the definition only; `runCommand`
 * starts one execution (the deploy workflow runs the `runBeforeDeploy` ones and stops on failure).
 */
export interface JobArgs extends WorkloadPlacement {
    job: JobConfig;
    bindings: ServiceBindings;
    /** @default production: 30, staging: 14 */
    logRetentionDays: number;
}

export interface JobOutputs {
    /** The job definition: ECS task definition family, Cloud Run job, Container Apps job, Kubernetes CronJob template. */
    jobName: pulumi.Output<string>;
    identity: pulumi.Output<string>;
    /** The shell command that runs it once and exits non-zero when it fails. */
    runCommand: pulumi.Output<string>;
}

/** How a cloud builds a Job's children under `scope` (components/cloud.ts collects every builder). */
export type JobBuilder = (scope: pulumi.ComponentResource, name: string, args: JobArgs) => JobOutputs;

export class Job extends PlatformComponent<JobOutputs> implements JobOutputs {
    declare readonly jobName: pulumi.Output<string>;
    declare readonly identity: pulumi.Output<string>;
    declare readonly runCommand: pulumi.Output<string>;

    constructor(name: string, args: JobArgs, cloud: { readonly job: JobBuilder }, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENT_TYPES.job, name, (self) => cloud.job(self, name, args), opts);
    }
}
