import * as gcp from "@pulumi/gcp";
import type * as pulumi from "@pulumi/pulumi";
import { KMS_KEY_ROTATION } from "./context";
import type { GcpContext } from "./context";

/**
 * A regional key ring and one symmetric software key with 90-day rotation, protected like the
 * data it guards (key rings cannot be deleted; keys are destroyed only after a grace period).
 */
export function createKmsKey(ctx: GcpContext, scope: pulumi.ComponentResource, names: { ringChild: string; ring: string; keyChild: string; key: string }): { keyRing: gcp.kms.KeyRing; key: gcp.kms.CryptoKey } {
    const keyRing = ctx.create(gcp.kms.KeyRing, scope, names.ringChild, {
        name: names.ring,
        location: ctx.region,
    }, undefined, { protect: ctx.cfg.protect });
    const key = ctx.create(gcp.kms.CryptoKey, scope, names.keyChild, {
        name: names.key,
        keyRing: keyRing.id,
        purpose: "ENCRYPT_DECRYPT",
        rotationPeriod: KMS_KEY_ROTATION,
        versionTemplate: { algorithm: "GOOGLE_SYMMETRIC_ENCRYPTION", protectionLevel: "SOFTWARE" },
        labels: ctx.labels(),
    }, undefined, { protect: ctx.cfg.protect });
    return { keyRing, key };
}
