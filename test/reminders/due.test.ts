import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, type JstDate, startOfJstDay, toJstDate } from "../../src/lib/time.js";
import {
  candidateOccurrences,
  type Decision,
  decide,
  digestOf,
  jstWeekday,
  mondayOnOrBefore,
  occurrencesDue,
  type PlannedOccurrence,
  pastDueAt,
  type ReminderItem,
  reminderItems,
  sendInstant,
  upcomingOccurrences,
} from "../../src/reminders/due.js";
import { occurrenceKey, parseOccurrenceKey } from "../../src/reminders/occurrence.js";
import { obligations } from "../../src/rules/obligations.js";
import type { ServiceProfile } from "../../src/rules/service-profile.js";
import { profileOf, rules, settingsOf, TEAM } from "../support/fixtures.js";
import { jst, objectiveIds, plannedProfile, referenceProfile } from "../support/reminders.js";

/** The governance obligation of the 2025-10-01 period: due 2026-12-31 (the period's report day). */
const GOV = "governance-p2025-10-01";
const itemsAt = (profile: ServiceProfile, at: Date) => reminderItems(rules, profile, at);
const only = (items: ReminderItem[], kind: ReminderItem["kind"]) => items.filter((i) => i.kind === kind);
const summary = (decisions: Decision[]) =>
  decisions
    .map((d) => `${d.action} ${d.occurrence.kind}:${d.occurrence.subject}:${d.occurrence.lead}`)
    .sort();

describe("send instants (JST)", () => {
  it("is the due day minus the lead, at the time of day in JST", () => {
    expect(sendInstant("2026-12-30", 30, "10:00").toISOString()).toBe("2026-11-30T01:00:00.000Z");
    expect(sendInstant("2026-12-30", 0, "23:59").toISOString()).toBe("2026-12-30T14:59:00.000Z");
    expect(sendInstant("2026-12-30", 1, "00:00").toISOString()).toBe("2026-12-28T15:00:00.000Z");
  });

  it("crosses month ends, year ends and leap days by calendar days", () => {
    expect(toJstDate(sendInstant("2026-03-01", 1, "10:00"))).toBe("2026-02-28");
    expect(toJstDate(sendInstant("2028-03-01", 1, "10:00"))).toBe("2028-02-29");
    expect(toJstDate(sendInstant("2027-01-05", 7, "10:00"))).toBe("2026-12-29");
    expect(toJstDate(sendInstant("2028-04-29", 60, "10:00"))).toBe("2028-02-29");
  });

  it("is past due from the start of the JST day after the due day", () => {
    expect(pastDueAt("2026-12-30").toISOString()).toBe("2026-12-30T15:00:00.000Z");
  });

  it("property: every lead's instant falls on the due day minus the lead, at the time of day", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 5000 }),
        fc.integer({ min: 0, max: 366 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (offset, lead, h, m) => {
          const due = addDays("2024-01-01", offset);
          const tod = `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}`;
          const at = sendInstant(due, lead, tod);
          expect(toJstDate(at)).toBe(addDays(due, -lead));
          expect(at.getTime() - startOfJstDay(toJstDate(at)).getTime()).toBe((h * 60 + m) * 60_000);
        },
      ),
    );
  });
});

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

