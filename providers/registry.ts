import { awsPlugin } from "./aws/plugin";
import { azurePlugin } from "./azure/plugin";
import { gcpPlugin } from "./gcp/plugin";

/**
 * The only list of clouds: one line per cloud, its plugin (providers/<cloud>/plugin.ts, plain
 * data). Config validation, the CLI and the diff read the clouds from here; importing it loads
 * no cloud SDK. providers/loader.ts loads the selected cloud's implementation.
 */
export const CLOUD_PLUGINS = {
    aws: awsPlugin,
    gcp: gcpPlugin,
    azure: azurePlugin,
} as const;

export type Cloud = keyof typeof CLOUD_PLUGINS;
