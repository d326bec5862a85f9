import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bindingSecrets, plainBindingEnv } from "../../components/binding";
import type { JobArgs, JobOutputs } from "../../components/job";
import { childName, limitedName, physicalName } from "../../components/naming";
import { iamDatabaseUser } from "../../components/database-access";
import { containerInputs, ECS_TASKS_TRUST, ecsClusterOf, fargateTaskArgs, grantEcsRoles } from "./compute-service";
import { containerSecrets } from "./workload-grants";
import { awsHandles } from "./handles";
import { logGroupArgs } from "./audit-logs";
import { AwsContext, policyJson } from "./context";
import { createServiceSecrets } from "./service-secrets";
import { FARGATE } from "./sizes";
import type { CloudBuilder } from "../shared/bind-cloud";

/**
 * A one-off job on ECS: a Fargate task definition with a service's execution role (its secrets
 * only) and task role (the bound components' grants only), read-only root filesystem and logs, but no ECS service:
 * `runCommand` starts one task with `aws ecs run-task` in the private subnets with the compute
 * security group and no public IP, waits for it to stop and fails unless it exited 0.
 */
export function createJob(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: JobArgs): JobOutputs {
    const { cfg } = ctx;
    const job = args.job;
    const { securityGroups: sgs, privateSubnetIds: subnets, logsKey } = awsHandles.read("network", args.network.handle, "job");
    const cluster = ecsClusterOf(args.network, "job");
    const family = physicalName(cfg, "job", job.name);

    const logGroup = ctx.create(aws.cloudwatch.LogGroup, scope, childName(name, "logs"), logGroupArgs(ctx, logsKey, { logGroupName: `/ecs/${family}`, kind: "application" }));
    const executionRole = ctx.create(aws.iam.Role, scope, childName(name, "execution-role"), {
        name: limitedName(cfg, 64, "job", job.name, "execution"),
        description: `ECS agent for job ${family}: pull the image, write logs, read its secrets`,
        assumeRolePolicy: policyJson(ECS_TASKS_TRUST),
        tags: ctx.tags(),
    });
    ctx.create(aws.iam.RolePolicyAttachment, scope, childName(name, "execution-managed"), {
        role: executionRole.name,
        policyArn: pulumi.interpolate`arn:${ctx.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`,
    });
    // An `admin` job logs in with the password; an `app` job with IAM, like a service.
    const dbUser = iamDatabaseUser(`j-${job.name}`);
    const roles = grantEcsRoles(ctx, scope, name, { bindings: args.bindings, workload: job, login: dbUser, executionRole, by: "job" });
    const appSecrets = createServiceSecrets(ctx, scope, name, { name: `job-${job.name}`, secrets: job.secrets }, cfg.protect);
    if (appSecrets.policy) ctx.create(aws.iam.RolePolicy, scope, childName(name, "execution-app-secrets"), { role: executionRole.id, policy: policyJson(appSecrets.policy) });

    const taskRole = ctx.create(aws.iam.Role, scope, childName(name, "task-role"), {
        name: limitedName(cfg, 64, "job", job.name, "task"),
        description: `Application identity of job ${family}: its own bucket only`,
        assumeRolePolicy: policyJson(ECS_TASKS_TRUST),
        tags: ctx.tags(),
    });
    roles.grantTaskRole(taskRole);

    const received = bindingSecrets(args.bindings, job);
    const containerDefinitions = containerInputs(plainBindingEnv(job, args.bindings, dbUser), received, logGroup.name, appSecrets.entries.map((e) => e.arn))
        .apply(({ env, bindingSecretArns, logGroupName, appSecretArns }) => JSON.stringify([{
            name: job.name,
            image: job.image,
            essential: true,
            command: job.command,
            environment: Object.entries(env).sort(([x], [y]) => x.localeCompare(y)).map(([k, value]) => ({ name: k, value })),
            secrets: containerSecrets(received, bindingSecretArns, appSecrets.entries.map((e, i) => ({ name: e.name, arn: appSecretArns[i]! }))),
            // ECS has no task timeout; `stopTimeout` is only the SIGTERM grace. The run recipe waits instead.
            readonlyRootFilesystem: true,
            user: "1000:1000",
            linuxParameters: { initProcessEnabled: true },
            mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }],
            logConfiguration: { logDriver: "awslogs", options: { "awslogs-group": logGroupName, "awslogs-region": cfg.region, "awslogs-stream-prefix": job.name } },
        }]));

    const size = FARGATE[job.size];
    const taskDefinition = ctx.create(aws.ecs.TaskDefinition, scope, childName(name, "task"),
        fargateTaskArgs(ctx, { family, size, executionRoleArn: executionRole.arn, taskRoleArn: taskRole.arn, containerDefinitions }));

    // aws ecs run-task / wait tasks-stopped / describe-tasks (AWS CLI v2). `wait` gives up after 10 min.
    const runCommand = pulumi.all([cluster.name, taskDefinition.family, pulumi.all(subnets), sgs.compute.id]).apply(([c, fam, subnetIds, sg]) => [
        `TASK=$(aws ecs run-task --region ${cfg.region} --cluster ${c} --task-definition ${fam} --launch-type FARGATE --started-by deploy`,
        ` --network-configuration 'awsvpcConfiguration={subnets=[${subnetIds.join(",")}],securityGroups=[${sg}],assignPublicIp=DISABLED}'`,
        ` --query 'tasks[0].taskArn' --output text)`,
        ` && aws ecs wait tasks-stopped --region ${cfg.region} --cluster ${c} --tasks "$TASK"`,
        ` && test "$(aws ecs describe-tasks --region ${cfg.region} --cluster ${c} --tasks "$TASK" --query 'tasks[0].containers[0].exitCode' --output text)" = 0`,
    ].join(""));

    return { jobName: taskDefinition.family, identity: taskRole.arn, runCommand };
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/aws/index.ts. */
export const builder: CloudBuilder<AwsContext, "job"> = createJob;
