import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import type { PlatformConfig } from "../../components/config";
import { CloudContext } from "../shared/cloud-context";

/**
 * The AWS side of one program run: the explicit providers built from config (no ambient
 * defaults) and the standard tags. Nothing is shared between components here: what one hands
 * the next travels in its handle (providers/aws/handles.ts).
 */
export class AwsContext extends CloudContext {
    declare readonly provider: aws.Provider;
    private identity?: pulumi.Output<aws.GetCallerIdentityResult>;
    private partitionResult?: pulumi.Output<aws.GetPartitionResult>;

    constructor(cfg: PlatformConfig) {
        super("aws", cfg, new aws.Provider("platform-aws", {
            region: cfg.region as aws.Region,
            defaultTags: { tags: cfg.tags },
        }));
    }

    /** Standard tags (`environment`, `app`, `managed-by`, extra config tags) plus a Name. */
    tags(name?: string): Record<string, string> {
        return name ? { ...this.cfg.tags, Name: name } : { ...this.cfg.tags };
    }

    get accountId(): pulumi.Output<string> {
        this.identity ??= aws.getCallerIdentityOutput({}, { provider: this.provider });
        return this.identity.accountId;
    }

    get partition(): pulumi.Output<string> {
        this.partitionResult ??= aws.getPartitionOutput({}, { provider: this.provider });
        return this.partitionResult.partition;
    }
}

/** An IAM policy document as JSON (Outputs resolved). */
export function policyJson(doc: unknown): pulumi.Output<string> {
    return pulumi.jsonStringify(pulumi.output(doc));
}

export function pad2(n: number): string {
    return String(n).padStart(2, "0");
}
