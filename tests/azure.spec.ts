import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { APP_NAME_PATTERN } from "../components/config/schema";
import { withoutApiVersionAliases } from "../providers/azure/api-version-aliases";
import { storageAccountName } from "../providers/azure/object-store";
import { subnetLayout } from "../providers/azure/subnets";
import { storageSizeGb } from "../providers/azure/database";
import { routePaths } from "../providers/azure/load-balancer";
import type { PlanResource } from "../tools/engine/plan";
import type { PlanRun } from "../tools/engine/run-plan";
import { AZURE_AUDIT_TABLES } from "../policy/policies/logging";
import { WAF_REDACTED_HEADERS } from "../components/load-balancer";
import { assertExplicitProviders, assertNoApiVersionAliases, assertSecretsStaySecret, assertStandardTags, assertStatefulProtection, assertUrnSnapshot, assertParentedToComponents } from "./support/assertions";
import { ENVIRONMENTS, ofType, one, planFor, rawInputs } from "./support/harness";

const T = {
    rg: "azure-native:resources:ResourceGroup",
    vnet: "azure-native:network:VirtualNetwork",
    subnet: "azure-native:network:Subnet",
    nsg: "azure-native:network:NetworkSecurityGroup",
    zone: "azure-native:privatedns:PrivateZone",
    zoneLink: "azure-native:privatedns:VirtualNetworkLink",
    endpoint: "azure-native:network:PrivateEndpoint",
    dnsGroup: "azure-native:network:PrivateDnsZoneGroup",
    workspace: "azure-native:operationalinsights:Workspace",
    table: "azure-native:operationalinsights:Table",
    vault: "azure-native:keyvault:Vault",
    secret: "azure-native:keyvault:Secret",
    identity: "azure-native:managedidentity:UserAssignedIdentity",
    role: "azure-native:authorization:RoleAssignment",
    lock: "azure-native:authorization:ManagementLockByScope",
    server: "azure-native:dbforpostgresql:Server",
    pgConfig: "azure-native:dbforpostgresql:Configuration",
    pgDatabase: "azure-native:dbforpostgresql:Database",
    redis: "azure-native:redis:Redis",
    account: "azure-native:storage:StorageAccount",
    blobService: "azure-native:storage:BlobServiceProperties",
    container: "azure-native:storage:BlobContainer",
    lifecycle: "azure-native:storage:ManagementPolicy",
    env: "azure-native:app:ManagedEnvironment",
    app: "azure-native:app:ContainerApp",
    ip: "azure-native:network:PublicIPAddress",
    waf: "azure-native:network:WebApplicationFirewallPolicy",
    gateway: "azure-native:network:ApplicationGateway",
    diagnostics: "azure-native:monitor:DiagnosticSetting",
    actionGroup: "azure-native:monitor:ActionGroup",
    alert: "azure-native:monitor:MetricAlert",
    password: "random:index/randomPassword:RandomPassword",
} as const;

/** Every type in the plan whose azure-native args take `tags`. */
const TAGGABLE = [T.rg, T.vnet, T.nsg, T.zone, T.zoneLink, T.endpoint, T.workspace, T.vault, T.secret, T.identity, T.server, T.redis, T.account, T.env, T.app, T.ip, T.waf, T.gateway, T.actionGroup, T.alert];
const STATEFUL = [T.server, T.redis, T.account, T.vault];
const ROLE_GUIDS = { secretsUser: "4633458b-17de-408a-b874-0445c86b69e6", blobContributor: "ba92f5b4-2d11-453d-a403-e96b0029c9fe" };

type Obj = Record<string, any>;
const inputs = (r: PlanResource): Obj => r.inputs as Obj;

