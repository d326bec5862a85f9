import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { bindingSecrets, plainBindingEnv, type ReceivedSecret, type WorkloadBindings } from "../../components/binding";
import type { ComputeServiceArgs, ComputeServiceOutputs } from "../../components/compute-service";
import type { ReleaseStatus } from "../../components/release";
import { DatabaseRole, iamDatabaseUser } from "../../components/database-access";
import { childName, limitedName, physicalName } from "../../components/naming";
import { logGroupArgs } from "./audit-logs";
import type { NetworkOutputs } from "../../components/network";
import { AwsContext, policyJson } from "./context";
import { awsBoundWorkload, awsWorkloadGrants, containerSecrets, platformSecretsPolicy } from "./workload-grants";
import { awsHandles } from "./handles";
import { alertTopicArn, errorRateQueries, metric } from "./monitoring";
import { createServiceSecrets } from "./service-secrets";
import { FARGATE } from "./sizes";
import type { CloudBuilder } from "../shared/bind-cloud";
import type { EngineFacts } from "../shared/cloud-engine";
import type { ReplacementTable } from "../shared/replacement";
import { nameRule, type Rule } from "../shared/rules";
import { TAGS, TF } from "./replacement";
import type { Transform } from "../../components/transform";

export const ECS_TASKS_TRUST = {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "ecs-tasks.amazonaws.com" }, Action: "sts:AssumeRole" }],
};

/** A Fargate task definition's args, the same for services and jobs: awsvpc, Linux x86-64, a writable /tmp volume. */
export function fargateTaskArgs(ctx: AwsContext, a: { family: string; size: { cpu: number; memory: number }; executionRoleArn: pulumi.Input<string>; taskRoleArn: pulumi.Input<string>; containerDefinitions: pulumi.Input<string> }): aws.ecs.TaskDefinitionArgs {
    return {
        family: a.family,
        cpu: String(a.size.cpu),
        memory: String(a.size.memory),
        networkMode: "awsvpc",
        requiresCompatibilities: ["FARGATE"],
        runtimePlatform: { operatingSystemFamily: "LINUX", cpuArchitecture: "X86_64" },
        executionRoleArn: a.executionRoleArn,
        taskRoleArn: a.taskRoleArn,
        containerDefinitions: a.containerDefinitions,
        volumes: [{ name: "tmp" }],
        tags: ctx.tags(),
    };
}

/** The managed runtime's ECS cluster, which the network creates. */
export function ecsClusterOf(network: NetworkOutputs, by: string): aws.ecs.Cluster {
    const cluster = awsHandles.read("network", network.handle, by).ecsCluster;
    if (!cluster) throw new Error(`internal: the AWS ${by} needs the ECS cluster, which the network creates for compute.runtime: managed`);
    return cluster;
}

export { secretValueFrom } from "./workload-grants";

/**
 * The bound components' grants on the two roles of an ECS task: the execution role reads the
 * platform secrets the workload receives (`<name>-execution-secrets`), the task role gets each
 * component's own policies (`<name>-task-<suffix>`). Services and jobs share it.
 */
export function grantEcsRoles(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, a: {
    bindings: WorkloadBindings; workload: { databaseRole?: DatabaseRole }; login: string; executionRole: aws.iam.Role; by: string;
}): { grantTaskRole(taskRole: aws.iam.Role): void } {
    const grants = awsWorkloadGrants(ctx, a.bindings, awsBoundWorkload(a.workload, a.login), a.by);
    const received = bindingSecrets(a.bindings, a.workload);
    if (received.length > 0) {
        ctx.create(aws.iam.RolePolicy, scope, childName(name, "execution-secrets"), { role: a.executionRole.id, policy: policyJson(platformSecretsPolicy(received, grants)) });
    }
    return {
        grantTaskRole: (taskRole) => {
            for (const p of grants.flatMap((g) => g.grant.policies)) ctx.create(aws.iam.RolePolicy, scope, childName(name, `task-${p.suffix}`), { role: taskRole.id, policy: policyJson(p.document) });
        },
    };
}

