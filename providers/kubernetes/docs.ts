import type { CloudDocs } from "../../tools/docs/cloud-docs";

/**
 * What the docs say of the Kubernetes provider where a per-cloud table adds it after the clouds
 * (tools/docs/cloud-regions.ts `extraColumns` / `extraRows`): its rule catalogue in
 * docs/cloud-mapping.md and its replacement source in docs/reviewing.md. `npm run docs:clouds`
 * writes it there.
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
        "replacement-sources": {
            cells: {
                source: "`metadata.name`/`metadata.namespace` and the kind-specific fields in pulumi-kubernetes' `forceNew` table (`Deployment.spec.selector`, `Service.spec.type`/`clusterIP`, `Secret.type`/`data`/`stringData`), plus fields the API declares immutable",
            },
        },
    },
    phrases: {
    },
} as const satisfies CloudDocs;
