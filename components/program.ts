import type * as pulumi from "@pulumi/pulumi";
import { readPlatformConfig } from "./program-config";
import { Platform, PlatformOptions } from "./platform";
import { loadCloud, loadRuntime } from "../providers/loader";

/**
 * The whole program: validate config (nothing is registered if it is bad), load only the
 * selected cloud, build the platform, return the stack outputs. index.ts and the offline
 * engine both call this, so the plan runs exactly what `pulumi up` runs.
 */
export function definePlatform(options: PlatformOptions = {}): Record<string, pulumi.Input<unknown>> {
    const config = readPlatformConfig();
    const cloud = loadCloud(config.cloud).createCloud(config);
    return new Platform(config, cloud, options, loadRuntime(config.compute.runtime)).outputs();
}
