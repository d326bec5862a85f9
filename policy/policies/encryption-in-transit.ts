import type { PolicyResource } from "@pulumi/policy";
import { configures, get, phrase, PlatformPolicy, read, resourcePolicy, stackPolicy } from "./support";
import { T } from "./types";

/** Encryption in transit: databases and caches require TLS, object stores are TLS-only, load balancers HTTPS-only. */

/** Does `subject` use `dep` (it depends on it, or names it through `key`)? */
function uses(subject: PolicyResource, dep: PolicyResource, key: string, depKeys: string[]): boolean {
    if (subject.dependencies.some((d) => d.urn === dep.urn)) return true;
    const ref = read(subject.props, key);
    if (typeof ref !== "string" || !ref) return false;
    return depKeys.some((k) => {
        const v = read(dep.props, k);
        return typeof v === "string" && v.length > 0 && (ref === v || ref.endsWith(`/${v}`));
    });
}

/** The parameter that forces TLS for an RDS engine, and the value that means "on". */
function tlsParameter(engine: unknown): { name: string; on: string[] } {
    const e = String(engine ?? "").toLowerCase();
    if (e.includes("mysql") || e.includes("mariadb")) return { name: "require_secure_transport", on: ["1", "ON", "on"] };
    return { name: "rds.force_ssl", on: ["1"] };
}

export const awsRdsRequireForceSsl = stackPolicy({
    name: "aws-rds-require-force-ssl",
    description:
        "RDS instances and Aurora clusters must use an explicit parameter group that forces TLS (rds.force_ssl = 1 for PostgreSQL, require_secure_transport = 1 for MySQL). A stack policy linking each database to its parameter group.",
    area: "encryption-in-transit",
    severity: "high",
    types: [T.aws.rdsInstance, T.aws.rdsCluster],
    remediation: "create an aws.rds.ParameterGroup with parameters [{ name: \"rds.force_ssl\", value: \"1\" }] and set parameterGroupName",
    validate(ctx) {
        const targets: Array<{ subject: PolicyResource; groupType: string; key: string }> = [
            ...ctx.ofType(T.aws.rdsInstance).map((subject) => ({ subject, groupType: T.aws.rdsParameterGroup, key: "parameterGroupName" })),
            ...ctx.ofType(T.aws.rdsCluster).map((subject) => ({ subject, groupType: T.aws.rdsClusterParameterGroup, key: "dbClusterParameterGroupName" })),
        ];
        for (const { subject, groupType, key } of targets) {
            // Aurora instances inherit TLS settings from the cluster's parameter group.
            if (subject.type === T.aws.rdsInstance && read(subject.props, "clusterIdentifier")) continue;
            const { name: param, on } = tlsParameter(read(subject.props, "engine"));
            const groups = ctx.ofType(groupType).filter((g) => uses(subject, g, key, ["name", "id"]));
            if (groups.length === 0) {
                ctx.report(subject, {
                    problem: "no explicit parameter group forcing TLS",
                    found: read(subject.props, key) ?? phrase("the engine's default parameter group"),
                    fix: `create a ${groupType.split(":").pop()} with parameters [{ name: "${param}", value: "1" }] and set ${key} to its name`,
                });
                continue;
            }
            for (const g of groups) {
                const params = (get(g.props, "parameters") as Array<Record<string, unknown>> | undefined) ?? [];
                const p = params.find((x) => get(x, "name") === param);
                const value = p ? get(p, "value") : undefined;
                if (!on.includes(String(value))) {
                    ctx.report(subject, {
                        problem: `parameter group ${g.name} does not force TLS`,
                        found: p ? `${param}=${String(value)}` : phrase(`no ${param} parameter`),
                        fix: `set { name: "${param}", value: "1" } in ${g.name}.parameters`,
                    });
                }
            }
        }
    },
});

const CLOUD_SQL_TLS_MODES = ["ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"];

