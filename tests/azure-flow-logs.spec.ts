import * as assert from "assert";
import { flowLogRetentionDays, networkWatcher } from "../providers/azure/flow-logs";
import { evaluatePack } from "../tools/engine/policies";
import { ENVIRONMENTS, inputs, one, planFor, rawInputs } from "./support/harness";
import { TIERS } from "../components/program-config";

/*
 * Azure VNet flow logs (issue 14, audit logs): the platform VNet flow-logged under the region's
 * Network Watcher into a dedicated hardened storage account for `audit.logRetentionDays`,
 * written by its own identity, with traffic analytics into the platform workspace. Both
 * runtimes, both tiers; the pack catches a weakened or missing flow log.
 */

const T = {
    flowLog: "azure-native:network:FlowLog",
    vnet: "azure-native:network:VirtualNetwork",
    account: "azure-native:storage:StorageAccount",
    blobService: "azure-native:storage:BlobServiceProperties",
    identity: "azure-native:managedidentity:UserAssignedIdentity",
    role: "azure-native:authorization:RoleAssignment",
    endpoint: "azure-native:network:PrivateEndpoint",
    workspace: "azure-native:operationalinsights:Workspace",
    table: "azure-native:operationalinsights:Table",
} as const;
const BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";

describe("azure flow logs: pure helpers", () => {
    it("keeps the audit retention, or forever (0) beyond Azure's 365-day maximum", () => {
        assert.strictEqual(flowLogRetentionDays(90), 90);
        assert.strictEqual(flowLogRetentionDays(365), 365);
        assert.strictEqual(flowLogRetentionDays(400), 0);
        assert.strictEqual(flowLogRetentionDays(3653), 0);
    });
    it("uses the Network Watcher Azure creates per region", () => {
        assert.deepStrictEqual(networkWatcher("eastus"), { resourceGroupName: "NetworkWatcherRG", networkWatcherName: "NetworkWatcher_eastus" });
    });
});

for (const runtime of ["managed", "kubernetes"] as const) {
    for (const env of ENVIRONMENTS) {
        describe(`azure ${env} (${runtime} runtime): VNet flow logs`, () => {
            let run: Awaited<ReturnType<typeof planFor>>;
            before(async () => {
                run = await planFor(env, "azure", runtime === "kubernetes" ? ["platform:compute.runtime=kubernetes"] : []);
            });
            const audit = TIERS[env].audit.logRetentionDays;

            it(`flow-logs the platform VNet under NetworkWatcher_eastus, every flow, kept ${audit} days`, () => {
                const log = inputs(one(run, T.flowLog));
                const vnet = inputs(one(run, T.vnet));
                assert.deepStrictEqual([log.resourceGroupName, log.networkWatcherName, log.location], ["NetworkWatcherRG", "NetworkWatcher_eastus", "eastus"]);
                assert.ok(String(log.targetResourceId).endsWith(`/virtualNetworks/${vnet.virtualNetworkName}`), log.targetResourceId);
                assert.strictEqual(log.enabled, true);
                assert.strictEqual(log.enabledFilteringCriteria, undefined, "no filter: every flow");
                assert.deepStrictEqual(log.format, { type: "JSON", version: 2 });
                assert.deepStrictEqual(log.retentionPolicy, { enabled: true, days: audit });
                assert.strictEqual(log.tags.environment, env);
            });

            it("into a dedicated hardened storage account (no shared keys, private endpoint), written by the flow log's own identity", () => {
                const log = inputs(one(run, T.flowLog));
                const account = run.plan.resources.filter((r) => r.type === T.account).find((a) => String(log.storageId).endsWith(`/storageAccounts/${inputs(a).accountName}`));
                assert.ok(account, "the flow log's account is one of the plan's");
                assert.match(account.name, /^network-flow-logs-account$/);
                const a = inputs(account);
                assert.strictEqual(a.allowSharedKeyAccess, false);
                assert.strictEqual(a.allowBlobPublicAccess, false);
                assert.strictEqual(a.networkRuleSet.defaultAction, "Deny");
                assert.strictEqual(a.networkRuleSet.bypass, "AzureServices", "Network Watcher is a trusted service");
                assert.strictEqual(account.options.protect, env === "production");
                assert.ok(run.plan.resources.some((r) => r.type === T.endpoint && r.name === "network-flow-logs-blob-endpoint"));
                assert.strictEqual(inputs(one(run, T.blobService, "network-flow-logs-blob-service")).isVersioningEnabled, true);
                // The identity the flow log runs as may write blobs to exactly that account.
                const identity = run.plan.resources.find((r) => r.type === T.identity && r.name === "network-flow-logs-identity")!;
                assert.ok(identity);
                assert.deepStrictEqual(log.identity.type, "UserAssigned");
                assert.ok(String(log.identity.userAssignedIdentities[0]).endsWith(`/${inputs(identity).resourceName}`));
                const grant = inputs(one(run, T.role, "network-flow-logs-writer"));
                assert.ok(String(grant.roleDefinitionId).endsWith(BLOB_DATA_CONTRIBUTOR));
                assert.ok(String(grant.scope).endsWith(`/storageAccounts/${a.accountName}`));
            });

            it("traffic analytics into the platform workspace, its table kept the audit retention", () => {
                const ta = inputs(one(run, T.flowLog)).flowAnalyticsConfiguration.networkWatcherFlowAnalyticsConfiguration;
                const workspace = one(run, T.workspace);
                assert.strictEqual(ta.enabled, true);
                assert.ok(String(ta.workspaceResourceId).endsWith(`/workspaces/${inputs(workspace).workspaceName}`));
                assert.match(String((rawInputs(run, one(run, T.flowLog).urn) as any).flowAnalyticsConfiguration.networkWatcherFlowAnalyticsConfiguration.workspaceId), /^[0-9a-f-]{36}$/, "the workspace GUID");
                assert.strictEqual(ta.workspaceRegion, "eastus");
                assert.strictEqual(ta.trafficAnalyticsInterval, 10);
                const table = run.plan.resources.map((r) => r.type === T.table ? inputs(r) : undefined).find((t) => t?.tableName === "NTANetAnalytics");
                assert.strictEqual(table?.totalRetentionInDays, audit);
            });

            it("the pack catches a shorter retention, a disabled flow log and a missing one", async () => {
                const mandatory = async (recorded: typeof run.recorded) => (await evaluatePack(recorded)).violations.filter((v) => v.level === "mandatory").map((v) => v.policy);
                assert.deepStrictEqual(await mandatory(run.recorded), []);
                const edit = (fn: (i: any) => any) => run.recorded.map((r) => (r.type === T.flowLog ? { ...r, rawInputs: fn(r.rawInputs) } : r));
                assert.deepStrictEqual(await mandatory(edit((i) => ({ ...i, retentionPolicy: { enabled: true, days: 30 } }))), ["azure-network-require-flow-log-retention"]);
                assert.deepStrictEqual((await mandatory(edit((i) => ({ ...i, enabled: false })))).sort(), ["azure-network-require-flow-log-retention", "azure-network-require-vnet-flow-logs"]);
                assert.deepStrictEqual(await mandatory(run.recorded.filter((r) => r.type !== T.flowLog)), ["azure-network-require-vnet-flow-logs"]);
            });
        });
    }
}
