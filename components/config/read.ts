import * as pulumi from "@pulumi/pulumi";
import { PlatformConfig, resolveConfig } from "./resolve";
import { isSecretConfigKey } from "./service-secrets";

export const CONFIG_NAMESPACE = "platform";

/**
 * Reads every `platform:*` key the engine handed the program (objects arrive as JSON text,
 * exactly as `pulumi config` stores them) and validates the lot. Unknown keys are errors,
 * so a typo in a stack file cannot silently fall back to a tier default.
 */
export function readPlatformConfig(): PlatformConfig {
    return resolveConfig(rawPlatformConfig(pulumi.runtime.allConfig()), isSecretConfigKey);
}

export function rawPlatformConfig(all: Record<string, string>): Record<string, unknown> {
    const raw: Record<string, unknown> = {};
    for (const [key, text] of Object.entries(all)) {
        const [ns, name] = key.split(":", 2);
        if (ns !== CONFIG_NAMESPACE || !name) continue;
        raw[name] = decode(text);
    }
    return raw;
}

function decode(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return text;
    }
}
