import { weekdayAfter, weekdayIndex, WEEKDAY_NAMES, WeeklyWindow } from "../../components/maintenance";

/* The platform maintenance window (components/maintenance.ts) on GCP. */

/**
 * Cloud SQL: the platform window's day and start hour (Cloud SQL windows are one hour; days
 * are 1 = Monday to 7 = Sunday).
 * https://cloud.google.com/sql/docs/postgres/set-maintenance-window
 */
export function cloudSqlMaintenanceWindow(w: WeeklyWindow): { day: number; hour: number; updateTrack: string } {
    return { day: ((weekdayIndex(w.day) + 6) % 7) + 1, hour: w.startHourUtc, updateTrack: "stable" };
}

/**
 * Memorystore: the platform window's day and start hour (Memorystore windows are one hour).
 * Unlike ElastiCache on AWS it is not staggered after the database: that would move every GCP
 * cache's window an hour (an in-place update), a change of behaviour left to its own decision.
 * https://cloud.google.com/memorystore/docs/redis/about-maintenance
 */
export function memorystoreMaintenancePolicy(w: WeeklyWindow) {
    return { weeklyMaintenanceWindows: [{ day: WEEKDAY_NAMES[w.day].toUpperCase(), startTime: { hours: w.startHourUtc, minutes: 0, seconds: 0, nanos: 0 } }] };
}

/** GKE windows of this length or more count towards its availability minimum. */
const GKE_WINDOW_HOURS = 8;

/**
 * GKE: 8 h from the platform window's start, on its day and on the day before (Saturdays and
 * Sundays 04:00-12:00 UTC). GKE requires at least 48 h of availability in any 32-day window,
 * counting only windows of 4 h or more (the weekly 4 h Sunday window gave 16-20 h and was
 * rejected with `Error 400`); two 8 h windows a week give at least 64 h.
 * https://cloud.google.com/kubernetes-engine/docs/concepts/maintenance-windows-and-exclusions
 */
export function gkeMaintenanceWindow(w: WeeklyWindow): { startTime: string; endTime: string; recurrence: string } {
    // The first occurrence, on a date whose weekday is the window's: 2025-01-05 was a Sunday.
    const start = Date.UTC(2025, 0, 5 + weekdayIndex(w.day), w.startHourUtc);
    const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
    const days = [weekdayAfter(w.day, -1), w.day].map((d) => d.slice(0, 2).toUpperCase());
    return { startTime: iso(start), endTime: iso(start + GKE_WINDOW_HOURS * 3600_000), recurrence: `FREQ=WEEKLY;BYDAY=${days.join(",")}` };
}