/**
 * The container definition's values that wait for outputs: the plain env, the ARN of each
 * binding secret the workload receives (`received`, in that order: containerSecrets zips them),
 * the log group and the workload's own secrets' ARNs.
 */
export function containerInputs(plainEnv: Record<string, pulumi.Input<string>>, received: readonly ReceivedSecret[], logGroupName: pulumi.Input<string>, appSecretArns: Array<pulumi.Input<string>>) {
    const secretIds = received.map((s) => s.ref.id);
    return (pulumi.all([pulumi.all(plainEnv), ...secretIds, logGroupName, pulumi.all(appSecretArns)]) as pulumi.Output<unknown[]>).apply((v) => ({
        env: v[0] as Record<string, string>,
        bindingSecretArns: v.slice(1, 1 + secretIds.length) as string[],
        logGroupName: v[1 + secretIds.length] as string,
        appSecretArns: v[2 + secretIds.length] as string[],
    }));
}

/**
 * One Fargate service: its own log group, execution role (pull image, read only the platform
 * secrets it receives), task role (only what each bound component's grant gives it: its bucket,
 * its database user), task definition with a read-only
 * root filesystem and secrets from Secrets Manager, service in private subnets without a
 * public IP, circuit breaker with rollback, and target-tracking autoscaling on CPU and memory.
 */
