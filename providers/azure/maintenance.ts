import { weekdayIndex, WEEKDAY_NAMES, WeeklyWindow } from "../../components/maintenance";

/*
 * The platform maintenance window (components/maintenance.ts) on Azure. Azure Cache for Redis
 * has none here: without a patch schedule (a separate RedisPatchSchedule resource the program
 * does not create) Azure applies updates at any time.
 */

/**
 * PostgreSQL flexible server: a custom window on the platform window's day (0 = Sunday) and
 * start hour (Azure's windows are one hour).
 * https://learn.microsoft.com/azure/postgresql/flexible-server/concepts-maintenance
 */
export function postgresMaintenanceWindow(w: WeeklyWindow): { customWindow: string; dayOfWeek: number; startHour: number; startMinute: number } {
    return { customWindow: "Enabled", dayOfWeek: weekdayIndex(w.day), startHour: w.startHourUtc, startMinute: 0 };
}

/** AKS planned maintenance windows last at least 4 hours. */
const AKS_MIN_WINDOW_HOURS = 4;

/**
 * AKS auto-upgrade schedules (control plane, node OS): weekly from the platform window's start,
 * 4 h instead of 1 h because AKS refuses shorter windows.
 * https://learn.microsoft.com/azure/aks/planned-maintenance
 */
export function aksMaintenanceWindow(w: WeeklyWindow) {
    return {
        schedule: { weekly: { dayOfWeek: WEEKDAY_NAMES[w.day], intervalWeeks: 1 } },
        durationHours: Math.max(AKS_MIN_WINDOW_HOURS, w.durationHours),
        startTime: `${String(w.startHourUtc).padStart(2, "0")}:00`,
        utcOffset: "+00:00",
    };
}
