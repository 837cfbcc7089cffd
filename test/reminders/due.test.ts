import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ServiceProfile } from "../../src/profile/schema.js";
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
import { parseOccurrenceKey } from "../../src/reminders/occurrence.js";
import { addDays, addMonths, type JstDate, startOfJstDay, toJstDate } from "../../src/rules/time.js";
import { jst, objectiveIds, profileOf, referenceProfile, rules, settingsOf, TEAM } from "./helpers.js";

const itemsAt = (profile: ServiceProfile, at: Date) => reminderItems(rules, profile, at);
const only = <K extends ReminderItem["kind"]>(items: ReminderItem[], kind: K) =>
  items.filter((i): i is Extract<ReminderItem, { kind: K }> => i.kind === kind);
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

describe("reminderItems: due dates of each kind", () => {
  const at = jst("2026-12-01 10:00");
  const items = itemsAt(referenceProfile(), at);

  it("lists the reference profile's items, soonest due first", () => {
    expect(items.map((i) => `${i.kind}:${i.subject}:${i.dueDate}`)).toEqual([
      "internal:coverage:2026-12-09",
      "external:governance:2026-12-20",
      "report:period-2026-09-30:2026-12-30",
      "external:management:2027-03-10",
      "controls:group-2:2027-11-30",
      "validity:period-2026-09-30:2028-02-01",
    ]);
  });

  it("cites the rule and its sources for every item", () => {
    for (const item of items) {
      expect(item.rule.ruleId).not.toBe("");
      expect(item.rule.sources.length).toBeGreaterThan(0);
    }
    expect(only(items, "validity")[0]?.rule.ruleId).toBe(rules.program.validity.id);
    expect(only(items, "validity")[0]?.caveats.map((c) => c.ruleId)).toContain(rules.program.validity.id);
    expect(only(items, "report")[0]?.rule.ruleId).toBe(rules.program.reportDue.id);
  });

  it("external: yearly from the last audit, clamped at month ends (2028-02-29 → 2029-02-28)", () => {
    const profile = profileOf({
      audits: { external: [{ id: "g", part: "governance", date: "2028-02-29" }] },
    });
    const [governance] = only(itemsAt(profile, jst("2028-06-01 10:00")), "external");
    expect(governance).toMatchObject({ part: "governance", dueDate: "2029-02-28", lastDate: "2028-02-29" });
  });

  it("external: counted from the registration day when never audited, and absent without either", () => {
    const registered = profileOf({ registration: { status: "registered", registeredOn: "2026-02-01" } });
    const external = only(itemsAt(registered, jst("2026-06-01 10:00")), "external");
    expect(external.map((i) => `${i.part} ${i.dueDate} ${i.lastDate ?? "-"}`)).toEqual([
      "governance 2027-02-01 -",
      "management 2027-02-01 -",
    ]);
    expect(itemsAt(profileOf(), jst("2026-06-01 10:00"))).toEqual([]);
  });

  it("report: 3 months after the audit period ends, addMonths clamping (2028-02-29 → 2028-05-29)", () => {
    const due = (end: string) =>
      only(
        itemsAt(profileOf({ registration: { auditPeriodEnd: end } }), jst("2026-01-01 10:00")),
        "report",
      )[0]?.dueDate;
    expect(due("2028-02-29")).toBe("2028-05-29");
    expect(due("2026-11-30")).toBe("2027-02-28");
    expect(due("2027-11-30")).toBe("2028-02-29");
    expect(due("2026-03-31")).toBe("2026-06-30");
  });

  it("validity: 16 months after the day after the period (2027-10-31 → 2027-11-01 → 2029-03-01)", () => {
    const due = (end: string) =>
      only(
        itemsAt(
          profileOf({ registration: { status: "registered", auditPeriodEnd: end } }),
          jst("2026-01-01 10:00"),
        ),
        "validity",
      )[0]?.dueDate;
    expect(due("2027-10-31")).toBe("2029-03-01");
    expect(due("2027-12-31")).toBe("2029-05-01");
    expect(due("2026-10-28")).toBe("2028-02-29");
    expect(due("2027-10-28")).toBe("2029-02-28");
  });

  it("validity only for a registered service; report whatever the status", () => {
    const items = itemsAt(
      profileOf({ registration: { status: "applied", auditPeriodEnd: "2026-09-30" } }),
      jst("2026-10-01 10:00"),
    );
    expect(items.map((i) => i.kind)).toEqual(["report"]);
  });

  it("report: done once an external audit ends its period at or after the period end, or is dated after it", () => {
    const base = { registration: { auditPeriodEnd: "2026-09-30" } } as const;
    const at = jst("2026-11-15 10:00");
    const withPeriod = profileOf({
      ...base,
      audits: { external: [{ id: "x", part: "governance", date: "2026-11-01", periodEnd: "2026-09-30" }] },
    });
    const dated = profileOf({
      ...base,
      audits: { external: [{ id: "x", part: "management", date: "2026-10-15" }] },
    });
    const before = profileOf({
      ...base,
      audits: { external: [{ id: "x", part: "management", date: "2026-09-01" }] },
    });
    expect(only(itemsAt(withPeriod, at), "report")).toEqual([]);
    expect(only(itemsAt(dated, at), "report")).toEqual([]);
    expect(only(itemsAt(before, at), "report")).toHaveLength(1);
  });

  it("controls: this cycle year's group, due on the year's last day, less what was audited this year", () => {
    // A controls audit on the registration day anchors the rotation there, as the registration did.
    const anchored = () => {
      const profile = referenceProfile();
      profile.audits.external.push({
        id: "c0",
        part: "controls",
        date: "2025-12-01",
        objectiveIds: ["5.1.1"],
      });
      return profile;
    };
    const [controls] = only(itemsAt(anchored(), at), "controls");
    expect(controls).toMatchObject({
      subject: "group-2",
      cycleIndex: 2,
      cycleYears: 3,
      yearStart: "2026-12-01",
    });
    expect(controls?.dueDate).toBe("2027-11-30");
    const group = controls?.objectives ?? [];
    expect(group.length).toBe(controls?.groupSize);
    const half = group.slice(0, Math.floor(group.length / 2));
    const partly = anchored();
    partly.audits.external.push({ id: "c1", part: "controls", date: "2026-12-01", objectiveIds: half });
    const [after] = only(itemsAt(partly, at), "controls");
    expect(after?.objectives).toEqual(group.slice(half.length));
    expect(after?.subject).toBe(controls?.subject);
    expect(after?.dueDate).toBe(controls?.dueDate);
    const fully = anchored();
    fully.audits.external.push({ id: "c2", part: "controls", date: "2026-12-01", objectiveIds: group });
    expect(only(itemsAt(fully, at), "controls")).toEqual([]);
  });

  it("controls (rules module behaviour): the first controls audit on record re-anchors the rotation", () => {
    // Counted from the registration day (2025-12-01) the second cycle year's group is due; recording the first
    // controls audit on 2026-12-01 restarts the cycle there, so the first group is due instead.
    const [fromRegistration] = only(items, "controls");
    expect(fromRegistration?.subject).toBe("group-2");
    const profile = referenceProfile();
    profile.audits.external.push({
      id: "c1",
      part: "controls",
      date: "2026-12-01",
      objectiveIds: fromRegistration?.objectives ?? [],
    });
    const [reanchored] = only(itemsAt(profile, at), "controls");
    expect(reanchored).toMatchObject({ subject: "group-1", yearStart: "2026-12-01", dueDate: "2027-11-30" });
  });

  it("controls: nothing without an anchor (no audit, no registration)", () => {
    const profile = profileOf({
      audits: { internal: [{ id: "i", date: "2026-01-01", objectiveIds: ["5.1.1"] }] },
    });
    expect(only(itemsAt(profile, at), "controls")).toEqual([]);
  });

  it("internal: one item per lapse day, listing its objectives, due the day before coverage lapses", () => {
    const profile = profileOf({
      audits: {
        internal: [
          { id: "a", date: "2024-02-29", objectiveIds: ["5.1.1", "5.1.2"] },
          { id: "b", date: "2024-02-29", objectiveIds: ["6.1.1"] },
          { id: "c", date: "2024-05-10", objectiveIds: ["7.1.1", "5.1.2"] },
        ],
      },
    });
    const internal = only(itemsAt(profile, jst("2026-12-01 10:00")), "internal");
    expect(internal.map((i) => [i.dueDate, i.lapsesOn, i.objectives])).toEqual([
      // 2024-02-29 + 3 years = 2027-02-28 (clamped); 5.1.2 moved on to the later audit.
      ["2027-02-27", "2027-02-28", ["5.1.1", "6.1.1"]],
      ["2027-05-09", "2027-05-10", ["5.1.2", "7.1.1"]],
    ]);
    expect(new Set(internal.map((i) => i.subject))).toEqual(new Set(["coverage"]));
  });

  it("ignores records dated after asOf", () => {
    const profile = referenceProfile();
    profile.audits.external.push({ id: "future", part: "governance", date: "2027-01-10", objectiveIds: [] });
    expect(only(itemsAt(profile, at), "external")[0]?.dueDate).toBe("2026-12-20");
  });
});