export function createComputeService(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: ComputeServiceArgs): ComputeServiceOutputs {
    const { cfg } = ctx;
    const t = args.transform?.aws;
    const svc = args.service;
    const { securityGroups: sgs, privateSubnetIds: subnets, logsKey } = awsHandles.read("network", args.network.handle, "compute service");
    const cluster = ecsClusterOf(args.network, "compute service");
    const physical = physicalName(cfg, svc.name);

    const logGroup = ctx.create(aws.cloudwatch.LogGroup, scope, childName(name, "logs"), {
        ...logGroupArgs(ctx, logsKey, { logGroupName: `/ecs/${physical}`, kind: "application" }),
        retentionInDays: args.logRetentionDays,
    }, t?.logGroup);

    const executionRole = ctx.create(aws.iam.Role, scope, childName(name, "execution-role"), {
        name: limitedName(cfg, 64, svc.name, "execution"),
        description: `ECS agent for ${physical}: pull the image, write logs, read this platform's secrets`,
        assumeRolePolicy: policyJson(ECS_TASKS_TRUST),
        tags: ctx.tags(),
    }, t?.executionRole);
    ctx.create(aws.iam.RolePolicyAttachment, scope, childName(name, "execution-managed"), {
        role: executionRole.name,
        policyArn: pulumi.interpolate`arn:${ctx.partition}:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy`,
    });
    const dbUser = iamDatabaseUser(svc.name);
    const roles = grantEcsRoles(ctx, scope, name, { bindings: args.bindings, workload: {}, login: dbUser, executionRole, by: "compute service" });
    const appSecrets = createServiceSecrets(ctx, scope, name, svc, cfg.protect);
    if (appSecrets.policy) {
        ctx.create(aws.iam.RolePolicy, scope, childName(name, "execution-app-secrets"), { role: executionRole.id, policy: policyJson(appSecrets.policy) });
    }

    const taskRole = ctx.create(aws.iam.Role, scope, childName(name, "task-role"), {
        name: limitedName(cfg, 64, svc.name, "task"),
        description: `Application identity of ${physical}: its own bucket and database user only`,
        assumeRolePolicy: policyJson(ECS_TASKS_TRUST),
        tags: ctx.tags(),
    }, t?.taskRole);
    roles.grantTaskRole(taskRole);

    const size = FARGATE[svc.size];
    // A service is no `admin` job: it receives no adminOnly secret.
    const received = bindingSecrets(args.bindings, {});
    const containerDefinitions = containerInputs(plainBindingEnv(svc, args.bindings, dbUser), received, logGroup.name, appSecrets.entries.map((e) => e.arn))
        .apply(({ env: bindingEnv, bindingSecretArns, logGroupName, appSecretArns }) => {
            const environment: Record<string, string> = { ...bindingEnv, PORT: String(svc.port) };
            return JSON.stringify([{
                name: svc.name,
                image: svc.image,
                essential: true,
                ...(svc.command ? { command: svc.command } : {}),
                portMappings: [{ containerPort: svc.port, protocol: "tcp", name: svc.name }],
                environment: Object.entries(environment).sort(([a], [c]) => a.localeCompare(c)).map(([key, value]) => ({ name: key, value })),
                secrets: containerSecrets(received, bindingSecretArns, appSecrets.entries.map((e, i) => ({ name: e.name, arn: appSecretArns[i]! }))),
                // Workers too: every other runtime probes them, and ECS replaces a task whose essential container is UNHEALTHY.
                healthCheck: {
                    command: ["CMD-SHELL", `wget -q -O /dev/null http://127.0.0.1:${svc.port}${svc.healthPath} || exit 1`],
                    interval: 30, timeout: 5, retries: 3, startPeriod: 60,
                },
                readonlyRootFilesystem: true,
                user: "1000:1000",
                linuxParameters: { initProcessEnabled: true },
                mountPoints: [{ sourceVolume: "tmp", containerPath: "/tmp", readOnly: false }],
                logConfiguration: {
                    logDriver: "awslogs",
                    options: { "awslogs-group": logGroupName, "awslogs-region": cfg.region, "awslogs-stream-prefix": svc.name },
                },
            }]);
        });

    const taskDefinition = ctx.create(aws.ecs.TaskDefinition, scope, childName(name, "task"),
        fargateTaskArgs(ctx, { family: physical, size, executionRoleArn: executionRole.arn, taskRoleArn: taskRole.arn, containerDefinitions }), t?.taskDefinition);

    const attachment = args.attachment;
    const release = releaseSettings(ctx, scope, name, args);
    const service = ctx.create(aws.ecs.Service, scope, childName(name, "service"), {
        name: physical,
        cluster: cluster.arn,
        taskDefinition: taskDefinition.arn,
        desiredCount: svc.minReplicas,
        launchType: "FARGATE",
        platformVersion: "LATEST",
        networkConfiguration: { subnets, securityGroups: [sgs.compute.id], assignPublicIp: false },
        deploymentCircuitBreaker: { enable: true, rollback: true },
        deploymentMinimumHealthyPercent: 100,
        deploymentMaximumPercent: 200,
        ...release.service,
        loadBalancers: attachment ? [{
            targetGroupArn: attachment.backendId,
            containerName: svc.name,
            containerPort: svc.port,
            ...(release.advancedConfiguration ? { advancedConfiguration: release.advancedConfiguration } : {}),
        }] : undefined,
        healthCheckGracePeriodSeconds: attachment ? 60 : undefined,
        propagateTags: "SERVICE",
        enableEcsManagedTags: true,
        enableExecuteCommand: false,
        waitForSteadyState: false,
        tags: ctx.tags(physical),
    }, t?.service, { dependsOn: [...(attachment?.dependsOn ?? []), ...release.dependsOn], ignoreChanges: ["desiredCount"] });

    const resourceId = pulumi.interpolate`service/${cluster.name}/${service.name}`;
    const target = ctx.create(aws.appautoscaling.Target, scope, childName(name, "scaling-target"), {
        serviceNamespace: "ecs",
        scalableDimension: "ecs:service:DesiredCount",
        resourceId,
        minCapacity: svc.minReplicas,
        maxCapacity: svc.maxReplicas,
        tags: ctx.tags(),
    }, t?.scalingTarget);

    const policy = (kind: "cpu" | "memory", metric: string, targetValue: number) =>
        ctx.create(aws.appautoscaling.Policy, scope, childName(name, `${kind}-scaling`), {
            name: `${physical}-${kind}`,
            policyType: "TargetTrackingScaling",
            serviceNamespace: target.serviceNamespace,
            scalableDimension: target.scalableDimension,
            resourceId: target.resourceId,
            targetTrackingScalingPolicyConfiguration: {
                predefinedMetricSpecification: { predefinedMetricType: metric },
                targetValue,
                scaleOutCooldown: args.scaleOutCooldownSeconds,
                scaleInCooldown: args.scaleInCooldownSeconds,
            },
        }, kind === "cpu" ? t?.cpuPolicy : t?.memoryPolicy);
    policy("cpu", "ECSServiceAverageCPUUtilization", args.cpuTargetPercent);
    policy("memory", "ECSServiceAverageMemoryUtilization", args.memoryTargetPercent);

    const lbPrefix = awsHandles.read("loadBalancer", args.loadBalancer.handle, "compute service").pathPrefixes[svc.name];
    return {
        serviceName: service.name,
        identity: taskRole.arn,
        internalUrl: svc.http
            ? pulumi.output(`https://${svc.http.host ?? cfg.loadBalancer.domain}${lbPrefix ?? ""}`)
            : pulumi.interpolate`ecs://${cluster.name}/${service.name}`,
        handle: awsHandles.wrap("computeService", { service }),
        // ECS shifts, bakes and rolls back on its deployment alarms by itself: nothing for the workflow to promote.
        release: pulumi.output<ReleaseStatus>({ strategy: svc.release.strategy, bakeMinutes: svc.release.bakeMinutes, gate: "native" }),
    };
}

