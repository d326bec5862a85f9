import type { CloudCiLogin } from "../../tools/ci/cloud-ci";

/**
 * How CI logs in to GCP (README "CI/CD"): google-github-actions/auth exchanges the GitHub OIDC
 * token through the workload identity provider for the job's service account and exports the
 * credentials file every later step's provider reads, so the Pulumi steps need no env of their
 * own. `npm run workflows` writes it into .github/workflows.
 */
export const ciLogin = {
    label: "GCP",
    action: {
        uses: "google-github-actions/auth@7c6bc770dae815cd3e89ee6cdf493a5fab2cc093",
        release: "v3.0.0",
        firstNode24Major: 3,
        inputs: ["workload_identity_provider", "service_account", "audience", "project_id", "create_credentials_file", "export_environment_variables", "token_format"],
    },
    with: (identity) => ({
        workload_identity_provider: "${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }}",
        service_account: identity === "deploy" ? "${{ vars.GCP_DEPLOY_SERVICE_ACCOUNT }}" : "${{ vars.GCP_PREVIEW_SERVICE_ACCOUNT }}",
    }),
    pulumiEnv: () => ({}),
    releaseEnv: {},
} as const satisfies CloudCiLogin;