describe("candidates and decisions at an instant", () => {
  const profile = referenceProfile();
  const settings = settingsOf();

  it("on time: the lead whose instant has just come is sent, not late", () => {
    // Governance is due 2026-12-20; the 30-day lead goes out on 2026-11-20 at 10:00 JST.
    const decisions = occurrencesDue(rules, TEAM, profile, settings, jst("2026-11-20 10:00"), (key) =>
      key.endsWith(":60"),
    );
    expect(summary(decisions)).toContain("send external:governance:30");
    const send = decisions.find((d) => d.occurrence.subject === "governance");
    expect(send).toMatchObject({ action: "send", late: false });
    expect(send?.occurrence.sendAt.toISOString()).toBe("2026-11-20T01:00:00.000Z");
    expect(send?.occurrence.key).toBe("rem:-:T0FAKE0001:external:governance:2026-12-20:30");
  });

  it("nothing before the time of day, the lead at it", () => {
    const early = candidateOccurrences(
      itemsAt(profile, jst("2026-11-20 09:59")),
      TEAM,
      settings,
      jst("2026-11-20 09:59"),
    );
    expect(early.filter((c) => c.subject === "governance").map((c) => c.lead)).toEqual([60]);
    const atTen = candidateOccurrences(
      itemsAt(profile, jst("2026-11-20 10:00")),
      TEAM,
      settings,
      jst("2026-11-20 10:00"),
    );
    expect(atTen.filter((c) => c.subject === "governance").map((c) => c.lead)).toEqual([60, 30]);
  });

  it("respects the team's time of day", () => {
    const late = settingsOf({ timeOfDay: "17:30" });
    const at = jst("2026-11-20 17:29");
    expect(
      candidateOccurrences(itemsAt(profile, at), TEAM, late, at).map((c) => `${c.subject}:${c.lead}`),
    ).not.toContain("governance:30");
    const after = jst("2026-11-20 17:30");
    expect(
      candidateOccurrences(itemsAt(profile, after), TEAM, late, after).map((c) => `${c.subject}:${c.lead}`),
    ).toContain("governance:30");
  });

  it("missed several leads: sends only the most recent, late, and supersedes the older ones", () => {
    const decisions = occurrencesDue(rules, TEAM, profile, settings, jst("2026-12-15 12:00"));
    const governance = decisions.filter((d) => d.occurrence.subject === "governance");
    expect(summary(governance)).toEqual([
      "send external:governance:7",
      "supersede external:governance:30",
      "supersede external:governance:60",
    ]);
    expect(governance.find((d) => d.action === "send")).toMatchObject({ late: true });
    for (const d of governance) {
      if (d.action === "supersede")
        expect(d.supersededBy).toBe("rem:-:T0FAKE0001:external:governance:2026-12-20:7");
    }
  });

  it("a newer lead already sent supersedes an older one still pending", () => {
    const decisions = occurrencesDue(rules, TEAM, profile, settings, jst("2026-12-15 12:00"), (key) =>
      key.endsWith("governance:2026-12-20:7"),
    );
    expect(summary(decisions.filter((d) => d.occurrence.subject === "governance"))).toEqual([
      "supersede external:governance:30",
      "supersede external:governance:60",
    ]);
  });

  it("late is decided by lateAfterMs after the send instant", () => {
    const at = jst("2026-11-20 10:14");
    const onTime = occurrencesDue(rules, TEAM, profile, settings, at, (k) => k.endsWith(":60"));
    expect(onTime.find((d) => d.occurrence.subject === "governance")).toMatchObject({ late: false });
    const strict = occurrencesDue(rules, TEAM, profile, settings, at, (k) => k.endsWith(":60"), {
      lateAfterMs: 60_000,
    });
    expect(strict.find((d) => d.occurrence.subject === "governance")).toMatchObject({ late: true });
  });

  it("past due: every pending lead is dropped, none sent", () => {
    const decisions = occurrencesDue(rules, TEAM, profile, settings, jst("2026-12-21 00:00"), (key) =>
      key.endsWith("governance:2026-12-20:60"),
    );
    expect(summary(decisions.filter((d) => d.occurrence.subject === "governance"))).toEqual([
      "drop external:governance:1",
      "drop external:governance:30",
      "drop external:governance:7",
    ]);
    // The last minute of the due day is still on time.
    const lastMinute = occurrencesDue(rules, TEAM, profile, settings, jst("2026-12-20 23:59"));
    expect(summary(lastMinute.filter((d) => d.occurrence.subject === "governance"))).toContain(
      "send external:governance:1",
    );
  });

  it("all done: no decision at all", () => {
    expect(occurrencesDue(rules, TEAM, profile, settings, jst("2026-12-15 12:00"), () => true)).toEqual([]);
  });

  it("skips a lead whose instant is not before the item is past due", () => {
    const decisions = occurrencesDue(
      rules,
      TEAM,
      profile,
      settingsOf({ leadDays: [0] }),
      jst("2026-12-20 10:00"),
    );
    expect(summary(decisions.filter((d) => d.occurrence.subject === "governance"))).toEqual([
      "send external:governance:0",
    ]);
  });
});