/**
 * The ECS side of the service's release strategy (`services.<name>.release`):
 * - every HTTP service: deployment alarms with rollback on its own targets' 5xx rate (ECS
 *   rolls a deployment back when they fire while it runs), beside the circuit breaker;
 * - canary / blueGreen: ECS's native strategies (aws_ecs_service deployment_configuration
 *   strategy CANARY / BLUE_GREEN, canary_configuration, bake_time_in_minutes, in @pulumi/aws
 *   7.x ecs/service.d.ts), which need the second target group and listener rule the load
 *   balancer prepared and an infrastructure role ECS assumes to shift the rule's weights
 *   (managed policy AmazonECSInfrastructureRolePolicyForLoadBalancers,
 *   https://docs.aws.amazon.com/AmazonECS/latest/developerguide/AmazonECSInfrastructureRolePolicyForLoadBalancers.html).
 * Workers have no traffic to shift (config validation keeps them rolling).
 */
function releaseSettings(ctx: AwsContext, scope: pulumi.ComponentResource, name: string, args: ComputeServiceArgs): {
    service: Partial<aws.ecs.ServiceArgs>;
    advancedConfiguration?: aws.types.input.ecs.ServiceLoadBalancerAdvancedConfiguration;
    dependsOn: pulumi.Resource[];
} {
    const { cfg } = ctx;
    const svc = args.service;
    const lb = awsHandles.read("loadBalancer", args.loadBalancer.handle, "compute service");
    const primary = lb.targetGroups[svc.name];
    if (!args.attachment || !primary) return { service: {}, dependsOn: [] };
    const alternate = lb.alternateTargetGroups[svc.name];
    const groups = alternate ? [primary, alternate] : [primary];
    const th = cfg.monitoring;

    const dims = (g: aws.lb.TargetGroup) => ({ LoadBalancer: lb.alb.arnSuffix, TargetGroup: g.arnSuffix });
    const gate = ctx.create(aws.cloudwatch.MetricAlarm, scope, childName(name, "release-5xx"), {
        name: physicalName(cfg, svc.name, "release-5xx"),
        alarmDescription: `Release gate of ${svc.name}: its targets' 5xx above ${th.http5xxRatePercent}% of requests; ECS rolls the deployment back. Runbook: ${cfg.monitoring.runbookUrl}#release-rollback`,
        metricQueries: errorRateQueries(
            groups.map((g, i) => metric(`errors${i}`, "AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", "Sum", dims(g))),
            groups.map((g, i) => metric(`requests${i}`, "AWS/ApplicationELB", "RequestCount", "Sum", dims(g))),
        ),
        comparisonOperator: "GreaterThanThreshold",
        threshold: th.http5xxRatePercent,
        evaluationPeriods: 2,
        treatMissingData: "notBreaching",
        // A rollback is worth a warning. The topic is the Monitoring component's, created later
        // in the same update; CloudWatch stores alarm actions without resolving them.
        alarmActions: [alertTopicArn(ctx, "warning")],
        tags: ctx.tags(),
    });
    const alarms = { enable: true, rollback: true, alarmNames: [gate.name] };
    const release = svc.release;
    if (release.strategy === "rolling" || !alternate) return { service: { alarms }, dependsOn: [gate] };

    const role = ctx.create(aws.iam.Role, scope, childName(name, "release-role"), {
        name: limitedName(cfg, 64, svc.name, "release"),
        description: `ECS shifts ${svc.name}'s listener rule between its two target groups during ${release.strategy} deployments`,
        assumeRolePolicy: policyJson({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: { Service: "ecs.amazonaws.com" }, Action: "sts:AssumeRole" }] }),
        tags: ctx.tags(),
    });
    const attachment = ctx.create(aws.iam.RolePolicyAttachment, scope, childName(name, "release-role-policy"), {
        role: role.name,
        policyArn: pulumi.interpolate`arn:${ctx.partition}:iam::aws:policy/AmazonECSInfrastructureRolePolicyForLoadBalancers`,
    });
    const rule = lb.listenerRules[svc.name]!;
    const bake = String(release.bakeMinutes);
    return {
        service: {
            alarms,
            deploymentConfiguration: release.strategy === "canary"
                ? { strategy: "CANARY", canaryConfiguration: { canaryPercent: release.percent, canaryBakeTimeInMinutes: bake }, bakeTimeInMinutes: bake }
                : { strategy: "BLUE_GREEN", bakeTimeInMinutes: bake },
        },
        advancedConfiguration: { alternateTargetGroupArn: alternate.arn, productionListenerRule: rule.arn, roleArn: role.arn },
        dependsOn: [gate, attachment],
    };
}

