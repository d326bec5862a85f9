import type { CloudCiLogin } from "../../tools/ci/cloud-ci";
import { awsPlugin } from "./plugin";

/**
 * How CI logs in to AWS (README "CI/CD"): configure-aws-credentials assumes the job's role by
 * GitHub OIDC and exports the credentials and region every later step's provider reads, so the
 * Pulumi steps need no env of their own. `npm run workflows` writes it into .github/workflows.
 */
export const ciLogin = {
    label: "AWS",
    action: {
        uses: "aws-actions/configure-aws-credentials@ec61189d14ec14c8efccab744f656cffd0e33f37",
        release: "v6.1.0",
        // v5 is node20; v6 runs on node24 (its action.yml `runs.using`).
        firstNode24Major: 6,
        inputs: ["aws-region", "role-to-assume", "role-session-name", "role-duration-seconds", "audience", "mask-aws-account-id", "role-skip-session-tagging"],
    },
    with: (identity, job) => ({
        "role-to-assume": identity === "deploy" ? "${{ vars.AWS_DEPLOY_ROLE_ARN }}" : "${{ vars.AWS_PREVIEW_ROLE_ARN }}",
        "aws-region": `\${{ vars.AWS_REGION || '${awsPlugin.defaultRegion}' }}`,
        "role-session-name": `${job}-\${{ github.run_id }}`,
    }),
    pulumiEnv: () => ({}),
    releaseEnv: {},
} as const satisfies CloudCiLogin;
