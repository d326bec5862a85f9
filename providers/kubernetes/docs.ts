import type { CloudDocs } from "../../tools/docs/cloud-docs";

/**
 * What the docs say of the kubernetes runtime's own rules, where a table adds it as a column
 * after the clouds (tools/docs/cloud-regions.ts `extraColumns`). `npm run docs:clouds` writes it
 * into docs/cloud-mapping.md; facts, as the specs and rules of this folder hold them.
 */
export const cloudDocs = {
    tables: {
        "rule-catalogue": {
            cells: {
                names: "object names (DNS label/subdomain), label and annotation keys/values, port names (IANA, 15)",
                combinations: "Deployment selector × template, requests ≤ limits, pull policy, HPA ranges × container requests, PDB shape, Ingress path types and backends, GKE/EKS/Karpenter CRD values",
                companions: "HPA ↔ Deployment, Ingress ↔ Service port",
                quotas: "256 KiB of annotations",
                windows: "—",
            },
        },
    },
    phrases: {
    },
} as const satisfies CloudDocs;