/** This file's catalog entry (components/catalog.ts), loaded by providers/aws/index.ts. */
export const builder: CloudBuilder<AwsContext, "computeService"> = createComputeService;

/** Typed escape hatches for this component's AWS children: one Transform<Args> per underlying resource, applied last (components/transform.ts). */
export interface AwsComputeServiceTransforms {
    logGroup?: Transform<aws.cloudwatch.LogGroupArgs>;
    executionRole?: Transform<aws.iam.RoleArgs>;
    taskRole?: Transform<aws.iam.RoleArgs>;
    taskDefinition?: Transform<aws.ecs.TaskDefinitionArgs>;
    service?: Transform<aws.ecs.ServiceArgs>;
    scalingTarget?: Transform<aws.appautoscaling.TargetArgs>;
    cpuPolicy?: Transform<aws.appautoscaling.PolicyArgs>;
    memoryPolicy?: Transform<aws.appautoscaling.PolicyArgs>;
}

declare module "../../components/compute-service" {
    interface ComputeServiceTransforms { aws?: AwsComputeServiceTransforms }
}

/** What this component hands to the components built on it (providers/aws/handles.ts). */
declare module "./handles" {
    interface AwsHandles {
        computeService: { service: aws.ecs.Service };
    }
}

// The offline engine's facts of the AWS types only this component creates (npm run diff and the
// deploy-rule specs read them; providers/shared/cloud-engine.ts): engine.ts holds the shared ones.