describe("candidates and decisions at an instant", () => {
  const profile = referenceProfile();
  const settings = settingsOf();

  it("on time: the lead whose instant has just come is sent, not late", () => {
    // Governance of the 2025-10-01 period is due 2026-12-31; the 30-day lead goes out on 2026-12-01 at 10:00 JST.
    const decisions = occurrencesDue(rules, TEAM, profile, settings, jst("2026-12-01 10:00"), (key) =>
      key.endsWith(":60"),
    );
    expect(summary(decisions)).toContain("send external:governance-p2025-10-01:30");
    const send = decisions.find((d) => d.occurrence.subject === GOV);
    expect(send).toMatchObject({ action: "send", late: false });
    expect(send?.occurrence.sendAt.toISOString()).toBe("2026-12-01T01:00:00.000Z");
    expect(send?.occurrence.key).toBe("rem:-:T0FAKE0001:external:governance-p2025-10-01:2026-12-31:30");
  });

  it("nothing before the time of day, the lead at it", () => {
    const early = candidateOccurrences(
      itemsAt(profile, jst("2026-12-01 09:59")),
      TEAM,
      settings,
      jst("2026-12-01 09:59"),
    );
    expect(early.filter((c) => c.subject === GOV).map((c) => c.lead)).toEqual([60]);
    const atTen = candidateOccurrences(
      itemsAt(profile, jst("2026-12-01 10:00")),
      TEAM,
      settings,
      jst("2026-12-01 10:00"),
    );
    expect(atTen.filter((c) => c.subject === GOV).map((c) => c.lead)).toEqual([60, 30]);
  });

  it("respects the team's time of day", () => {
    const late = settingsOf({ timeOfDay: "17:30" });
    const at = jst("2026-12-01 17:29");
    expect(
      candidateOccurrences(itemsAt(profile, at), TEAM, late, at).map((c) => `${c.subject}:${c.lead}`),
    ).not.toContain(`${GOV}:30`);
    const after = jst("2026-12-01 17:30");
    expect(
      candidateOccurrences(itemsAt(profile, after), TEAM, late, after).map((c) => `${c.subject}:${c.lead}`),
    ).toContain(`${GOV}:30`);
  });

  it("missed several leads: sends only the most recent, late, and supersedes the older ones", () => {
    const decisions = occurrencesDue(rules, TEAM, profile, settings, jst("2026-12-26 12:00"));
    const governance = decisions.filter((d) => d.occurrence.subject === GOV);
    expect(summary(governance)).toEqual([
      "send external:governance-p2025-10-01:7",
      "supersede external:governance-p2025-10-01:30",
      "supersede external:governance-p2025-10-01:60",
    ]);
    expect(governance.find((d) => d.action === "send")).toMatchObject({ late: true });
    for (const d of governance) {
      if (d.action === "supersede")
        expect(d.supersededBy).toBe("rem:-:T0FAKE0001:external:governance-p2025-10-01:2026-12-31:7");
    }
  });

  it("a newer lead already sent supersedes an older one still pending", () => {
    const decisions = occurrencesDue(rules, TEAM, profile, settings, jst("2026-12-26 12:00"), (key) =>
      key.endsWith(`${GOV}:2026-12-31:7`),
    );
    expect(summary(decisions.filter((d) => d.occurrence.subject === GOV))).toEqual([
      "supersede external:governance-p2025-10-01:30",
      "supersede external:governance-p2025-10-01:60",
    ]);
  });

  it("late is decided by lateAfterMs after the send instant", () => {
    const at = jst("2026-12-01 10:14");
    const onTime = occurrencesDue(rules, TEAM, profile, settings, at, (k) => k.endsWith(":60"));
    expect(onTime.find((d) => d.occurrence.subject === GOV)).toMatchObject({ late: false });
    const strict = occurrencesDue(rules, TEAM, profile, settings, at, (k) => k.endsWith(":60"), {
      lateAfterMs: 60_000,
    });
    expect(strict.find((d) => d.occurrence.subject === GOV)).toMatchObject({ late: true });
  });

  it("past due: every pending lead is dropped, none sent", () => {
    const decisions = occurrencesDue(rules, TEAM, profile, settings, jst("2027-01-01 00:00"), (key) =>
      key.endsWith(`${GOV}:2026-12-31:60`),
    );
    expect(summary(decisions.filter((d) => d.occurrence.subject === GOV))).toEqual([
      "drop external:governance-p2025-10-01:1",
      "drop external:governance-p2025-10-01:30",
      "drop external:governance-p2025-10-01:7",
    ]);
    // The last minute of the due day is still on time.
    const lastMinute = occurrencesDue(rules, TEAM, profile, settings, jst("2026-12-31 23:59"));
    expect(summary(lastMinute.filter((d) => d.occurrence.subject === GOV))).toContain(
      "send external:governance-p2025-10-01:1",
    );
  });

  it("all done: no decision at all", () => {
    expect(occurrencesDue(rules, TEAM, profile, settings, jst("2026-12-26 12:00"), () => true)).toEqual([]);
  });

  it("skips a lead whose instant is not before the item is past due", () => {
    const decisions = occurrencesDue(
      rules,
      TEAM,
      profile,
      settingsOf({ leadDays: [0] }),
      jst("2026-12-31 10:00"),
    );
    expect(summary(decisions.filter((d) => d.occurrence.subject === GOV))).toEqual([
      "send external:governance-p2025-10-01:0",
    ]);
  });
});

