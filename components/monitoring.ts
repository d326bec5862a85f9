import * as pulumi from "@pulumi/pulumi";
import type { CloudImplementation } from "./cloud";
import { COMPONENT_TYPES, PlatformComponent } from "./component";
import type { Runtime } from "./config";
import type { TierProfile } from "./config/tiers";

/** Alerts from DESIGN.md's monitoring row, the same thresholds on every cloud. */
export interface MonitoringArgs {
    /** @default CPU 80 %, memory 85 %, 5xx 10/min, p95 2 s, DB connections 80 % of max, free storage 10 % */
    thresholds: TierProfile["monitoring"];
    /** Where alerts go; without it alerts still fire into the cloud console. */
    alertEmail?: string;
    /** Names of the compute services to watch. */
    services: string[];
    /** Under `kubernetes` the services are Deployments, not the cloud's managed services: alert on the cluster instead. */
    runtime: Runtime;
}

export interface MonitoringOutputs {
    /** Names of the alert rules created. */
    alertNames: pulumi.Output<string[]>;
}

export class Monitoring extends PlatformComponent<MonitoringOutputs> implements MonitoringOutputs {
    declare readonly alertNames: pulumi.Output<string[]>;

    constructor(name: string, args: MonitoringArgs, cloud: CloudImplementation, opts?: pulumi.ComponentResourceOptions) {
        super(COMPONENT_TYPES.monitoring, name, (self) => cloud.monitoring(self, name, args), opts);
    }
}
