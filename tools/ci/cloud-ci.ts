import { existsSync } from "fs";
import * as path from "path";
import { CLOUD_PLUGINS } from "../../providers/registry";

/**
 * What CI and the policy pack need from a cloud, stated in its own folder as plain data:
 * `providers/<cloud>/ci-login.ts` (its CI login, read by `npm run workflows`) and
 * `providers/<cloud>/policy-types.ts` (the type tokens the pack inspects, read by
 * `npm run policy:types`). The folder is the registry's name, as providers/loader.ts does, so
 * the registry stays the only list of clouds and the plugin stays free of CI concerns.
 */

/** Which identity a job logs in with: deploy for `pulumi up`, the read-only one for previews, plans and drift checks. */
export type CiIdentity = "deploy" | "preview";

/** The job a login serves (clouds that name their sessions use it: `deploy-<run id>`). */
export type CiJob = "deploy" | "plan" | "drift" | "preview";

export interface CloudCiLogin {
    /** How step names call the cloud: "<label> deploy identity (OIDC)". */
    label: string;
    /** The cloud's official OIDC login action, pinned to a full commit SHA (a `uses:` cannot be an expression). */
    action: {
        uses: `${string}@${string}`;
        /** The release the SHA was resolved from (the comment after the pin). */
        release: string;
        /** The first major of the action that runs on Node 24 (tests/workflows.spec.ts holds the pin to it). */
        firstNode24Major: number;
        /** Every input of that release's action.yml (actionlint checks none on a SHA pin; tests/workflows.spec.ts does). */
        inputs: readonly string[];
    };
    /** The login step's `with:` for an identity and job. */
    with(identity: CiIdentity, job: CiJob): Readonly<Record<string, string>>;
    /**
     * Environment the cloud's provider reads in every step that runs Pulumi, as GitHub
     * expressions without `${{ }}`: the workflow sets each only on this cloud's stacks
     * (`matrix.cloud == '<cloud>' && <expression> || ''`). Empty when the login action
     * already exported what the provider needs.
     */
    pulumiEnv(identity: CiIdentity): Readonly<Record<string, string>>;
    /** Environment the release gate's bake (providers/<cloud>/release-alerts.ts) reads, as expressions like pulumiEnv. */
    releaseEnv: Readonly<Record<string, string>>;
}

/** One type the pack inspects: its token (the SDK's `__pulumiType`) and the SDK module file declaring it. */
export interface PolicyType {
    token: string;
    module: string;
}

/** A cloud's pack types by the name policies use (`T.<cloud>.<name>`). */
export type CloudPolicyTypes = Readonly<Record<string, PolicyType>>;

const PROVIDERS = path.resolve(__dirname, "..", "..", "providers");

/** Loads `providers/<cloud>/<file>.ts`'s `exportName`, naming the file when it or the export is missing. */
export function fromCloudFolder<T>(cloud: string, file: string, exportName: string): T {
    const where = path.join(PROVIDERS, cloud, `${file}.ts`);
    if (!existsSync(where)) throw new Error(`providers/${cloud}/${file}.ts is missing: every registered cloud states its ${exportName} there (docs/architecture.md "Recipe: add a cloud")`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const value = (require(where) as Record<string, unknown>)[exportName];
    if (value === undefined) throw new Error(`providers/${cloud}/${file}.ts exports no ${exportName}`);
    return value as T;
}

export interface CloudCi {
    name: string;
    login: CloudCiLogin;
    policyTypes: CloudPolicyTypes;
}

/** Every registered cloud's CI facts, in registry order (`names` only for specs). */
export function registeredCloudCi(names: readonly string[] = Object.values(CLOUD_PLUGINS).map((p) => p.name)): CloudCi[] {
    return names.map((name) => ({
        name,
        login: fromCloudFolder<CloudCiLogin>(name, "ci-login", "ciLogin"),
        policyTypes: fromCloudFolder<CloudPolicyTypes>(name, "policy-types", "policyTypes"),
    }));
}
