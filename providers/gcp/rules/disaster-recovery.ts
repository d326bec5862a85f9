import type { Rule } from "../../shared/rules";

/** The DR copies (providers/gcp/object-store.ts): what Storage Transfer rejects. */
export const gcpDisasterRecoveryRules: Rule[] = [
    {
        // A replication job takes neither a schedule, an event stream nor a transferSpec.
        id: "gcp/transfer-job-replication",
        family: "combinations",
        types: ["gcp:storage/transferJob:TransferJob"],
        doc: "https://registry.terraform.io/providers/hashicorp/google/latest/docs/resources/storage_transfer_job#replication_spec",
        check: (r) => !r.inputs.replicationSpec ? [] : ["schedule", "eventStream", "transferSpec"].filter((k) => r.inputs[k] !== undefined).map((k) => `${k} is set on a replication job (replicationSpec excludes it)`),
    },
];