const REPLACEMENT: ReplacementTable = {
    "aws:appautoscaling/policy:Policy": {
        source: `${TF}appautoscaling/policy.go`,
        replace: ["name", "resourceId", "scalableDimension", "serviceNamespace"],
        update: ["policyType", "targetTrackingScalingPolicyConfiguration", "stepScalingPolicyConfiguration", "predictiveScalingPolicyConfiguration"],
    },
    "aws:appautoscaling/target:Target": {
        source: `${TF}appautoscaling/target.go`,
        replace: ["resourceId", "scalableDimension", "serviceNamespace"],
        update: [...TAGS, "maxCapacity", "minCapacity", "roleArn", "suspendedState"],
    },
    "aws:ecs/service:Service": {
        source: `${TF}ecs/service.go`,
        replace: ["name", "cluster", "launchType", "iamRole", "schedulingStrategy", "deploymentController"],
        update: [...TAGS, "deploymentCircuitBreaker", "deploymentMaximumPercent", "deploymentMinimumHealthyPercent", "desiredCount", "enableEcsManagedTags",
            "enableExecuteCommand", "networkConfiguration", "platformVersion", "propagateTags", "taskDefinition", "waitForSteadyState",
            "healthCheckGracePeriodSeconds", "forceNewDeployment", "capacityProviderStrategies", "triggers", "orderedPlacementStrategies", "placementConstraints",
            "serviceConnectConfiguration", "availabilityZoneRebalancing", "alarms", "deploymentConfiguration"],
        // deployment_configuration (strategy, bake time, lifecycle hooks: the canary and blue/green releases) has no ForceNew; UpdateService takes it.
        // load_balancer: in-place since UpdateService accepts it, but older schemas force a new service.
        undecided: ["loadBalancers", "serviceRegistries"],
    },
};

const RULES: Rule[] = [
    // https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html
    nameRule({ id: "aws/ecs-service-name", types: ["aws:ecs/service:Service"], field: "name", max: 255, pattern: /^[A-Za-z0-9_-]+$/, allowed: "letters, digits, hyphens and underscores", doc: "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_CreateService.html" }),
    nameRule({ id: "aws/appautoscaling-policy-name", types: ["aws:appautoscaling/policy:Policy"], field: "name", max: 256, pattern: /^[^:/|]+$/, allowed: "no : / or |", doc: "https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html" }),
    {
        // A service behind a load balancer is created after the listener (rule) that forwards to
        // its target group: ECS rejects a target group not yet associated with a load balancer.
        id: "aws/ecs-service-after-listener",
        family: "companions",
        types: ["aws:ecs/service:Service"],
        doc: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/create-application-load-balancer.html",
        check: (r, plan) => ((r.inputs.loadBalancers ?? []) as any[]).flatMap((lb) => {
            const forwarders = [...plan.mentioning("aws:lb/listenerRule:ListenerRule", lb.targetGroupArn), ...plan.mentioning("aws:lb/listener:Listener", lb.targetGroupArn)];
            if (forwarders.length === 0) return [`target group ${lb.targetGroupArn} has no listener or listener rule forwarding to it`];
            return forwarders.some((f) => plan.waitsFor(r, f)) ? [] : [`the service does not wait for the listener rule forwarding to ${lb.targetGroupArn}`];
        }),
    },
    {
        // Min <= max capacity; a scaling policy is registered after its scalable target.
        id: "aws/appautoscaling-target-policy",
        family: "companions",
        types: ["aws:appautoscaling/target:Target", "aws:appautoscaling/policy:Policy"],
        doc: "https://docs.aws.amazon.com/autoscaling/application/APIReference/API_PutScalingPolicy.html",
        check: (r, plan) => {
            if (r.type === "aws:appautoscaling/target:Target") return r.inputs.minCapacity > r.inputs.maxCapacity ? [`minCapacity ${r.inputs.minCapacity} exceeds maxCapacity ${r.inputs.maxCapacity}`] : [];
            const target = plan.ofType("aws:appautoscaling/target:Target").find((t) => t.inputs.resourceId === r.inputs.resourceId && t.inputs.scalableDimension === r.inputs.scalableDimension);
            if (!target) return [`no scalable target for ${r.inputs.resourceId}`];
            const problems = plan.waitsFor(r, target) ? [] : ["the policy does not wait for its scalable target"];
            const c = r.inputs.targetTrackingScalingPolicyConfiguration;
            if (c && (c.targetValue <= 0 || c.targetValue > 100) && /Utilization$/.test(c.predefinedMetricSpecification?.predefinedMetricType ?? "")) problems.push(`targetValue ${c.targetValue}: a utilization target is 0-100`);
            return problems;
        },
    },
];

export const engineFacts: EngineFacts = {
    replacement: REPLACEMENT,
    rules: RULES,
};
