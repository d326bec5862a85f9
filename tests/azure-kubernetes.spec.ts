import * as assert from "assert";
import { parse } from "yaml";
import { cidrOverlap } from "../components/cidr";
import { aksSubnetCidr, clusterCidrs, ingressInternalAddress, subnetLayout } from "../providers/azure/subnets";
import { nonInteractiveKubeconfig } from "../providers/azure/kubernetes-cluster";
import { isSecretEnvelope, type PlanResource } from "../tools/engine/plan";
import { policyRunner } from "../tools/engine/policies";
import type { PlanRun } from "../tools/engine/run-plan";
import { assertExplicitProviders, assertNoApiVersionAliases, assertSecretsStaySecret, assertStandardTags, assertUrnSnapshot, assertParentedToComponents, assertOnlyImageDigestAdvisories } from "./support/assertions";
import { ENVIRONMENTS, ofType, one, planFor, rawInputs } from "./support/harness";
import { EXISTING_CLUSTER_KUBECONFIG } from "./support/kubeconfig";

const T = {
    cluster: "azure-native:containerservice:ManagedCluster",
    maintenance: "azure-native:containerservice:MaintenanceConfiguration",
    federated: "azure-native:managedidentity:FederatedIdentityCredential",
    identity: "azure-native:managedidentity:UserAssignedIdentity",
    role: "azure-native:authorization:RoleAssignment",
    subnet: "azure-native:network:Subnet",
    nsg: "azure-native:network:NetworkSecurityGroup",
    table: "azure-native:operationalinsights:Table",
    dcr: "azure-native:monitor:DataCollectionRule",
    dcrAssociation: "azure-native:monitor:DataCollectionRuleAssociation",
    diagnostics: "azure-native:monitor:DiagnosticSetting",
    alert: "azure-native:monitor:MetricAlert",
    secret: "azure-native:keyvault:Secret",
    server: "azure-native:dbforpostgresql:Server",
    env: "azure-native:app:ManagedEnvironment",
    app: "azure-native:app:ContainerApp",
    gateway: "azure-native:network:ApplicationGateway",
    recordSet: "azure-native:privatedns:PrivateRecordSet",
    k8sProvider: "pulumi:providers:kubernetes",
    serviceAccount: "kubernetes:core/v1:ServiceAccount",
    k8sSecret: "kubernetes:core/v1:Secret",
    ingress: "kubernetes:networking.k8s.io/v1:Ingress",
    nginxController: "kubernetes:approuting.kubernetes.azure.com/v1alpha1:NginxIngressController",
    wafPolicy: "azure-native:network:WebApplicationFirewallPolicy",
} as const;