export const gcpSqlRequireSslMode = resourcePolicy({
    name: "gcp-sql-require-ssl-mode",
    description: "Cloud SQL instances must refuse unencrypted connections: settings.ipConfiguration.sslMode ENCRYPTED_ONLY or TRUSTED_CLIENT_CERTIFICATE_REQUIRED.",
    area: "encryption-in-transit",
    severity: "high",
    checkov: ["CKV_GCP_6"],
    cis: ["GCP 6.4"],
    types: [T.gcp.sqlInstance],
    remediation: "set settings.ipConfiguration.sslMode: \"ENCRYPTED_ONLY\"",
    validate(ctx) {
        const mode = ctx.props.settings?.ipConfiguration?.sslMode;
        if (!CLOUD_SQL_TLS_MODES.includes(mode)) {
            ctx.report({ problem: "unencrypted connections are allowed", found: mode, fix: `set settings.ipConfiguration.sslMode to one of ${CLOUD_SQL_TLS_MODES.join(", ")}` });
        }
    },
});

export const azurePostgresqlRequireSecureTransport = stackPolicy({
    name: "azure-postgresql-require-secure-transport",
    description:
        "PostgreSQL flexible servers must pin require_secure_transport = on with a dbforpostgresql.Configuration (a stack policy linking each server to its configurations), so TLS cannot be switched off out of band.",
    area: "encryption-in-transit",
    severity: "high",
    types: [T.azure.postgresServer],
    remediation: "add a dbforpostgresql.Configuration { configurationName: \"require_secure_transport\", value: \"on\", source: \"user-override\" } for the server",
    validate(ctx) {
        const configs = ctx.ofType(T.azure.postgresConfiguration).filter((c) => String(read(c.props, "configurationName")).toLowerCase() === "require_secure_transport");
        for (const server of ctx.ofType(T.azure.postgresServer)) {
            const mine = configs.filter((c) => configures(c, server, "serverName", ["serverName", "name"]));
            if (mine.length === 0) {
                ctx.report(server, {
                    problem: "require_secure_transport is not pinned",
                    found: phrase("no require_secure_transport Configuration for this server"),
                    fix: "add a dbforpostgresql.Configuration with configurationName \"require_secure_transport\", value \"on\", source \"user-override\"",
                });
                continue;
            }
            for (const c of mine) {
                const value = get(c.props, "value");
                if (String(value).toLowerCase() !== "on") {
                    ctx.report(server, { problem: `configuration ${c.name} allows unencrypted connections`, found: `require_secure_transport=${String(value)}`, fix: `set ${c.name}.value to "on"` });
                }
            }
        }
    },
});

export const awsElasticacheRequireTransitEncryption = resourcePolicy({
    name: "aws-elasticache-require-transit-encryption",
    description: "ElastiCache replication groups must require TLS: transitEncryptionEnabled true and transitEncryptionMode \"required\" (not \"preferred\").",
    area: "encryption-in-transit",
    severity: "high",
    checkov: ["CKV_AWS_30"],
    types: [T.aws.elasticacheReplicationGroup],
    remediation: "set transitEncryptionEnabled: true and transitEncryptionMode: \"required\"",
    validate(ctx) {
        const enabled = ctx.props.transitEncryptionEnabled;
        if (enabled !== true && enabled !== "true") {
            ctx.report({ problem: "encryption in transit is not enabled", found: enabled, fix: "set transitEncryptionEnabled: true" });
        } else {
            const mode = ctx.props.transitEncryptionMode;
            if (mode !== undefined && mode !== "required") ctx.report({ problem: "plaintext connections are still accepted", found: mode, fix: "set transitEncryptionMode: \"required\"" });
        }
    },
});

export const awsElasticacheRequireAuth = resourcePolicy({
    name: "aws-elasticache-require-auth",
    description: "ElastiCache replication groups must require authentication: an AUTH token or RBAC user groups.",
    area: "encryption-in-transit",
    severity: "high",
    checkov: ["CKV_AWS_31"],
    types: [T.aws.elasticacheReplicationGroup],
    remediation: "set authToken (generated, secret) or userGroupIds",
    validate(ctx) {
        const token = ctx.props.authToken;
        const groups = ctx.props.userGroupIds;
        if (!token && !(Array.isArray(groups) && groups.length > 0)) {
            ctx.report({ problem: "clients can connect without authenticating", found: phrase("no authToken and no userGroupIds"), fix: "set authToken to a generated secret (or userGroupIds)" });
        }
    },
});

