import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import type { CloudHandle } from "../components/component";
import { Database } from "../components/database";
import type { NetworkOutputs } from "../components/network";
import type { DatabaseTransforms } from "../components/database";
import { loadCloud } from "../providers/loader";
import { CLOUDS, type Cloud } from "../components/config";
import { loadStackConfig } from "../tools/engine/stack-config";
import { validateConfig } from "../components/program-config";

/*
 * A component needs nothing but its Args: no Platform, no earlier component, no state a cloud
 * kept. Each cloud's Database is built here on its own, over a hand-made network handle, and
 * must place itself exactly where that handle says.
 */

interface Registered { type: string; name: string; inputs: Record<string, unknown> }

/** Minimal mocks: every resource gets an id and echoes its inputs; every invoke answers the fields the clouds read. */
function recordAll(): Registered[] {
    const registered: Registered[] = [];
    pulumi.runtime.setMocks({
        newResource: (a) => {
            registered.push({ type: a.type, name: a.name, inputs: a.inputs });
            return { id: `${a.name}-id`, state: { ...a.inputs, arn: `arn:aws:test:::${a.name}`, masterUserSecrets: [{ secretArn: "arn:aws:secretsmanager:::db" }], properties: { secretUri: "https://kv.vault.azure.net/secrets/x" } } };
        },
        call: () => ({ accountId: "123456789012", partition: "aws", tenantId: "00000000-0000-0000-0000-000000000000", number: "1" }),
    }, "platform", "staging", false);
    return registered;
}

/** A resource other children can depend on (the GCP peering, the Azure DNS link), registered with the mocks. */
class StubResource extends pulumi.CustomResource {
    constructor(name: string) {
        super("test:index:Stub", name, {});
    }
}

const stub = (id: string) => ({ id: pulumi.output(id), arn: pulumi.output(`arn:${id}`), name: pulumi.output(id) }) as unknown as pulumi.CustomResource;

/** The network handle each cloud's Database reads, built by hand (what providers/<cloud>/network.ts would hand on). */
function stubNetwork(cloud: Cloud): NetworkOutputs {
    const wiring: Record<Cloud, object> = {
        aws: { vpcId: pulumi.output("vpc-stub"), privateSubnetIds: [pulumi.output("subnet-stub-a"), pulumi.output("subnet-stub-b")], publicSubnetIds: [], securityGroups: { lb: stub("sg-lb"), compute: stub("sg-compute"), database: stub("sg-db"), cache: stub("sg-cache") }, logsKey: stub("logs-key") },
        gcp: { network: stub("projects/p/global/networks/stub"), subnet: stub("subnet"), privateRange: stub("psa-stub"), peering: new StubResource("stub-peering"), computeTag: "compute" },
        azure: {
            resourceGroupName: pulumi.output("rg-stub"), resourceGroupId: pulumi.output("/subscriptions/s/resourceGroups/rg-stub"), vnetId: pulumi.output("vnet-stub"),
            subnets: { gateway: pulumi.output("snet-gw"), database: pulumi.output("snet-db-stub"), endpoints: pulumi.output("snet-pe") },
            subnetCidrs: { gateway: "10.1.0.0/24", compute: "10.1.2.0/23", aks: "10.1.8.0/21", database: "10.1.4.0/24", endpoints: "10.1.5.0/24" },
            privateDnsZoneIds: { postgres: pulumi.output("zone-pg-stub"), redis: pulumi.output("zone-redis"), blob: pulumi.output("zone-blob"), vault: pulumi.output("zone-kv") },
            postgresDnsLink: new StubResource("stub-dns-link"),
            keyVaultId: pulumi.output("kv-id"), keyVaultName: pulumi.output("kv-stub"), keyVaultUri: pulumi.output("https://kv-stub.vault.azure.net/"),
            logAnalyticsWorkspaceId: pulumi.output("law-stub"), zones: ["1"],
        },
    };
    const handle: CloudHandle = { cloud, kind: "network", ...wiring[cloud] };
    return { networkId: pulumi.output("net-stub"), privateSubnetIds: pulumi.output([]), publicSubnetIds: pulumi.output([]), handle };
}

function configFor(cloud: Cloud) {
    const stack = loadStackConfig("staging", [`platform:cloud=${cloud}`]);
    return validateConfig(stack.config, stack.secretKeys);
}

const settled = () => new Promise((r) => setTimeout(r, 200));
const resolve = <T>(v: T | pulumi.Output<T>): Promise<T> => new Promise((r) => pulumi.output(v).apply((x) => r(x as T)));

