/**
 * The platform's weekly maintenance window: ONE value, the tier profile's
 * `database.maintenanceWindow` (Sunday 04:00-05:00 UTC on every tier, DESIGN.md). Every cloud's
 * database, cache and cluster maintenance derives from it in that cloud's `maintenance.ts`,
 * which states why a service's window differs from it (a cloud minimum, a stagger).
 */

export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** English day names, as AKS (`Sunday`) and, upper-cased, Memorystore (`SUNDAY`) write them. */
export const WEEKDAY_NAMES: Record<Weekday, string> = {
    sun: "Sunday", mon: "Monday", tue: "Tuesday", wed: "Wednesday", thu: "Thursday", fri: "Friday", sat: "Saturday",
};

export interface WeeklyWindow {
    day: Weekday;
    startHourUtc: number;
    durationHours: number;
}

/** Sunday 0 to Saturday 6. */
export const weekdayIndex = (day: Weekday): number => WEEKDAYS.indexOf(day);

/** The day `days` after `day` (negative: before). */
export const weekdayAfter = (day: Weekday, days: number): Weekday => WEEKDAYS[(((weekdayIndex(day) + days) % 7) + 7) % 7]!;

/** The window moved `hours` later, onto the next day past midnight. */
export function shiftWindow(w: WeeklyWindow, hours: number): WeeklyWindow {
    const start = w.startHourUtc + hours;
    return { day: weekdayAfter(w.day, Math.floor(start / 24)), startHourUtc: ((start % 24) + 24) % 24, durationHours: w.durationHours };
}

/** The window's end: day and hour (past midnight on the next day). */
export const windowEnd = (w: WeeklyWindow): { day: Weekday; hourUtc: number } => {
    const end = shiftWindow(w, w.durationHours);
    return { day: end.day, hourUtc: end.startHourUtc };
};