describe("activeSince: turning reminders on", () => {
  it("leaves out items already past due when reminders became active, and sends the latest missed lead late", () => {
    const profile = referenceProfile();
    const settings = settingsOf({ activeSince: jst("2026-12-26 09:00").toISOString() });
    const decisions = occurrencesDue(rules, TEAM, profile, settings, jst("2026-12-26 10:00"));
    // Internal coverage was due 2026-12-09, before reminders were on: nothing at all, not even a drop.
    expect(decisions.some((d) => d.occurrence.kind === "internal")).toBe(false);
    expect(decisions.some((d) => d.action === "drop")).toBe(false);
    expect(summary(decisions.filter((d) => d.occurrence.subject === GOV))).toEqual([
      "send external:governance-p2025-10-01:7",
      "supersede external:governance-p2025-10-01:30",
      "supersede external:governance-p2025-10-01:60",
    ]);
    // The same past-due item counts as dropped when it fell due while reminders were on.
    const earlier = settingsOf({ activeSince: jst("2026-10-01 09:00").toISOString() });
    expect(
      summary(
        occurrencesDue(rules, TEAM, profile, earlier, jst("2026-12-26 10:00")).filter(
          (d) => d.occurrence.kind === "internal",
        ),
      ),
    ).toEqual([
      "drop internal:coverage:1",
      "drop internal:coverage:30",
      "drop internal:coverage:60",
      "drop internal:coverage:7",
    ]);
  });
});

describe("settings: what produces nothing", () => {
  const profile = referenceProfile();
  const at = jst("2026-12-26 12:00");

  it("a team with reminders off, paused, or without a channel gets nothing", () => {
    expect(occurrencesDue(rules, TEAM, profile, settingsOf({ enabled: false }), at)).toEqual([]);
    const paused = { ...settingsOf(), paused: { reason: "not_in_channel" as const, at: at.toISOString() } };
    expect(occurrencesDue(rules, TEAM, profile, paused, at)).toEqual([]);
    expect(occurrencesDue(rules, TEAM, profile, { ...settingsOf(), channel: undefined }, at)).toEqual([]);
  });

  it("disabled kinds produce nothing, and the digest lists only enabled kinds", () => {
    const settings = settingsOf({ kinds: ["validity"], weeklyDigest: true });
    const monday = jst("2026-12-14 10:00");
    const decisions = occurrencesDue(rules, TEAM, profile, settings, monday);
    expect(new Set(decisions.map((d) => d.occurrence.kind))).toEqual(new Set(["validity", "digest"]));
    const digest = decisions.find((d) => d.occurrence.kind === "digest")?.occurrence.item;
    expect(digest?.kind === "digest" && digest.upcoming.map((i) => i.kind)).toEqual(["validity"]);
    expect(
      occurrencesDue(rules, TEAM, profile, settingsOf({ kinds: [], weeklyDigest: false }), monday),
    ).toEqual([]);
  });

  it("weekly digest off: no digest", () => {
    const decisions = occurrencesDue(
      rules,
      TEAM,
      profile,
      settingsOf({ weeklyDigest: false }),
      jst("2026-12-14 10:00"),
    );
    expect(decisions.some((d) => d.occurrence.kind === "digest")).toBe(false);
  });
});

