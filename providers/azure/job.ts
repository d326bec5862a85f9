import * as pulumi from "@pulumi/pulumi";
import * as app from "@pulumi/azure-native/app";
import { plainBindingEnv } from "../../components/binding";
import type { JobArgs, JobOutputs } from "../../components/job";
import { childName } from "../../components/naming";
import { keyVaultSecretEnv, serviceIdentity } from "./compute-service";
import type { AzureContext } from "./context";
import { azureHandles } from "./handles";
import { createServiceSecrets } from "./service-secrets";
import { CONTAINER_RESOURCES } from "./sizes";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { EngineFacts } from "../shared/cloud-engine";
import { SPEC, TAGS } from "./replacement";

/**
 * A one-off job as a Container Apps job (app.Job, `triggerType: Manual`) in the internal
 * environment (no ingress): a service's identity builder (user-assigned identity with `Key
 * Vault Secrets User` on exactly its secrets and blob access), Key Vault references resolved by
 * that identity, one replica, no retries, `replicaTimeout` per config. `runCommand` starts one
 * execution and polls it until it Succeeded (exit 0) or failed (exit 1).
 */
export function createJob(run: AzureContext, scope: pulumi.ComponentResource, name: string, args: JobArgs): JobOutputs {
    const ctx = run.withFoundation(azureHandles.read("network", args.network.handle, "job"));
    const f = ctx.foundation;
    const job = args.job;
    const b = args.bindings;
    const who = serviceIdentity(ctx, scope, name, { service: `job-${job.name}`, bindings: b, databaseRole: job.databaseRole });
    const { identity, grants, databaseUser } = who;
    const vault = keyVaultSecretEnv(b, job, who);
    const appSecrets = createServiceSecrets(ctx, scope, name, { name: `job-${job.name}`, secrets: job.secrets }, identity);

    const containerAppsJob = ctx.create(app.Job, scope, childName(name, "job"), {
        // Container Apps job names: 2-32 lowercase letters, digits and hyphens.
        jobName: ctx.limited(32, "job", job.name),
        resourceGroupName: f.resourceGroupName,
        location: ctx.location,
        environmentId: ctx.containerApps.environmentId,
        workloadProfileName: "Consumption",
        identity: { type: "UserAssigned", userAssignedIdentities: [identity.id] },
        configuration: {
            triggerType: "Manual",
            replicaTimeout: job.timeoutSeconds,
            replicaRetryLimit: 0,
            manualTriggerConfig: { parallelism: 1, replicaCompletionCount: 1 },
            secrets: [
                ...vault.secrets,
                ...appSecrets.appSecrets,
            ],
        },
        template: {
            containers: [{
                name: job.name,
                image: job.image,
                command: job.command,
                resources: CONTAINER_RESOURCES[job.size],
                env: [
                    ...Object.entries(plainBindingEnv(job, b, databaseUser)).map(([k, v]) => ({ name: k, value: v })),
                    ...vault.env,
                    ...appSecrets.env,
                    { name: "AZURE_CLIENT_ID", value: identity.clientId },
                    ...Object.entries(who.env).map(([k, v]) => ({ name: k, value: v })),
                ],
            }],
        },
        tags: ctx.tags,
    }, undefined, { dependsOn: [...grants, ...appSecrets.grants] });

    // az containerapp job start / job execution show (Azure CLI containerapp extension).
    const runCommand = pulumi.all([containerAppsJob.name, f.resourceGroupName]).apply(([j, rg]) => [
        `EXEC=$(az containerapp job start --name ${j} --resource-group ${rg} --query name --output tsv)`,
        ` && while S=$(az containerapp job execution show --name ${j} --resource-group ${rg} --job-execution-name "$EXEC" --query properties.status --output tsv);`,
        ` [ "$S" = Running ] || [ "$S" = Processing ]; do sleep 10; done; [ "$S" = Succeeded ]`,
    ].join(""));

    return { jobName: containerAppsJob.name, identity: identity.id, runCommand };
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/azure/index.ts. */
export const builder: CloudBuilder<AzureContext, "job"> = createJob;

// The offline engine's facts of the Azure types only this component creates (npm run diff and the
// deploy-rule specs read them; providers/shared/cloud-engine.ts): engine.ts holds the shared ones.
export const engineFacts: EngineFacts = {
    replacement: {
        "azure-native:app:Job": {
            // jobName and resourceGroupName are path parameters, location a tracked resource's create-only field;
            // whether a new environmentId moves the job in place is not stated as create-only for jobs: may replace.
            source: `${SPEC}app/resource-manager/Microsoft.App/stable/*/Jobs.json (path parameters; location create-only)`,
            replace: ["jobName", "resourceGroupName", "location", "extendedLocation"],
            update: [...TAGS, "configuration", "identity", "template", "workloadProfileName"],
            undecided: ["environmentId"],
        },
    },
};