const ROLE_GUIDS = { secretsUser: "4633458b-17de-408a-b874-0445c86b69e6", blobContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe", networkContributor: "4d97b98b-1d4f-4787-a291-c67834d212e7" };
const KUBERNETES = ["platform:compute.runtime=kubernetes"];

type Obj = Record<string, any>;
const inputs = (r: PlanResource): Obj => r.inputs as Obj;

describe("azure kubernetes: pure helpers", () => {
    it("the AKS node subnet is a /22 inside the VNet, clear of every fixed subnet, for /16 to /20", () => {
        for (const vnet of ["10.0.0.0/16", "10.1.0.0/16", "172.16.48.0/20", "192.168.0.0/18"]) {
            const aks = aksSubnetCidr(vnet);
            assert.match(aks, /\/22$/);
            assert.ok(cidrOverlap(aks, vnet), `${aks} inside ${vnet}`);
            const [, prefix] = vnet.split("/");
            assert.ok(Number(prefix) <= 20);
            for (const other of Object.values(subnetLayout(vnet))) assert.ok(!cidrOverlap(aks, other), `${aks} vs ${other}`);
        }
        assert.strictEqual(aksSubnetCidr("10.0.0.0/16"), "10.0.8.0/22");
        assert.strictEqual(aksSubnetCidr("172.16.48.0/20"), "172.16.56.0/22");
    });

    it("the ingress controller's internal address is the node subnet's last usable one", () => {
        assert.strictEqual(ingressInternalAddress("10.0.0.0/16"), "10.0.11.254");
        assert.strictEqual(ingressInternalAddress("172.16.48.0/20"), "172.16.59.254");
        for (const vnet of ["10.1.0.0/16", "192.168.0.0/18"]) assert.ok(cidrOverlap(`${ingressInternalAddress(vnet)}/32`, aksSubnetCidr(vnet)));
    });

    it("pod and service CIDRs avoid the VNet (AKS's default service CIDR would collide with 10.0.0.0/16)", () => {
        assert.ok(cidrOverlap("10.0.0.0/16", "10.0.0.0/16"));
        assert.ok(!cidrOverlap("10.0.0.0/16", "10.1.0.0/16"));
        for (const vnet of ["10.0.0.0/16", "10.244.0.0/16", "10.245.16.0/20", "172.30.0.0/16"]) {
            const c = clusterCidrs(vnet);
            assert.ok(!cidrOverlap(c.podCidr, vnet), `${c.podCidr} vs ${vnet}`);
            assert.ok(!cidrOverlap(c.serviceCidr, vnet), `${c.serviceCidr} vs ${vnet}`);
            assert.ok(!cidrOverlap(c.podCidr, c.serviceCidr));
            assert.ok(cidrOverlap(`${c.dnsServiceIP}/32`, c.serviceCidr), "DNS service IP inside the service CIDR");
        }
        assert.notStrictEqual(clusterCidrs("10.244.0.0/16").podCidr, "10.244.0.0/16");
    });

    it("the AKS kubeconfig's kubelogin runs non-interactively (azurecli), nothing else changes", () => {
        const original = [
            "apiVersion: v1", "kind: Config", "clusters:", "- cluster:", "    server: https://x.privatelink.eastus.azmk8s.io:443", "  name: c",
            "users:", "- name: u", "  user:", "    exec:", "      command: kubelogin", "      args:", "      - get-token", "      - --login", "      - devicecode", "      - --server-id", "      - s",
        ].join("\n");
        const out = parse(nonInteractiveKubeconfig(original)) as Obj;
        assert.deepStrictEqual(out.users[0].user.exec.args, ["get-token", "--login", "azurecli", "--server-id", "s"]);
        assert.strictEqual(out.clusters[0].cluster.server, "https://x.privatelink.eastus.azmk8s.io:443");
        const noLogin = parse(nonInteractiveKubeconfig("users:\n- name: u\n  user:\n    exec:\n      args: [get-token]\n", "workloadidentity")) as Obj;
        assert.deepStrictEqual(noLogin.users[0].user.exec.args, ["get-token", "--login", "workloadidentity"]);
    });
});

for (const environment of ENVIRONMENTS) {
    const prod = environment === "production";
    const tier = prod
        ? { min: 3, max: 10, vm: "Standard_D4ds_v5", sku: "Standard", vnet: "10.0.0.0/16", zones: ["1", "2", "3"], cert: "tls-app-acme-platform-example-com" }
        : { min: 1, max: 3, vm: "Standard_D2ds_v5", sku: "Free", vnet: "10.1.0.0/16", zones: ["1", "2"], cert: "tls-staging-acme-platform-example-com" };

    describe(`azure ${environment}: kubernetes runtime`, () => {
        let run: PlanRun;
        let cluster: Obj;
        before(async () => {
            run = await planFor(environment, "azure", KUBERNETES);
            cluster = inputs(one(run, T.cluster));
        });

        it("carries no API-version aliases on the cluster and its Azure resources", () => {
            assertNoApiVersionAliases(run);
        });

        it("passes the policy pack without mandatory violations (production: the gateway WAF is in front of the ingress)", async () => {
            const violations = await policyRunner()(run);
            assertOnlyImageDigestAdvisories(violations);
            assert.deepStrictEqual(run.plan.policy.violations.filter((v) => v.level === "mandatory"), []);
        });
        it("encrypts the nodes' OS, temp and cache disks at the host", () => {
            for (const pool of cluster.agentPoolProfiles as Obj[]) assert.strictEqual(pool.enableEncryptionAtHost, true, pool.name);
        });

        it("uses explicit azure-native, random and kubernetes providers", () => {
            assertExplicitProviders(run, "azure-native");
            assertExplicitProviders(run, "random");
            assertExplicitProviders(run, "kubernetes");
            const k8s = rawInputs(run, one(run, T.k8sProvider).urn);
            assert.ok(isSecretEnvelope(k8s.kubeconfig), "the kubeconfig reaches the provider as a secret");
        });

        it("tags the cluster, its pool, identities, rules and alerts", () => {
            assertStandardTags(run, { key: "tags", types: [T.cluster, T.identity, T.nsg, T.dcr, T.alert, T.secret], environment, app: "acme" });
            const pool = cluster.agentPoolProfiles[0];
            assert.strictEqual(pool.tags.environment, environment);
            assert.strictEqual(pool.tags["managed-by"], "pulumi");
        });

        it("keeps secrets secret, including the kubeconfig and the Kubernetes Secrets' values", () => {
            assertSecretsStaySecret(run, [
                { type: T.server, key: "administratorLoginPassword" },
                { type: T.secret, key: "properties" },
                { type: T.k8sSecret, key: "stringData" },
                { type: T.k8sProvider, key: "kubeconfig" },
            ]);
            // The Kubernetes Secret carries the Redis key in the vault, never the admin password the server got (services log in with Entra).
            const password = (rawInputs(run, one(run, T.server).urn).administratorLoginPassword as Obj).value as string;
            assert.match(password, /mock-/);
            for (const s of ofType(run, T.k8sSecret)) {
                const data = JSON.stringify(rawInputs(run, s.urn).stringData);
                assert.ok(!data.includes(password), `${s.name} holds the admin password`);
                assert.match(data, /[0-9a-f]{43}=/, `${s.name} holds the Redis key`);
            }
            const kubeconfig = (rawInputs(run, one(run, T.k8sProvider).urn).kubeconfig as Obj).value as string;
            const doc = parse(kubeconfig) as Obj;
            assert.match(doc.clusters[0].cluster.server, /^https:\/\/[^/]+\.privatelink\.eastus\.azmk8s\.io:443$/, "the private API server");
            assert.strictEqual(doc.users[0].user.exec.command, "kubelogin");
            assert.deepStrictEqual(doc.users[0].user.exec.args.slice(0, 3), ["get-token", "--login", "azurecli"]);
            assert.ok(!kubeconfig.includes("client-key-data") && !kubeconfig.includes("token:"), "no static credential");
        });

        it("matches the URN snapshot", () => {
            assertUrnSnapshot(run.plan, `azure-${environment}-kubernetes.urns.json`);
        });

        it("parents every azure and kubernetes resource to a platform component with its name as prefix", () => assertParentedToComponents(run, ["azure-native:", "kubernetes:"]));

        it("no Container Apps, no delegated compute subnet; an AKS node subnet that only the gateway's subnet reaches", () => {
            for (const type of [T.env, T.app, T.recordSet]) assert.deepStrictEqual(ofType(run, type).map((r) => r.name), [], type);
            const subnets = Object.fromEntries(ofType(run, T.subnet).map((s) => [inputs(s).subnetName, inputs(s)]));
            assert.deepStrictEqual(Object.keys(subnets).sort(), ["aks", "database", "endpoints", "gateway"]);
            assert.strictEqual(subnets.aks.delegations, undefined, "node subnet not delegated");
            assert.strictEqual(subnets.aks.defaultOutboundAccess, false);
            assert.strictEqual(subnets.aks.addressPrefix, aksSubnetCidr(tier.vnet));
            const nsg = ofType(run, T.nsg).find((n) => subnets.aks.networkSecurityGroup.id.endsWith(`/${inputs(n).networkSecurityGroupName}`));
            assert.ok(nsg, "the node subnet has its own NSG");
            const rules = inputs(nsg).securityRules as Obj[];
            assert.deepStrictEqual(rules.filter((r) => r.sourceAddressPrefix === "Internet" && r.access === "Allow"), [], "nothing from the internet: it comes through the gateway");
            const allow = rules.filter((r) => r.access === "Allow" && r.sourceAddressPrefix !== "AzureLoadBalancer");
            assert.deepStrictEqual(allow.map((r) => [r.sourceAddressPrefix, r.destinationAddressPrefix, r.destinationPortRange]), [[subnets.gateway.addressPrefix, `${ingressInternalAddress(tier.vnet)}/32`, "443"]]);
            assert.ok(rules.some((r) => r.sourceAddressPrefix === "Internet" && r.access === "Deny" && r.destinationPortRange === "*"));
            // Container insights' log table follows compute.logRetentionDays; the audit tables audit.logRetentionDays.
            const tables = ofType(run, T.table).map((t) => inputs(t));
            assert.deepStrictEqual(tables.map((t) => t.tableName), ["ContainerLogV2", ...(prod ? ["AGWFirewallLogs"] : []), "AKSAudit", "AKSAuditAdmin", "StorageBlobLogs", "NTANetAnalytics"]);
            assert.strictEqual(tables[0]!.retentionInDays, prod ? 30 : 14);
            for (const t of tables.slice(1)) assert.strictEqual(t.totalRetentionInDays, prod ? 365 : 90, t.tableName);
        });

        it("AKS: private API server, Entra ID with Azure RBAC, local accounts disabled, OIDC issuer and workload identity", () => {
            assert.strictEqual(cluster.kubernetesVersion, "1.33");
            assert.strictEqual(cluster.apiServerAccessProfile.enablePrivateCluster, true);
            assert.strictEqual(cluster.apiServerAccessProfile.enablePrivateClusterPublicFQDN, false);
            assert.strictEqual(cluster.apiServerAccessProfile.authorizedIPRanges, undefined);
            assert.strictEqual(cluster.disableLocalAccounts, true);
            assert.strictEqual(cluster.enableRBAC, true);
            assert.strictEqual(cluster.aadProfile.managed, true);
            assert.strictEqual(cluster.aadProfile.enableAzureRBAC, true);
            assert.strictEqual(cluster.oidcIssuerProfile.enabled, true);
            assert.strictEqual(cluster.securityProfile.workloadIdentity.enabled, true);
            assert.deepStrictEqual(cluster.sku, { name: "Base", tier: tier.sku });
            assert.deepStrictEqual(cluster.autoUpgradeProfile, { upgradeChannel: "patch", nodeOSUpgradeChannel: "NodeImage" });
            const windows = ofType(run, T.maintenance).map((m) => inputs(m));
            assert.deepStrictEqual(windows.map((m) => m.configName).sort(), ["aksManagedAutoUpgradeSchedule", "aksManagedNodeOSUpgradeSchedule"]);
            for (const m of windows) assert.deepStrictEqual([m.maintenanceWindow.schedule.weekly.dayOfWeek, m.maintenanceWindow.startTime, m.maintenanceWindow.utcOffset], ["Sunday", "04:00", "+00:00"]);
        });

        it("AKS: user-assigned control-plane identity with Network Contributor on the node subnet only", () => {
            assert.strictEqual(cluster.identity.type, "UserAssigned");
            assert.match(cluster.identity.userAssignedIdentities[0], /userAssignedIdentities\/acme-[a-z]+-aks-id$/);
            const grant = one(run, T.role, "subnet-network-contributor");
            assert.ok(String(inputs(grant).roleDefinitionId).endsWith(ROLE_GUIDS.networkContributor));
            assert.match(inputs(grant).scope, /\/virtualNetworks\/[^/]+\/subnets\/aks$/);
            assert.ok(one(run, T.cluster).options.provider, "explicit provider");
        });

        it("AKS: Azure CNI overlay (Cilium) on the VNet's node subnet, pod/service CIDRs clear of the VNet", () => {
            const n = cluster.networkProfile;
            assert.strictEqual(n.networkPlugin, "azure");
            assert.strictEqual(n.networkPluginMode, "overlay");
            assert.strictEqual(n.networkPolicy, "cilium");
            assert.strictEqual(n.networkDataplane, "cilium");
            assert.ok(!cidrOverlap(n.podCidr, tier.vnet) && !cidrOverlap(n.serviceCidr, tier.vnet));
            assert.ok(cidrOverlap(`${n.dnsServiceIP}/32`, n.serviceCidr));
            const pool = cluster.agentPoolProfiles[0];
            assert.match(pool.vnetSubnetID, /\/virtualNetworks\/acme-[a-z]+-vnet\/subnets\/aks$/);
            assert.strictEqual(pool.enableNodePublicIP, false);
        });

        it(`AKS: system pool autoscaled ${tier.min}-${tier.max} on ${tier.vm}, across zones ${tier.zones.join(", ")}`, () => {
            const pools = cluster.agentPoolProfiles as Obj[];
            assert.strictEqual(pools.length, 1);
            const p = pools[0]!;
            assert.strictEqual(p.mode, "System");
            assert.strictEqual(p.enableAutoScaling, true);
            assert.strictEqual(p.minCount, tier.min);
            assert.strictEqual(p.maxCount, tier.max);
            assert.strictEqual(p.count, tier.min);
            assert.strictEqual(p.vmSize, tier.vm);
            assert.strictEqual(p.osDiskType, "Ephemeral");
            assert.strictEqual(p.orchestratorVersion, "1.33");
            assert.deepStrictEqual(p.availabilityZones, tier.zones);
        });

        it("AKS: Container insights into Log Analytics (Entra auth, DCR associated), Key Vault secrets provider, app routing, control-plane logs", () => {
            const a = cluster.addonProfiles;
            assert.strictEqual(a.omsagent.enabled, true);
            assert.match(a.omsagent.config.logAnalyticsWorkspaceResourceID, /Microsoft\.OperationalInsights\/workspaces\/acme-[a-z]+-logs$/);
            assert.strictEqual(a.omsagent.config.useAADAuth, "true");
            assert.strictEqual(a.azureKeyvaultSecretsProvider.enabled, true);
            assert.strictEqual(a.azureKeyvaultSecretsProvider.config.enableSecretRotation, "true");
            assert.strictEqual(cluster.ingressProfile.webAppRouting.enabled, true);
            const dcr = inputs(one(run, T.dcr));
            assert.strictEqual(dcr.dataSources.extensions[0].extensionName, "ContainerInsights");
            assert.ok(dcr.dataSources.extensions[0].streams.includes("Microsoft-ContainerLogV2"));
            assert.strictEqual(dcr.destinations.logAnalytics[0].workspaceResourceId, a.omsagent.config.logAnalyticsWorkspaceResourceID);
            const assoc = inputs(one(run, T.dcrAssociation));
            assert.match(assoc.resourceUri, /Microsoft\.ContainerService\/managedClusters\/acme-[a-z]+-aks$/);
            assert.match(assoc.dataCollectionRuleId, /dataCollectionRules\/acme-[a-z]+-aks-insights$/);
            assert.ok(ofType(run, T.diagnostics).some((d) => /managedClusters\/[^/]+$/.test(String(inputs(d).resourceUri))), "control-plane logs");
        });

        it("workload identity: per service its own identity, the same two grants, a federated credential for its ServiceAccount", () => {
            const issuer = String((rawInputs(run, one(run, T.federated, "service-api-federated-credential").urn) as Obj).issuer);
            assert.match(issuer, /^https:\/\/eastus\.oic\.prod-aks\.azure\.com\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/$/, "the cluster's OIDC issuer");
            const creds = ofType(run, T.federated);
            assert.strictEqual(creds.length, 3);
            const namespace = `acme-${environment}`;
            const sas = ofType(run, T.serviceAccount);
            for (const service of ["api", "web", "worker"]) {
                const cred = inputs(one(run, T.federated, `service-${service}-federated-credential`));
                assert.strictEqual(cred.subject, `system:serviceaccount:${namespace}:${service}`);
                assert.deepStrictEqual(cred.audiences, ["api://AzureADTokenExchange"]);
                assert.strictEqual(cred.issuer, issuer);
                assert.strictEqual(cred.resourceName, `acme-${prod ? "prod" : "stg"}-${service}-id`);
                const credRes = one(run, T.federated, `service-${service}-federated-credential`);
                assert.match(credRes.parent ?? "", new RegExp(`platform:components:ComputeService::service-${service}$`), "child of the ComputeService");
                const identity = ofType(run, T.identity).find((i) => inputs(i).resourceName === cred.resourceName);
                assert.ok(identity, `${service} identity`);
                assert.strictEqual(identity.parent, credRes.parent);
                const grants = ofType(run, T.role).filter((r) => r.parent === credRes.parent).map((r) => inputs(r));
                assert.strictEqual(grants.length, 2, `${service}: exactly two role assignments`);
                assert.strictEqual(grants.filter((g) => String(g.roleDefinitionId).endsWith(ROLE_GUIDS.secretsUser)).length, 1);
                for (const g of grants.filter((x) => String(x.roleDefinitionId).endsWith(ROLE_GUIDS.secretsUser))) assert.match(g.scope, /\/secrets\/redis-auth-token$/, "the cache token only, not the admin password");
                assert.match(grants.find((g) => String(g.roleDefinitionId).endsWith(ROLE_GUIDS.blobContributor))!.scope, /\/containers\/data$/);
                // The ServiceAccount names the identity's client id; the pods opt in with the label.
                const sa = sas.find((s) => inputs(s).metadata.name === service);
                assert.ok(sa, `${service} ServiceAccount`);
                const clientId = inputs(sa).metadata.annotations["azure.workload.identity/client-id"];
                assert.match(clientId, /^[0-9a-f-]{36}$/);
                assert.strictEqual((run.plan.outputs.services as Obj)[service].identity, clientId, "the service identity output is the client id");
                const deployment = ofType(run, "kubernetes:apps/v1:Deployment").find((d) => inputs(d).metadata.name === service);
                assert.ok(deployment);
                assert.strictEqual(inputs(deployment).spec.template.metadata.labels["azure.workload.identity/use"], "true");
            }
        });

        it(`ingress: the internal app-routing nginx at a fixed VNet address, behind the Application Gateway${prod ? " with its WAF" : ""}, the only way in`, () => {
            const ip = ingressInternalAddress(tier.vnet);
            assert.ok(cidrOverlap(`${ip}/32`, aksSubnetCidr(tier.vnet)), "inside the node subnet");
            // No public default controller: app routing's default is off, the platform's own is internal.
            assert.strictEqual(cluster.ingressProfile.webAppRouting.nginx.defaultIngressControllerType, "None");
            const controller = inputs(one(run, T.nginxController));
            assert.strictEqual(controller.spec.ingressClassName, "webapprouting-internal");
            assert.deepStrictEqual(controller.spec.loadBalancerAnnotations, {
                "service.beta.kubernetes.io/azure-load-balancer-internal": "true",
                "service.beta.kubernetes.io/azure-load-balancer-ipv4": ip,
                "service.beta.kubernetes.io/azure-load-balancer-health-probe-request-path": "/healthz",
            });
            const gateway = one(run, T.gateway);
            const gw = inputs(gateway);
            assert.match(gateway.parent ?? "", /LoadBalancer::load-balancer$/);
            assert.deepStrictEqual(gw.backendAddressPools, [{ name: "ingress-pool", backendAddresses: [{ ipAddress: ip }] }]);
            assert.deepStrictEqual(gw.sku, prod ? { name: "WAF_v2", tier: "WAF_v2" } : { name: "Standard_v2", tier: "Standard_v2" });
            if (prod) {
                const waf = inputs(one(run, T.wafPolicy));
                assert.ok(String(gw.firewallPolicy.id).endsWith(`/${waf.policyName}`), "the platform's WAF policy is attached");
                assert.strictEqual(waf.policySettings.mode, "Prevention");
            } else assert.strictEqual(gw.firewallPolicy, undefined);
            // HTTPS end to end: the gateway sends the domain as Host/SNI so nginx serves the vault certificate.
            for (const settings of gw.backendHttpSettingsCollection as Obj[]) {
                assert.deepStrictEqual([settings.protocol, settings.port, settings.hostName], ["Https", 443, `${prod ? "app" : "staging"}.acme-platform.example.com`]);
                assert.strictEqual(settings.pickHostNameFromBackendAddress, undefined);
            }
            assert.deepStrictEqual((gw.probes as Obj[]).map((p) => [p.protocol, p.path, p.pickHostNameFromBackendHttpSettings]), [["Https", "/health", true]]);
            const https = (gw.requestRoutingRules as Obj[]).filter((r) => r.name !== "redirect-http");
            assert.ok(https.length > 0 && https.every((r) => r.ruleType === "Basic" && String(r.backendAddressPool.id).endsWith("/backendAddressPools/ingress-pool")));
            // The load balancer's endpoint is the gateway's public address, not the internal one.
            const endpoint = String(run.plan.outputs.loadBalancerEndpoint);
            assert.match(endpoint, /^\d+\.\d+\.\d+\.\d+$/);
            assert.notStrictEqual(endpoint, ip);
            assert.notStrictEqual(endpoint, "pending");
            assert.ok(ofType(run, T.diagnostics).some((d) => /applicationGateways\/[^/]+$/.test(String(inputs(d).resourceUri))), "gateway access and firewall logs");
        });

        it("ingress: the internal class, Key Vault certificate, HTTPS redirect, add-on allowed to read exactly that certificate", () => {
            const ing = inputs(one(run, T.ingress));
            assert.strictEqual(ing.spec.ingressClassName, "webapprouting-internal");
            const a = ing.metadata.annotations;
            assert.match(a["kubernetes.azure.com/tls-cert-keyvault-uri"], /^https:\/\/acme-[a-z]+-kv[0-9a-f]+\.vault\.azure\.net\/certificates\/[a-z0-9-]+$/);
            assert.ok(a["kubernetes.azure.com/tls-cert-keyvault-uri"].endsWith(`/certificates/${tier.cert}`), "the certificate the gateway path expects");
            assert.strictEqual(a["nginx.ingress.kubernetes.io/ssl-redirect"], "true");
            assert.strictEqual(a["nginx.ingress.kubernetes.io/force-ssl-redirect"], "true");
            assert.deepStrictEqual(ing.spec.tls.map((t: Obj) => t.secretName), [`keyvault-${ing.metadata.name}`], "the Secret app routing syncs the certificate into");
            const grant = one(run, T.role, "app-routing-certificate-reader");
            assert.ok(String(inputs(grant).roleDefinitionId).endsWith(ROLE_GUIDS.secretsUser));
            assert.ok(String(inputs(grant).scope).endsWith(`/secrets/${tier.cert}`), inputs(grant).scope);
            const principal = String((rawInputs(run, grant.urn) as Obj).principalId);
            assert.match(principal, /^[0-9a-f-]{36}$/, "the add-on's identity (from the cluster's ingress profile)");
        });

        it("monitoring: AKS node CPU > 80 % and memory > 85 %, data-tier alerts kept, no Container App or gateway alerts", () => {
            const alerts = ofType(run, T.alert).map((a) => inputs(a));
            const metric = (name: string) => alerts.filter((a) => a.criteria.allOf[0].metricName === name);
            const cpu = metric("node_cpu_usage_percentage");
            const memory = metric("node_memory_working_set_percentage");
            assert.strictEqual(cpu.length, 1);
            assert.strictEqual(memory.length, 1);
            assert.strictEqual(cpu[0]!.criteria.allOf[0].threshold, 80);
            assert.strictEqual(memory[0]!.criteria.allOf[0].threshold, 85);
            for (const a of [...cpu, ...memory]) {
                assert.strictEqual(a.criteria.allOf[0].metricNamespace, "Microsoft.ContainerService/managedClusters");
                assert.match(a.scopes[0], /managedClusters\/acme-[a-z]+-aks$/);
            }
            for (const gone of ["CpuPercentage", "MemoryPercentage", "ResponseStatus", "ApplicationGatewayTotalTime"]) assert.strictEqual(metric(gone).length, 0, gone);
            assert.strictEqual(metric("active_connections").length, 1);
            assert.strictEqual(metric("storage_percent").length, 1);
            assert.strictEqual(metric("usedmemorypercentage").length, 1);
            // The gap of before closed: 5xx rate and p95 from the app-routing ingress-nginx log, crash loops from KubePodInventory.
            const logs = ofType(run, "azure-native:monitor:ScheduledQueryRule").map((a) => inputs(a));
            const query = (suffix: string) => logs.find((a) => String(a.ruleName).endsWith(suffix))!.criteria.allOf[0].query as string;
            for (const suffix of ["-http-5xx-rate", "-latency-p95", "-latency-p95-critical"]) {
                assert.match(query(suffix), /^ContainerLogV2\n\| where PodNamespace == "app-routing-system"/);
                assert.ok(query(suffix).includes(`| where upstream startswith "acme-${environment}-"`), query(suffix));
            }
            assert.match(query("-crash-loop"), /KubePodInventory[\s\S]*ContainerRestartCount/);
            for (const a of logs) assert.match(a.scopes[0], /workspaces|Microsoft\.OperationalInsights/i);
        });
    });
}

describe("azure staging: kubernetes runtime on an existing cluster", () => {
    it("creates nothing cloud-side for compute (no AKS, no node subnet, no Container Apps, no federation); the configured class serves the Ingress", async () => {
        const run = await planFor("staging", "azure", [...KUBERNETES, `platform:kubeconfig=${EXISTING_CLUSTER_KUBECONFIG}`, "platform:kubernetes.ingressClass=nginx"]);
        for (const type of [T.cluster, T.maintenance, T.dcr, T.federated, T.env, T.app, T.gateway]) assert.deepStrictEqual(ofType(run, type).map((r) => r.name), [], type);
        assert.deepStrictEqual(ofType(run, T.subnet).map((s) => inputs(s).subnetName).sort(), ["database", "endpoints", "gateway"]);
        const ing = inputs(one(run, T.ingress));
        assert.strictEqual(ing.spec.ingressClassName, "nginx");
        assert.strictEqual(ing.metadata.annotations["kubernetes.azure.com/tls-cert-keyvault-uri"], undefined);
        assert.strictEqual(ing.metadata.annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"], "true");
        assertOnlyImageDigestAdvisories(await policyRunner()(run));
    });
});
