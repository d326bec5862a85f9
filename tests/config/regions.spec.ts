import { CLOUD_PLUGINS } from "../../providers/registry";
import * as assert from "assert";
import * as path from "path";
import { AWS_REGIONS } from "../../providers/aws/regions";
import { AZURE_LOCATIONS } from "../../providers/azure/regions";
import { GCP_REGIONS } from "../../providers/gcp/regions";
import { tsNodeArgs } from "../../tools/engine/ts-loader";
import { backgroundNode } from "../support/background-child";
import { resolveConfig } from "../../components/program-config";

const base = { cloud: "aws", environment: "staging", loadBalancer: { domain: "app.example.com" }, services: { api: { image: "ghcr.io/acme/api:1.0.0", http: {} } } };

describe("config: each cloud's region list, in its own folder", () => {
    it("AWS: exactly the regions of the AWS provider's Region enum", () => {
        // Loaded here only: config validation itself must not pull in the AWS SDK.
        const sdk = Object.values((require("@pulumi/aws") as { Region: Record<string, string> }).Region).sort();
        assert.deepStrictEqual([...AWS_REGIONS].sort(), sdk);
    });

    it("every listed region is accepted and the defaults are listed", () => {
        // Copies to a second region need a pair; regions without a documented default pair name one.
        const dr = { dr: { region: "us-east-1" } };
        for (const r of AWS_REGIONS) assert.strictEqual(resolveConfig({ ...base, ...(r === "us-east-1" ? { dr: { region: "us-west-2" } } : dr), aws: { region: r } }).region, r);
        for (const r of GCP_REGIONS) assert.strictEqual(resolveConfig({ ...base, cloud: "gcp", gcp: { project: "acme-prod-1", region: r }, dr: { region: r === "us-east1" ? "us-central1" : "us-east1" }, monitoring: { budget: { enabled: false } } }).region, r);
        for (const r of AZURE_LOCATIONS) assert.strictEqual(resolveConfig({ ...base, cloud: "azure", ...(CLOUD_PLUGINS.azure.disasterRecovery.regionPairs[r] ? {} : { dr: { region: r === "eastus" ? "westus" : "eastus" } }), azure: { location: r } }).region, r);
        assert.ok(new Set([...GCP_REGIONS]).size === GCP_REGIONS.length && new Set([...AZURE_LOCATIONS]).size === AZURE_LOCATIONS.length);
    });

    // One fresh process, started now in the background (tests/support/background-child.ts): first
    // what the workflows' release and stacks CLIs load (their modules themselves: their mains run
    // only as the entry point), then the program's whole config validation.
    const script = `require("./tools/ci/release"); require("./tools/ci/stacks"); const cliSdk = Object.keys(require.cache).filter((f) => /node_modules\\/@pulumi\\//.test(f)); require("./components/program-config").resolveConfig(${JSON.stringify(base)}); const sdks = Object.keys(require.cache).filter((f) => /node_modules\\/@pulumi\\/(aws|gcp|azure-native)\\//.test(f)); process.stdout.write(JSON.stringify({ cliSdk, sdks }));`;
    const validation = backgroundNode(tsNodeArgs("-e", script), { cwd: path.resolve(__dirname, "..", "..") });
    it("validating config loads no cloud SDK", async () => {
        const r = await validation.result();
        assert.strictEqual(r.status, 0, r.stderr);
        assert.deepStrictEqual(JSON.parse(r.stdout).sdks, []);
    });

    it("the release and stacks CLIs load no @pulumi package (components/config/service-secrets.ts requires the SDK on use)", async () => {
        const r = await validation.result();
        assert.strictEqual(r.status, 0, r.stderr);
        assert.deepStrictEqual(JSON.parse(r.stdout).cliSdk, []);
    });
});
