import { shiftWindow, WeeklyWindow, windowEnd } from "../../components/maintenance";
import { pad2 } from "./context";

/*
 * The platform maintenance window (components/maintenance.ts) on AWS. EKS has none to map: AWS
 * patches the control plane itself, and version upgrades happen only when the program changes
 * `kubernetes.version`.
 */

/** `ddd:hh:mm-ddd:hh:mm`, the format RDS and ElastiCache share. */
export function awsWeeklyWindow(w: WeeklyWindow): string {
    const end = windowEnd(w);
    return `${w.day}:${pad2(w.startHourUtc)}:00-${end.day}:${pad2(end.hourUtc)}:00`;
}

/**
 * RDS: the platform window itself (`sun:04:00-sun:05:00`); RDS requires at least 30 minutes,
 * clear of the backup window (03:00-04:00).
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Maintenance.html
 */
export const rdsMaintenanceWindow = (w: WeeklyWindow): string => awsWeeklyWindow(w);

/**
 * ElastiCache: the hour after the platform window (`sun:05:00-sun:06:00`). Maintenance of a
 * Multi-AZ replication group can fail its primary over, as RDS maintenance does the database's:
 * staggered, the database and the cache never fail over in the same hour. ElastiCache requires
 * at least 60 minutes. https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/maintenance-window.html
 */
export const elasticacheMaintenanceWindow = (w: WeeklyWindow): string => awsWeeklyWindow(shiftWindow(w, w.durationHours));