describe("weekly digest", () => {
  const profile = referenceProfile();
  const settings = settingsOf();
  const digestAt = (at: Date) =>
    candidateOccurrences(itemsAt(profile, at), TEAM, settings, at).filter((c) => c.kind === "digest");

  it("is sent on Mondays at the time of day, for that Monday", () => {
    expect(jstWeekday("2026-12-14")).toBe(1);
    expect(digestAt(jst("2026-12-14 09:59"))).toEqual([]);
    const [digest] = digestAt(jst("2026-12-14 10:00"));
    expect(digest?.key).toBe("rem:-:T0FAKE0001:digest:weekly:2026-12-14:0");
    expect(digest?.sendAt.toISOString()).toBe("2026-12-14T01:00:00.000Z");
  });

  it("lists what is due within 90 days, and what is overdue", () => {
    const [digest] = digestAt(jst("2026-12-14 10:00"));
    const item = digest?.item;
    if (item?.kind !== "digest") throw new Error("no digest");
    // 2026-12-14 + 90 days = 2027-03-14: the 2025-10-01 period's two external audits and its report, and the
    // validity.
    expect(item.upcoming.map((i) => `${i.kind}:${i.dueDate}:${i.daysLeft}`)).toEqual([
      "external:2026-12-31:17",
      "external:2026-12-31:17",
      "report:2026-12-31:17",
      "validity:2027-01-31:48",
    ]);
    expect(item.overdue.map((i) => `${i.kind}:${i.dueDate}:${i.daysLeft}`)).toEqual([
      "internal:2026-12-09:-5",
    ]);
    const at = jst("2026-12-14 10:00");
    expect(digestOf(itemsAt(profile, at), at, 17).upcoming).toHaveLength(3);
    expect(digestOf(itemsAt(profile, at), at, 16).upcoming).toHaveLength(0);
  });

  it("property: the digest candidate is always for the latest Monday, sent at its time of day, never on other days", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 24 * 60 * 800 }), (minutes) => {
        const at = new Date(jst("2026-01-01 00:00").getTime() + minutes * 60_000);
        const today = toJstDate(at);
        const found = digestAt(at);
        const monday = mondayOnOrBefore(today);
        expect(jstWeekday(monday)).toBe(1);
        if (found.length === 0) {
          expect(today === monday && at < sendInstant(monday, 0, settings.timeOfDay)).toBe(true);
        } else {
          expect(found).toHaveLength(1);
          expect(found[0]?.dueDate).toBe(monday);
          expect(found[0]?.sendAt.getTime()).toBeLessThanOrEqual(at.getTime());
        }
      }),
      { numRuns: 300 },
    );
  });

  it("missed on its Monday: sent late that day, dropped after", () => {
    const late = occurrencesDue(rules, TEAM, profile, settings, jst("2026-12-14 18:00"));
    expect(late.find((d) => d.occurrence.kind === "digest")).toMatchObject({ action: "send", late: true });
    const tuesday = occurrencesDue(rules, TEAM, profile, settings, jst("2026-12-15 09:00"));
    expect(tuesday.find((d) => d.occurrence.kind === "digest")).toMatchObject({ action: "drop" });
  });
});

describe("upcomingOccurrences", () => {
  it("lists the next reminders in send order", () => {
    const at = jst("2026-12-01 10:00");
    const next = upcomingOccurrences(
      itemsAt(referenceProfile(), at),
      TEAM,
      settingsOf(),
      at,
      jst("2026-12-14 23:59"),
    );
    // The 30-day leads of the 2026-12-31 items go out at 2026-12-01 10:00 itself: not after `from`.
    expect(next.map((o) => `${toJstDate(o.sendAt)} ${o.kind}:${o.subject}:${o.lead}`)).toEqual([
      "2026-12-02 internal:coverage:7",
      "2026-12-02 validity:period-2025-09-30:60",
      "2026-12-08 internal:coverage:1",
    ]);
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

describe("decide (pure)", () => {
  const occurrence = (lead: number, sendAt: string, dueDate = "2027-01-31"): PlannedOccurrence => {
    const item = only(itemsAt(referenceProfile(), jst("2026-12-01 10:00")), "report")[0] as ReminderItem;
    const key = `rem:-:T1:report:period-x:${dueDate}:${lead}`;
    return {
      team: { teamId: "T1" },
      kind: "report",
      subject: "period-x",
      dueDate,
      lead,
      key,
      itemKey: `-:T1:report:period-x:${dueDate}`,
      sendAt: jst(sendAt),
      pastDueAt: pastDueAt(dueDate),
      item,
    };
  };

  it("groups by item and treats items independently", () => {
    const a = occurrence(30, "2027-01-01 10:00");
    const b = occurrence(7, "2027-01-24 10:00");
    const c = occurrence(7, "2027-02-21 10:00", "2027-02-28");
    const decisions = decide([a, b, c], () => false, jst("2027-02-21 10:00"));
    expect(decisions.map((d) => `${d.action} ${d.occurrence.key}`)).toEqual([
      `drop ${a.key}`,
      `drop ${b.key}`,
      `send ${c.key}`,
    ]);
    expect(parseOccurrenceKey(c.key)).toMatchObject({ kind: "report", dueDate: "2027-02-28", lead: 7 });
  });
});

describe("time helpers", () => {
  it("mondayOnOrBefore", () => {
    expect(mondayOnOrBefore("2026-12-14")).toBe("2026-12-14");
    expect(mondayOnOrBefore("2026-12-20")).toBe("2026-12-14");
    expect(mondayOnOrBefore("2027-01-01")).toBe("2026-12-28");
    expect(startOfJstDay("2026-12-14").toISOString()).toBe("2026-12-13T15:00:00.000Z");
  });
});