/** Where each cloud's database must land given the stub: the type of its server and the input naming the stub's subnet/network. */
const PLACEMENT: Record<Cloud, { type: string; placed: (inputs: Record<string, unknown>) => unknown; expected: unknown }> = {
    aws: { type: "aws:rds/subnetGroup:SubnetGroup", placed: (i) => i.subnetIds, expected: ["subnet-stub-a", "subnet-stub-b"] },
    gcp: { type: "gcp:sql/databaseInstance:DatabaseInstance", placed: (i) => (i.settings as { ipConfiguration: { privateNetwork: string } }).ipConfiguration.privateNetwork, expected: "projects/p/global/networks/stub" },
    azure: { type: "azure-native:dbforpostgresql:Server", placed: (i) => (i.network as { delegatedSubnetResourceId: string }).delegatedSubnetResourceId, expected: "snet-db-stub" },
};

/** Per cloud: a Database transform (partial args on the server, a function on another child) and what it must have changed. */
const TRANSFORMED: Record<Cloud, { transform: DatabaseTransforms; expect: Array<[type: string, input: string, expected: unknown]> }> = {
    aws: {
        transform: { aws: { instance: { engineVersion: "16.4" }, subnetGroup: (args) => { args.description = "transformed"; } } },
        expect: [["aws:rds/instance:Instance", "engineVersion", "16.4"], ["aws:rds/subnetGroup:SubnetGroup", "description", "transformed"]],
    },
    gcp: {
        transform: { gcp: { instance: { deletionProtection: true }, database: (args) => { args.charset = "SQL_ASCII"; } } },
        expect: [["gcp:sql/databaseInstance:DatabaseInstance", "deletionProtection", true], ["gcp:sql/database:Database", "charset", "SQL_ASCII"]],
    },
    azure: {
        transform: { azure: { server: { version: "17" }, configuration: (args) => { args.source = "transformed"; }, password: { length: 40 } } },
        expect: [["azure-native:dbforpostgresql:Server", "version", "17"], ["azure-native:dbforpostgresql:Configuration", "source", "transformed"], ["random:index/randomPassword:RandomPassword", "length", 40]],
    },
};

describe("a component constructed on its own", () => {
    for (const cloud of CLOUDS) {
        it(`${cloud}: a Database over a stub network handle, placed where the handle says`, async () => {
            const registered = recordAll();
            const cfg = configFor(cloud);
            const impl = loadCloud(cloud).createCloud(cfg);
            const db = new Database("database", {
                ...cfg.database,
                databaseName: cfg.database.name,
                protect: false,
                network: stubNetwork(cloud),
            }, impl);
            await resolve(db.endpoint);
            await settled();
            const placement = PLACEMENT[cloud];
            const server = registered.find((r) => r.type === placement.type);
            assert.ok(server, `no ${placement.type}; registered ${registered.map((r) => r.type).join(", ")}`);
            assert.deepStrictEqual(placement.placed(server.inputs), placement.expected);
            assert.ok(!registered.some((r) => /(ec2\/vpc|compute\/network|network:VirtualNetwork)/.test(r.type)), "the Database built a network of its own");
            assert.strictEqual(db.handle.cloud, cloud);
        });

        it(`${cloud}: the per-child transform runs last, over the secure defaults (partial args and function forms)`, async () => {
            const registered = recordAll();
            const cfg = configFor(cloud);
            const db = new Database("database", {
                ...cfg.database,
                databaseName: cfg.database.name,
                protect: false,
                network: stubNetwork(cloud),
                transform: TRANSFORMED[cloud].transform,
            }, loadCloud(cloud).createCloud(cfg));
            await resolve(db.endpoint);
            await settled();
            for (const [type, input, expected] of TRANSFORMED[cloud].expect) {
                const found = registered.filter((r) => r.type === type);
                assert.ok(found.length > 0, `no ${type}`);
                for (const r of found) assert.deepStrictEqual(r.inputs[input], expected, `${r.name} ${input}`);
            }
        });

        it(`${cloud}: another cloud's network handle is refused, naming both`, () => {
            recordAll();
            const cfg = configFor(cloud);
            const other = CLOUDS.find((c) => c !== cloud)!;
            assert.throws(
                () => new Database("database", { ...cfg.database, databaseName: cfg.database.name, protect: false, network: stubNetwork(other) }, loadCloud(cloud).createCloud(cfg)),
                new RegExp(`the ${cloud} database needs the ${cloud} network handle, got ${other} network`),
            );
        });
    }
});