export const gcpRedisRequireTransitEncryption = resourcePolicy({
    name: "gcp-redis-require-transit-encryption",
    description: "Memorystore instances must require TLS (transitEncryptionMode SERVER_AUTHENTICATION) and AUTH (authEnabled).",
    area: "encryption-in-transit",
    severity: "high",
    types: [T.gcp.redisInstance],
    remediation: "set transitEncryptionMode: \"SERVER_AUTHENTICATION\" (replaces the instance) and authEnabled: true",
    validate(ctx) {
        const mode = ctx.props.transitEncryptionMode;
        if (mode !== "SERVER_AUTHENTICATION") {
            ctx.report({ problem: "in-transit encryption is disabled", found: mode, fix: "set transitEncryptionMode: \"SERVER_AUTHENTICATION\" (replaces the instance)" });
        }
        const auth = ctx.props.authEnabled;
        if (auth !== true) ctx.report({ problem: "AUTH is disabled", found: auth, fix: "set authEnabled: true" });
    },
});

export const azureRedisRequireTls = resourcePolicy({
    name: "azure-redis-require-tls",
    description: "Azure Cache for Redis must disable the non-TLS port and require TLS 1.2.",
    area: "encryption-in-transit",
    severity: "high",
    checkov: ["CKV_AZURE_91"],
    types: [T.azure.redis],
    remediation: "set enableNonSslPort: false and minimumTlsVersion: \"1.2\"",
    validate(ctx) {
        const nonSsl = ctx.props.enableNonSslPort;
        if (nonSsl === true) ctx.report({ problem: "the non-TLS port 6379 is enabled", found: nonSsl, fix: "set enableNonSslPort: false" });
        const tls = ctx.props.minimumTlsVersion;
        if (tls !== "1.2" && tls !== "1.3") ctx.report({ problem: "TLS versions below 1.2 are accepted", found: tls, fix: "set minimumTlsVersion: \"1.2\"" });
    },
});

function policyDocument(raw: unknown): { Statement?: unknown } | undefined {
    if (typeof raw === "string") {
        try {
            return JSON.parse(raw);
        } catch {
            return undefined;
        }
    }
    return raw && typeof raw === "object" ? (raw as { Statement?: unknown }) : undefined;
}

function asArray<T>(v: T | T[] | undefined): T[] {
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Does the policy document deny every S3 action on non-TLS requests? */
export function deniesInsecureTransport(raw: unknown): boolean {
    const doc = policyDocument(raw);
    return asArray(doc?.Statement as Record<string, any>[] | undefined).some((s) => {
        if (!s || s.Effect !== "Deny") return false;
        const actions = asArray<string>(s.Action);
        if (!actions.some((a) => a === "s3:*" || a === "*")) return false;
        const principal = s.Principal;
        if (!(principal === "*" || (principal && asArray(principal.AWS).includes("*")))) return false;
        const v = s.Condition?.Bool?.["aws:SecureTransport"];
        return v === false || String(v).toLowerCase() === "false";
    });
}

export const awsS3RequireTlsOnlyPolicy = stackPolicy({
    name: "aws-s3-require-tls-only-policy",
    description: "Every S3 bucket must have a bucket policy denying s3:* to any principal when aws:SecureTransport is false.",
    area: "encryption-in-transit",
    severity: "high",
    types: [T.aws.s3Bucket, T.aws.s3BucketV2],
    remediation: "add a BucketPolicy statement { Effect: Deny, Principal: \"*\", Action: \"s3:*\", Condition: { Bool: { \"aws:SecureTransport\": \"false\" } } }",
    validate(ctx) {
        const policies = ctx.ofType(T.aws.s3BucketPolicy);
        for (const bucket of ctx.ofType(T.aws.s3Bucket, T.aws.s3BucketV2)) {
            const mine = policies.filter((p) => configures(p, bucket, "bucket", ["bucket", "id"]));
            if (!mine.some((p) => deniesInsecureTransport(get(p.props, "policy")))) {
                ctx.report(bucket, {
                    problem: "requests over plain HTTP are not denied",
                    found: mine.length ? phrase(`bucket policy ${mine.map((p) => p.name).join(", ")} without a SecureTransport deny`) : phrase("no bucket policy"),
                    fix: "add a BucketPolicy statement denying s3:* to Principal \"*\" when aws:SecureTransport is \"false\"",
                });
            }
        }
    },
});

export const azureStorageRequireHttps = resourcePolicy({
    name: "azure-storage-require-https",
    description: "Storage accounts must accept HTTPS only (enableHttpsTrafficOnly) with TLS 1.2 or later.",
    area: "encryption-in-transit",
    severity: "high",
    checkov: ["CKV_AZURE_3", "CKV_AZURE_44"],
    cis: ["Azure 3.1"],
    types: [T.azure.storageAccount],
    remediation: "set enableHttpsTrafficOnly: true and minimumTlsVersion: \"TLS1_2\"",
    validate(ctx) {
        const https = ctx.props.enableHttpsTrafficOnly;
        if (https !== true) ctx.report({ problem: "plain HTTP requests are accepted", found: https, fix: "set enableHttpsTrafficOnly: true" });
        const tls = ctx.props.minimumTlsVersion;
        if (tls !== "TLS1_2" && tls !== "TLS1_3") ctx.report({ problem: "TLS versions below 1.2 are accepted", found: tls, fix: "set minimumTlsVersion: \"TLS1_2\"" });
    },
});

/** ELB security policies that refuse TLS < 1.2. */
export function isModernElbPolicy(name: unknown): boolean {
    return typeof name === "string" && /^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)/.test(name);
}

