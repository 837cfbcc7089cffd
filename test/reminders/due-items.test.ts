/** reminderItems: the open obligations a profile's timeline yields, and how recording an audit moves or ends them. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, type JstDate } from "../../src/lib/time.js";
import { candidateOccurrences, type ReminderItem } from "../../src/reminders/due.js";
import { occurrenceKey } from "../../src/reminders/occurrence.js";
import { obligations } from "../../src/rules/obligations.js";
import { profileOf, rules, settingsOf, TEAM } from "../support/fixtures.js";
import { jst, objectiveIds, plannedProfile, referenceProfile } from "../support/reminders.js";
import { GOV, itemsAt, only } from "./due-helpers.js";

describe("reminderItems: the timeline's open obligations", () => {
  const at = jst("2026-12-01 10:00");
  const items = itemsAt(referenceProfile(), at);

  it("lists the reference profile's open obligations, soonest due first, with subjects valid in keys", () => {
    expect(items.map((i) => `${i.kind}:${i.subject}:${i.dueDate}:${i.daysLeft}`)).toEqual([
      "internal:coverage:2026-12-09:8",
      "external:governance-p2025-10-01:2026-12-31:30",
      "external:management-p2025-10-01:2026-12-31:30",
      "report:period-2026-09-30:2026-12-31:30",
      "validity:period-2025-09-30:2027-01-31:61",
      "internal:coverage-never:2027-09-30:303",
      "external:governance-p2026-10-01:2027-12-31:395",
      "external:management-p2026-10-01:2027-12-31:395",
      "controls:group-p2026-10-01:2027-12-31:395",
      "report:period-2027-09-30:2027-12-31:395",
    ]);
    for (const item of items) {
      expect(() =>
        occurrenceKey({ team: TEAM, kind: item.kind, subject: item.subject, dueDate: item.dueDate, lead: 1 }),
      ).not.toThrow();
    }
  });

  it("is exactly the timeline's obligations that are anchored and not done, with their dates and day counts", () => {
    const timeline = obligations(rules, referenceProfile(), at);
    const open = timeline.obligations.filter((o) => o.status !== "done" && o.status !== "not_anchored");
    expect(items.map((i) => i.obligation)).toEqual(open);
    for (const item of items) {
      expect(item.dueDate).toBe(item.obligation.dueOn);
      expect(item.daysLeft).toBe(item.obligation.daysLeft);
      expect(item.kind).toBe(item.obligation.kind);
      expect(item.asOf).toBe("2026-12-01");
    }
    // The 2024-10-01 period is done on every part: nothing of it is reminded.
    expect(items.some((i) => i.obligation.id.endsWith(":p2024-10-01") && i.kind !== "validity")).toBe(false);
    // Nor the 2025-10-01 period's controls group (audited 2026-10-20); but its report is open with its
    // governance and management audits, due the same day: a controls audit alone does not make the report done.
    expect(items.map((i) => i.obligation.id)).not.toContain("controls:p2025-10-01");
    expect(items.find((i) => i.obligation.id === "report:p2025-10-01")).toMatchObject({
      kind: "report",
      subject: "period-2026-09-30",
      dueDate: "2026-12-31",
    });
  });

  it("carries what the messages need: objectives, progress, period, rules and caveats", () => {
    const controls = only(items, "controls")[0] as ReminderItem;
    expect(controls.obligation.id).toBe("controls:p2026-10-01");
    expect(controls.obligation.progress).toEqual({ done: 0, total: 22 });
    expect(controls.obligation.period).toMatchObject({
      start: "2026-10-01",
      end: "2027-09-30",
      cycleYear: 3,
    });
    expect(controls.obligation.objectiveIds).toHaveLength(22);
    const [coverage] = only(items, "internal");
    expect(coverage?.obligation.objectiveIds).toEqual(["5.1.1", "5.1.2"]);
    const validity = only(items, "validity")[0] as ReminderItem;
    expect(validity.obligation.rules.map((r) => r.ruleId)).toContain(rules.program.validity.id);
    for (const item of items) {
      expect(item.obligation.rules.length).toBeGreaterThan(0);
      for (const rule of item.obligation.rules) expect(rule.sources.length).toBeGreaterThan(0);
    }
  });

  it("the subjects stay the same from day to day (stable occurrence keys)", () => {
    const later = itemsAt(referenceProfile(), jst("2026-12-20 10:00"));
    const key = (i: ReminderItem) => `${i.kind}:${i.subject}:${i.dueDate}`;
    expect(later.map(key)).toEqual(items.map(key));
  });

  it("report and validity by the conventions: 3 months and 16 months from the day after the period", () => {
    // Period ending 2026-11-30 → report from 2026-12-01 for 3 months: ends 2027-02-28; validity 16 months from
    // 2026-12-01: ends 2028-03-31.
    const profile = profileOf({
      registration: {
        status: "registered",
        registeredOn: "2026-12-10",
        auditPeriodStart: "2025-12-01",
        auditPeriodEnd: "2026-11-30",
      },
    });
    const at2 = jst("2026-12-15 10:00");
    // The next (assumed) period 2026-12-01 … 2027-11-30 has its report due 2028-02-29 (a leap year's last day).
    expect(only(itemsAt(profile, at2), "report").map((i) => `${i.subject}:${i.dueDate}`)).toEqual([
      "period-2026-11-30:2027-02-28",
      "period-2027-11-30:2028-02-29",
    ]);
    expect(only(itemsAt(profile, at2), "validity").map((i) => `${i.subject}:${i.dueDate}`)).toEqual([
      "period-2026-11-30:2028-03-31",
    ]);
  });

  it("internal coverage by the convention: an audit on 2024-02-29 covers until 2027-02-27", () => {
    const profile = profileOf({
      registration: {
        status: "registered",
        registeredOn: "2025-01-10",
        auditPeriodStart: "2024-01-01",
        auditPeriodEnd: "2024-12-31",
      },
      audits: { internal: [{ id: "i", date: "2024-02-29", objectiveIds: ["5.1.1"] }] },
    });
    const [coverage] = only(itemsAt(profile, jst("2027-01-10 10:00")), "internal").filter(
      (i) => i.subject === "coverage",
    );
    expect(coverage).toMatchObject({ dueDate: "2027-02-27", daysLeft: 48 });
  });

  it("planned: a team preparing with a planned first period is reminded of its targets, marked planned", () => {
    const planned = itemsAt(plannedProfile(), at);
    expect(planned.map((i) => `${i.kind}:${i.subject}:${i.dueDate}`)).toEqual([
      "internal:coverage-never:2027-03-31",
      "external:governance-p2026-10-01:2027-06-30",
      "external:management-p2026-10-01:2027-06-30",
      "controls:group-p2026-10-01:2027-06-30",
      "report:period-2027-03-31:2027-06-30",
    ]);
    expect(planned.every((i) => i.obligation.planned)).toBe(true);
    // No validity for a registration that does not exist yet.
    expect(only(planned, "validity")).toEqual([]);
  });

  it("nothing without an audit period: every period-bound obligation is not anchored", () => {
    const none = profileOf({ registration: { status: "not_started" } });
    expect(itemsAt(none, at)).toEqual([]);
    expect(obligations(rules, none, at).hints).toContain("enter_audit_period");
  });

  it("ignores records dated after asOf", () => {
    const profile = referenceProfile();
    profile.audits.external.push({ id: "future", part: "governance", date: "2027-01-10", objectiveIds: [] });
    expect(only(itemsAt(profile, at), "external").map((i) => i.subject)).toContain("governance-p2025-10-01");
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Recording: the profile changes so the due date moves, and later reminders of that item stop.

const dayArb = (from: JstDate, days: number) =>
  fc.integer({ min: 0, max: days }).map((n) => addDays(from, n));

const profileArb = fc
  .record({
    periodStart: fc.option(dayArb("2021-01-01", 2000), { nil: undefined }),
    periodMonths: fc.integer({ min: 3, max: 12 }),
    governance: fc.array(dayArb("2020-01-01", 2500), { maxLength: 3 }),
    management: fc.array(dayArb("2020-01-01", 2500), { maxLength: 3 }),
    internal: fc.array(
      fc.record({
        date: dayArb("2020-01-01", 2500),
        ids: fc.subarray(objectiveIds.slice(0, 30), { minLength: 1 }),
      }),
      { maxLength: 4 },
    ),
  })
  .map((r) =>
    profileOf({
      registration: {
        status: "registered",
        ...(r.periodStart
          ? {
              registeredOn: r.periodStart,
              auditPeriodStart: r.periodStart,
              // n months less a day, near enough for these properties (the timeline counts the chain after it).
              auditPeriodEnd: addDays(r.periodStart, r.periodMonths * 30 - 1),
            }
          : {}),
      },
      audits: {
        external: [
          ...r.governance.map((date, i) => ({ id: `g${i}`, part: "governance" as const, date })),
          ...r.management.map((date, i) => ({ id: `m${i}`, part: "management" as const, date })),
        ],
        internal: r.internal.map((a, i) => ({ id: `i${i}`, date: a.date, objectiveIds: a.ids })),
      },
    }),
  );

/** Internal coverage by rules/dates.yml, worked by hand: the day before the same date 3 years on (29 Feb as 28). */
function coveredUntilByHand(day: JstDate): JstDate {
  const [y, m, d] = day.split("-");
  const same = `${Number(y) + 3}-${m}-${m === "02" && d === "29" ? "28" : d}`;
  return addDays(same, -1);
}