describe("azure: pure helpers", () => {
    it("drops only azure-native's type-only API-version aliases", () => {
        const keep: pulumi.Input<pulumi.URN | pulumi.Alias>[] = [
            "urn:pulumi:production::platform::azure-native:network/v20230501:ApplicationGateway::gw",
            { type: "azure-native:insights:DiagnosticSetting" },
            { type: "azure-native:network/v20230501:ApplicationGateway", name: "old-name" },
            pulumi.output({ type: "azure-native:network/v20230501:ApplicationGateway" }),
        ];
        const versioned = [{ type: "azure-native:network/v20230501:ApplicationGateway" }, { type: "azure-native:app/v20240202preview:ContainerApp" }];
        const props = { a: 1 };
        const result = withoutApiVersionAliases({ resource: undefined as never, type: "t", name: "n", props, opts: { protect: true, aliases: [...versioned, ...keep] } });
        assert.strictEqual(result.props, props);
        assert.deepStrictEqual(result.opts.aliases, keep);
        assert.strictEqual(result.opts.protect, true, "other options untouched");
        assert.strictEqual(withoutApiVersionAliases({ resource: undefined as never, type: "t", name: "n", props, opts: {} }).opts.aliases, undefined);
    });

    it("storage account names fit Azure's rule for the longest app name the config accepts", () => {
        const longest = "abcdefghij-k";
        assert.match(longest, APP_NAME_PATTERN);
        assert.strictEqual(longest.length, 12);
        for (const environment of ["production", "staging"] as const) {
            for (const purpose of ["d", "b"] as const) {
                const name = storageAccountName({ appName: longest, environment, region: "eastus" }, purpose);
                assert.match(name, /^[a-z0-9]{3,24}$/, name);
            }
        }
        const a = storageAccountName({ appName: "acme", environment: "production", region: "eastus" }, "d");
        assert.strictEqual(a, storageAccountName({ appName: "acme", environment: "production", region: "eastus" }, "d"), "deterministic");
        assert.notStrictEqual(a, storageAccountName({ appName: "acme", environment: "production", region: "eastus", azure: { subscriptionId: "11111111-1111-1111-1111-111111111111" } }, "d"), "differs per subscription");
        assert.notStrictEqual(a, storageAccountName({ appName: "acme", environment: "production", region: "eastus" }, "b"), "differs per purpose");
    });

    it("subnets are carved from /16 to /20 without overlap, compute a /23", () => {
        assert.deepStrictEqual(subnetLayout("10.0.0.0/16"), { compute: "10.0.0.0/23", gateway: "10.0.2.0/24", database: "10.0.3.0/24", endpoints: "10.0.4.0/24" });
        assert.deepStrictEqual(subnetLayout("172.16.48.0/20"), { compute: "172.16.48.0/23", gateway: "172.16.50.0/24", database: "172.16.51.0/24", endpoints: "172.16.52.0/24" });
        assert.throws(() => subnetLayout("10.0.0.0/24"), /\/16 to \/20/);
    });

    it("storage sizes round up to the flexible server's fixed sizes; route paths cover the subtree", () => {
        assert.strictEqual(storageSizeGb(100), 128);
        assert.strictEqual(storageSizeGb(20), 32);
        assert.deepStrictEqual(routePaths("/api"), ["/api", "/api/*"]);
        assert.strictEqual(routePaths("/"), undefined);
    });
});

