/**
 * Runs the program the way `pulumi up` starts it: the language host puts the decrypted config
 * in PULUMI_CONFIG and the secret keys in PULUMI_CONFIG_SECRET_KEYS (JSON, read by
 * @pulumi/pulumi's runtime store at start-up), then loads the program. Only the engine is
 * replaced, by the recording monitor; exit codes and error output are the CLI entry's.
 * Prints `registered <n>` on stdout.
 */
// As every engine process: npm's arborist and TypeScript stay unloaded until a closure is serialized (none is; load cost only).
import "../../tools/engine/lazy-sdk-modules";
import { definePlatform } from "../../components/program";
import { runCli } from "../../tools/engine/cli";
import { installMonitor, waitForRPCs } from "../../tools/engine/recording-monitor";
import { recordingMocks } from "../../tools/engine/mocks";

const monitor = installMonitor(recordingMocks("platform", "production"), "platform", "production", true);
runCli("program", async () => {
    try {
        definePlatform();
        await waitForRPCs();
        return 0;
    } finally {
        process.stdout.write(`registered ${monitor.recorded.length}\n`);
    }
});