describe("activeSince: turning reminders on", () => {
  it("leaves out items already past due when reminders became active, and sends the latest missed lead late", () => {
    const profile = referenceProfile();
    const settings = settingsOf({ activeSince: jst("2026-12-15 09:00").toISOString() });
    const decisions = occurrencesDue(rules, TEAM, profile, settings, jst("2026-12-15 10:00"));
    // Internal coverage was due 2026-12-09, before reminders were on: nothing at all, not even a drop.
    expect(decisions.some((d) => d.occurrence.kind === "internal")).toBe(false);
    expect(decisions.some((d) => d.action === "drop")).toBe(false);
    expect(summary(decisions.filter((d) => d.occurrence.subject === "governance"))).toEqual([
      "send external:governance:7",
      "supersede external:governance:30",
      "supersede external:governance:60",
    ]);
    // The same past-due item counts as dropped when it fell due while reminders were on.
    const earlier = settingsOf({ activeSince: jst("2026-10-01 09:00").toISOString() });
    expect(
      summary(
        occurrencesDue(rules, TEAM, profile, earlier, jst("2026-12-15 10:00")).filter(
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
  const at = jst("2026-12-15 12:00");

  it("a team with reminders off, paused, or without a channel gets nothing", () => {
    expect(occurrencesDue(rules, TEAM, profile, settingsOf({ enabled: false }), at)).toEqual([]);
    const paused = { ...settingsOf(), paused: { reason: "not_in_channel" as const, at: at.toISOString() } };
    expect(occurrencesDue(rules, TEAM, profile, paused, at)).toEqual([]);
    expect(occurrencesDue(rules, TEAM, profile, { ...settingsOf(), channel: undefined }, at)).toEqual([]);
  });

  it("disabled kinds produce nothing, and the digest lists only enabled kinds", () => {
    const settings = settingsOf({ kinds: ["report"], weeklyDigest: true });
    const monday = jst("2026-12-14 10:00");
    const decisions = occurrencesDue(rules, TEAM, profile, settings, monday);
    expect(new Set(decisions.map((d) => d.occurrence.kind))).toEqual(new Set(["report", "digest"]));
    const digest = decisions.find((d) => d.occurrence.kind === "digest")?.occurrence.item;
    expect(digest?.kind === "digest" && digest.upcoming.map((i) => i.kind)).toEqual(["report"]);
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
    expect(item.upcoming.map((i) => `${i.kind}:${i.dueDate}`)).toEqual([
      "external:2026-12-20",
      "report:2026-12-30",
      "external:2027-03-10",
    ]);
    expect(item.overdue.map((i) => `${i.kind}:${i.dueDate}`)).toEqual(["internal:2026-12-09"]);
    expect(
      digestOf(itemsAt(profile, jst("2026-12-14 10:00")), jst("2026-12-14 10:00"), 10).upcoming,
    ).toHaveLength(1);
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
    expect(next.map((o) => `${toJstDate(o.sendAt)} ${o.kind}:${o.subject}:${o.lead}`)).toEqual([
      "2026-12-02 internal:coverage:7",
      "2026-12-08 internal:coverage:1",
      "2026-12-13 external:governance:7",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Recording: the profile changes so the due date moves, and later reminders of that item stop.

const dayArb = (from: JstDate, days: number) =>
  fc.integer({ min: 0, max: days }).map((n) => addDays(from, n));

const profileArb = fc
  .record({
    registeredOn: fc.option(dayArb("2020-01-01", 2500), { nil: undefined }),
    governance: fc.array(dayArb("2020-01-01", 2500), { maxLength: 3 }),
    management: fc.array(dayArb("2020-01-01", 2500), { maxLength: 3 }),
    internal: fc.array(
      fc.record({
        date: dayArb("2020-01-01", 2500),
        ids: fc.subarray(objectiveIds.slice(0, 30), { minLength: 1 }),
      }),
      { maxLength: 4 },
    ),
    periodEnd: fc.option(dayArb("2021-01-01", 2000), { nil: undefined }),
  })
  .map((r) =>
    profileOf({
      registration: {
        status: "registered",
        ...(r.registeredOn ? { registeredOn: r.registeredOn } : {}),
        ...(r.periodEnd ? { auditPeriodEnd: r.periodEnd } : {}),
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

/** Each item's due date per (kind, subject, objective): what a recording may only move later or remove. */
function dueBySubject(items: ReminderItem[]): Map<string, JstDate> {
  const out = new Map<string, JstDate>();
  for (const item of items) {
    const keys =
      item.kind === "internal"
        ? item.objectives.map((id) => `internal:${id}`)
        : [`${item.kind}:${item.subject}`];
    for (const key of keys) out.set(key, item.dueDate);
  }
  return out;
}

describe("recording an audit stops later reminders", () => {
  it("property: recording an external governance/management audit never adds an earlier-due item for that part", () => {
    fc.assert(
      fc.property(
        profileArb,
        dayArb("2024-01-01", 1500),
        fc.constantFrom("governance" as const, "management" as const),
        fc.integer({ min: 0, max: 400 }),
        (profile, asOfDay, part, back) => {
          const asOf = jst(`${asOfDay} 12:00`);
          const before = dueBySubject(itemsAt(profile, asOf));
          const latest = [
            ...profile.audits.external.filter((a) => a.part === part && a.date <= asOfDay).map((a) => a.date),
            ...(profile.registration.registeredOn ? [profile.registration.registeredOn] : []),
          ].sort();
          const date = addDays(asOfDay, -back);
          fc.pre(latest.length === 0 || date >= (latest.at(-1) as string));
          const recorded = structuredClone(profile);
          recorded.audits.external.push({ id: "new", part, date, objectiveIds: [] });
          const after = dueBySubject(itemsAt(recorded, asOf));
          const was = before.get(`external:${part}`);
          const now = after.get(`external:${part}`);
          expect(now).toBeDefined();
          if (was !== undefined) expect((now as string) >= was).toBe(true);
          expect(now).toBe(addMonths(date, 12));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("property: recording an internal audit never makes any objective due earlier, nor adds items due earlier", () => {
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
          const before = itemsAt(profile, asOf);
          const recorded = structuredClone(profile);
          recorded.audits.internal.push({ id: "new", date, objectiveIds: ids });
          const after = itemsAt(recorded, asOf);
          const dueBefore = dueBySubject(before);
          for (const [key, due] of dueBySubject(after)) {
            if (!key.startsWith("internal:")) continue;
            const was = dueBefore.get(key);
            if (was !== undefined) expect(due >= was).toBe(true);
          }
          const earliest = (items: ReminderItem[]) =>
            only(items, "internal")
              .map((i) => i.dueDate)
              .sort()[0];
          const e0 = earliest(before);
          const e1 = earliest(after);
          if (e0 !== undefined && e1 !== undefined) expect(e1 >= e0).toBe(true);
          for (const id of ids)
            expect(dueBySubject(after).get(`internal:${id}`)).toBe(addDays(addMonths(date, 36), -1));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("property: a later audit period only moves the report and validity later", () => {
    fc.assert(
      fc.property(profileArb, fc.integer({ min: 1, max: 800 }), (profile, shift) => {
        const end = profile.registration.auditPeriodEnd;
        fc.pre(end !== undefined);
        const asOf = jst(`${end} 12:00`);
        const moved = structuredClone(profile);
        moved.registration.auditPeriodEnd = addDays(end as string, shift);
        const before = itemsAt(profile, asOf).filter((i) => i.kind === "report" || i.kind === "validity");
        const after = itemsAt(moved, asOf).filter((i) => i.kind === "report" || i.kind === "validity");
        for (const item of after) {
          const old = before.find((b) => b.kind === item.kind);
          if (old) expect(item.dueDate > old.dueDate).toBe(true);
        }
      }),
    );
  });

  it("after recording, the next sweep's candidates no longer include the old item's keys", () => {
    const profile = referenceProfile();
    const at = jst("2026-12-15 12:00");
    const before = candidateOccurrences(itemsAt(profile, at), TEAM, settingsOf(), at).map((c) => c.key);
    expect(before.some((k) => k.includes(":external:governance:2026-12-20:"))).toBe(true);
    profile.audits.external.push({ id: "gov-2", part: "governance", date: "2026-12-14", objectiveIds: [] });
    profile.audits.internal.push({ id: "int-2", date: "2026-12-05", objectiveIds: ["5.1.1", "5.1.2"] });
    const after = candidateOccurrences(itemsAt(profile, at), TEAM, settingsOf(), at).map((c) => c.key);
    expect(after.some((k) => k.includes(":external:governance:"))).toBe(false);
    expect(after.some((k) => k.includes(":internal:"))).toBe(false);
    const [next] = only(itemsAt(profile, at), "external").filter((i) => i.part === "governance");
    expect(next?.dueDate).toBe("2027-12-14");
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