/** Each item's due date per (kind, subject, objective): what a recording may only move later or remove. */
function dueBySubject(items: ReminderItem[]): Map<string, JstDate> {
  const out = new Map<string, JstDate>();
  for (const item of items) {
    const keys =
      item.kind === "internal"
        ? item.obligation.objectiveIds.map((id) => `internal:${id}`)
        : [`${item.kind}:${item.subject}`];
    for (const key of keys) out.set(key, item.dueDate);
  }
  return out;
}

describe("recording an audit stops later reminders", () => {
  it("property: recording an external governance/management audit only removes items, never adds or moves one", () => {
    fc.assert(
      fc.property(
        profileArb,
        dayArb("2024-01-01", 1500),
        fc.constantFrom("governance" as const, "management" as const),
        fc.integer({ min: 0, max: 400 }),
        (profile, asOfDay, part, back) => {
          const asOf = jst(`${asOfDay} 12:00`);
          const before = dueBySubject(itemsAt(profile, asOf));
          const recorded = structuredClone(profile);
          recorded.audits.external.push({ id: "new", part, date: addDays(asOfDay, -back), objectiveIds: [] });
          const after = dueBySubject(itemsAt(recorded, asOf));
          for (const [key, due] of after) expect(before.get(key)).toBe(due);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("property: recording an internal audit never makes any objective due earlier; its objectives are covered 3 years", () => {
    fc.assert(
      fc.property(
        profileArb,
        dayArb("2024-01-01", 1500),
        fc.subarray(objectiveIds.slice(0, 30), { minLength: 1 }),
        fc.integer({ min: 0, max: 400 }),
        (profile, asOfDay, ids, back) => {
          const asOf = jst(`${asOfDay} 12:00`);
          const date = addDays(asOfDay, -back);
          const last = profile.audits.internal.filter((a) => a.date <= asOfDay).map((a) => a.date);
          fc.pre(last.every((d) => d <= date));
          const before = dueBySubject(itemsAt(profile, asOf));
          const recorded = structuredClone(profile);
          recorded.audits.internal.push({ id: "new", date, objectiveIds: ids });
          const after = dueBySubject(itemsAt(recorded, asOf));
          for (const [key, due] of after) {
            if (!key.startsWith("internal:")) continue;
            const was = before.get(key);
            if (was !== undefined) expect(due >= was).toBe(true);
          }
          for (const id of ids) expect(after.get(`internal:${id}`)).toBe(coveredUntilByHand(date));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("property: a later end of the entered audit period never moves its report or the validity earlier", () => {
    fc.assert(
      fc.property(profileArb, fc.integer({ min: 1, max: 200 }), (profile, shift) => {
        const { auditPeriodStart: start, auditPeriodEnd: end } = profile.registration;
        fc.pre(start !== undefined && end !== undefined);
        const asOf = jst(`${start} 12:00`);
        const moved = structuredClone(profile);
        moved.registration.auditPeriodEnd = addDays(end as string, shift);
        const pick = (items: ReminderItem[]) =>
          items.filter((i) => i.obligation.id === `report:p${start}` || i.kind === "validity");
        const before = pick(itemsAt(profile, asOf));
        const after = pick(itemsAt(moved, asOf));
        expect(after.map((i) => i.kind).sort()).toEqual(before.map((i) => i.kind).sort());
        // Not strictly later: counted as periods are, two ends can give the same last day (periods starting on
        // 2024-05-31 and 2024-06-01 both end 16 months on, on 2025-09-30, as September has no 31st).
        for (const item of after) {
          const old = before.find((b) => b.kind === item.kind);
          if (old) expect(item.dueDate >= old.dueDate).toBe(true);
        }
      }),
    );
  });

  it("after recording, the next sweep's candidates no longer include the old item's keys", () => {
    const profile = referenceProfile();
    const at = jst("2026-12-26 12:00");
    const before = candidateOccurrences(itemsAt(profile, at), TEAM, settingsOf(), at).map((c) => c.key);
    expect(before.some((k) => k.includes(`:external:${GOV}:2026-12-31:`))).toBe(true);
    // A governance audit on 2026-12-20 belongs to the latest period ended before it (2025-10-01 … 2026-09-30);
    // an internal audit of 5.1.1 and 5.1.2 on 2026-12-05 covers them until 2029-12-04.
    profile.audits.external.push({ id: "gov-2", part: "governance", date: "2026-12-20", objectiveIds: [] });
    profile.audits.internal.push({ id: "int-2", date: "2026-12-05", objectiveIds: ["5.1.1", "5.1.2"] });
    const items = itemsAt(profile, at);
    const after = candidateOccurrences(items, TEAM, settingsOf(), at).map((c) => c.key);
    expect(after.some((k) => k.includes(":external:governance-"))).toBe(false);
    expect(after.some((k) => k.includes(":internal:coverage:"))).toBe(false);
    expect(
      only(items, "external")
        .filter((i) => i.obligation.part === "governance")
        .map((i) => i.dueDate),
    ).toEqual(["2027-12-31"]);
    expect(only(items, "internal").find((i) => i.subject === "coverage")?.dueDate).toBe("2029-12-04");
  });
});
