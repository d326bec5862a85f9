import * as assert from "assert";
import { isSecretEnvelope } from "../tools/engine/plan";
import type { PlanRun } from "../tools/engine/run-plan";
import { policyRunner } from "../tools/engine/policies";
import { assertExplicitProviders, assertSecretsStaySecret, assertStandardTags, assertUrnSnapshot, assertParentedToComponents } from "./support/assertions";
import { ENVIRONMENTS, ofType, one, planFor, rawInputs, named, inputs } from "./support/harness";
import { gkeSecondaryRanges } from "../providers/gcp/network";
import { artifactRegistryRepositories, gkeKubeconfig } from "../providers/gcp/kubernetes-cluster";
import { workloadIdentityMember } from "../providers/gcp/kubernetes-identity";

/** GCP under `platform:compute.runtime=kubernetes`: GKE Autopilot, Workload Identity, GKE Ingress. */

const KUBERNETES = ["platform:compute.runtime=kubernetes"];

const T = {
    cluster: "gcp:container/cluster:Cluster",
    keyRing: "gcp:kms/keyRing:KeyRing",
    cryptoKey: "gcp:kms/cryptoKey:CryptoKey",
    keyIam: "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember",
    subnet: "gcp:compute/subnetwork:Subnetwork",
    account: "gcp:serviceaccount/account:Account",
    saIam: "gcp:serviceaccount/iAMMember:IAMMember",
    secretIam: "gcp:secretmanager/secretIamMember:SecretIamMember",
    bucketIam: "gcp:storage/bucketIAMMember:BucketIAMMember",
    projectIam: "gcp:projects/iAMMember:IAMMember",
    secret: "gcp:secretmanager/secret:Secret",
    secretVersion: "gcp:secretmanager/secretVersion:SecretVersion",
    sqlUser: "gcp:sql/user:User",
    bucket: "gcp:storage/bucket:Bucket",
    address: "gcp:compute/globalAddress:GlobalAddress",
    sslPolicy: "gcp:compute/sSLPolicy:SSLPolicy",
    armor: "gcp:compute/securityPolicy:SecurityPolicy",
    alert: "gcp:monitoring/alertPolicy:AlertPolicy",
    run: "gcp:cloudrunv2/service:Service",
    neg: "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup",
    backend: "gcp:compute/backendService:BackendService",
    urlMap: "gcp:compute/uRLMap:URLMap",
    forwardingRule: "gcp:compute/globalForwardingRule:GlobalForwardingRule",
    cert: "gcp:compute/managedSslCertificate:ManagedSslCertificate",
    logSink: "gcp:logging/projectSink:ProjectSink",
    ksa: "kubernetes:core/v1:ServiceAccount",
    k8sSecret: "kubernetes:core/v1:Secret",
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
    managedCert: "kubernetes:networking.gke.io/v1:ManagedCertificate",
    frontendConfig: "kubernetes:networking.gke.io/v1beta1:FrontendConfig",
    backendConfig: "kubernetes:cloud.google.com/v1:BackendConfig",
} as const;

const EXPECT = {
    production: { project: "acme-platform-prod", domain: "app.acme-platform.example.com", protect: true, waf: true, cidr: "10.0.0.0/16", namespace: "acme-production", env: "prod" },
    staging: { project: "acme-platform-stg", domain: "staging.acme-platform.example.com", protect: false, waf: false, cidr: "10.1.0.0/16", namespace: "acme-staging", env: "stg" },
} as const;

const SERVICES = ["api", "web", "worker"];
const ROUTED = ["api", "web"];


