import type { CloudDocs } from "../../tools/docs/cloud-docs";

/**
 * What the docs (README.md and docs/: the mapping, disaster recovery, reviewing, the runbook) say
 * of GCP: its column or row of every per-cloud table, its part of every sentence that
 * lists the clouds, and its own caveats, by the region ids of tools/docs/cloud-regions.ts: facts
 * as they are, not prose to restyle. `npm run docs:clouds` writes them into the marked regions;
 * tests/cloud-docs.spec.ts fails while a file is stale or a cell another cloud states is missing.
 */
export const cloudDocs = {
    tables: {
        "database-identity": {
            cells: {
                login: "the service account's email without `.gserviceaccount.com`",
                setup: "the `cloudsql.iam_authentication` flag; a `CLOUD_IAM_SERVICE_ACCOUNT` Cloud SQL user per account; `roles/cloudsql.instanceUser` and `roles/cloudsql.client`",
            },
        },
        runtimes: {
            cells: {
                managed: "Cloud Run v2 behind a global external ALB",
                kubernetes: "GKE Autopilot (private nodes, DNS endpoint, Workload Identity, KMS secrets encryption; nodes may read exactly the Artifact Registry repositories the service images name, which needs `setIamPolicy` on those repositories for the deploying identity), GKE Ingress with a managed certificate, FrontendConfig (TLS 1.2, 301) and BackendConfig (health check, Cloud Armor)",
            },
        },
        "minimum-roles": {
            cells: {
                preview: "`roles/viewer` and `roles/iam.securityReviewer` on the project, `roles/secretmanager.secretAccessor` on the stack's secrets; kubernetes runtime: `roles/container.viewer`",
                deploy: "`roles/compute.admin`, `roles/run.admin` or `roles/container.admin` (runtime), `roles/cloudsql.admin`, `roles/redis.admin`, `roles/storage.admin`, `roles/secretmanager.admin`, `roles/cloudkms.admin`, `roles/iam.serviceAccountAdmin`, `roles/iam.serviceAccountUser`, `roles/resourcemanager.projectIamAdmin`, `roles/servicenetworking.networksAdmin`, `roles/logging.configWriter`, `roles/monitoring.editor`; `setIamPolicy` on the Artifact Registry repositories the images name (kubernetes runtime)",
            },
        },
        network: {
            cells: {
                shape: "custom-mode VPC, one regional private subnet (GCP subnets span zones), private service access for Cloud SQL / Memorystore, Cloud Router + Cloud NAT",
                "data-tier": "egress firewall rules: only traffic tagged as compute may reach 5432 / 6378 (Cloud Run direct VPC egress and GKE Autopilot nodes, via `nodePoolAutoConfig.networkTags`, carry the tag)",
            },
        },
        database: {
            header: "GCP Cloud SQL",
            cells: {
                tls: "`settings.ipConfiguration.sslMode = ENCRYPTED_ONLY`",
                private: "`ipv4Enabled: false`, private IP via PSA",
                ha: "`availabilityType: REGIONAL`",
                backups: "`retainedBackups` 30 / 7, start 03:00, PITR + transaction logs",
                maintenance: "day 7 hour 4",
                "deletion-protection": "`deletionProtection` + `settings.deletionProtectionEnabled`, final backup",
                "admin-password": "generated, stored in Secret Manager",
                "services-login": "`cloudsql.iam_authentication` flag, a `CLOUD_IAM_SERVICE_ACCOUNT` user per service account, `roles/cloudsql.instanceUser` + `roles/cloudsql.client`",
                extensions: "`cloudsql.enable_*` flags where needed",
                "cross-region-copy": "`backupConfiguration.location` us-east1 (daily backups; RPO up to a day)",
                restore: "`clone` / `restoreBackupContext`",
            },
        },
        cache: {
            header: "GCP Memorystore",
            cells: {
                version: "Redis 7.2",
                "tls-auth": "`SERVER_AUTHENTICATION`, AUTH string copied to Secret Manager",
                failover: "`STANDARD_HA`",
                snapshots: "daily RDB persistence; Memorystore has no retention setting",
            },
        },
        "load-balancer": {
            header: "GCP global external ALB",
            cells: {
                certificate: "Google-managed certificate",
                tls: "SSL policy `TLS_1_2`, MODERN",
                "http-redirect": "URL map `MOVED_PERMANENTLY_DEFAULT`",
                "health-check": "serverless NEGs take no health checks: the tier's check becomes the Cloud Run liveness probe",
                waf: "Cloud Armor (OWASP rules, `cve-canary`, rate limit, adaptive protection)",
                "deletion-protection": "`deletionPolicy: PREVENT` on the address and forwarding rule",
            },
        },
        "waf-rule-sets": {
            header: "GCP Cloud Armor (preconfigured rules, `deny(403)`)",
            cells: {
                "owasp-core": "`xss-`, `lfi-`, `rfi-`, `rce-`, `methodenforcement-`, `protocolattack-`, `scannerdetection-`, `sessionfixation-v33-stable`",
                "sql-injection": "`sqli-v33-stable`",
                "known-exploits": "`cve-canary`",
                "ip-reputation": "adaptive protection (layer-7 DDoS); Google's threat-intelligence lists need Cloud Armor Enterprise, not used",
                "rate-limit": "`throttle`, 1200 / min per IP, then `deny(429)`",
            },
        },
        "waf-logs": {
            cells: {
                "request-log": "the load balancer's request log (`logConfig.enable`, sample rate 1) carries Cloud Armor's verdict; the audit sink copies it to the audit bucket",
                "sensitive-headers": "Cloud Armor's log entries carry no request headers (only URL, user agent, referer, remote IP): nothing to redact",
                "access-logs": "backend `logConfig`",
            },
        },
        "audit-logs": {
            cells: {
                destination: "one regional log bucket `<app>-<env>-audit` filled by the `audit` sink: VPC flow and firewall logs, Cloud Audit Logs (admin activity, data access, GKE's Kubernetes audit log), load balancer / Cloud Armor request logs",
                retention: "`retentionDays` = `audit.logRetentionDays`; admin activity also stays in `_Required` (400 days, Google's)",
                "customer-managed-key": "the audit bucket's `cmekSettings`: its own Cloud KMS key (90-day rotation) that only the project's Cloud Logging service account may use. Per-service application buckets and `_Default` stay Google-encrypted, like the GCP data stores (the pack's `requireCustomerManagedKeys` switches CMK on for those)",
                "object-access-logs": "Cloud Storage Data Access audit logs (`DATA_READ`, `DATA_WRITE`) for the project, routed to the audit bucket. Google recommends them over usage logs, which the platform does not enable. The `IAMAuditConfig` is project-wide for `storage.googleapis.com` and authoritative for that service",
                "flow-logs": "subnet flow logs (5 s, 50 % sampling, all metadata)",
            },
        },
        "default-network-access": {
            cells: {
                "default-rules": "no equivalent: a custom-mode VPC has only the implied rules (deny all ingress, allow egress); the platform adds its own firewall rules",
            },
        },
        "cache-auth-rotation": {
            header: "GCP Memorystore",
            cells: {
                how: "the AUTH string is generated by Memorystore and cannot be set; rotating it means disabling and re-enabling AUTH (`authEnabled`), which drops connections. IAM authentication exists only in Memorystore for Redis Cluster, a different service. Documented, not automated",
            },
        },
        "kubernetes-runtime": {
            header: "GCP (GKE)",
            cells: {
                waf: "BackendConfig `securityPolicy` (Cloud Armor)",
                "entry-point": "the external Application Load Balancer",
                "gateway-to-cluster": "—",
                "node-disk-encryption": "Google-encrypted boot disks",
            },
        },
        compute: {
            header: "GCP Cloud Run v2",
            cells: {
                private: "ingress `INTERNAL_LOAD_BALANCER`, direct VPC egress",
                scaling: "min/max instances only: Cloud Run has no CPU/memory targets or cooldowns",
                logs: "per-service log bucket and sink, 30 / 14 days",
                secrets: "Secret Manager `secretKeyRef`",
                identity: "one service account per service: two secrets, the bucket, Cloud SQL client",
            },
        },
        monitoring: {
            cells: {
                "5xx": "ratio condition on `https/request_count`",
                latency: "`https/total_latencies` p95",
                "no-healthy-target": "Cloud Run `instance_count` (GKE: absent `container/uptime`)",
                "crash-loop": "log-based counter of exits (GKE: `restart_count`)",
                database: "Cloud SQL metrics; refused = log-based counter on `postgres.log`",
                cache: "`memory/usage_ratio`, `evicted_keys`, `cpu_utilization`",
            },
        },
        "rule-catalogue": {
            header: "GCP (`providers/gcp`)",
            cells: {
                names: "RFC 1035 compute names (63), Cloud SQL, Memorystore (40), Cloud Run (49), service account (6–30), bucket, secret, KMS, GKE (40), log bucket/sink; labels (64, lowercase)",
                combinations: "Cloud SQL custom tier (vCPU × memory), backup/log retention, Memorystore tier × read replicas × size, Cloud Run CPU × memory and probes, SSL policy profile, Cloud Armor priorities, IAM role/member shape, lifecycle order, subnet/secondary ranges, PSA range size",
                companions: "Cloud SQL / Memorystore after private service access, the firewall path from Cloud Run and GKE nodes (network tags) to the data tier, load-balancer chain and scheme, serverless NEG ↔ Cloud Run, NAT ↔ router, log sink ↔ bucket, SQL database/user ↔ instance",
                quotas: "64 labels, 6 conditions per alert policy, 100 lifecycle rules, 30 secondary ranges, 50 authorized networks, 15 certificates per proxy",
                windows: "GKE ≥ 48 h maintenance availability per 32 days (windows ≥ 4 h)",
            },
        },
        "dr-copies": {
            cells: {
                database: "`settings.backupConfiguration.location = us-east1`: the daily backups are stored in the DR region",
                objects: "Storage Transfer Service cross-bucket replication to `<app>-<env>-<project>-objects-use1` (same hardening and lifecycle), run by the project's transfer service agent with `roles/storage.admin` on exactly the two buckets",
                "database-rpo": "**the last daily backup (up to 24 h)** — a cross-region read replica would be needed for 15 min; not built yet",
                "object-rpo": "minutes (event-driven replication)",
            },
        },
        "dr-failover": {
            cells: {
                config: "`pulumi config set --path platform:database.restore <backup run id>` (a backup stored in us-east1: `gcloud sql backups list --instance acme-prod-postgres`)",
                "primary-down": "same",
                objects: "copy `…-objects-use1` into the recovery bucket (`gcloud storage rsync -r`, or a Storage Transfer job)",
                dns: "same",
            },
        },
        "replacement-sources": {
            header: "GCP (bridged from terraform-provider-google)",
            cells: {
                source: "`immutable: true` in magic-modules `mmv1/products/<product>/<Resource>.yaml`, `ForceNew` in the handwritten resources",
            },
        },
    },
    phrases: {
        credentials: "GCP: `gcloud auth application-default login` or workload identity federation",
        "database-token": "GCP: an OAuth access token, or the Cloud SQL connectors' IAM login",
        "trust-subjects": "GCP workload identity provider attribute condition plus `roles/iam.workloadIdentityUser` for that subject",
        kubeconfig: "`gcloud container clusters get-credentials`",
        "object-store-services": "GCS",
        "object-store-public-access": "`publicAccessPrevention: enforced`",
        "object-store-tls": "GCS is HTTPS-only",
        "object-store-cross-region": "a GCS replica bucket in us-east1 fed by Storage Transfer cross-bucket replication (the primary bucket cannot become dual-region in place)",
        "image-digest-workloads": "Cloud Run",
        dashboard: "Cloud Monitoring dashboard",
        budget: "GCP billing budget on the project",
        "alert-destination-policies": "`*-require-notification-channels`",
        "alert-destinations": "GCP alert policies notify a Pub/Sub topic channel (the monitoring notification agent may publish to it) plus the email channel",
        "alert-subscription-point": "Pub/Sub topic",
        "route-limit-source": "a GCP URL map is bounded by size (1 MB), not a rule count",
        "application-secrets": "GCP — a Secret Manager secret `<app>-<env>-<service>-env-<name>` with `secretAccessor` for the service's account alone (Cloud Run `valueSource.secretKeyRef`, version `latest`)",
        "secret-rollout-runtimes": "Cloud Run",
        "job-definitions": "GCP: a Cloud Run job, one task, no retries",
        "job-run-commands": "- GCP: `gcloud run jobs execute <job> --project … --region … --wait`;",
        "dr-copies": "on GCP the Cloud SQL backups (`backupConfiguration.location`) and a replica bucket (Storage Transfer cross-bucket replication)",
        "dr-rpo": "GCP: the last daily backup",
        "bake-alert-queries": "GCP Cloud Monitoring's Alerts API (`v3/projects/<p>/alerts?filter=state=\"OPEN\"`, policies of severity `CRITICAL`)",
        "cache-auth-rotation": "GCP Memorystore generates its AUTH string and cannot rotate it without disabling AUTH (documented, not automated).",
        "runbook-severities": "GCP: alert policy severity CRITICAL / WARNING and one e-mail channel per address and severity",
        "runbook-dashboards": "the Cloud Monitoring dashboard id",
        "runbook-http-5xx-rate": "- GCP: a ratio condition on the load balancer's `request_count` (`response_code_class = 500`\n  over all). Under GKE the URL map of the Ingress.",
        "runbook-no-healthy-targets": "- GCP Cloud Run: `container/instance_count` of a routed service below 1. GKE: no\n  `container/uptime` series from a routed container for 5 minutes.",
        "runbook-crash-loop-clusters": "GKE",
        "runbook-crash-loop-cluster-metrics": "GKE `container/restart_count`",
        "runbook-crash-loop-managed": "Cloud Run: instances that exited or ran out of memory (a log-based counter on the system log)",
        "runbook-db-connection-failures": "GCP: the same on `cloudsql.googleapis.com/postgres.log` (log-based metric)",
        "runbook-budget": "GCP billing budget",
    },
    notes: {
        "network-notes": [
            "GCP has no public subnet: the global external load balancer runs outside the VPC.",
        ],
        "rule-exceptions": [
            `- **GKE maintenance**: the platform's one-hour Sunday slot cannot be GKE's window (48 h per 32
  days); GKE gets Saturdays and Sundays 04:00–12:00 UTC.`,
        ],
    },
} as const satisfies CloudDocs;
