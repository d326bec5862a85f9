import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { childName } from "../../components/naming";
import type { Transform } from "../../components/transform";
import type { AwsContext } from "./context";

/** A customer-managed key with yearly rotation for one component's data. */
export function createKey(
    ctx: AwsContext,
    scope: pulumi.ComponentResource,
    name: string,
    purpose: string,
    opts: { protect?: boolean; policy?: pulumi.Input<string>; transform?: Transform<aws.kms.KeyArgs>; region?: string } = {},
): aws.kms.Key {
    return ctx.create(aws.kms.Key, scope, childName(name, "key"), {
        description: `${ctx.cfg.appName} ${ctx.cfg.environment}: ${purpose}`,
        enableKeyRotation: true,
        deletionWindowInDays: 30,
        policy: opts.policy,
        tags: ctx.tags(),
        // aws v7 manages a resource in another region through its `region` argument.
        ...(opts.region ? { region: opts.region as aws.Region } : {}),
    }, opts.transform, { protect: opts.protect ?? false });
}
