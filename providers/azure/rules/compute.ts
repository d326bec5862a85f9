import { cidrOverlap, cidrWithin } from "../../../components/cidr";
import type { Rule } from "../../shared/rules";

/**
 * Container Apps and jobs, AKS, identities, role assignments, locks and data collection: the rules over
 * types several components (or the Kubernetes support) create; a component's own are in its builder file.
 */

/** Consumption-profile CPU/memory pairs: memory is twice the vCPUs in Gi, 0.25-4 vCPU in 0.25 steps. */
export function containerAppsPairOk(cpu: number, memory: string): boolean {
    const gi = /^(\d+(?:\.\d+)?)Gi$/.exec(memory);
    return !!gi && cpu >= 0.25 && cpu <= 4 && Math.round(cpu * 4) === cpu * 4 && Number(gi[1]) === cpu * 2;
}

export const azureComputeRules: Rule[] = [
    {
        // Container Apps jobs take the same Consumption allocations and the same environment.
        id: "azure/container-app-resources",
        family: "combinations",
        types: ["azure-native:app:ContainerApp", "azure-native:app:Job"],
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
