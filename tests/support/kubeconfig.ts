/**
 * A structurally valid kubeconfig of an existing cluster (JSON, the form EKS writes), for
 * specs that plan `platform:kubeconfig`: config validation accepts nothing less. The token is
 * a dummy; tests/config specs check it never appears in an error.
 */
export const EXISTING_CLUSTER_KUBECONFIG = JSON.stringify({
    apiVersion: "v1",
    kind: "Config",
    "current-context": "existing",
    clusters: [{ name: "existing", cluster: { server: "https://203.0.113.10:6443", "certificate-authority-data": "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0t" } }],
    users: [{ name: "deployer", user: { token: "dummy-token-for-tests-0123456789" } }],
    contexts: [{ name: "existing", context: { cluster: "existing", user: "deployer" } }],
});
