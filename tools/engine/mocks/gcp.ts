import * as pulumi from "@pulumi/pulumi";
import type { CloudMocks, MockContext, ResourceMock } from "./types";

/**
 * GCP outputs shaped like the real ones: ids in the provider's path form
 * (`projects/<p>/global/networks/<n>`, `projects/<p>/locations/<r>/services/<n>`), self links,
 * private IPs, connection names, service account emails. The project and region come from
 * the stack's `platform:gcp` config, as the explicit provider's do.
 */
function location(): { project: string; region: string } {
    const raw = pulumi.runtime.getConfig("platform:gcp");
    let parsed: { project?: string; region?: string } = {};
    try { parsed = raw ? JSON.parse(raw) : {}; } catch { parsed = {}; }
    return { project: parsed.project ?? "mock-project", region: parsed.region ?? "us-central1" };
}

/** The image the mocked live services run: older than any stack file's. */
export const LIVE_IMAGE = "ghcr.io/acme/previous:1.0.0";
/**
 * A live service whose name ends with this (a config service named `canary`) is mid-release:
 * its earlier revision 00006 still carries the `stable` tag and traffic (the same on Azure).
 */
export const MID_RELEASE_SERVICE = "-canary";

const COMPUTE = "https://www.googleapis.com/compute/v1/";
const PROJECT_NUMBER = "123456789012";

function nameOf(args: pulumi.runtime.MockResourceArgs): string {
    return String(args.inputs.name ?? args.name);
}

/** A fake private address, stable per resource, inside 10.x. */
function privateIp(ctx: MockContext, name: string, base: string): string {
    const n = parseInt(ctx.id(name, 4), 16);
    return `${base}.${(n >> 8) % 250}.${(n % 250) + 2}`;
}

function publicIp(ctx: MockContext, name: string): string {
    const n = parseInt(ctx.id(name, 4), 16);
    return `34.120.${(n >> 8) % 250}.${(n % 250) + 2}`;
}

/** Compute resources: `projects/<p>/{global|regions/<r>}/<collection>/<name>` plus its self link. */
function compute(collection: string, scope: "global" | "regional", extra?: ResourceMock): ResourceMock {
    return (args, ctx) => {
        const { project, region } = location();
        const name = nameOf(args);
        const where = scope === "global" ? "global" : `regions/${String(args.inputs.region ?? region)}`;
        const id = `projects/${project}/${where}/${collection}/${name}`;
        const more = extra?.(args, ctx);
        return { id, state: { name, project, selfLink: `${COMPUTE}${id}`, ...more?.state } };
    };
}

