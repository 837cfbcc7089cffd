import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  addYears,
  daysBetween,
  periodLastDay,
  startOfJstDay,
  toJstDate,
} from "../../src/lib/time.js";

describe("JST calendar arithmetic", () => {
  it("maps instants to the JST day, which starts at 15:00 UTC the day before", () => {
    expect(toJstDate(new Date("2025-03-31T14:59:59Z"))).toBe("2025-03-31");
    expect(toJstDate(new Date("2025-03-31T15:00:00Z"))).toBe("2025-04-01");
    expect(startOfJstDay("2025-04-01").toISOString()).toBe("2025-03-31T15:00:00.000Z");
  });

  it("clamps month ends and leap days", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addYears("2028-02-29", 1)).toBe("2029-02-28");
    expect(addYears("2028-02-29", 4)).toBe("2032-02-29");
    expect(addMonths("2025-12-15", 1)).toBe("2026-01-15");
    expect(addMonths("2025-01-15", -1)).toBe("2024-12-15");
    expect(addMonths("2024-08-31", 16)).toBe("2025-12-31");
  });

  it("counts days across month and year ends", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2025-12-31", 1)).toBe("2026-01-01");
    expect(daysBetween("2028-01-01", "2029-01-01")).toBe(366);
    expect(daysBetween("2025-04-01", "2025-03-31")).toBe(-1);
  });

  it("rejects days that do not exist", () => {
    expect(() => startOfJstDay("2025-02-29")).toThrow(RangeError);
    expect(() => startOfJstDay("2025/02/01")).toThrow(RangeError);
  });

  it("round-trips any day and adds days consistently", () => {
    const day = fc
      .date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true })
      .map(toJstDate);
    fc.assert(
      fc.property(day, fc.integer({ min: -2000, max: 2000 }), (d, n) => {
        expect(toJstDate(startOfJstDay(d))).toBe(d);
        expect(daysBetween(d, addDays(d, n))).toBe(n);
      }),
    );
  });
});

describe("periodLastDay: periods counted as rules/dates.yml says (Civil Code arts. 140, 143)", () => {
  it("ends the day before the corresponding day, or on the month's last day when there is none", () => {
    expect(periodLastDay("2026-11-30", 3)).toBe("2027-02-28");
    expect(periodLastDay("2024-02-29", 12)).toBe("2025-02-28");
    expect(periodLastDay("2026-08-31", 3)).toBe("2026-11-30");
    expect(periodLastDay("2025-04-01", 12)).toBe("2026-03-31");
    expect(periodLastDay("2026-04-01", 3)).toBe("2026-06-30");
    expect(periodLastDay("2026-04-01", 16)).toBe("2027-07-31");
    expect(periodLastDay("2027-01-31", 1)).toBe("2027-02-28");
    expect(periodLastDay("2028-01-31", 1)).toBe("2028-02-29");
    expect(periodLastDay("2027-03-01", 3)).toBe("2027-05-31");
  });

  it("always ends within a month of the corresponding day, and consecutive periods never overlap (property)", () => {
    const day = fc.integer({ min: 0, max: 365 * 30 }).map((n) => addDays("2010-01-01", n));
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 36 }), (start, months) => {
        const end = periodLastDay(start, months);
        const corresponding = addMonths(start, months);
        expect(end <= corresponding).toBe(true);
        expect(daysBetween(end, corresponding)).toBeLessThanOrEqual(1);
        // The next period starts the day after, and its own end comes later.
        expect(periodLastDay(addDays(end, 1), months) > end).toBe(true);
      }),
    );
  });
});
