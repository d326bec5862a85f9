/**
 * GKE recurring maintenance windows (RFC 5545 RRULE subset GKE accepts: FREQ=DAILY, or
 * FREQ=WEEKLY;BYDAY=...) and the availability they give: GKE requires at least 48 hours in
 * every 32-day rolling window, counting only windows of at least 4 contiguous hours.
 * https://cloud.google.com/kubernetes-engine/docs/maintenance-window
 */

const DAY_CODES = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];
const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Occurrence start times (ms) of a recurring window between `from` and `to`. */
function occurrences(startTime: string, recurrence: string, from: number, to: number): number[] | undefined {
    const start = Date.parse(startTime);
    if (Number.isNaN(start)) return undefined;
    const parts = Object.fromEntries(recurrence.split(";").map((p) => p.split("=") as [string, string]));
    const daysOfWeek = parts.FREQ === "DAILY" ? [0, 1, 2, 3, 4, 5, 6] : parts.FREQ === "WEEKLY" ? (parts.BYDAY ?? DAY_CODES[new Date(start).getUTCDay()]!).split(",").map((d) => DAY_CODES.indexOf(d)) : undefined;
    if (!daysOfWeek || daysOfWeek.some((d) => d < 0)) return undefined;
    const timeOfDay = start % DAY;
    const result: number[] = [];
    for (let day = Math.floor(Math.max(from, start) / DAY) * DAY - DAY; day < to; day += DAY) {
        const t = day + timeOfDay;
        if (t >= start && daysOfWeek.includes(new Date(t).getUTCDay())) result.push(t);
    }
    return result;
}

/**
 * The least maintenance availability (hours) any 32-day window gets from a recurring window,
 * counting windows of >= 4 h only; undefined when the window is not one GKE accepts.
 */
export function minimumAvailabilityHours(window: { startTime: string; endTime: string; recurrence: string }): number | undefined {
    const length = Date.parse(window.endTime) - Date.parse(window.startTime);
    if (!(length > 0) || length > 7 * DAY) return undefined;
    const counted = length >= 4 * HOUR ? length : 0;
    const base = Date.parse(window.startTime);
    const span = 32 * DAY;
    // The pattern repeats weekly: scan 32-day windows starting at each hour of two weeks.
    const all = occurrences(window.startTime, window.recurrence, base, base + 14 * DAY + span + 7 * DAY);
    if (!all) return undefined;
    let least = Infinity;
    for (let from = base + 7 * DAY; from < base + 14 * DAY; from += HOUR) {
        const to = from + span;
        let total = 0;
        for (const t of all) {
            const portion = Math.max(0, Math.min(t + counted, to) - Math.max(t, from));
            if (portion >= 4 * HOUR) total += portion; // a window cut below 4 h by the edge does not count
        }
        least = Math.min(least, total);
    }
    return least / HOUR;
}
