import type { CloudPolicyTypes } from "../../tools/ci/cloud-ci";

/**
 * The GCP resource types the policy pack inspects (`T.gcp.<name>` in policy/policies), with the
 * SDK module declaring each: tokens copied from @pulumi/gcp 9.37's `__pulumiType`. The pack is
 * published alone, so `npm run policy:types` copies this into policy/policies/cloud-types.ts;
 * tests/policy/plans.spec.ts checks every token against the installed SDK.
 */
export const policyTypes = {
    sqlInstance: { token: "gcp:sql/databaseInstance:DatabaseInstance", module: "@pulumi/gcp/sql/databaseInstance.js" },
    redisInstance: { token: "gcp:redis/instance:Instance", module: "@pulumi/gcp/redis/instance.js" },
    storageBucket: { token: "gcp:storage/bucket:Bucket", module: "@pulumi/gcp/storage/bucket.js" },
    sslPolicy: { token: "gcp:compute/sSLPolicy:SSLPolicy", module: "@pulumi/gcp/compute/sslpolicy.js" },
    targetHttpProxy: { token: "gcp:compute/targetHttpProxy:TargetHttpProxy", module: "@pulumi/gcp/compute/targetHttpProxy.js" },
    targetHttpsProxy: { token: "gcp:compute/targetHttpsProxy:TargetHttpsProxy", module: "@pulumi/gcp/compute/targetHttpsProxy.js" },
    urlMap: { token: "gcp:compute/uRLMap:URLMap", module: "@pulumi/gcp/compute/urlmap.js" },
    backendService: { token: "gcp:compute/backendService:BackendService", module: "@pulumi/gcp/compute/backendService.js" },
    alertPolicy: { token: "gcp:monitoring/alertPolicy:AlertPolicy", module: "@pulumi/gcp/monitoring/alertPolicy.js" },
    logBucket: { token: "gcp:logging/projectBucketConfig:ProjectBucketConfig", module: "@pulumi/gcp/logging/projectBucketConfig.js" },
    cloudRunService: { token: "gcp:cloudrunv2/service:Service", module: "@pulumi/gcp/cloudrunv2/service.js" },
    transferJob: { token: "gcp:storage/transferJob:TransferJob", module: "@pulumi/gcp/storage/transferJob.js" },
    cloudRunJob: { token: "gcp:cloudrunv2/job:Job", module: "@pulumi/gcp/cloudrunv2/job.js" },
} as const satisfies CloudPolicyTypes;
