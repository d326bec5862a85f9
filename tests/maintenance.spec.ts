import * as assert from "assert";
import { shiftWindow, WeeklyWindow, windowEnd } from "../components/maintenance";
import { elasticacheMaintenanceWindow, rdsMaintenanceWindow } from "../providers/aws/maintenance";
import { aksMaintenanceWindow, postgresMaintenanceWindow } from "../providers/azure/maintenance";
import { cloudSqlMaintenanceWindow, gkeMaintenanceWindow, memorystoreMaintenancePolicy } from "../providers/gcp/maintenance";
import { overlaps, weeklyWindow } from "../providers/shared/windows";
import { TIERS } from "../components/program-config";

/*
 * One maintenance window (the tier's database.maintenanceWindow) mapped per cloud; each
 * cloud's maintenance.ts states why a service differs from it. The mappings are pure, so they
 * are held to another window too: nothing in them may be today's Sunday 04:00 written out.
 */
const platform = TIERS.production.database.maintenanceWindow;
const lateSaturday: WeeklyWindow = { day: "sat", startHourUtc: 23, durationHours: 1 };

describe("maintenance windows: one platform window, mapped per cloud", () => {
    it("every tier has the same window, Sunday 04:00-05:00 UTC (DESIGN.md)", () => {
        for (const tier of Object.values(TIERS)) assert.deepStrictEqual(tier.database.maintenanceWindow, { day: "sun", startHourUtc: 4, durationHours: 1 });
    });

    it("shifts across midnight and the week's end", () => {
        assert.deepStrictEqual(shiftWindow(lateSaturday, 1), { day: "sun", startHourUtc: 0, durationHours: 1 });
        assert.deepStrictEqual(windowEnd({ day: "wed", startHourUtc: 22, durationHours: 3 }), { day: "thu", hourUtc: 1 });
    });

    it("AWS: RDS in the window, ElastiCache the hour after it (never both failing over in one hour)", () => {
        assert.strictEqual(rdsMaintenanceWindow(platform), "sun:04:00-sun:05:00");
        assert.strictEqual(elasticacheMaintenanceWindow(platform), "sun:05:00-sun:06:00");
        assert.strictEqual(rdsMaintenanceWindow(lateSaturday), "sat:23:00-sun:00:00");
        assert.strictEqual(elasticacheMaintenanceWindow(lateSaturday), "sun:00:00-sun:01:00");
        for (const w of [platform, lateSaturday]) {
            assert.ok(!overlaps(weeklyWindow(rdsMaintenanceWindow(w))!.intervals, weeklyWindow(elasticacheMaintenanceWindow(w))!.intervals));
        }
    });

    it("GCP: Cloud SQL and Memorystore on the window's day and hour, GKE 8 h on it and the day before", () => {
        assert.deepStrictEqual(cloudSqlMaintenanceWindow(platform), { day: 7, hour: 4, updateTrack: "stable" });
        assert.deepStrictEqual(cloudSqlMaintenanceWindow({ ...platform, day: "mon" }).day, 1);
        assert.deepStrictEqual(memorystoreMaintenancePolicy(platform), { weeklyMaintenanceWindows: [{ day: "SUNDAY", startTime: { hours: 4, minutes: 0, seconds: 0, nanos: 0 } }] });
        assert.strictEqual(memorystoreMaintenancePolicy(lateSaturday).weeklyMaintenanceWindows[0]!.day, "SATURDAY");
        assert.deepStrictEqual(gkeMaintenanceWindow(platform), { startTime: "2025-01-05T04:00:00Z", endTime: "2025-01-05T12:00:00Z", recurrence: "FREQ=WEEKLY;BYDAY=SA,SU" });
        assert.deepStrictEqual(gkeMaintenanceWindow(lateSaturday), { startTime: "2025-01-11T23:00:00Z", endTime: "2025-01-12T07:00:00Z", recurrence: "FREQ=WEEKLY;BYDAY=FR,SA" });
        assert.strictEqual(new Date(gkeMaintenanceWindow(lateSaturday).startTime).getUTCDay(), 6, "the first occurrence falls on the window's day");
    });

    it("Azure: PostgreSQL on the window's day (0 = Sunday) and hour, AKS 4 h (its minimum) from the window's start", () => {
        assert.deepStrictEqual(postgresMaintenanceWindow(platform), { customWindow: "Enabled", dayOfWeek: 0, startHour: 4, startMinute: 0 });
        assert.strictEqual(postgresMaintenanceWindow(lateSaturday).dayOfWeek, 6, "the day follows the window (the old `day === \"sun\" ? 0 : 0` did not)");
        assert.deepStrictEqual(aksMaintenanceWindow(platform), { schedule: { weekly: { dayOfWeek: "Sunday", intervalWeeks: 1 } }, durationHours: 4, startTime: "04:00", utcOffset: "+00:00" });
        assert.deepStrictEqual(aksMaintenanceWindow(lateSaturday).schedule.weekly.dayOfWeek, "Saturday");
        assert.strictEqual(aksMaintenanceWindow({ ...platform, durationHours: 6 }).durationHours, 6);
    });
});
