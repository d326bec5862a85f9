import { Cloud, CLOUD_PLUGINS } from "../../providers/registry";
import type { CloudEngine } from "../../providers/shared/cloud-engine";

/**
 * Every registered cloud's engine module (`providers/<cloud>/engine.ts`), loaded by the plugin's
 * name: the registry stays the only list of clouds, and importing it still loads no rules.
 */
export const CLOUD_ENGINES: Readonly<Record<Cloud, CloudEngine>> = Object.fromEntries(
    Object.values(CLOUD_PLUGINS).map((p) => [p.name, (require(`../../providers/${p.name}/engine`) as { engine: CloudEngine }).engine]),
) as Record<Cloud, CloudEngine>;

/** The engine of the cloud whose SDK package (`@pulumi/<pkg>`) registers type tokens starting `<pkg>:`. */
export function engineForPackage(pkg: string): CloudEngine | undefined {
    const cloud = Object.values(CLOUD_PLUGINS).find((p) => (p.sdkPackages as readonly string[]).includes(`@pulumi/${pkg}`));
    return cloud ? CLOUD_ENGINES[cloud.name] : undefined;
}
