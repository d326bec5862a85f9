import { Cloud, CLOUD_PLUGINS } from "../../providers/registry";
import type { CloudEngine } from "../../providers/shared/cloud-engine";

/**
 * Each registered cloud's engine (`providers/<cloud>/engine.ts`), loaded by the plugin's name on
 * first use: the registry stays the only list of clouds, and a diff of one cloud's plans loads
 * only that cloud's engine (an engine loads its builder files, so its SDK).
 */
const loaded = new Map<Cloud, CloudEngine>();

export function cloudEngine(cloud: Cloud): CloudEngine {
    let engine = loaded.get(cloud);
    if (!engine) {
        if (!(cloud in CLOUD_PLUGINS)) throw new Error(`internal: no registered cloud ${cloud}`);
        engine = (require(`../../providers/${cloud}/engine`) as { engine: CloudEngine }).engine;
        loaded.set(cloud, engine);
    }
    return engine;
}

/** Every registered cloud's engine, in registry order (loads every cloud's SDK). */
export function everyCloudEngine(): CloudEngine[] {
    return Object.values(CLOUD_PLUGINS).map((p) => cloudEngine(p.name));
}

/** The registered cloud whose SDK package (`@pulumi/<pkg>`) registers type tokens starting `<pkg>:`. */
export function cloudOfPackage(pkg: string): Cloud | undefined {
    return Object.values(CLOUD_PLUGINS).find((p) => (p.sdkPackages as readonly string[]).includes(`@pulumi/${pkg}`))?.name;
}

/** The engine of the cloud whose SDK package registers type tokens starting `<pkg>:`. */
export function engineForPackage(pkg: string): CloudEngine | undefined {
    const cloud = cloudOfPackage(pkg);
    return cloud ? cloudEngine(cloud) : undefined;
}

/** The engine of the cloud that owns a type token (`aws:s3/bucket:Bucket`, `pulumi:providers:aws`). */
export function engineForType(type: string): CloudEngine | undefined {
    const pkg = type.startsWith("pulumi:providers:") ? type.slice("pulumi:providers:".length) : type.split(":")[0]!;
    return engineForPackage(pkg);
}
