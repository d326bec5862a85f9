import type { CloudCiLogin } from "../../tools/ci/cloud-ci";

/**
 * How CI logs in to Azure (README "CI/CD"): azure/login signs the az CLI in by GitHub OIDC,
 * and every Pulumi step authenticates azure-native through the same federated app with the
 * ARM_* env of the job's identity (ARM_USE_OIDC: the provider exchanges the job's OIDC token
 * itself). The release gate's alert query names the subscription
 * (release-alerts.ts). `npm run workflows` writes all of it into .github/workflows.
 */
const clientId = (identity: "deploy" | "preview") => (identity === "deploy" ? "vars.AZURE_DEPLOY_CLIENT_ID" : "vars.AZURE_PREVIEW_CLIENT_ID");

export const ciLogin = {
    label: "Azure",
    action: {
        uses: "azure/login@532459ea530d8321f2fb9bb10d1e0bcf23869a43",
        release: "v3.0.0",
        firstNode24Major: 3,
        inputs: ["client-id", "tenant-id", "subscription-id", "enable-AzPSSession", "environment", "allow-no-subscriptions", "audience", "auth-type"],
    },
    with: (identity) => ({
        "client-id": `\${{ ${clientId(identity)} }}`,
        "tenant-id": "${{ vars.AZURE_TENANT_ID }}",
        "subscription-id": "${{ vars.AZURE_SUBSCRIPTION_ID }}",
    }),
    pulumiEnv: (identity) => ({
        ARM_USE_OIDC: "'true'",
        ARM_CLIENT_ID: clientId(identity),
        ARM_TENANT_ID: "vars.AZURE_TENANT_ID",
        ARM_SUBSCRIPTION_ID: "vars.AZURE_SUBSCRIPTION_ID",
    }),
    releaseEnv: { AZURE_SUBSCRIPTION_ID: "vars.AZURE_SUBSCRIPTION_ID" },
} as const satisfies CloudCiLogin;