export const awsLbRequireModernTls = resourcePolicy({
    name: "aws-lb-require-modern-tls",
    description: "Load balancer listeners must be HTTPS/TLS with an ELB security policy that refuses TLS below 1.2 (plain HTTP is allowed only as a redirect, see aws-lb-require-http-redirect).",
    area: "encryption-in-transit",
    severity: "high",
    checkov: ["CKV_AWS_103"],
    types: [T.aws.lbListener, T.aws.albListener],
    remediation: "use protocol \"HTTPS\" with sslPolicy \"ELBSecurityPolicy-TLS13-1-2-2021-06\"",
    validate(ctx) {
        const protocol = String(ctx.props.protocol ?? "").toUpperCase();
        if (protocol === "HTTPS" || protocol === "TLS") {
            const policy = ctx.props.sslPolicy;
            if (!isModernElbPolicy(policy)) {
                ctx.report({
                    problem: "the listener accepts TLS versions below 1.2",
                    found: policy ?? "~not set (the default ELBSecurityPolicy-2016-08 allows TLS 1.0)",
                    fix: "set sslPolicy \"ELBSecurityPolicy-TLS13-1-2-2021-06\"",
                });
            }
        } else if (protocol !== "HTTP") {
            ctx.notApplicable(`protocol ${protocol || "not set"} is not HTTP(S)/TLS`);
        }
    },
});

export const awsLbRequireHttpRedirect = resourcePolicy({
    name: "aws-lb-require-http-redirect",
    description: "Plain HTTP load balancer listeners may only redirect to HTTPS (every default action a redirect with protocol HTTPS).",
    area: "encryption-in-transit",
    severity: "high",
    checkov: ["CKV_AWS_2"],
    types: [T.aws.lbListener, T.aws.albListener],
    remediation: "make the HTTP listener's only default action { type: \"redirect\", redirect: { protocol: \"HTTPS\", port: \"443\", statusCode: \"HTTP_301\" } }",
    validate(ctx) {
        if (String(ctx.props.protocol ?? "").toUpperCase() !== "HTTP") ctx.notApplicable("not an HTTP listener");
        const actions: Array<Record<string, any>> = ctx.props.defaultActions ?? [];
        const bad = actions.filter((a) => a.type !== "redirect" || String(a.redirect?.protocol ?? "").toUpperCase() !== "HTTPS");
        if (actions.length === 0 || bad.length > 0) {
            ctx.report({
                problem: "the HTTP listener serves traffic instead of redirecting to HTTPS",
                found: actions.map((a) => (a.type === "redirect" ? `redirect to ${a.redirect?.protocol ?? "#{protocol}"}` : a.type)),
                fix: "replace its default actions with { type: \"redirect\", redirect: { protocol: \"HTTPS\", port: \"443\", statusCode: \"HTTP_301\" } }",
            });
        }
    },
});