const resources: Record<string, ResourceMock> = {
    "gcp:compute/network:Network": compute("networks", "global", () => ({ state: { gatewayIpv4: "" } })),
    "gcp:compute/subnetwork:Subnetwork": compute("subnetworks", "regional", (args) => ({
        state: { gatewayAddress: String(args.inputs.ipCidrRange ?? "10.0.0.0/17").replace(/\.0\/\d+$/, ".1") },
    })),
    "gcp:compute/globalAddress:GlobalAddress": compute("addresses", "global", (args, ctx) => ({
        state: { address: args.inputs.purpose === "VPC_PEERING" ? "10.200.0.0" : publicIp(ctx, args.name) },
    })),
    "gcp:servicenetworking/connection:Connection": (args) => ({
        id: `${String(args.inputs.network)}:${String(args.inputs.service)}`,
        state: { peering: "servicenetworking-googleapis-com" },
    }),
    "gcp:compute/router:Router": compute("routers", "regional"),
    "gcp:compute/routerNat:RouterNat": (args) => {
        const { project, region } = location();
        return { id: `${project}/${region}/${String(args.inputs.router)}/${nameOf(args)}`, state: { name: nameOf(args) } };
    },
    "gcp:compute/firewall:Firewall": compute("firewalls", "global"),
    "gcp:compute/securityPolicy:SecurityPolicy": compute("securityPolicies", "global", (_a, ctx) => ({ state: { fingerprint: ctx.id("sp", 12) } })),
    "gcp:compute/regionNetworkEndpointGroup:RegionNetworkEndpointGroup": compute("networkEndpointGroups", "regional"),
    "gcp:compute/backendService:BackendService": compute("backendServices", "global", (args, ctx) => ({
        state: { generatedId: parseInt(ctx.id(args.name, 6), 16), fingerprint: ctx.id(`${args.name}/fp`, 12) },
    })),
    "gcp:compute/uRLMap:URLMap": compute("urlMaps", "global", (args, ctx) => ({ state: { mapId: parseInt(ctx.id(args.name, 6), 16) } })),
    "gcp:compute/managedSslCertificate:ManagedSslCertificate": compute("sslCertificates", "global", (args, ctx) => ({
        state: { certificateId: parseInt(ctx.id(args.name, 6), 16), subjectAlternativeNames: (args.inputs.managed as { domains?: string[] } | undefined)?.domains ?? [] },
    })),
    "gcp:compute/sSLPolicy:SSLPolicy": compute("sslPolicies", "global", () => ({ state: { enabledFeatures: [] } })),
    "gcp:compute/targetHttpsProxy:TargetHttpsProxy": compute("targetHttpsProxies", "global", (args, ctx) => ({ state: { proxyId: parseInt(ctx.id(args.name, 6), 16) } })),
    "gcp:compute/targetHttpProxy:TargetHttpProxy": compute("targetHttpProxies", "global", (args, ctx) => ({ state: { proxyId: parseInt(ctx.id(args.name, 6), 16) } })),
    "gcp:compute/globalForwardingRule:GlobalForwardingRule": compute("forwardingRules", "global", (args, ctx) => ({
        state: { ipAddress: publicIp(ctx, "lb"), pscConnectionId: "", baseForwardingRule: "", labelFingerprint: ctx.id(args.name, 12) },
    })),

    "gcp:sql/databaseInstance:DatabaseInstance": (args, ctx) => {
        const { project, region } = location();
        const name = nameOf(args);
        const ip = privateIp(ctx, name, "10.200");
        return {
            id: name,
            state: {
                name,
                project,
                connectionName: `${project}:${region}:${name}`,
                privateIpAddress: ip,
                firstIpAddress: ip,
                publicIpAddress: "",
                ipAddresses: [{ ipAddress: ip, type: "PRIVATE" }],
                selfLink: `https://sqladmin.googleapis.com/sql/v1beta4/projects/${project}/instances/${name}`,
                serviceAccountEmailAddress: `p${PROJECT_NUMBER}-${ctx.id(name, 6)}@gcp-sa-cloud-sql.iam.gserviceaccount.com`,
                dnsName: `${ctx.id(name, 12)}.${region}.sql.goog.`,
            },
        };
    },
    "gcp:sql/database:Database": (args) => {
        const { project } = location();
        return { id: `projects/${project}/instances/${String(args.inputs.instance)}/databases/${nameOf(args)}`, state: { name: nameOf(args) } };
    },
    "gcp:sql/user:User": (args) => ({ id: `${nameOf(args)}//${String(args.inputs.instance)}`, state: { name: nameOf(args), sqlServerUserDetails: [] } }),

    "gcp:redis/instance:Instance": (args, ctx) => {
        const { project, region } = location();
        const name = nameOf(args);
        const tls = args.inputs.transitEncryptionMode === "SERVER_AUTHENTICATION";
        return {
            id: `projects/${project}/locations/${region}/instances/${name}`,
            state: {
                name,
                project,
                host: privateIp(ctx, name, "10.200"),
                port: tls ? 6378 : 6379,
                readEndpoint: args.inputs.readReplicasMode === "READ_REPLICAS_ENABLED" ? privateIp(ctx, `${name}/read`, "10.200") : "",
                readEndpointPort: tls ? 6378 : 6379,
                authString: args.inputs.authEnabled ? `mock-auth-${ctx.id(`${name}/auth`, 32)}` : "",
                currentLocationId: `${region}-a`,
                persistenceIamIdentity: `serviceAccount:service-${PROJECT_NUMBER}@cloud-redis.iam.gserviceaccount.com`,
                serverCaCerts: tls ? [{ cert: "-----BEGIN CERTIFICATE-----\nMOCK\n-----END CERTIFICATE-----", serialNumber: ctx.id(name, 8) }] : [],
            },
        };
    },

    "gcp:secretmanager/secret:Secret": (args) => {
        const { project } = location();
        const secretId = String(args.inputs.secretId ?? args.name);
        return { id: `projects/${project}/secrets/${secretId}`, state: { secretId, name: `projects/${PROJECT_NUMBER}/secrets/${secretId}`, project } };
    },
    "gcp:secretmanager/secretVersion:SecretVersion": (args) => {
        const secret = String(args.inputs.secret ?? "").replace(/^projects\/[^/]+/, `projects/${PROJECT_NUMBER}`);
        const name = `${secret}/versions/1`;
        return { id: name, state: { name, version: "1" } };
    },
    "gcp:secretmanager/secretIamMember:SecretIamMember": (args, ctx) => ({
        id: `${String(args.inputs.secretId)}/${String(args.inputs.role)}/${ctx.id(args.name, 8)}`,
        state: { etag: `BwY${ctx.id(args.name, 8)}` },
    }),

    "gcp:storage/bucket:Bucket": (args) => {
        const { project } = location();
        const name = nameOf(args);
        return { id: name, state: { name, project, url: `gs://${name}`, selfLink: `https://www.googleapis.com/storage/v1/b/${name}`, projectNumber: Number(PROJECT_NUMBER) } };
    },
    "gcp:storage/bucketIAMMember:BucketIAMMember": (args, ctx) => ({
        id: `b/${String(args.inputs.bucket)}/${String(args.inputs.role)}/${ctx.id(args.name, 8)}`,
        state: { etag: `CAE${ctx.id(args.name, 8)}` },
    }),

    "gcp:serviceaccount/account:Account": (args, ctx) => {
        const { project } = location();
        const email = `${String(args.inputs.accountId)}@${project}.iam.gserviceaccount.com`;
        return {
            id: `projects/${project}/serviceAccounts/${email}`,
            state: { email, member: `serviceAccount:${email}`, name: `projects/${project}/serviceAccounts/${email}`, uniqueId: String(parseInt(ctx.id(args.name, 10), 16)) },
        };
    },
    "gcp:projects/iAMMember:IAMMember": (args, ctx) => ({
        id: `${String(args.inputs.project)}/${String(args.inputs.role)}/${String(args.inputs.member)}`,
        state: { etag: `BwY${ctx.id(args.name, 8)}` },
    }),

    "gcp:logging/projectBucketConfig:ProjectBucketConfig": (args) => {
        const id = `projects/${String(args.inputs.project)}/locations/${String(args.inputs.location)}/buckets/${String(args.inputs.bucketId)}`;
        return { id, state: { name: id, lifecycleState: "ACTIVE" } };
    },
    "gcp:logging/projectSink:ProjectSink": (args) => {
        const { project } = location();
        return {
            id: `projects/${project}/sinks/${nameOf(args)}`,
            state: { name: nameOf(args), writerIdentity: `serviceAccount:service-${PROJECT_NUMBER}@gcp-sa-logging.iam.gserviceaccount.com` },
        };
    },

    "gcp:cloudrunv2/service:Service": (args, ctx) => {
        const { project, region } = location();
        const name = nameOf(args);
        const host = `${name}-${ctx.id(name, 10)}-uc.a.run.app`;
        const uri = `https://${host}`;
        // Each tagged traffic target gets its own URL, `https://<tag>---<service>-<hash>-<region>.a.run.app`.
        const traffics = (args.inputs.traffics ?? []) as Array<{ type?: string; revision?: string; percent?: number; tag?: string }>;
        const trafficStatuses = traffics.map((t) => ({ type: t.type, revision: t.revision ?? "", percent: t.percent ?? 0, tag: t.tag ?? "", uri: t.tag ? `https://${t.tag}---${host}` : "" }));
        return {
            id: `projects/${project}/locations/${region}/services/${name}`,
            state: { name, uri, urls: [uri], uid: ctx.id(`${name}/uid`, 32), latestReadyRevision: `projects/${project}/locations/${region}/services/${name}/revisions/${name}-00001-abc`, terminalConditions: [], trafficStatuses },
        };
    },

    "gcp:kms/keyRing:KeyRing": (args) => {
        const { project } = location();
        const id = `projects/${project}/locations/${String(args.inputs.location)}/keyRings/${nameOf(args)}`;
        return { id, state: { name: nameOf(args), project } };
    },
    "gcp:kms/cryptoKey:CryptoKey": (args) => {
        const id = `${String(args.inputs.keyRing)}/cryptoKeys/${nameOf(args)}`;
        return { id, state: { name: nameOf(args), primaries: [{ name: `${id}/cryptoKeyVersions/1`, state: "ENABLED" }], effectiveLabels: args.inputs.labels ?? {} } };
    },
    "gcp:kms/cryptoKeyIAMMember:CryptoKeyIAMMember": (args, ctx) => ({
        id: `${String(args.inputs.cryptoKeyId)}/${String(args.inputs.role)}/${String(args.inputs.member)}`,
        state: { etag: `BwY${ctx.id(args.name, 8)}` },
    }),
    "gcp:serviceaccount/iAMMember:IAMMember": (args, ctx) => ({
        id: `${String(args.inputs.serviceAccountId)}/${String(args.inputs.role)}/${String(args.inputs.member)}`,
        state: { etag: `BwY${ctx.id(args.name, 8)}` },
    }),
    "gcp:container/cluster:Cluster": (args, ctx) => {
        const { project } = location();
        const name = nameOf(args);
        const where = String(args.inputs.location ?? location().region);
        const inputs = args.inputs as Record<string, any>;
        const autopilot = inputs.enableAutopilot === true;
        return {
            id: `projects/${project}/locations/${where}/clusters/${name}`,
            state: {
                name,
                project,
                location: where,
                endpoint: privateIp(ctx, `${name}/endpoint`, "10.128"),
                selfLink: `https://container.googleapis.com/v1/projects/${project}/locations/${where}/clusters/${name}`,
                masterVersion: `${String(inputs.minMasterVersion ?? "1.33")}.2-gke.1000`,
                masterAuth: {
                    clusterCaCertificate: Buffer.from(`-----BEGIN CERTIFICATE-----\nMOCK-${ctx.id(name, 16)}\n-----END CERTIFICATE-----\n`).toString("base64"),
                    clientCertificateConfig: { issueClientCertificate: false },
                },
                privateClusterConfig: { ...inputs.privateClusterConfig, privateEndpoint: privateIp(ctx, `${name}/private`, "10.128"), publicEndpoint: "" },
                controlPlaneEndpointsConfig: {
                    ...inputs.controlPlaneEndpointsConfig,
                    dnsEndpointConfig: {
                        ...inputs.controlPlaneEndpointsConfig?.dnsEndpointConfig,
                        endpoint: `gke-${ctx.id(name, 32)}.${where}.gke.goog`,
                    },
                },
                // Autopilot always runs Workload Identity with the project's pool.
                workloadIdentityConfig: inputs.workloadIdentityConfig ?? (autopilot ? { workloadPool: `${project}.svc.id.goog` } : undefined),
                labelFingerprint: ctx.id(`${name}/labels`, 8),
                operation: "",
                servicesIpv4Cidr: "10.0.192.0/20",
                clusterIpv4Cidr: "10.0.128.0/18",
                tpuIpv4CidrBlock: "",
            },
        };
    },

    "gcp:storage/transferJob:TransferJob": (args, ctx) => {
        const name = `transferJobs/${parseInt(ctx.id(args.name, 12), 16)}`;
        return { id: name, state: { name, creationTime: "2026-01-01T00:00:00Z", lastModificationTime: "2026-01-01T00:00:00Z" } };
    },
    "gcp:pubsub/topic:Topic": (args) => {
        const { project } = location();
        const name = nameOf(args);
        return { id: `projects/${project}/topics/${name}`, state: { name, project } };
    },
    "gcp:monitoring/notificationChannel:NotificationChannel": (args, ctx) => {
        const { project } = location();
        const name = `projects/${project}/notificationChannels/${parseInt(ctx.id(args.name, 12), 16)}`;
        return { id: name, state: { name, verificationStatus: "VERIFIED" } };
    },
    "gcp:monitoring/alertPolicy:AlertPolicy": (args, ctx) => {
        const { project } = location();
        const name = `projects/${project}/alertPolicies/${parseInt(ctx.id(args.name, 12), 16)}`;
        return { id: name, state: { name, creationRecords: [] } };
    },
};