describe("gcp kubernetes: pure helpers", () => {
    it("puts GKE's pod and service ranges beside the compute subnet, inside the platform CIDR", () => {
        assert.deepStrictEqual(gkeSecondaryRanges("10.0.0.0/16"), {
            pods: { rangeName: "gke-pods", ipCidrRange: "10.0.128.0/18" },
            services: { rangeName: "gke-services", ipCidrRange: "10.0.192.0/20" },
        });
        assert.deepStrictEqual(gkeSecondaryRanges("10.2.16.0/20"), {
            pods: { rangeName: "gke-pods", ipCidrRange: "10.2.24.0/22" },
            services: { rangeName: "gke-services", ipCidrRange: "10.2.28.0/24" },
        });
    });
    it("finds the Artifact Registry repositories among service images, once each", () => {
        assert.deepStrictEqual(artifactRegistryRepositories([
            "europe-west1-docker.pkg.dev/acme-prod/apps/api:1.2.0",
            "europe-west1-docker.pkg.dev/acme-prod/apps/web@sha256:0123",
            "us-docker.pkg.dev/shared-images/base/worker:3",
            "ghcr.io/acme/api:1.0.0",
            "gcr.io/acme-prod/legacy:1",
            "europe-west1-docker.pkg.dev/example.com/proj/repo/img:1",
        ]), [
            { location: "europe-west1", project: "acme-prod", repository: "apps" },
            { location: "us", project: "shared-images", repository: "base" },
        ]);
    });

    it("names the Workload Identity principal of a namespace/ServiceAccount", () => {
        assert.strictEqual(workloadIdentityMember("p", "ns", "api"), "serviceAccount:p.svc.id.goog[ns/api]");
    });
    it("builds a kubeconfig that authenticates with gke-gcloud-auth-plugin against the given endpoint", () => {
        const kc = JSON.parse(gkeKubeconfig("c", "gke-abc.us-central1.gke.goog"));
        assert.strictEqual(kc.clusters[0].cluster.server, "https://gke-abc.us-central1.gke.goog");
        assert.strictEqual(kc.users[0].user.exec.command, "gke-gcloud-auth-plugin");
        assert.strictEqual(kc["current-context"], kc.contexts[0].name);
        assert.strictEqual(kc.users[0].user.token, undefined, "no static credential");
    });
});