export const gcpComputeRequireTls12SslPolicy = resourcePolicy({
    name: "gcp-compute-require-tls12-ssl-policy",
    description: "SSL policies must set minTlsVersion TLS_1_2 (or TLS_1_3) and every target HTTPS proxy must attach one (the GCP default allows TLS 1.0).",
    area: "encryption-in-transit",
    severity: "high",
    types: [T.gcp.sslPolicy, T.gcp.targetHttpsProxy],
    remediation: "create a compute.SSLPolicy { minTlsVersion: \"TLS_1_2\", profile: \"MODERN\" } and set sslPolicy on the target HTTPS proxy",
    validate(ctx) {
        if (ctx.type === T.gcp.sslPolicy) {
            const min = ctx.props.minTlsVersion;
            if (min !== "TLS_1_2" && min !== "TLS_1_3") {
                ctx.report({ problem: "TLS versions below 1.2 are accepted", found: min ?? "~not set (defaults to TLS_1_0)", fix: "set minTlsVersion: \"TLS_1_2\"" });
            }
        } else if (!ctx.props.sslPolicy) {
            ctx.report({ problem: "no SSL policy attached (the GCP default allows TLS 1.0)", found: ctx.props.sslPolicy, fix: "set sslPolicy to a compute.SSLPolicy with minTlsVersion \"TLS_1_2\"" });
        }
    },
});

export const gcpComputeRequireHttpRedirect = stackPolicy({
    name: "gcp-compute-require-http-redirect",
    description: "A target HTTP proxy may only use a URL map that redirects everything to HTTPS (defaultUrlRedirect.httpsRedirect, no backend service).",
    area: "encryption-in-transit",
    severity: "high",
    types: [T.gcp.targetHttpProxy],
    remediation: "point the HTTP proxy at a URLMap { defaultUrlRedirect: { httpsRedirect: true, redirectResponseCode: \"MOVED_PERMANENTLY_DEFAULT\" } }",
    validate(ctx) {
        const maps = ctx.ofType(T.gcp.urlMap);
        for (const proxy of ctx.ofType(T.gcp.targetHttpProxy)) {
            const mine = maps.filter((m) => uses(proxy, m, "urlMap", ["name", "id", "selfLink"]));
            if (mine.length === 0) {
                ctx.report(proxy, { problem: "the HTTP proxy's URL map is not a redirect map of this stack", found: read(proxy.props, "urlMap"), fix: "point urlMap at a URLMap whose defaultUrlRedirect.httpsRedirect is true" });
                continue;
            }
            for (const m of mine) {
                const redirect = get(m.props, "defaultUrlRedirect", "httpsRedirect");
                const service = get(m.props, "defaultService");
                const matchers = get(m.props, "pathMatchers") as unknown[] | undefined;
                if (redirect !== true || service || (Array.isArray(matchers) && matchers.length > 0)) {
                    ctx.report(proxy, {
                        problem: `URL map ${m.name} serves plain HTTP instead of redirecting`,
                        found: { httpsRedirect: redirect, defaultService: service, pathMatchers: Array.isArray(matchers) ? matchers.length : undefined },
                        fix: `give ${m.name} only defaultUrlRedirect { httpsRedirect: true, redirectResponseCode: "MOVED_PERMANENTLY_DEFAULT" }`,
                    });
                }
            }
        }
    },
});

const APPGW_MODERN_PREDEFINED = ["AppGwSslPolicy20170401S", "AppGwSslPolicy20220101", "AppGwSslPolicy20220101S"];

export const azureNetworkRequireAppGatewayTls = resourcePolicy({
    name: "azure-network-require-appgw-tls",
    description: "Application gateways must set an SSL policy refusing TLS below 1.2 (predefined AppGwSslPolicy20220101/20220101S/20170401S, or a custom policy with minProtocolVersion TLSv1_2).",
    area: "encryption-in-transit",
    severity: "high",
    types: [T.azure.applicationGateway],
    remediation: "set sslPolicy { policyType: \"Predefined\", policyName: \"AppGwSslPolicy20220101\" }",
    validate(ctx) {
        const p = ctx.props.sslPolicy;
        const type = p?.policyType;
        const ok =
            (type === "Predefined" && APPGW_MODERN_PREDEFINED.includes(p?.policyName)) ||
            ((type === "Custom" || type === "CustomV2") && (p?.minProtocolVersion === "TLSv1_2" || p?.minProtocolVersion === "TLSv1_3"));
        if (!ok) {
            ctx.report({
                problem: "the gateway accepts TLS versions below 1.2",
                found: p ? { policyType: type, policyName: p.policyName, minProtocolVersion: p.minProtocolVersion } : phrase("no sslPolicy (the service default)"),
                fix: "set sslPolicy { policyType: \"Predefined\", policyName: \"AppGwSslPolicy20220101\" }",
            });
        }
    },
});

