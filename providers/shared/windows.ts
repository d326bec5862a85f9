/**
 * Time windows as the clouds write them, reduced to minutes of the week so rules can compare
 * them: `hh:mm-hh:mm` (a daily window, RDS/ElastiCache backups) and `ddd:hh:mm-ddd:hh:mm`
 * (a weekly window, RDS/ElastiCache maintenance). Pure; shared by the rule catalogues.
 */

const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
const WEEK = 7 * 24 * 60;

/** Minutes since 00:00 of `hh:mm`, or undefined when malformed. */
export function minutesOfDay(text: string): number | undefined {
    const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
    return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** A weekly window as [start, end) minute intervals of the week (wrapping ones are split). */
export type WeekIntervals = Array<[number, number]>;

/** `ddd:hh:mm-ddd:hh:mm` as minutes of the week; undefined when malformed. */
export function weeklyWindow(text: string): { start: number; minutes: number; intervals: WeekIntervals } | undefined {
    const m = /^([a-z]{3}):(\d\d:\d\d)-([a-z]{3}):(\d\d:\d\d)$/.exec(text.toLowerCase());
    if (!m) return undefined;
    const d1 = DAYS.indexOf(m[1] as (typeof DAYS)[number]);
    const d2 = DAYS.indexOf(m[3] as (typeof DAYS)[number]);
    const t1 = minutesOfDay(m[2]!);
    const t2 = minutesOfDay(m[4]!);
    if (d1 < 0 || d2 < 0 || t1 === undefined || t2 === undefined) return undefined;
    const start = d1 * 1440 + t1;
    const end = d2 * 1440 + t2;
    const minutes = (end - start + WEEK) % WEEK;
    return { start, minutes, intervals: split(start, minutes) };
}

/** `hh:mm-hh:mm`, repeated every day, as minutes of the week; undefined when malformed. */
export function dailyWindow(text: string): { start: number; minutes: number; intervals: WeekIntervals } | undefined {
    const m = /^(\d\d:\d\d)-(\d\d:\d\d)$/.exec(text);
    if (!m) return undefined;
    const t1 = minutesOfDay(m[1]!);
    const t2 = minutesOfDay(m[2]!);
    if (t1 === undefined || t2 === undefined) return undefined;
    const minutes = (t2 - t1 + 1440) % 1440;
    return { start: t1, minutes, intervals: DAYS.flatMap((_, d) => split(d * 1440 + t1, minutes)) };
}

function split(start: number, minutes: number): WeekIntervals {
    const end = start + minutes;
    return end <= WEEK ? [[start, end]] : [[start, WEEK], [0, end - WEEK]];
}

/** Do two sets of week intervals share any minute? */
export function overlaps(a: WeekIntervals, b: WeekIntervals): boolean {
    return a.some(([s1, e1]) => b.some(([s2, e2]) => s1 < e2 && s2 < e1));
}