for (const env of ENVIRONMENTS) {
    const e = EXPECT[env];
    describe(`gcp ${env} plan, compute.runtime=kubernetes`, () => {
        let run: PlanRun;
        before(async () => { run = await planFor(env, "gcp", KUBERNETES); });
        const cluster = () => inputs(one(run, T.cluster));

        describe("platform guarantees", () => {
            it("passes the policy pack with zero mandatory violations", async () => {
                const violations = await policyRunner()(run);
                assert.deepStrictEqual(violations.filter((v) => v.level === "mandatory"), []);
            });
            it("uses explicit gcp and kubernetes providers (the kubernetes one built from the cluster's kubeconfig)", () => {
                assertExplicitProviders(run, "gcp");
                assertExplicitProviders(run, "kubernetes");
                const provider = one(run, "pulumi:providers:kubernetes");
                const kubeconfig = rawInputs(run, provider.urn).kubeconfig as { value: string };
                const kc = JSON.parse(kubeconfig.value);
                assert.match(kc.clusters[0].cluster.server, new RegExp(`^https://gke-[0-9a-f]+\\.us-central1\\.gke\\.goog$`));
                assert.strictEqual(kc.users[0].user.exec.command, "gke-gcloud-auth-plugin");
            });
            it("labels the cluster, key and every other label-taking GCP resource", () => {
                assert.deepStrictEqual(cluster().resourceLabels, { environment: env, app: "acme", "managed-by": "pulumi" });
                assertStandardTags(run, { key: "labels", types: [T.cryptoKey, T.address, T.secret, T.bucket, ...(e.waf ? [T.armor] : [])], environment: env, app: "acme" });
                for (const cr of [...ofType(run, T.managedCert), ...ofType(run, T.frontendConfig), ...ofType(run, T.backendConfig)]) {
                    const labels = inputs(cr).metadata.labels;
                    assert.deepStrictEqual([labels.environment, labels.app, labels["managed-by"]], [env, "acme", "pulumi"], `${cr.name} labels`);
                }
            });
            it("keeps secrets secret: the kubeconfig, and the Kubernetes Secrets built from the generated values", () => {
                assertSecretsStaySecret(run, [
                    { type: T.secretVersion, key: "secretData" },
                    { type: T.sqlUser, key: "password", name: "database-user" },
                    { type: "pulumi:providers:kubernetes", key: "kubeconfig" },
                ]);
                const generated = ofType(run, T.secretVersion).map((v) => (rawInputs(run, v.urn).secretData as { value: string }).value).sort();
                assert.strictEqual(generated.length, 2);
                for (const name of SERVICES) {
                    const secret = named(run, T.k8sSecret, `service-${name}-secret`);
                    const stringData = rawInputs(run, secret.urn).stringData;
                    assert.ok(isSecretEnvelope(stringData), `${secret.name} stringData is not a Pulumi secret`);
                    const values = Object.values(stringData.value as Record<string, unknown>).map((v) => (isSecretEnvelope(v) ? v.value : v)).sort();
                    // The Redis AUTH string only: services log in with their Cloud SQL IAM user, never the admin password.
                    const password = (rawInputs(run, named(run, T.sqlUser, "database-user").urn).password as { value: string }).value;
                    assert.deepStrictEqual(values, generated.filter((v) => v !== password), `${secret.name} carries the Redis AUTH string and no admin password`);
                }
            });
            it("matches the URN snapshot", () => {
                assertUrnSnapshot(run.plan, `gcp-${env}-kubernetes.urns.json`);
            });
            it("parents every gcp and kubernetes resource to a platform component with its name as prefix", () => assertParentedToComponents(run, ["gcp:", "kubernetes:"]));
            it("creates no Cloud Run services, serverless NEGs nor platform-made load balancer plumbing", () => {
                for (const type of [T.run, T.neg, T.backend, T.urlMap, T.forwardingRule, T.cert, T.logSink]) {
                    // The audit sink belongs to the network, whatever the runtime.
                    assert.deepStrictEqual(ofType(run, type).map((r) => r.name).filter((n) => !n.startsWith("network-audit")), [], `${type} under kubernetes`);
                }
            });
        });

        describe("cluster", () => {
            it("is a regional GKE Autopilot cluster in the platform VPC, VPC-native on the subnet's GKE ranges", () => {
                const c = cluster();
                assert.strictEqual(c.enableAutopilot, true);
                assert.strictEqual(c.location, "us-central1");
                assert.strictEqual(c.name, `acme-${e.env}-gke`);
                const subnet = inputs(one(run, T.subnet));
                assert.strictEqual(c.subnetwork, `projects/${e.project}/regions/us-central1/subnetworks/${subnet.name}`);
                assert.match(c.network, /\/global\/networks\//);
                assert.deepStrictEqual(subnet.secondaryIpRanges, [gkeSecondaryRanges(e.cidr).pods, gkeSecondaryRanges(e.cidr).services]);
                assert.strictEqual(c.ipAllocationPolicy.clusterSecondaryRangeName, "gke-pods");
                assert.strictEqual(c.ipAllocationPolicy.servicesSecondaryRangeName, "gke-services");
            });
            it("has private nodes, a private IP endpoint open only to the platform subnet, and IAM-guarded DNS access", () => {
                const c = cluster();
                assert.deepStrictEqual(c.privateClusterConfig, { enablePrivateNodes: true, enablePrivateEndpoint: true });
                assert.strictEqual(c.masterAuthorizedNetworksConfig.gcpPublicCidrsAccessEnabled, false);
                assert.deepStrictEqual(c.masterAuthorizedNetworksConfig.cidrBlocks.map((b: any) => b.cidrBlock), [inputs(one(run, T.subnet)).ipCidrRange]);
                assert.strictEqual(c.controlPlaneEndpointsConfig.dnsEndpointConfig.allowExternalTraffic, true);
            });
            it("enables Workload Identity with the project's pool", () => {
                assert.deepStrictEqual(cluster().workloadIdentityConfig, { workloadPool: `${e.project}.svc.id.goog` });
            });
            it("encrypts Kubernetes secrets with a rotated Cloud KMS key only the GKE service agent may use", () => {
                const key = inputs(named(run, T.cryptoKey, "kubernetes-cluster-secrets-key"));
                const ring = inputs(named(run, T.keyRing, "kubernetes-cluster-keyring"));
                const keyId = `projects/${e.project}/locations/us-central1/keyRings/${ring.name}/cryptoKeys/${key.name}`;
                assert.deepStrictEqual(cluster().databaseEncryption, { state: "ENCRYPTED", keyName: keyId });
                assert.strictEqual(key.rotationPeriod, "7776000s");
                assert.strictEqual(key.purpose, "ENCRYPT_DECRYPT");
                const grants = ofType(run, T.keyIam).filter((g) => inputs(g).cryptoKeyId === keyId).map(inputs);
                assert.deepStrictEqual(grants.map((g) => [g.cryptoKeyId, g.role, g.member]), [
                    [keyId, "roles/cloudkms.cryptoKeyEncrypterDecrypter", "serviceAccount:service-123456789012@container-engine-robot.iam.gserviceaccount.com"],
                ]);
                assert.strictEqual(named(run, T.cryptoKey, "kubernetes-cluster-secrets-key").options.protect, e.protect, "the key is protected in production");
            });
            it("follows the REGULAR channel from Kubernetes 1.33", () => {
                assert.deepStrictEqual(cluster().releaseChannel, { channel: "REGULAR" });
                assert.strictEqual(cluster().minMasterVersion, "1.33");
            });
            it(`has deletion protection: ${e.protect}`, () => {
                assert.strictEqual(cluster().deletionProtection, e.protect);
            });
            it("logs and monitors system components and workloads", () => {
                assert.deepStrictEqual(cluster().loggingConfig.enableComponents, ["SYSTEM_COMPONENTS", "WORKLOADS"]);
                assert.ok(cluster().monitoringConfig.enableComponents.includes("SYSTEM_COMPONENTS"));
            });
            it("runs nodes as a dedicated service account with only the default node role", () => {
                const nodes = inputs(named(run, T.account, "kubernetes-cluster-node-identity"));
                const email = `${nodes.accountId}@${e.project}.iam.gserviceaccount.com`;
                assert.strictEqual(cluster().clusterAutoscaling.autoProvisioningDefaults.serviceAccount, email);
                const grants = ofType(run, T.projectIam).map(inputs).filter((g) => g.member === `serviceAccount:${email}`);
                assert.deepStrictEqual(grants.map((g) => g.role), ["roles/container.defaultNodeServiceAccount"]);
                assert.deepStrictEqual(ofType(run, "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember"), [], "ghcr.io images need no registry grant");
            });
        });

        describe("workload identity", () => {
            it("gives each service its own GSA with only the Cloud Run path's roles, bound to its KSA only", () => {
                const bucket = inputs(one(run, T.bucket, "object-store-bucket")).name;
                const secretIds = ofType(run, T.secret).map((s) => `projects/${e.project}/secrets/${inputs(s).secretId}`).sort();
                for (const name of SERVICES) {
                    const account = inputs(named(run, T.account, `service-${name}-identity`));
                    assert.strictEqual(account.accountId, `acme-${e.env}-${name}`);
                    const email = `${account.accountId}@${e.project}.iam.gserviceaccount.com`;
                    const member = `serviceAccount:${email}`;
                    const mine = (type: string) => ofType(run, type).filter((r) => r.parent?.endsWith(`::service-${name}`)).map(inputs);
                    const secrets = mine(T.secretIam);
                    // The cache token only: services log in with their Cloud SQL IAM user, not the admin password.
                    assert.deepStrictEqual(secrets.map((s) => s.secretId).sort(), secretIds.filter((id) => !id.endsWith("-db-password")));
                    for (const s of secrets) assert.deepStrictEqual([s.role, s.member], ["roles/secretmanager.secretAccessor", member]);
                    assert.deepStrictEqual(mine(T.bucketIam).map((b) => [b.bucket, b.role, b.member]), [[bucket, "roles/storage.objectAdmin", member]]);
                    assert.deepStrictEqual(mine(T.projectIam).map((p) => [p.project, p.role, p.member]).sort(), [[e.project, "roles/cloudsql.client", member], [e.project, "roles/cloudsql.instanceUser", member]]);
                    assert.deepStrictEqual(mine(T.saIam).map((b) => [b.serviceAccountId, b.role, b.member]), [[
                        `projects/${e.project}/serviceAccounts/${email}`,
                        "roles/iam.workloadIdentityUser",
                        `serviceAccount:${e.project}.svc.id.goog[${e.namespace}/${name}]`,
                    ]]);
                    const ksa = inputs(named(run, T.ksa, `service-${name}-sa`));
                    assert.strictEqual(ksa.metadata.name, name);
                    assert.strictEqual(ksa.metadata.namespace, e.namespace);
                    assert.deepStrictEqual(ksa.metadata.annotations, { "iam.gke.io/gcp-service-account": email });
                }
                // Services' grants plus the node account's one role: nothing else project-wide.
                assert.strictEqual(ofType(run, T.projectIam).length, 2 * SERVICES.length + 1);
                assert.strictEqual(ofType(run, T.saIam).length, SERVICES.length);
            });
        });

        describe("ingress", () => {
            const cr = (type: string, name: string) => inputs(named(run, type, name));
            it("annotates the Ingress for GKE: class gce, the global static IP, the managed certificate and the FrontendConfig", () => {
                const ingress = inputs(one(run, T.ingress));
                const address = inputs(named(run, T.address, "load-balancer-address"));
                assert.strictEqual(address.addressType, "EXTERNAL");
                assert.strictEqual(address.deletionPolicy, e.protect ? "PREVENT" : "DELETE");
                const cert = cr(T.managedCert, "load-balancer-managed-certificate");
                const frontend = cr(T.frontendConfig, "load-balancer-frontend-config");
                const a = ingress.metadata.annotations;
                assert.strictEqual(a["kubernetes.io/ingress.class"], "gce");
                assert.strictEqual(a["kubernetes.io/ingress.global-static-ip-name"], address.name);
                assert.strictEqual(a["networking.gke.io/managed-certificates"], cert.metadata.name);
                assert.strictEqual(a["networking.gke.io/v1beta1.FrontendConfig"], frontend.metadata.name);
                for (const obj of [cert, frontend, ...ofType(run, T.backendConfig).map(inputs)]) assert.strictEqual(obj.metadata.namespace, ingress.metadata.namespace);
            });
            it("requests a Google-managed certificate for the domain", () => {
                assert.deepStrictEqual(cr(T.managedCert, "load-balancer-managed-certificate").spec, { domains: [e.domain] });
            });
            it("enforces the TLS 1.2 SSL policy and redirects HTTP with a 301 (FrontendConfig)", () => {
                const ssl = inputs(one(run, T.sslPolicy));
                assert.strictEqual(ssl.minTlsVersion, "TLS_1_2");
                assert.deepStrictEqual(cr(T.frontendConfig, "load-balancer-frontend-config").spec, {
                    sslPolicy: ssl.name,
                    redirectToHttps: { enabled: true, responseCodeName: "MOVED_PERMANENTLY_DEFAULT" },
                });
            });
            it(`health-checks each routed service every 30 s (2 / 3), logs access${e.waf ? ", and applies Cloud Armor" : ", without Cloud Armor"} (BackendConfig)`, () => {
                const backendConfigs = ofType(run, T.backendConfig);
                assert.deepStrictEqual(backendConfigs.map((b) => b.name).sort(), ROUTED.map((s) => `load-balancer-${s}-backend-config`));
                assert.strictEqual(ofType(run, T.armor).length, e.waf ? 1 : 0);
                for (const svc of ROUTED) {
                    const spec = cr(T.backendConfig, `load-balancer-${svc}-backend-config`).spec;
                    assert.strictEqual(spec.healthCheck.requestPath, "/health");
                    assert.strictEqual(spec.healthCheck.checkIntervalSec, 30);
                    assert.strictEqual(spec.healthCheck.healthyThreshold, 2);
                    assert.strictEqual(spec.healthCheck.unhealthyThreshold, 3);
                    assert.strictEqual(spec.healthCheck.port, svc === "api" ? 8080 : 3000);
                    assert.strictEqual(spec.logging.enable, true);
                    if (e.waf) assert.deepStrictEqual(spec.securityPolicy, { name: inputs(one(run, T.armor)).name });
                    else assert.strictEqual(spec.securityPolicy, undefined);
                }
            });

            it("names each routed Service's BackendConfig and NEG, and takes the class by annotation only", () => {
                for (const svc of ROUTED) {
                    const annotations = inputs(named(run, "kubernetes:core/v1:Service", `service-${svc}-service`)).metadata.annotations;
                    assert.deepStrictEqual(JSON.parse(annotations["cloud.google.com/backend-config"]), { default: cr(T.backendConfig, `load-balancer-${svc}-backend-config`).metadata.name });
                    assert.deepStrictEqual(JSON.parse(annotations["cloud.google.com/neg"]), { ingress: true });
                }
                const ingress = inputs(named(run, "kubernetes:networking.k8s.io/v1:Ingress", "load-balancer-ingress"));
                assert.strictEqual(ingress.metadata.annotations["kubernetes.io/ingress.class"], "gce");
                assert.strictEqual(ingress.spec.ingressClassName, undefined);
                assert.strictEqual(ingress.spec.tls, undefined, "the managed certificate comes from the annotation");
            });
        });

        describe("monitoring", () => {
            const cond = (key: string) => inputs(named(run, T.alert, `monitoring-${key}`)).conditions[0].conditionThreshold;
            it("alerts on GKE container CPU > 80 % and memory > 85 % of their limits in the platform namespace", () => {
                assert.strictEqual(cond("cpu").thresholdValue, 0.8);
                assert.match(cond("cpu").filter, /kubernetes\.io\/container\/cpu\/limit_utilization/);
                assert.strictEqual(cond("memory").thresholdValue, 0.85);
                assert.match(cond("memory").filter, /kubernetes\.io\/container\/memory\/limit_utilization/);
                for (const key of ["cpu", "memory"]) {
                    const f = cond(key).filter as string;
                    assert.ok(f.includes(`cluster_name = "${cluster().name}"`), `${key} on the cluster`);
                    assert.ok(f.includes(`namespace_name = "${e.namespace}"`), `${key} in the namespace`);
                    assert.doesNotMatch(f, /run\.googleapis\.com/);
                }
            });
            it("keeps the load balancer (on GKE's URL map) and Cloud SQL alerts", () => {
                assert.deepStrictEqual(ofType(run, T.alert).map((a) => a.name).sort(),
                    ["cache-cpu", "cache-evictions", "cache-memory", "cpu", "crash-loop", "db-connection-failures", "db-connections", "db-cpu", "db-storage",
                        "healthy-instances", "http-5xx", "latency-p95", "latency-p95-critical", "memory"].map((k) => `monitoring-${k}`));
                assert.match(cond("crash-loop").filter, /kubernetes\.io\/container\/restart_count/);
                assert.ok(String(cond("http-5xx").denominatorFilter).includes(`k8s2-um-[a-z0-9]+-${e.namespace}-`));
                assert.ok(String(cond("http-5xx").filter).includes(`k8s2-um-[a-z0-9]+-${e.namespace}-`));
                assert.strictEqual(cond("latency-p95").thresholdValue, 2000);
                assert.match(cond("db-connections").filter, /cloudsql_database/);
            });
        });
    });
}

describe("gcp kubernetes: private images from Artifact Registry", () => {
    it("lets the node identity read exactly the repositories the services pull from, before the cluster starts", async () => {
        const image = "us-central1-docker.pkg.dev/acme-images/apps/api:2.0.0";
        const run = await planFor("staging", "gcp", [...KUBERNETES, `platform:services.api.image=${image}`, "platform:services.web.image=us-central1-docker.pkg.dev/acme-images/apps/web:2.0.0"]);
        const grants = ofType(run, "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember");
        assert.strictEqual(grants.length, 1, "one grant per repository, not per image");
        const nodes = inputs(named(run, "gcp:serviceaccount/account:Account", "kubernetes-cluster-node-identity"));
        assert.deepStrictEqual(
            { ...inputs(grants[0]!), member: String(inputs(grants[0]!).member) },
            { project: "acme-images", location: "us-central1", repository: "apps", role: "roles/artifactregistry.reader", member: `serviceAccount:${nodes.accountId}@${String(inputs(one(run, "pulumi:providers:gcp")).project)}.iam.gserviceaccount.com` },
        );
        const cluster = run.recorded.find((r) => r.type === "gcp:container/cluster:Cluster")!;
        assert.ok(cluster.options.dependencies.includes(grants[0]!.urn), "the cluster waits for the grant");
    });
});