function endsWithChild(id: unknown, collection: string, name: unknown): boolean {
    return typeof id === "string" && typeof name === "string" && id.endsWith(`/${collection}/${name}`);
}

export const azureNetworkRequireAppGatewayHttpRedirect = resourcePolicy({
    name: "azure-network-require-appgw-http-redirect",
    description: "Application gateway HTTP listeners may only be routed to a permanent redirect to an HTTPS listener (or an https:// URL), never to a backend.",
    area: "encryption-in-transit",
    severity: "high",
    types: [T.azure.applicationGateway],
    remediation: "route each Http listener with a rule whose redirectConfiguration is { redirectType: \"Permanent\", targetListener: <https listener> } and no backend pool",
    validate(ctx) {
        const listeners: Array<Record<string, any>> = ctx.props.httpListeners ?? [];
        const rules: Array<Record<string, any>> = ctx.props.requestRoutingRules ?? [];
        const redirects: Array<Record<string, any>> = ctx.props.redirectConfigurations ?? [];
        const httpsNames = listeners.filter((l) => String(l.protocol).toLowerCase() === "https").map((l) => l.name);
        for (const listener of listeners.filter((l) => String(l.protocol).toLowerCase() === "http")) {
            const routed = rules.filter((r) => endsWithChild(r.httpListener?.id, "httpListeners", listener.name));
            for (const rule of routed) {
                const redirect = redirects.find((c) => endsWithChild(rule.redirectConfiguration?.id, "redirectConfigurations", c.name));
                const toHttps =
                    redirect &&
                    redirect.redirectType === "Permanent" &&
                    (httpsNames.some((n) => endsWithChild(redirect.targetListener?.id, "httpListeners", n)) || String(redirect.targetUrl ?? "").startsWith("https://"));
                if (rule.backendAddressPool || rule.urlPathMap || !toHttps) {
                    ctx.report({
                        problem: `HTTP listener ${listener.name} serves traffic instead of redirecting to HTTPS`,
                        found: {
                            rule: rule.name,
                            backendAddressPool: rule.backendAddressPool?.id,
                            redirectType: redirect?.redirectType,
                            targetListener: redirect?.targetListener?.id,
                            targetUrl: redirect?.targetUrl,
                        },
                        fix: `route ${listener.name} only through a redirectConfiguration { redirectType: "Permanent", targetListener: <https listener>, includePath: true, includeQueryString: true }`,
                    });
                }
            }
        }
    },
});

export const azureAppDenyInsecureIngress = resourcePolicy({
    name: "azure-app-deny-insecure-ingress",
    description: "Container Apps ingress must not accept plain HTTP (configuration.ingress.allowInsecure false).",
    area: "encryption-in-transit",
    severity: "high",
    types: [T.azure.containerApp],
    remediation: "set configuration.ingress.allowInsecure: false",
    validate(ctx) {
        const ingress = ctx.props.configuration?.ingress;
        if (!ingress) ctx.notApplicable("no ingress");
        if (ingress.allowInsecure === true) ctx.report({ problem: "ingress accepts plain HTTP", found: ingress.allowInsecure, fix: "set configuration.ingress.allowInsecure: false" });
    },
});

export const encryptionInTransitPolicies: PlatformPolicy[] = [
    awsRdsRequireForceSsl,
    gcpSqlRequireSslMode,
    azurePostgresqlRequireSecureTransport,
    awsElasticacheRequireTransitEncryption,
    awsElasticacheRequireAuth,
    gcpRedisRequireTransitEncryption,
    azureRedisRequireTls,
    awsS3RequireTlsOnlyPolicy,
    azureStorageRequireHttps,
    awsLbRequireModernTls,
    awsLbRequireHttpRedirect,
    gcpComputeRequireTls12SslPolicy,
    gcpComputeRequireHttpRedirect,
    azureNetworkRequireAppGatewayTls,
    azureNetworkRequireAppGatewayHttpRedirect,
    azureAppDenyInsecureIngress,
];
