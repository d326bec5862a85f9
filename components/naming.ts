import type { PlatformConfig } from "./config";

/**
 * Naming rules shared by every cloud. Pulumi logical names are `<component>-<child>`
 * (DESIGN.md: children are prefixed with their component's name); physical names are
 * `<app>-<env>-<suffix>` and must fit each cloud's limits, which config validation
 * guarantees for every app and service name it accepts.
 */

/** The short environment code used inside physical names that have tight limits. */
export function envCode(cfg: Pick<PlatformConfig, "environment">): string {
    return cfg.environment === "production" ? "prod" : "stg";
}

/** `<app>-<env>[-<suffix>...]`, lowercase, hyphen separated. */
export function physicalName(cfg: Pick<PlatformConfig, "appName" | "environment">, ...suffix: string[]): string {
    return [cfg.appName, envCode(cfg), ...suffix].join("-");
}

/** Physical name with a hard length limit: truncates the readable part, never the suffix. */
export function limitedName(cfg: Pick<PlatformConfig, "appName" | "environment">, max: number, ...suffix: string[]): string {
    const name = physicalName(cfg, ...suffix);
    if (name.length <= max) return name;
    throw new Error(`internal: name ${name} exceeds ${max} characters; tighten the config rule that allowed it`);
}

/** Name of a child resource: its component's name as prefix (DESIGN.md component conventions). */
export function childName(component: string, child: string): string {
    return `${component}-${child}`;
}

/** Azure storage accounts and similar: 3-24 lowercase letters and digits, no separators. */
export function compactName(cfg: Pick<PlatformConfig, "appName" | "environment">, suffix: string, max = 24): string {
    return limitedName(cfg, max, suffix).replace(/-/g, "");
}
