import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, startOfJstDay, toJstDate } from "../../src/lib/time.js";
import {
  candidateOccurrences,
  decide,
  digestOf,
  jstWeekday,
  mondayOnOrBefore,
  occurrencesDue,
  type PlannedOccurrence,
  pastDueAt,
  type ReminderItem,
  sendInstant,
  upcomingOccurrences,
} from "../../src/reminders/due.js";
import { parseOccurrenceKey } from "../../src/reminders/occurrence.js";
import { rules, settingsOf, TEAM } from "../support/fixtures.js";
import { jst, referenceProfile } from "../support/reminders.js";
import { GOV, itemsAt, only, summary } from "./due-helpers.js";

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
