import { cidrOverlap, cidrWithin } from "../../../components/cidr";
import type { Rule } from "../../shared/rules";

/** Container Apps, AKS, identities, role assignments, locks, Log Analytics and Azure Monitor. */

/** Consumption-profile CPU/memory pairs: memory is twice the vCPUs in Gi, 0.25-4 vCPU in 0.25 steps. */
export function containerAppsPairOk(cpu: number, memory: string): boolean {
    const gi = /^(\d+(?:\.\d+)?)Gi$/.exec(memory);
    return !!gi && cpu >= 0.25 && cpu <= 4 && Math.round(cpu * 4) === cpu * 4 && Number(gi[1]) === cpu * 2;
}

const ISO_DURATIONS = ["PT1M", "PT5M", "PT15M", "PT30M", "PT1H", "PT6H", "PT12H", "P1D"];

export const azureComputeRules: Rule[] = [
    {
        // Traffic weights (canary / blue-green): they add up to 100, split only in multiple
        // revision mode, one latestRevision entry, labels unique and on named revisions.
        id: "azure/container-app-traffic",
        family: "combinations",
        types: ["azure-native:app:ContainerApp"],
        doc: "https://learn.microsoft.com/azure/container-apps/traffic-splitting",
        check: (r) => {
            const traffic = (r.inputs.configuration?.ingress?.traffic ?? []) as any[];
            if (traffic.length === 0) return [];
            const problems: string[] = [];
            const sum = traffic.reduce((n, t) => n + (Number(t.weight) || 0), 0);
            if (sum !== 100) problems.push(`ingress.traffic weights add up to ${sum}, not 100`);
            if (traffic.length > 1 && r.inputs.configuration?.activeRevisionsMode !== "Multiple") problems.push("a traffic split needs activeRevisionsMode Multiple");
            if (traffic.filter((t) => t.latestRevision).length > 1) problems.push("more than one latestRevision traffic entry");
            const labels = traffic.map((t) => t.label).filter(Boolean);
            if (new Set(labels).size !== labels.length) problems.push(`traffic labels repeat: ${labels.join(", ")}`);
            for (const t of traffic) if (t.label && !t.revisionName) problems.push(`label ${t.label} on an entry without revisionName`);
            return problems;
        },
    },
    {
        id: "azure/container-app-resources",
        family: "combinations",
        types: ["azure-native:app:ContainerApp"],
        doc: "https://learn.microsoft.com/azure/container-apps/containers#allocations",
        check: (r, plan) => {
            const t = r.inputs.template ?? {};
            const problems: string[] = [];
            for (const c of (t.containers ?? []) as any[]) if (!containerAppsPairOk(Number(c.resources?.cpu), String(c.resources?.memory))) problems.push(`${c.name}: cpu ${c.resources?.cpu} with memory ${c.resources?.memory} is not a Consumption allocation`);
            const s = t.scale ?? {};
            if (s.minReplicas > s.maxReplicas || s.maxReplicas > 1000 || s.minReplicas < 0) problems.push(`replicas ${s.minReplicas}-${s.maxReplicas}: 0-1000, min <= max`);
            const names = ((s.rules ?? []) as any[]).map((x) => x.name);
            if (new Set(names).size !== names.length) problems.push(`scale rule names repeat: ${names.join(", ")}`);
            const env = plan.ofType("azure-native:app:ManagedEnvironment").find((e) => r.inputs.environmentId === e.id || Object.values(e.outputs).includes(r.inputs.environmentId));
            if (!env && plan.ofType("azure-native:app:ManagedEnvironment").length > 0) problems.push(`environmentId ${r.inputs.environmentId} is not the environment of this plan`);
            return problems;
        },
    },
    {
        // An internal, zone-redundant environment needs its own VNet subnet.
        id: "azure/container-apps-environment",
        family: "companions",
        types: ["azure-native:app:ManagedEnvironment"],
        doc: "https://learn.microsoft.com/azure/container-apps/networking",
        check: (r) => {
            const v = r.inputs.vnetConfiguration ?? {};
            return (v.internal || r.inputs.zoneRedundant) && !v.infrastructureSubnetId ? ["an internal or zone-redundant environment needs vnetConfiguration.infrastructureSubnetId"] : [];
        },
    },
    {
        // AKS: pod and service CIDRs overlap neither each other nor the VNet; the DNS service IP is inside the service CIDR; Linux pool names <= 12 lowercase.
        id: "azure/aks-network",
        family: "combinations",
        types: ["azure-native:containerservice:ManagedCluster"],
        doc: "https://learn.microsoft.com/azure/aks/azure-cni-overlay#ip-address-planning",
        check: (r, plan) => {
            const n = r.inputs.networkProfile ?? {};
            const problems: string[] = [];
            if (n.podCidr && n.serviceCidr && cidrOverlap(n.podCidr, n.serviceCidr)) problems.push(`podCidr ${n.podCidr} overlaps serviceCidr ${n.serviceCidr}`);
            for (const v of plan.ofType("azure-native:network:VirtualNetwork")) for (const p of (v.inputs.addressSpace?.addressPrefixes ?? []) as string[]) {
                for (const k of ["podCidr", "serviceCidr"]) if (n[k] && cidrOverlap(n[k], p)) problems.push(`${k} ${n[k]} overlaps the VNet ${p}`);
            }
            if (n.dnsServiceIP && n.serviceCidr && !cidrWithin(`${n.dnsServiceIP}/32`, n.serviceCidr)) problems.push(`dnsServiceIP ${n.dnsServiceIP} is outside serviceCidr ${n.serviceCidr}`);
            for (const p of (r.inputs.agentPoolProfiles ?? []) as any[]) {
                if (!/^[a-z][a-z0-9]{0,11}$/.test(p.name)) problems.push(`node pool ${p.name}: 1-12 lowercase letters and digits, starting with a letter`);
                if (p.enableAutoScaling && (p.minCount > p.maxCount || p.maxCount > 1000)) problems.push(`node pool ${p.name}: minCount ${p.minCount} maxCount ${p.maxCount}`);
                if (p.maxPods !== undefined && (p.maxPods < 10 || p.maxPods > 250)) problems.push(`node pool ${p.name}: maxPods ${p.maxPods}: 10-250`);
            }
            return problems;
        },
    },
    {
        // Planned maintenance: 4-24 h windows, HH:mm start; the schedules AKS knows by name.
        id: "azure/aks-maintenance-window",
        family: "windows",
        types: ["azure-native:containerservice:MaintenanceConfiguration"],
        doc: "https://learn.microsoft.com/azure/aks/planned-maintenance",
        check: (r) => {
            const w = r.inputs.maintenanceWindow ?? {};
            const problems: string[] = [];
            if (!["aksManagedAutoUpgradeSchedule", "aksManagedNodeOSUpgradeSchedule", "default"].includes(r.inputs.configName)) problems.push(`configName ${r.inputs.configName}`);
            if (w.durationHours < 4 || w.durationHours > 24) problems.push(`durationHours ${w.durationHours}: allowed 4-24`);
            if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(String(w.startTime))) problems.push(`startTime ${w.startTime}: HH:mm`);
            return problems;
        },
    },
    {
        // Identities: at most 20 federated credentials each, https issuers, the AzureADTokenExchange audience.
        id: "azure/federated-identity",
        family: "quotas",
        types: ["azure-native:managedidentity:FederatedIdentityCredential", "azure-native:managedidentity:UserAssignedIdentity"],
        doc: "https://learn.microsoft.com/entra/workload-id/workload-identity-federation-considerations#general-federated-identity-credential-considerations",
        check: (r, plan) => {
            if (r.type === "azure-native:managedidentity:UserAssignedIdentity") {
                const n = plan.ofType("azure-native:managedidentity:FederatedIdentityCredential").filter((f) => f.inputs.resourceName === r.inputs.resourceName).length;
                return n > 20 ? [`${n} federated credentials on ${r.inputs.resourceName}; at most 20`] : [];
            }
            const problems = String(r.inputs.issuer).startsWith("https://") ? [] : [`issuer ${r.inputs.issuer} is not https`];
            if (JSON.stringify(r.inputs.audiences) !== JSON.stringify(["api://AzureADTokenExchange"])) problems.push(`audiences ${JSON.stringify(r.inputs.audiences)}: ["api://AzureADTokenExchange"]`);
            return problems;
        },
    },
    {
        // Role assignments name a role definition id and an ARM scope; locks carry notes of <= 512 characters.
        id: "azure/authorization-shapes",
        family: "combinations",
        types: ["azure-native:authorization:RoleAssignment", "azure-native:authorization:ManagementLockByScope"],
        doc: "https://learn.microsoft.com/azure/role-based-access-control/role-assignments-rest",
        check: (r) => {
            if (r.type === "azure-native:authorization:ManagementLockByScope") return String(r.inputs.notes ?? "").length > 512 ? ["notes over 512 characters"] : /^\/subscriptions\//.test(String(r.inputs.scope)) ? [] : [`scope ${r.inputs.scope} is not an ARM id`];
            const problems: string[] = [];
            if (!/^\/subscriptions\/[0-9a-f-]{36}\/providers\/Microsoft\.Authorization\/roleDefinitions\/[0-9a-f-]{36}$/i.test(String(r.inputs.roleDefinitionId))) problems.push(`roleDefinitionId ${r.inputs.roleDefinitionId} is not a role definition id`);
            if (!/^\/subscriptions\/[0-9a-f-]{36}(\/|$)/i.test(String(r.inputs.scope))) problems.push(`scope ${r.inputs.scope} is not an ARM scope`);
            return problems;
        },
    },
    {
        // Log Analytics: workspace retention 30-730 days (PerGB2018); table retention 4-730 and total retention up to 4383.
        id: "azure/log-analytics-retention",
        family: "combinations",
        types: ["azure-native:operationalinsights:Workspace", "azure-native:operationalinsights:Table"],
        doc: "https://learn.microsoft.com/azure/azure-monitor/logs/data-retention-configure",
        check: (r) => {
            const d = r.inputs.retentionInDays;
            if (r.type === "azure-native:operationalinsights:Workspace") return d === undefined || (d >= 30 && d <= 730) ? [] : [`retentionInDays ${d}: allowed 30-730`];
            const total = r.inputs.totalRetentionInDays;
            const problems = d !== undefined && (d < 4 || d > 730) ? [`retentionInDays ${d}: allowed 4-730`] : [];
            if (total !== undefined && (total < (d ?? 4) || total > 4383)) problems.push(`totalRetentionInDays ${total}: from retentionInDays up to 4383`);
            return problems;
        },
    },
    {
        // Metric alerts: frequency <= window from the allowed durations, severity 0-4, single-resource criteria on one scope.
        id: "azure/metric-alert-shape",
        family: "combinations",
        types: ["azure-native:monitor:MetricAlert", "azure-native:monitor:ActionGroup"],
        doc: "https://learn.microsoft.com/azure/azure-monitor/alerts/alerts-metric-create-templates",
        check: (r) => {
            const i = r.inputs;
            if (r.type === "azure-native:monitor:ActionGroup") return ((i.emailReceivers ?? []) as unknown[]).length > 1000 ? ["more than 1000 email receivers"] : i.location === "Global" || i.location === "global" ? [] : [`location ${i.location}: action groups are Global`];
            const problems: string[] = [];
            const f = ISO_DURATIONS.indexOf(i.evaluationFrequency ?? "PT1M");
            const w = ISO_DURATIONS.indexOf(i.windowSize ?? "PT5M");
            if (f < 0 || f > 4 || w < 0 || w < f) problems.push(`evaluationFrequency ${i.evaluationFrequency} / windowSize ${i.windowSize}: frequency PT1M-PT1H, not longer than the window`);
            if (i.severity < 0 || i.severity > 4) problems.push(`severity ${i.severity}: 0-4`);
            if (i.criteria?.odataType === "Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria" && ((i.scopes ?? []) as unknown[]).length !== 1) problems.push("single-resource criteria take exactly one scope");
            return problems;
        },
    },
    {
        // Data collection: an association names a rule of this plan; rules' flows name declared destinations.
        id: "azure/data-collection",
        family: "companions",
        types: ["azure-native:monitor:DataCollectionRule", "azure-native:monitor:DataCollectionRuleAssociation", "azure-native:monitor:DiagnosticSetting"],
        doc: "https://learn.microsoft.com/azure/azure-monitor/essentials/data-collection-rule-structure",
        check: (r, plan) => {
            if (r.type === "azure-native:monitor:DiagnosticSetting") {
                const same = plan.ofType(r.type).filter((d) => d.inputs.resourceUri === r.inputs.resourceUri);
                return same.length > 5 ? [`${same.length} diagnostic settings on one resource; at most 5`] : [];
            }
            if (r.type === "azure-native:monitor:DataCollectionRuleAssociation") {
                return plan.ofType("azure-native:monitor:DataCollectionRule").some((d) => String(r.inputs.dataCollectionRuleId).endsWith(`/${d.inputs.dataCollectionRuleName}`)) ? [] : [`dataCollectionRuleId ${r.inputs.dataCollectionRuleId} is not a rule of this plan`];
            }
            const declared = Object.values(r.inputs.destinations ?? {}).flatMap((list: any) => (Array.isArray(list) ? list.map((d: any) => d.name) : []));
            return ((r.inputs.dataFlows ?? []) as any[]).flatMap((f) => ((f.destinations ?? []) as string[]).filter((d) => !declared.includes(d)).map((d) => `data flow destination ${d} is not declared`));
        },
    },
];