for (const environment of ENVIRONMENTS) {
    const prod = environment === "production";

    describe(`azure ${environment}`, () => {
        let run: PlanRun;
        before(async () => {
            run = await planFor(environment, "azure");
        });

        it("uses the explicit azure-native provider on every resource, located per config", () => {
            assertExplicitProviders(run, "azure-native");
            const provider = run.plan.resources.find((r) => r.type === "pulumi:providers:azure-native");
            assert.ok(provider, "no azure-native provider");
            assert.strictEqual(inputs(provider).location, "eastus");
            assertExplicitProviders(run, "random");
        });

        it("tags every taggable resource with environment, app and managed-by", () => {
            assertStandardTags(run, { key: "tags", types: TAGGABLE, environment, app: "acme" });
        });

        it("uses default azure-native tokens only, without the SDK's API-version aliases; module-move aliases stay", () => {
            assertNoApiVersionAliases(run);
            const diagnostics = run.recorded.filter((r) => r.type === "azure-native:monitor:DiagnosticSetting");
            assert.ok(diagnostics.length > 0);
            for (const d of diagnostics) assert.ok(d.options.aliases.some((a) => a.startsWith("type=azure-native:insights:DiagnosticSetting")), d.urn);
        });

        it(`protects stateful resources (${prod})`, () => {
            assertStatefulProtection(run, STATEFUL, prod);
            const locks = ofType(run, T.lock);
            assert.strictEqual(locks.length > 0, prod, "CanNotDelete locks only in production");
            for (const l of locks) assert.strictEqual(inputs(l).level, "CanNotDelete");
        });

        it("keeps secrets secret", () => {
            assertSecretsStaySecret(run, [
                { type: T.server, key: "administratorLoginPassword" },
                { type: T.secret, key: "properties" },
            ]);
            // The vault holds the generated password and the Redis access key (values, not placeholders).
            const stored = (name: string) => {
                const s = ofType(run, T.secret).find((x) => inputs(x).secretName === name);
                assert.ok(s, `secret ${name}`);
                assert.strictEqual(inputs(s).properties, "[secret]");
                return JSON.stringify(rawInputs(run, s.urn).properties);
            };
            const password = JSON.stringify(rawInputs(run, one(run, T.server).urn).administratorLoginPassword);
            assert.match(password, /mock-/);
            assert.ok(stored("database-password").includes(JSON.parse(password).value), "vault holds the server's password");
            assert.match(stored("redis-auth-token"), /"value":"[0-9a-f]{43}="/);
        });

        it("matches the URN snapshot", () => {
            assertUrnSnapshot(run.plan, `azure-${environment}.urns.json`);
        });

        it("parents every azure and random resource to a platform component with its name as prefix", () => assertParentedToComponents(run, ["azure-native:", "random:"]));

        it("network: VNet with delegated compute and database subnets, private DNS zones linked", () => {
            const vnet = one(run, T.vnet);
            assert.deepStrictEqual(inputs(vnet).addressSpace.addressPrefixes, [prod ? "10.0.0.0/16" : "10.1.0.0/16"]);
            const subnets = Object.fromEntries(ofType(run, T.subnet).map((s) => [inputs(s).subnetName, inputs(s)]));
            assert.deepStrictEqual(Object.keys(subnets).sort(), ["compute", "database", "endpoints", "gateway"]);
            assert.strictEqual(subnets.compute.delegations[0].serviceName, "Microsoft.App/environments");
            assert.ok(Number(subnets.compute.addressPrefix.split("/")[1]) <= 23, "compute /23 or larger");
            assert.strictEqual(subnets.database.delegations[0].serviceName, "Microsoft.DBforPostgreSQL/flexibleServers");
            for (const key of ["compute", "database", "endpoints"]) assert.strictEqual(subnets[key].defaultOutboundAccess, false, key);
            const zones = ofType(run, T.zone).map((z) => inputs(z).privateZoneName as string);
            assert.ok(zones.includes("privatelink.redis.cache.windows.net"));
            assert.ok(zones.includes("privatelink.blob.core.windows.net"));
            assert.ok(zones.includes("privatelink.vaultcore.azure.net"));
            assert.ok(zones.some((z) => z.endsWith(".private.postgres.database.azure.com")));
            const links = ofType(run, T.zoneLink);
            assert.strictEqual(links.length, zones.length, "every zone linked to the VNet");
            for (const l of links) assert.strictEqual(inputs(l).registrationEnabled, false);
        });

        it(`key vault: RBAC, soft delete, network deny, purge protection ${prod ? "on" : "off"}`, () => {
            const p = inputs(one(run, T.vault)).properties;
            assert.strictEqual(p.enableRbacAuthorization, true);
            assert.strictEqual(p.enableSoftDelete, true);
            assert.strictEqual(p.softDeleteRetentionInDays, 90);
            assert.strictEqual(p.enablePurgeProtection === true, prod);
            assert.strictEqual(p.networkAcls.defaultAction, "Deny");
            assert.strictEqual(p.networkAcls.bypass, "AzureServices");
            assert.ok(ofType(run, T.endpoint).some((e) => inputs(e).privateLinkServiceConnections[0].groupIds[0] === "vault"));
        });

        it(`log analytics keeps the audit tables (${prod ? "WAF firewall log, " : ""}blob access, flow analytics) ${prod ? 365 : 90} days in total`, () => {
            const audit = ofType(run, T.table).map(inputs).filter((t) => AZURE_AUDIT_TABLES.includes(t.tableName));
            assert.deepStrictEqual(audit.map((t) => t.tableName), [...(prod ? ["AGWFirewallLogs"] : []), "StorageBlobLogs", "NTANetAnalytics"]);
            for (const t of audit) {
                assert.strictEqual(t.totalRetentionInDays, prod ? 365 : 90, t.tableName);
                assert.strictEqual(t.retentionInDays, 90, `${t.tableName}: 90 days interactive, the rest archived`);
            }
        });
        it(`log analytics keeps container logs ${prod ? 30 : 14} days`, () => {
            assert.ok(inputs(one(run, T.workspace)).retentionInDays >= 30);
            const tables = ofType(run, T.table).filter((t) => !AZURE_AUDIT_TABLES.includes(inputs(t).tableName));
            assert.ok(tables.length >= 2);
            for (const t of tables) {
                assert.strictEqual(inputs(t).retentionInDays, prod ? 30 : 14);
                assert.strictEqual(inputs(t).totalRetentionInDays, prod ? 30 : 14);
            }
        });

        it("database: PostgreSQL 16, private, TLS-only, tier backups and HA, Sunday 04:00 maintenance", () => {
            const s = inputs(one(run, T.server));
            assert.strictEqual(s.version, "16");
            assert.strictEqual(s.network.publicNetworkAccess, "Disabled");
            assert.match(s.network.delegatedSubnetResourceId, /\/subnets\/database$/);
            assert.match(s.network.privateDnsZoneArmResourceId, /privateDnsZones\/.*\.private\.postgres\.database\.azure\.com$/);
            assert.strictEqual(s.backup.backupRetentionDays, prod ? 30 : 7);
            assert.strictEqual(s.backup.geoRedundantBackup, prod ? "Enabled" : "Disabled");
            assert.strictEqual(s.highAvailability.mode, prod ? "ZoneRedundant" : "Disabled");
            if (prod) assert.notStrictEqual(s.highAvailability.standbyAvailabilityZone, s.availabilityZone);
            assert.deepStrictEqual(s.maintenanceWindow, { customWindow: "Enabled", dayOfWeek: 0, startHour: 4, startMinute: 0 });
            assert.strictEqual(s.storage.autoGrow, "Enabled");
            assert.strictEqual(s.administratorLoginPassword, "[secret]");
            const params = Object.fromEntries(ofType(run, T.pgConfig).map((c) => [inputs(c).configurationName, inputs(c).value]));
            assert.strictEqual(params.require_secure_transport, "on");
            assert.strictEqual(params.ssl_min_protocol_version, "TLSv1.2");
            assert.strictEqual(params.log_min_duration_statement, "1000");
            assert.strictEqual(inputs(one(run, T.pgDatabase)).databaseName, "app");
            assert.ok(ofType(run, T.secret).some((x) => inputs(x).secretName === "database-password"));
            assert.match(String(run.plan.outputs.databasePasswordSecret), /^https:\/\/[a-z0-9-]+\.vault\.azure\.net\/secrets\/database-password$/);
        });

        it(`cache: TLS-only Redis, private, ${prod ? "Premium with RDB backups and zones" : "Standard"}`, () => {
            const r = inputs(one(run, T.redis));
            assert.strictEqual(r.enableNonSslPort, false);
            assert.strictEqual(r.minimumTlsVersion, "1.2");
            assert.strictEqual(r.publicNetworkAccess, "Disabled");
            assert.ok(ofType(run, T.endpoint).some((e) => inputs(e).privateLinkServiceConnections[0].groupIds[0] === "redisCache"));
            if (prod) {
                assert.strictEqual(r.sku.name, "Premium");
                assert.strictEqual(r.redisConfiguration.rdbBackupEnabled, "true");
                assert.strictEqual(r.redisConfiguration.preferredDataPersistenceAuthMethod, "ManagedIdentity");
                assert.match(r.redisConfiguration.rdbStorageConnectionString, /^BlobEndpoint=https:\/\/[a-z0-9]+\.blob\.core\.windows\.net\/$/);
                assert.strictEqual(r.replicasPerMaster, 1, "2 nodes: primary + 1 replica");
                assert.deepStrictEqual(r.zones, ["1", "2"], "zone-redundant: each node in its own zone");
            } else {
                assert.strictEqual(r.sku.name, "Standard");
                assert.strictEqual(r.sku.family, "C");
                assert.strictEqual(r.redisConfiguration.rdbBackupEnabled, undefined);
            }
            assert.ok(ofType(run, T.secret).some((x) => inputs(x).secretName === "redis-auth-token"), "redis access key stored in Key Vault");
        });

        it("object store: hardened StorageV2, versioning and soft delete, private container, lifecycle rules", () => {
            const accounts = ofType(run, T.account);
            assert.strictEqual(accounts.length, prod ? 3 : 2, "data account, flow logs (+ Redis backups in production)");
            for (const a of accounts) {
                const i = inputs(a);
                assert.strictEqual(i.kind, "StorageV2");
                assert.match(i.accountName, /^[a-z0-9]{3,24}$/);
                assert.strictEqual(i.enableHttpsTrafficOnly, true);
                assert.strictEqual(i.minimumTlsVersion, "TLS1_2");
                assert.strictEqual(i.allowBlobPublicAccess, false);
                assert.strictEqual(i.allowSharedKeyAccess, false);
                assert.strictEqual(i.networkRuleSet.defaultAction, "Deny");
                assert.strictEqual(i.networkRuleSet.bypass, "AzureServices");
                assert.strictEqual(i.encryption.requireInfrastructureEncryption, true);
            }
            const blob = inputs(one(run, T.blobService, "object-store-blob-service"));
            assert.strictEqual(blob.isVersioningEnabled, true);
            assert.strictEqual(blob.deleteRetentionPolicy.enabled, true);
            assert.strictEqual(blob.containerDeleteRetentionPolicy.enabled, true);
            assert.strictEqual(inputs(one(run, T.container)).publicAccess, "None");
            const rules = inputs(one(run, T.lifecycle, "object-store-lifecycle")).policy.rules as Obj[];
            const temp = rules.find((r) => r.definition.filters.prefixMatch[0] === "data/uploads/temp/");
            assert.ok(temp, "uploads/temp/ rule");
            assert.strictEqual(temp.definition.actions.baseBlob.delete.daysAfterModificationGreaterThan, 7);
            const exports = rules.find((r) => r.definition.filters.prefixMatch[0] === "data/exports/");
            assert.ok(exports, "exports/ rule");
            // Production's RA-GZRS account has no archive tier: exports/ go cold there, archive on staging's LRS.
            const account = inputs(one(run, T.account, "object-store-account"));
            assert.strictEqual(account.sku.name, prod ? "Standard_RAGZRS" : "Standard_LRS");
            const coldest = prod ? "tierToCold" : "tierToArchive";
            assert.deepStrictEqual(Object.keys(exports.definition.actions.baseBlob).sort(), [coldest, "delete"].sort());
            assert.strictEqual(exports.definition.actions.baseBlob[coldest].daysAfterModificationGreaterThan, 30);
            assert.strictEqual(exports.definition.actions.baseBlob.delete.daysAfterModificationGreaterThan, 365);
            assert.ok(ofType(run, T.endpoint).some((e) => inputs(e).privateLinkServiceConnections[0].groupIds[0] === "blob"));
        });

        it("compute: internal Container Apps environment on the VNet with logs to Log Analytics", () => {
            const env = one(run, T.env);
            assert.strictEqual(inputs(env).vnetConfiguration.internal, true);
            assert.match(inputs(env).vnetConfiguration.infrastructureSubnetId, /\/subnets\/compute$/);
            assert.strictEqual(inputs(env).appLogsConfiguration.destination, "azure-monitor");
            assert.strictEqual(inputs(env).zoneRedundant, true);
            assert.ok(ofType(run, T.diagnostics).some((d) => d.parent === env.parent && String(inputs(d).resourceUri).includes("managedEnvironments")));
        });

        it(`compute: per-service apps, ${prod ? "3-20" : "1-3"} replicas, no insecure ingress, probes, Key Vault secrets, own identity`, () => {
            const apps = ofType(run, T.app);
            assert.strictEqual(apps.length, 3);
            const identities = ofType(run, T.identity);
            for (const a of apps) {
                const i = inputs(a);
                const raw = rawInputs(run, a.urn) as Obj;
                assert.strictEqual(i.configuration.ingress.allowInsecure, false);
                assert.strictEqual(i.configuration.ingress.transport, "auto");
                const service = i.template.containers[0].name as string;
                assert.strictEqual(i.template.scale.minReplicas, prod ? 3 : 1);
                assert.strictEqual(i.template.scale.maxReplicas, prod ? 20 : 3);
                assert.strictEqual(i.template.scale.cooldownPeriod, 600);
                const rules = i.template.scale.rules as Obj[];
                assert.ok(rules.some((r) => r.custom?.type === "cpu" && r.custom.metadata.value === "70"));
                assert.ok(rules.some((r) => r.custom?.type === "memory" && r.custom.metadata.value === "80"));
                if (service !== "worker") {
                    assert.ok(rules.some((r) => r.http), `${service} http rule`);
                    assert.strictEqual(i.configuration.ingress.external, true);
                    assert.deepStrictEqual(i.configuration.ingress.ipSecurityRestrictions.map((x: Obj) => [x.ipAddressRange, x.action]), [[prod ? "10.0.2.0/24" : "10.1.2.0/24", "Allow"]]);
                } else {
                    assert.strictEqual(i.configuration.ingress.external, false);
                }
                const probes = i.template.containers[0].probes as Obj[];
                assert.deepStrictEqual(probes.map((p) => p.type).sort(), ["Liveness", "Readiness"]);
                for (const p of probes) assert.strictEqual(p.httpGet.path, "/health");
                const size = service === "worker" || !prod ? { cpu: 0.5, memory: "1Gi" } : { cpu: 1, memory: "2Gi" };
                assert.deepStrictEqual(i.template.containers[0].resources, size, `${service} size`);
                // Secrets are Key Vault references resolved by the app's own identity, never values.
                for (const s of i.configuration.secrets as Obj[]) {
                    assert.strictEqual(s.value, undefined);
                    assert.match(s.keyVaultUrl, /^https:\/\/.*\.vault\.azure\.net\/secrets\//);
                    assert.match(s.identity, /userAssignedIdentities\//);
                }
                const env = Object.fromEntries((i.template.containers[0].env as Obj[]).map((e) => [e.name, e]));
                // Entra login as its own identity, no admin password (database-identity.spec.ts).
                assert.strictEqual(env.DATABASE_PASSWORD, undefined);
                assert.strictEqual(env.DATABASE_AUTH.value, "iam");
                assert.strictEqual(env.REDIS_AUTH_TOKEN.secretRef, "redis-auth-token");
                assert.strictEqual(env.DATABASE_HOST.value, "acme-" + (prod ? "prod" : "stg") + "-pg.postgres.database.azure.com");
                assert.strictEqual(i.identity.type, "UserAssigned");
                assert.strictEqual(JSON.stringify(raw).includes("mock-"), false, "no generated secret value in the app");
                const identity = identities.find((x) => x.parent === a.parent);
                assert.ok(identity, `${service} has its own identity`);
                const grants = ofType(run, T.role).filter((r) => r.parent === a.parent).map((r) => inputs(r));
                assert.strictEqual(grants.length, 2, `${service}: exactly two role assignments`);
                const secretGrants = grants.filter((g) => String(g.roleDefinitionId).endsWith(ROLE_GUIDS.secretsUser));
                assert.strictEqual(secretGrants.length, 1, "the cache token only, not the admin password");
                for (const g of secretGrants) assert.match(g.scope, /Microsoft\.KeyVault\/vaults\/[^/]+\/secrets\/redis-auth-token$/);
                const blobGrant = grants.find((g) => String(g.roleDefinitionId).endsWith(ROLE_GUIDS.blobContributor));
                assert.ok(blobGrant);
                assert.match(blobGrant.scope, /\/blobServices\/default\/containers\/data$/);
                for (const g of grants) {
                    assert.match(g.roleDefinitionId, /^\/subscriptions\/[0-9a-f-]{36}\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f-]{36}$/);
                    assert.strictEqual(g.principalType, "ServicePrincipal");
                }
            }
        });

        it(`load balancer: Application Gateway v2, HTTPS (Key Vault cert, TLS 1.2), 301 redirect, probes, ${prod ? "WAF_v2 + policy" : "no WAF"}`, () => {
            const g = inputs(one(run, T.gateway));
            assert.strictEqual(g.sku.name, prod ? "WAF_v2" : "Standard_v2");
            const wafs = ofType(run, T.waf);
            assert.strictEqual(wafs.length, prod ? 1 : 0);
            if (prod) {
                const w = inputs(wafs[0]!);
                assert.strictEqual(w.policySettings.mode, "Prevention");
                assert.strictEqual(w.policySettings.state, "Enabled");
                assert.strictEqual(w.managedRules.managedRuleSets[0].ruleSetType, "OWASP");
                // Parity with AWS's IP reputation list and Cloud Armor's throttle (docs/cloud-mapping.md).
                assert.deepStrictEqual(w.managedRules.managedRuleSets[1], { ruleSetType: "Microsoft_BotManagerRuleSet", ruleSetVersion: "1.0" });
                assert.deepStrictEqual(w.customRules.map((r: Obj) => [r.ruleType, r.rateLimitDuration, r.rateLimitThreshold, r.action]), [["RateLimitRule", "OneMin", 1200, "Block"]]);
                // Credentials and sessions never reach the firewall log.
                assert.strictEqual(w.policySettings.logScrubbing.state, "Enabled");
                assert.deepStrictEqual(w.policySettings.logScrubbing.scrubbingRules.map((r: Obj) => [r.matchVariable, r.selectorMatchOperator, r.selector]), WAF_REDACTED_HEADERS.map((h) => ["RequestHeaderNames", "Equals", h]));
                assert.match(g.firewallPolicy.id, /ApplicationGatewayWebApplicationFirewallPolicies\//);
            } else {
                assert.strictEqual(g.firewallPolicy, undefined);
            }
            assert.deepStrictEqual(g.sslPolicy, { policyType: "Predefined", policyName: "AppGwSslPolicy20220101" });
            assert.match(g.sslCertificates[0].keyVaultSecretId, /^https:\/\/[a-z0-9-]+\.vault\.azure\.net\/secrets\/tls-/);
            assert.strictEqual(g.identity.type, "UserAssigned");
            const listeners = g.httpListeners as Obj[];
            assert.ok(listeners.some((l) => l.protocol === "Https" && l.sslCertificate));
            const http = listeners.find((l) => l.protocol === "Http");
            assert.ok(http);
            const redirect = g.redirectConfigurations[0];
            assert.strictEqual(redirect.redirectType, "Permanent");
            assert.match(redirect.targetListener.id, /\/httpListeners\/https$/);
            const httpRule = (g.requestRoutingRules as Obj[]).find((r) => r.httpListener.id.endsWith("/httpListeners/http"));
            assert.ok(httpRule?.redirectConfiguration, "the HTTP listener only redirects");
            assert.strictEqual(httpRule.backendAddressPool, undefined);
            for (const p of g.probes as Obj[]) {
                assert.strictEqual(p.path, "/health");
                assert.strictEqual(p.interval, 30);
                assert.strictEqual(p.unhealthyThreshold, 3);
                assert.strictEqual(p.protocol, "Https");
            }
            const pools = g.backendAddressPools as Obj[];
            assert.deepStrictEqual(pools.map((p) => p.name).sort(), ["api-pool", "web-pool"]);
            for (const p of pools) assert.match(p.backendAddresses[0].fqdn, /^acme-[a-z]+-(api|web)\.[a-z0-9]+\.eastus\.azurecontainerapps\.io$/);
            const map = g.urlPathMaps[0];
            assert.match(map.defaultBackendAddressPool.id, /web-pool$/);
            assert.deepStrictEqual(map.pathRules[0].paths, ["/api", "/api/*"]);
            assert.ok(ofType(run, T.diagnostics).some((d) => String(inputs(d).resourceUri).includes("applicationGateways")), "access logs");
            const certGrant = ofType(run, T.role).find((r) => r.name === "load-balancer-certificate-reader");
            assert.ok(certGrant);
            assert.match(inputs(certGrant).scope, /vaults\/[^/]+\/secrets\/tls-/);
            const ip = inputs(one(run, T.ip));
            assert.strictEqual(ip.sku.name, "Standard");
            assert.strictEqual(ip.publicIPAllocationMethod, "Static");
            assert.match(String(run.plan.outputs.loadBalancerEndpoint), /^\d+\.\d+\.\d+\.\d+$/);
        });

        it("monitoring: an action group per severity with e-mail (production) and the requirements table's alerts", () => {
            const groups = ofType(run, T.actionGroup).map((g) => inputs(g));
            assert.deepStrictEqual(groups.map((g) => g.actionGroupName).sort(), [`acme-${prod ? "prod" : "stg"}-alerts`, `acme-${prod ? "prod" : "stg"}-alerts-warning`]);
            for (const group of groups) {
                if (prod) assert.strictEqual(group.emailReceivers[0].emailAddress, "oncall@acme-platform.example.com");
                else assert.deepStrictEqual(group.emailReceivers, []);
            }
            const alerts = ofType(run, T.alert).map((a) => inputs(a));
            const metric = (name: string) => alerts.filter((a) => a.criteria.allOf[0].metricName === name);
            assert.strictEqual(metric("CpuPercentage").length, 3);
            assert.strictEqual(metric("CpuPercentage")[0]!.criteria.allOf[0].threshold, 80);
            assert.strictEqual(metric("MemoryPercentage")[0]!.criteria.allOf[0].threshold, 85);
            // 5xx rate and p95 come from the gateway's access log (log alerts), healthy hosts from its metric.
            const logs = ofType(run, "azure-native:monitor:ScheduledQueryRule").map((a) => inputs(a));
            const log = (ruleSuffix: string) => logs.find((a) => String(a.ruleName).endsWith(ruleSuffix))!.criteria.allOf[0];
            assert.match(log("-http-5xx-rate").query, /^AGWAccessLogs\n/);
            assert.match(log("-http-5xx-rate").query, /countif\(status >= 500\)/);
            assert.strictEqual(log("-http-5xx-rate").threshold, 10);
            assert.match(log("-latency-p95").query, /percentile\(seconds, 95\)/);
            assert.strictEqual(log("-latency-p95").threshold, 2);
            assert.strictEqual(log("-latency-p95-critical").threshold, 5);
            assert.strictEqual(metric("HealthyHostCount")[0]!.criteria.allOf[0].operator, "LessThan");
            assert.strictEqual(metric("active_connections").length, 1);
            assert.strictEqual(metric("storage_percent")[0]!.criteria.allOf[0].threshold, 90);
            for (const a of alerts) assert.ok(a.actions[0].actionGroupId, "routed to the action group");
        });
    });
}

describe("azure: longest app name", () => {
    it("plans with a 12-character app name (storage, Key Vault, Container Apps names within limits)", async () => {
        const run = await planFor("production", "azure", ["platform:appName=abcdefghij-k"]);
        for (const a of ofType(run, T.account)) assert.match(inputs(a).accountName, /^[a-z0-9]{3,24}$/);
        const vault = inputs(one(run, T.vault)).vaultName as string;
        assert.match(vault, /^[a-z][a-z0-9-]{1,22}[a-z0-9]$/);
        for (const a of ofType(run, T.app)) assert.ok(String(inputs(a).containerAppName).length <= 32);
    });
});
