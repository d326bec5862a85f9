import { createHash } from "crypto";
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

/** What physical names are built from; `dr` and `region` only matter to a recovery stack. */
export type NamingConfig = Pick<PlatformConfig, "appName" | "environment"> & Partial<Pick<PlatformConfig, "region">> & { dr?: Pick<PlatformConfig["dr"], "role"> };

const COMPASS: Record<string, string> = { north: "n", south: "s", east: "e", west: "w", central: "c" };

/**
 * A short code for a region on any cloud: compass words become one letter, other words their
 * first two letters, digits stay: us-east-2 -> use2, us-east1 -> use1, westus2 -> wus2,
 * northeurope -> neu, ap-southeast-1 -> apse1.
 */
export function regionCode(region: string): string {
    let out = "";
    for (const part of region.toLowerCase().split("-")) {
        let rest = part;
        while (rest.length > 0) {
            const digits = /^\d+/.exec(rest);
            if (digits) {
                out += digits[0];
                rest = rest.slice(digits[0].length);
                continue;
            }
            const word = Object.keys(COMPASS).find((w) => rest.startsWith(w));
            if (word) {
                out += COMPASS[word];
                rest = rest.slice(word.length);
                continue;
            }
            const next = Math.min(...[...Object.keys(COMPASS).map((w) => rest.indexOf(w, 1)), rest.search(/\d/)].filter((i) => i > 0), rest.length);
            out += rest.slice(0, Math.min(2, next));
            rest = rest.slice(next);
        }
    }
    return out;
}

/**
 * A recovery stack (`platform:dr.role: recovery`) runs beside the primary in the same account,
 * project or subscription: its names carry the region code, so globally and account-wide named
 * resources (buckets, IAM roles, service accounts, Key Vaults, storage accounts, resource
 * groups, log groups) never collide. A primary stack's names stay exactly as they were.
 */
function regionPart(cfg: NamingConfig): string[] {
    if (cfg.dr?.role !== "recovery") return [];
    if (!cfg.region) throw new Error("internal: a recovery stack's names need its region");
    return [regionCode(cfg.region)];
}

/** `<app>-<env>[-<region code>][-<suffix>...]`, lowercase, hyphen separated. */
export function physicalName(cfg: NamingConfig, ...suffix: string[]): string {
    return [cfg.appName, envCode(cfg), ...regionPart(cfg), ...suffix].join("-");
}

/**
 * Physical name with a hard length limit. Config validation makes every primary name fit; a
 * recovery stack's region code may not, so there the app part is shortened to a prefix plus a
 * digest of the full app name (still unique per app), never the suffix.
 */
export function limitedName(cfg: NamingConfig, max: number, ...suffix: string[]): string {
    const name = physicalName(cfg, ...suffix);
    if (name.length <= max) return name;
    const keep = cfg.appName.length - (name.length - max) - 4;
    if (regionPart(cfg).length > 0 && keep >= 1) {
        const app = cfg.appName.slice(0, keep).replace(/-+$/, "") + createHash("sha256").update(cfg.appName).digest("hex").slice(0, 4);
        return physicalName({ ...cfg, appName: app }, ...suffix);
    }
    throw new Error(`internal: name ${name} exceeds ${max} characters; tighten the config rule that allowed it`);
}

/** The same names as the primary stack of this app and environment (what a recovery stack restores from). */
export function primaryNaming<T extends NamingConfig>(cfg: T): T {
    return cfg.dr?.role === "recovery" ? { ...cfg, dr: { ...cfg.dr, role: "primary" } } : cfg;
}

/** Name of a child resource: its component's name as prefix (DESIGN.md component conventions). */
export function childName(component: string, child: string): string {
    return `${component}-${child}`;
}

/** Azure storage accounts and similar: 3-24 lowercase letters and digits, no separators. */
export function compactName(cfg: NamingConfig, suffix: string, max = 24): string {
    return limitedName(cfg, max, suffix).replace(/-/g, "");
}

/** The namespace the kubernetes runtime's workloads live in (providers/kubernetes creates it; the clouds' alerts watch it). */
export function kubernetesNamespace(cfg: Pick<PlatformConfig, "appName" | "environment">): string {
    return `${cfg.appName}-${cfg.environment}`;
}
