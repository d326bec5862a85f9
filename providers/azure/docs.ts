import type { CloudDocs } from "../../tools/docs/cloud-docs";

/**
 * What the docs (README.md and docs/: the mapping, disaster recovery, reviewing, the runbook) say
 * of Azure: its column or row of every per-cloud table, its part of every sentence that
 * lists the clouds, and its own caveats, by the region ids of tools/docs/cloud-regions.ts: facts
 * as they are, not prose to restyle. `npm run docs:clouds` writes them into the marked regions;
 * tests/cloud-docs.spec.ts fails while a file is stale or a cell another cloud states is missing.
 */
export const cloudDocs = {
    tables: {
        "database-identity": {
            cells: {
                login: "the managed identity's name (`<app>-<env>-<service>-id`)",
                setup: "Entra authentication beside password authentication on the flexible server (the admin keeps password login)",
            },
        },
        runtimes: {
            cells: {
                managed: "Container Apps behind Application Gateway v2",
                kubernetes: "private AKS (Azure CNI overlay + Cilium, Entra RBAC, workload identity), an internal app-routing nginx (Key Vault certificate) behind the same Application Gateway v2 (WAF_v2 in production)",
            },
        },
        "minimum-roles": {
            cells: {
                preview: "`Reader` on the stack's resource groups (or subscription); kubernetes runtime: `Azure Kubernetes Service RBAC Reader`",
                deploy: "`Contributor` on the subscription (the program creates its resource groups), `Role Based Access Control Administrator` limited to the roles the program assigns, and `Key Vault Administrator` on the stack's vaults",
            },
        },
        network: {
            cells: {
                shape: "VNet with gateway, compute (delegated to Container Apps), database (delegated to flexible servers) and private-endpoint subnets, NSGs, private DNS zones linked to the VNet",
                "data-tier": "delegated subnet + private endpoints; NSGs",
            },
        },
        database: {
            header: "Azure flexible server",
            cells: {
                tls: "`Configuration` resources `require_secure_transport = on`, `ssl_min_protocol_version = TLSv1.2`",
                private: "VNet integration, `publicNetworkAccess: Disabled`",
                ha: "`highAvailability.mode: ZoneRedundant`",
                backups: "`backupRetentionDays` 30 / 7, geo-redundant in production",
                maintenance: "day 0 hour 4",
                "deletion-protection": "`protect` + CanNotDelete lock (flexible servers have no final snapshot)",
                "admin-password": "generated, stored in Key Vault",
                "services-login": "Entra ID authentication beside password auth; each managed identity a non-admin principal (`pgaadauth_create_principal`); only the admin job's identity is the Entra administrator",
                extensions: "`azure.extensions` allow-list + `shared_preload_libraries`",
                "cross-region-copy": "geo-redundant backup in the paired region westus (RPO up to 1 h)",
                restore: "`createMode: PointInTimeRestore` / `GeoRestore`",
            },
        },
        cache: {
            header: "Azure Cache for Redis",
            cells: {
                version: "**6** — Azure Cache for Redis stops at 6; Redis 7 is only in Azure Managed Redis, a different service",
                "tls-auth": "non-TLS port off, TLS 1.2, access key stored in Key Vault",
                failover: "Premium P1 with a replica, zones",
                snapshots: "RDB backup hourly to a locked-down storage account",
            },
        },
        "load-balancer": {
            header: "Azure Application Gateway v2",
            cells: {
                certificate: "Key Vault certificate `tls-<domain-with-dashes>` — **create it in the vault before the first `pulumi up`**: no ARM resource issues one",
                tls: "`AppGwSslPolicy20220101`",
                "http-redirect": "redirect configuration `Permanent`",
                "health-check": "probes on the health path every 30 s, unhealthy 3",
                waf: "WAF_v2 + OWASP 3.2 and Bot Manager policy in Prevention mode, rate limit",
                "deletion-protection": "CanNotDelete lock",
            },
        },
        "waf-rule-sets": {
            header: "Azure WAF policy (Prevention)",
            cells: {
                "owasp-core": "`OWASP` 3.2",
                "sql-injection": "`OWASP` 3.2 (942xxx)",
                "known-exploits": "`OWASP` 3.2 (Log4j rules 944240 et seq.)",
                "ip-reputation": "`Microsoft_BotManagerRuleSet` 1.0",
                "rate-limit": "`RateLimitRule` custom rule, 1200 / min per client address",
            },
        },
        "waf-logs": {
            cells: {
                "request-log": "`ApplicationGatewayFirewallLog` via the gateway's diagnostic setting into the `AGWFirewallLogs` table (audit retention)",
                "sensitive-headers": "WAF log scrubbing (`RequestHeaderNames` equals each of the three)",
                "access-logs": "gateway diagnostic setting (`allLogs`)",
            },
        },
        "audit-logs": {
            cells: {
                destination: "resource-specific Log Analytics tables: `AGWFirewallLogs`, `AKSAudit`, `AKSAuditAdmin`, `StorageBlobLogs`, `NTANetAnalytics` (flow traffic analytics); raw VNet flow logs in their storage account",
                retention: "`totalRetentionInDays` = `audit.logRetentionDays`, of which 90 days interactive, the rest archived",
                "customer-managed-key": "**not possible without a dedicated cluster**: Log Analytics takes a customer-managed key only on a dedicated cluster (100 GB/day commitment tier). The workspace is encrypted at rest with Microsoft-managed keys; a team that needs CMK links the workspace to a dedicated cluster",
                "object-access-logs": "the blob service's diagnostic setting (`allLogs`: StorageRead/Write/Delete) into `StorageBlobLogs`",
                "flow-logs": "VNet flow log on the platform VNet (all flows, JSON v2; NSG flow logs are being retired) under the region's `NetworkWatcher_<region>` in `NetworkWatcherRG`, which Azure creates with the first VNet of a region (a subscription that opted out creates it once: `az network watcher configure -g NetworkWatcherRG -l <region> --enabled`; only one watcher per region is allowed, so the program does not create its own). Records go to a dedicated hardened storage account (no shared keys: the flow log writes as its own user-assigned identity with Storage Blob Data Contributor on that account; private endpoint; trusted-services bypass; versioning; protected in production), `retentionPolicy.days` = `audit.logRetentionDays` (Azure allows 1–365: a longer audit retention keeps them forever, `0`). Traffic analytics (every 10 min) into the platform workspace's `NTANetAnalytics` table, audit retention",
            },
        },
        "default-network-access": {
            cells: {
                "default-rules": "no equivalent: NSG default rules cannot be removed; every platform subnet gets an NSG whose rules come first",
            },
        },
        "cache-auth-rotation": {
            header: "Azure Cache for Redis",
            cells: {
                how: "access keys, switched by config: `az redis regenerate-keys --key-type Secondary`, set `cache.keySlot: secondary` and `pulumi up` (the Key Vault secret gets the secondary key as a new version; the program reads both keys with `listRedisKeys` on every run), redeploy services, then `az redis regenerate-keys --key-type Primary`; the next rotation switches back to `primary`. Regenerating the key the secret carries without switching first breaks services until the next `pulumi up`. Microsoft Entra ID authentication (`redisConfiguration.aad-enabled`) would remove the key; the platform keeps key auth so every cloud hands services the same secret binding",
            },
        },
        "kubernetes-runtime": {
            header: "Azure (AKS)",
            cells: {
                waf: "the managed runtime's Application Gateway (WAF_v2 + the same WAF policy) in front of an internal app-routing nginx",
                "entry-point": "the Application Gateway's public IP (80 answered with 301, 443 with the Key Vault certificate); app routing's default public controller is off (`defaultIngressControllerType: None`)",
                "gateway-to-cluster": "HTTPS to an `NginxIngressController` on an internal load balancer (`azure-load-balancer-internal`, fixed `azure-load-balancer-ipv4`: the node subnet's last usable address), Host/SNI = the domain; the node subnet's NSG admits only the gateway subnet on 443 to that address",
                "node-disk-encryption": "`enableEncryptionAtHost` on the node pool (OS, temp and cache disks; needs the subscription feature `Microsoft.Compute/EncryptionAtHost`)",
            },
        },
        compute: {
            header: "Azure Container Apps",
            cells: {
                private: "internal environment, only the gateway subnet may reach it",
                scaling: "HTTP, CPU 70 % and memory 80 % rules; scale-in cooldown 600 (no scale-out cooldown setting)",
                logs: "Log Analytics (workspace minimum is 30 days; 14 days is set on the Container Apps tables)",
                secrets: "Key Vault references through the app's identity",
                identity: "one user-assigned identity per service: two secrets, the container",
            },
        },
        monitoring: {
            cells: {
                "5xx": "log alert on `AGWAccessLogs` (AKS: ingress-nginx log in `ContainerLogV2`)",
                latency: "percentile of `TimeTaken` / nginx `$request_time` in the same logs",
                "no-healthy-target": "gateway `HealthyHostCount` per pool (AKS: `KubePodInventory`)",
                "crash-loop": "Container Apps `RestartCount` over 15 min (AKS: `ContainerRestartCount`)",
                database: "flexible server metrics incl. `connections_failed`",
                cache: "`usedmemorypercentage`, `evictedkeys`, `percentProcessorTime`",
            },
        },
        "rule-catalogue": {
            header: "Azure (`providers/azure`)",
            cells: {
                names: "every named type per \"Naming rules and restrictions\" (storage account 3–24, Key Vault 3–24, Container App 32, ...); tag limits",
                combinations: "archive tier × redundancy, lifecycle order, storage diagnostic metric categories, blob soft-delete ranges, HA × compute tier and zones, PostgreSQL storage sizes and SKU, Redis SKU × persistence/replicas/zones, Key Vault retention, NSG priorities, Container Apps CPU × memory, AKS pod/service/VNet CIDRs, WAF request limits, Log Analytics retention, metric alert frequency/severity",
                companions: "flexible server: delegated subnet and private DNS zone **linked to the VNet before the server**; server parameters applied one at a time; private endpoint group ↔ privatelink zone; data collection rule ↔ association; Container App ↔ environment",
                quotas: "50 tags, 5 diagnostic settings per resource, 20 federated credentials per identity, 1000 NSG rules",
                windows: "PostgreSQL maintenance day/hour/minute, AKS planned maintenance 4–24 h",
            },
        },
        "dr-copies": {
            cells: {
                database: "`backup.geoRedundantBackup: Enabled`: backups are copied to the paired region (geo-restore)",
                objects: "the account is **RA-GZRS**: zone-redundant here, geo-replicated (readable) in the paired region; `exports/` move to the cold tier because GZRS has no archive tier",
                "database-rpo": "**up to 1 h** (Azure's geo-backup replication lag)",
                "object-rpo": "typically < 15 min (GZRS asynchronous replication)",
            },
        },
        "dr-failover": {
            cells: {
                config: "`pulumi config set --path platform:database.restore <time>`: `GeoRestore` of the primary's server from its geo-backup",
                "primary-down": "same",
                objects: "initiate the account failover (`az storage account failover --name <account>`): the primary's account becomes writable in westus; point the services at it, or copy into the recovery account with `azcopy`",
                dns: "same",
            },
        },
        "replacement-sources": {
            header: "Azure (azure-native)",
            cells: {
                source: "ARM resource-id path parameters (resource group, name, parent names) and `\"x-ms-mutability\": [\"create\", \"read\"]` in the REST specs (`location` on every tracked resource)",
            },
        },
    },
    phrases: {
        credentials: "Azure: `az login` or OIDC",
        "database-token": "Azure: an Entra token for `https://ossrdbms-aad.database.windows.net`",
        "trust-subjects": "Azure federated credentials with those subjects",
        kubeconfig: "`az aks get-credentials`",
        "object-store-services": "a StorageV2 account",
        "object-store-public-access": "`allowBlobPublicAccess: false`",
        "object-store-tls": "`enableHttpsTrafficOnly` + TLS 1.2",
        "object-store-cross-region": "on Azure the account is RA-GZRS, geo-replicated to the paired region (westus), so `exports/` go to the cold tier there",
        "image-digest-workloads": "Container Apps",
        dashboard: "Azure portal dashboard",
        budget: "Azure consumption budget on the resource group",
        "alert-destination-policies": "`*-require-alert-actions`",
        "alert-destinations": "Azure metric alerts call the action group (email receiver with `monitoring.alertEmail`)",
        "alert-subscription-point": "action group",
        "route-limit-source": "Application Gateway v2: 100 backend pools / HTTP settings / probes / path rules",
        "application-secrets": "Azure — a Key Vault secret `<service>-env-<name>` with `Key Vault Secrets User` for the service's identity alone (Container Apps `keyVaultUrl` secret + `secretRef`)",
        "secret-rollout-runtimes": "Container Apps",
        "job-definitions": "Azure: a manual Container Apps job in the internal environment",
        "job-run-commands": "- Azure: `az containerapp job start`, then polling `az containerapp job execution show` until\n  the status is `Succeeded`;",
        "dr-copies": "on Azure geo-redundant backups and an RA-GZRS account, both in the paired region (eastus → westus)",
        "dr-rpo": "Azure: up to 1 h",
        "bake-alert-queries": "Azure Alerts Management through `az rest` (`monitorCondition=Fired&severity=Sev0`)",
        "cache-auth-rotation": "Azure: the cache has two keys and `cache.keySlot` says which one the Key Vault secret carries: `az redis regenerate-keys --key-type Secondary`, `pulumi config set --path platform:cache.keySlot secondary`, `pulumi up` (a new secret version; services pick it up on their next deployment), then `az redis regenerate-keys --key-type Primary`; the next rotation goes the other way.",
        "runbook-severities": "Azure: severity 0 / 2 and two action groups (`<app>-<env>-alerts`, `<app>-<env>-alerts-warning`)",
        "runbook-dashboards": "the Azure portal dashboard id",
        "runbook-http-5xx-rate": "- Azure: a log alert over the Application Gateway access log (`AGWAccessLogs`), or under AKS\n  over the app-routing ingress-nginx access log in `ContainerLogV2`.",
        "runbook-no-healthy-targets": "- Azure: Application Gateway `HealthyHostCount` per backend pool below 1; AKS: no running pod\n  behind a routed Service (`KubePodInventory`).",
        "runbook-crash-loop-clusters": "AKS",
        "runbook-crash-loop-cluster-metrics": "AKS `KubePodInventory.ContainerRestartCount`",
        "runbook-crash-loop-managed": "Container Apps: `RestartCount` (over 15 minutes, the nearest metric-alert window)",
        "runbook-db-connection-failures": "Azure: `connections_failed`",
        "runbook-budget": "Azure consumption budget",
    },
    notes: {
        "object-store-notes": [
            `**Azure production** keeps the object store on **RA-GZRS** (zone-redundant in the
region, geo-replicated with read access to the paired region, for zone failure and for the
disaster-recovery copy), and Azure has no archive tier on ZRS, GZRS or RA-GZRS accounts
(\`FeatureNotSupportedForAccount\`): there \`exports/\` moves to the **cold** tier after 30 days
(online, 90-day minimum retention) instead of archive. Staging's LRS account archives as specified.
Going from the previous Standard_ZRS to Standard_RAGZRS only adds geo-replication and read access:
azure-native updates \`sku\` in place (no replacement), and Azure applies it as a setting change;
only adding or removing zone redundancy would need Azure's conversion. The Redis backup account
stays ZRS. Azure storage account names are derived deterministically (app, environment,
location, subscription) to satisfy the 3–24 lowercase-alphanumeric, globally unique rule.`,
        ],
        "not-covered": [
            `- **Why not AGIC or Application Gateway for Containers on AKS.** The AGIC add-on is not
  supported with Azure CNI Overlay (the platform's network plugin; AKS rejects the combination,
  Azure/AKS-Construction#653), and AGIC takes ownership of the gateway's whole configuration,
  which would fight the program's own. Application Gateway for Containers needs the ALB
  controller installed with its own identity and a separate WAF policy association; the
  internal-nginx design reuses the gateway, WAF policy, logs and lock the managed runtime
  already has. The pack's \`kubernetes-ingress-require-waf\` checks the real chain: the Ingress's
  class is served by an internal \`NginxIngressController\`, and a WAF_v2 gateway with a WAF
  policy has a routing rule to a backend pool holding that controller's address.`,
            `- **Another ingress class on AKS** (\`kubernetes.ingressClass\`, or an existing cluster): the
  platform cannot put its gateway in front, so production fails \`kubernetes-ingress-require-waf\`
  until that controller has a WAF of its own.`,
        ],
        "rule-exceptions": [
            `- **Archive on a geo-zone-redundant account (Azure production)**: not offered; \`exports/\` goes to
  the cold tier (above).`,
            `- **One Azure zone with database HA**: zone-redundant HA needs two zones; with \`network.zones: 1\`
  the server uses SameZone HA.`,
            "- **Azure Redis nodes**: Premium has at most 3 replicas, so `cache.nodes` is at most 4 on Azure.",
        ],
    },
} as const satisfies CloudDocs;