export const gcpMocks: CloudMocks = {
    prefixes: ["gcp:"],
    resources,
    fallback: (args, ctx) => {
        const { project } = location();
        return { id: `projects/${project}/${args.type.split(":")[1]?.split("/")[0] ?? "resources"}/${args.name}-${ctx.id(args.name, 8)}` };
    },
    genericTypes: [
        "gcp:artifactregistry/repositoryIamMember:RepositoryIamMember", "gcp:billing/budget:Budget", "gcp:cloudrunv2/job:Job", "gcp:logging/metric:Metric",
        "gcp:monitoring/dashboard:Dashboard", "gcp:projects/iAMAuditConfig:IAMAuditConfig", "gcp:pubsub/topicIAMMember:TopicIAMMember",
    ],
    invokes: {
        // A Cloud Run service already serving an earlier image, so a canary plan shows its split.
        "gcp:cloudrunv2/getService:getService": (args, ctx) => {
            const { project, region } = location();
            const name = String(args.inputs.name);
            const revision = `${name}-00007-${ctx.id(`revision/${name}`, 3)}`;
            return {
                id: `projects/${project}/locations/${region}/services/${name}`, name, project, location: String(args.inputs.location ?? region),
                latestReadyRevision: `projects/${project}/locations/${region}/services/${name}/revisions/${revision}`,
                latestCreatedRevision: `projects/${project}/locations/${region}/services/${name}/revisions/${revision}`,
                templates: [{ containers: [{ image: LIVE_IMAGE }] }],
                trafficStatuses: name.endsWith(MID_RELEASE_SERVICE)
                    ? [{ type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", revision: "", percent: 0, tag: "candidate", uri: "" }, { type: "TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION", revision: `${name}-00006-old`, percent: 100, tag: "stable", uri: "" }]
                    : [{ type: "TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST", revision: "", percent: 100, tag: "", uri: "" }],
            };
        },
        "gcp:logging/getProjectCmekSettings:getProjectCmekSettings": (args) => {
            const projectId = String(args.inputs.project ?? location().project);
            return { id: `projects/${projectId}/cmekSettings`, project: projectId, name: `projects/${projectId}/cmekSettings`, serviceAccountId: `cmek-p${PROJECT_NUMBER}@gcp-sa-logging.iam.gserviceaccount.com` };
        },
        "gcp:organizations/getProject:getProject": (args) => {
            const projectId = String(args.inputs.projectId ?? location().project);
            return { id: `projects/${projectId}`, projectId, number: PROJECT_NUMBER, name: projectId, labels: {}, autoCreateNetwork: true };
        },
        // The Storage Transfer Service agent of the project (cross-bucket replication runs as it).
        "gcp:storage/getTransferProjectServiceAccount:getTransferProjectServiceAccount": (args) => {
            const email = `project-${PROJECT_NUMBER}@storage-transfer-service.iam.gserviceaccount.com`;
            return { id: String(args.inputs.project ?? location().project), email, member: `serviceAccount:${email}`, subjectId: "109876543210987654321" };
        },
    },
};
