import { forEachContainer, WORKLOAD_TYPES } from "./kubernetes";
import { PlatformPolicy, resourcePolicy, ResourceContext } from "./support";
import { T } from "./types";

/**
 * Images by digest: a tag can be re-pushed, changing running code with no diff; a digest
 * cannot. Production only, advisory by default (set the policy `mandatory` in the pack
 * config to enforce). Config validation (components/config) accepts `image@sha256:<64 hex>`.
 */

export const IMAGE_DIGEST = /@sha256:[0-9a-f]{64}$/;

function checkImages(ctx: ResourceContext, images: Array<{ container: string; image: unknown }>): void {
    const env = ctx.environment();
    if (env.environment !== "production") ctx.notApplicable(`image digests are required in production only; this is ${env.environment} (from ${env.source})`);
    for (const { container, image } of images) {
        if (typeof image !== "string" || !IMAGE_DIGEST.test(image)) {
            ctx.report({ problem: `container ${container} runs an image by mutable tag`, found: image, fix: "pin the image by digest: <repository>@sha256:<64 hex>" });
        }
    }
}

const common = {
    area: "supply-chain" as const,
    severity: "medium" as const,
    enforcementLevel: "advisory" as const,
    remediation: "reference every image as <repository>@sha256:<digest> (platform:services.<name>.image)",
};

export const kubernetesPodRequireImageDigest = resourcePolicy({
    ...common,
    name: "kubernetes-pod-require-image-digest",
    description: "Production pods must reference every container image by digest (@sha256:...), not by a mutable tag.",
    checkov: ["CKV_K8S_43"],
    types: WORKLOAD_TYPES,
    validate(ctx) {
        const images: Array<{ container: string; image: unknown }> = [];
        forEachContainer(ctx, (c) => images.push({ container: c.name, image: c.spec.image }));
        checkImages(ctx, images);
    },
});

export const awsEcsRequireImageDigest = resourcePolicy({
    ...common,
    name: "aws-ecs-require-image-digest",
    description: "Production ECS task definitions must reference every container image by digest (@sha256:...).",
    types: [T.aws.ecsTaskDefinition],
    validate(ctx) {
        const raw = ctx.props.containerDefinitions;
        let defs: Array<{ name?: string; image?: unknown }> = [];
        try {
            defs = typeof raw === "string" ? JSON.parse(raw) : Array.isArray(raw) ? raw : [];
        } catch {
            ctx.report({ problem: "containerDefinitions is not valid JSON", found: raw, fix: "pass containerDefinitions as a JSON array" });
            return;
        }
        checkImages(ctx, defs.map((d) => ({ container: String(d.name), image: d.image })));
    },
});

function templateImages(ctx: ResourceContext): Array<{ container: string; image: unknown }> {
    const containers = (ctx.props.template?.containers ?? []) as Array<{ name?: string; image?: unknown }>;
    return containers.map((c, i) => ({ container: c.name ?? String(i), image: c.image }));
}

export const gcpCloudrunRequireImageDigest = resourcePolicy({
    ...common,
    name: "gcp-cloudrun-require-image-digest",
    description: "Production Cloud Run services must reference every container image by digest (@sha256:...).",
    types: [T.gcp.cloudRunService],
    validate(ctx) {
        checkImages(ctx, templateImages(ctx));
    },
});

export const azureAppRequireImageDigest = resourcePolicy({
    ...common,
    name: "azure-app-require-image-digest",
    description: "Production Container Apps must reference every container image by digest (@sha256:...).",
    types: [T.azure.containerApp],
    validate(ctx) {
        checkImages(ctx, templateImages(ctx));
    },
});

export const supplyChainPolicies: PlatformPolicy[] = [kubernetesPodRequireImageDigest, awsEcsRequireImageDigest, gcpCloudrunRequireImageDigest, azureAppRequireImageDigest];
