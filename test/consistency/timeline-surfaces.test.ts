/**
 * One truth per date (issue 10): for generated profiles — registrations, audit periods at month ends and leap days,
 * audits before and after, asOf on JST day edges — every date any surface shows is a date of the obligations
 * timeline, of the profile as entered, or of the rules; and the dates of the open obligations that status and App
 * Home list are shown on both. A surface that computed a date of its own (a lapse day instead of the last covered
 * day, a due day off by one, "today + 1 year") shows a day outside that set and fails here.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTranslator, type Locale } from "../../src/i18n/translator.js";
import { addDays, type JstDate, parseInstant, startOfJstDay, toJstDate } from "../../src/lib/time.js";
import { digestOf, reminderItemsOf, upcomingOccurrences } from "../../src/reminders/due.js";
import { ReminderSettings } from "../../src/reminders/settings.js";
import { PROFILE_SCHEMA_VERSION, ServiceProfile } from "../../src/rules/service-profile.js";
import type { ObligationsTimeline } from "../../src/rules/timeline.js";
import { matchTeamIntent } from "../../src/slack/assistant/team-intent.js";
import { dueOutputs } from "../../src/slack/steps/outputs.js";
import { homeView } from "../../src/slack/views/home.js";
import {
  auditsMessage,
  planMessage,
  profileMessage,
  type SlackMessage,
  statusMessage,
} from "../../src/slack/views/messages/index.js";
import { remindListMessage } from "../../src/slack/views/messages/remind-list.js";
import { digestMessage, reminderMessage } from "../../src/slack/views/messages/reminder.js";
import { teamStateMessage } from "../../src/slack/views/messages/team-state.js";
import { nextObligations } from "../../src/slack/views/messages/timeline.js";
import { engine, rules } from "../support/fixtures.js";
import { generatedRegistrationAndAudits, historyArbitraries } from "../support/profile-arbitraries.js";

const MONTHS: Record<string, number> = {
  Jan: 1,
  Feb: 2,
  Mar: 3,
  Apr: 4,
  May: 5,
  Jun: 6,
  Jul: 7,
  Aug: 8,
  Sep: 9,
  Oct: 10,
  Nov: 11,
  Dec: 12,
};
const ymd = (y: string | number, m: string | number, d: string | number) =>
  `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;

/** Every full date (with its year) a person reads in `text`, as YYYY-MM-DD, in either language's format. */
function datesShown(text: string): JstDate[] {
  const out: JstDate[] = [];
  for (const m of text.matchAll(/(\d{4})年(\d{1,2})月(\d{1,2})日/g))
    out.push(ymd(m[1] ?? 0, m[2] ?? 0, m[3] ?? 0));
  for (const m of text.matchAll(/\b(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4})\b/g)) {
    out.push(ymd(m[3] ?? 0, MONTHS[m[2] ?? ""] ?? 0, m[1] ?? 0));
  }
  return out;
}

/** Every string in a Block Kit structure (texts, fields, alt texts …), joined. */
function textOf(value: unknown): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) for (const x of v) walk(x);
    else if (typeof v === "object" && v !== null) {
      for (const [k, x] of Object.entries(v)) if (k !== "value" && k !== "private_metadata") walk(x);
    }
  };
  walk(value);
  return out.join("\n");
}

const messageText = (m: SlackMessage) => textOf([m.text, m.blocks]);

/** Days that may legitimately appear: the timeline's, the profile's as entered, and the rules' own instants. */
function allowedDays(timeline: ObligationsTimeline, profile: ServiceProfile, asOf: Date): Set<JstDate> {
  const days = new Set<JstDate>([timeline.asOf, toJstDate(asOf)]);
  for (const o of timeline.obligations) if (o.dueOn) days.add(o.dueOn);
  for (const o of timeline.obligations) if (o.lastDone) days.add(o.lastDone);
  for (const p of timeline.periods) for (const d of [p.start, p.end, p.reportDueOn]) days.add(d);
  for (const c of timeline.coverage.objectives) {
    if (c.lastCovered) days.add(c.lastCovered);
    if (c.coveredUntil) days.add(c.coveredUntil);
  }
  const r = profile.registration;
  for (const d of [r.registeredOn, r.auditPeriodStart, r.auditPeriodEnd]) if (d) days.add(d);
  for (const a of profile.audits.external)
    for (const d of [a.date, a.periodStart, a.periodEnd]) if (d) days.add(d);
  for (const a of profile.audits.internal) days.add(a.date);
  const sm = profile.specialMeasure;
  for (const d of [sm.listedOn, sm.preApplicationSubmittedOn]) if (d) days.add(d);
  const measure = rules.specialMeasure;
  for (const at of [measure.inForceFrom.at, measure.deadline.at, measure.periodEnd.at]) {
    if (!at) continue;
    const instant = parseInstant(at);
    days.add(toJstDate(instant));
    days.add(toJstDate(new Date(instant.getTime() - 1)));
  }
  // Source titles name their editions ("revised 2022-04-01").
  for (const d of datesShown(textOf(rules.sources))) days.add(d);
  for (const fact of [...rules.program.facts, ...rules.audits.fullIsmapComparison]) {
    for (const at of [fact.validFrom, fact.validTo]) if (at) days.add(toJstDate(parseInstant(at)));
  }
  return days;
}

// ---- generators ----------------------------------------------------------------------------------

/** Days from 2022 to 2028, with month ends, 29 February and year ends far more often than chance. */
const dayArb = fc.oneof(
  fc.integer({ min: 0, max: 365 * 7 }).map((n) => addDays("2022-01-01", n)),
  fc
    .record({ y: fc.integer({ min: 2022, max: 2028 }), m: fc.integer({ min: 1, max: 12 }) })
    .map(({ y, m }) => addDays(ymd(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1), -1)),
  fc.constantFrom("2024-02-29", "2028-02-29", "2025-03-31", "2025-04-01", "2026-11-30", "2026-08-31"),
);
/** An instant on a JST day edge: the first or the last second of the day. */
const asOfArb = fc
  .record({ day: dayArb, last: fc.boolean() })
  .map(({ day, last }) => new Date(startOfJstDay(day).getTime() + (last ? 86_399_000 : 0)));

const profileArb = fc
  .record({
    status: fc.constantFrom("registered", "applied", "preparing", "not_started" as const),
    ...historyArbitraries(dayArb, { maxInternalObjectives: 40 }),
  })
  .map(
    (g): ServiceProfile =>
      ServiceProfile.parse({
        schemaVersion: PROFILE_SCHEMA_VERSION,
        service: { name: "Generated" },
        ...generatedRegistrationAndAudits(g),
      }),
  );

// ---- the surfaces -----------------------------------------------------------------------------------

function surfaces(profile: ServiceProfile, asOf: Date, locale: Locale) {
  const ctx = { rules, t: createTranslator(locale), asOf };
  const timeline = engine.obligations(profile, asOf);
  return {
    timeline,
    views: {
      status: messageText(statusMessage({ profile, revision: 3, timeline }, ctx)),
      home: textOf(homeView({ profile, revision: 3, timeline, canEdit: true }, ctx)),
      audits: messageText(auditsMessage(timeline, ctx)),
      profile: messageText(profileMessage({ profile, revision: 3, timeline }, ctx)),
    },
    plan: engine.planInternalAudits(profile, asOf),
    ctx,
  };
}

describe.each(["ja", "en"] as const)("every date a surface shows is the timeline's (%s)", (locale) => {
  it("status, App Home, /ismap audits and profile show: no date of their own", () => {
    fc.assert(
      fc.property(profileArb, asOfArb, (profile, asOf) => {
        const { timeline, views } = surfaces(profile, asOf, locale);
        const allowed = allowedDays(timeline, profile, asOf);
        for (const [name, text] of Object.entries(views)) {
          for (const day of datesShown(text)) {
            expect(allowed.has(day), `${name} shows ${day}, which is no date of the timeline`).toBe(true);
          }
        }
      }),
      { numRuns: 120 },
    );
  });

  it("the assistant's answers about the team's dates and the 'what is due' step: no date of their own", () => {
    const questions =
      locale === "ja"
        ? [
            "今月期限の対応は？",
            "3月より前にカバーが切れる統制目標は？",
            "うちの登録の有効期限はいつ？",
            "次の監査はいつ？",
            "今後90日以内の期限は？",
          ]
        : [
            "What do we owe this month?",
            "Which objectives lapse before March?",
            "When does our registration expire?",
            "When is our next audit?",
            "What is due for us in the next 90 days?",
          ];
    fc.assert(
      fc.property(profileArb, asOfArb, fc.constantFrom(...questions), (profile, asOf, question) => {
        const ctx = { rules, t: createTranslator(locale), asOf };
        const timeline = engine.obligations(profile, asOf);
        const intent = matchTeamIntent(question, asOf);
        if (intent === undefined) throw new Error(`not a team-state question: ${question}`);
        const allowed = allowedDays(timeline, profile, asOf);
        // The last day of the span the question named ("this month", "before March") is the question's, not a due date.
        if ("range" in intent) allowed.add(intent.range.until);
        for (const day of datesShown(messageText(teamStateMessage(intent, timeline, question, ctx)))) {
          expect(allowed.has(day), `answer to "${question}" shows ${day}`).toBe(true);
        }
        for (const day of datesShown(dueOutputs(timeline, 90, ctx.t).list)) {
          expect(allowed.has(day), `the 'what is due' step shows ${day}`).toBe(true);
        }
      }),
      { numRuns: 120 },
    );
  });

  it("status and App Home show the due day of each of the next open obligations", () => {
    fc.assert(
      fc.property(profileArb, asOfArb, (profile, asOf) => {
        const { timeline, views, ctx } = surfaces(profile, asOf, locale);
        for (const o of nextObligations(timeline)) {
          if (o.dueOn === undefined) continue;
          const shown = ctx.t.date(o.dueOn);
          expect(views.status, `status lacks ${o.id} ${o.dueOn}`).toContain(shown);
          expect(views.home, `home lacks ${o.id} ${o.dueOn}`).toContain(shown);
        }
      }),
      { numRuns: 120 },
    );
  });

  it("/ismap plan: every objective due before the first period is listed with its last covered day", () => {
    fc.assert(
      fc.property(profileArb, asOfArb, (profile, asOf) => {
        const { timeline, plan, ctx } = surfaces(profile, asOf, locale);
        const coveredUntil = new Map(timeline.coverage.objectives.map((o) => [o.id, o.coveredUntil]));
        const neverDue = timeline.obligations.find((o) => o.id === "internal:never")?.dueOn;
        for (const u of plan.urgent) expect(u.dueOn).toBe(coveredUntil.get(u.id) ?? neverDue);
        for (const p of plan.periods) {
          for (const id of p.objectiveIds) {
            const due = coveredUntil.get(id) ?? neverDue;
            if (due !== undefined) expect(p.end <= due).toBe(true);
          }
        }
        const text = messageText(planMessage(plan, ctx));
        const allowed = allowedDays(timeline, profile, asOf);
        for (const p of plan.periods) for (const d of [p.start, p.end]) allowed.add(d);
        for (const day of datesShown(text)) expect(allowed.has(day), `plan shows ${day}`).toBe(true);
      }),
      { numRuns: 80 },
    );
  });
});

describe.each(["ja", "en"] as const)(
  "reminders, the digest and remind list use the timeline's days (%s)",
  (locale) => {
    const team = { teamId: "T0CONSIST1" };
    const settings = ReminderSettings.parse({ enabled: true, channel: "C0GENERAL1", weeklyDigest: true });

    it("every reminder item is an open obligation with its due day and count; messages show no other day", () => {
      fc.assert(
        fc.property(profileArb, asOfArb, (profile, asOf) => {
          const ctx = { rules, t: createTranslator(locale), asOf };
          const timeline = engine.obligations(profile, asOf);
          const byId = new Map(timeline.obligations.map((o) => [o.id, o]));
          const items = reminderItemsOf(timeline);
          const allowed = allowedDays(timeline, profile, asOf);
          for (const item of items) {
            const o = byId.get(item.obligation.id);
            expect(o, item.obligation.id).toBeDefined();
            expect(item.dueDate).toBe(o?.dueOn);
            expect(item.daysLeft).toBe(o?.daysLeft);
            const text = messageText(reminderMessage({ item, lead: 7, sendAt: asOf, late: false }, ctx));
            for (const day of datesShown(text))
              expect(allowed.has(day), `reminder ${item.obligation.id} shows ${day}`).toBe(true);
          }
          const digest = digestOf(items, asOf);
          allowed.add(digest.dueDate);
          for (const day of datesShown(messageText(digestMessage(digest, ctx)))) {
            expect(allowed.has(day), `digest shows ${day}`).toBe(true);
          }
        }),
        { numRuns: 100 },
      );
    });

    it("remind list: each upcoming reminder is for an open obligation's due day", () => {
      fc.assert(
        fc.property(profileArb, asOfArb, (profile, asOf) => {
          const ctx = { rules, t: createTranslator(locale), asOf };
          const timeline = engine.obligations(profile, asOf);
          const items = reminderItemsOf(timeline);
          const until = new Date(asOf.getTime() + 400 * 86_400_000);
          const upcoming = upcomingOccurrences(items, team, settings, asOf, until);
          const due = new Set(timeline.obligations.filter((o) => o.status !== "done").map((o) => o.dueOn));
          const allowed = allowedDays(timeline, profile, asOf);
          for (const occurrence of upcoming) {
            if (occurrence.item.kind !== "digest") expect(due.has(occurrence.dueDate)).toBe(true);
            allowed.add(toJstDate(occurrence.sendAt));
            allowed.add(occurrence.dueDate);
          }
          const text = messageText(remindListMessage(settings, upcoming, ctx, timeline.hints));
          for (const day of datesShown(text)) expect(allowed.has(day), `remind list shows ${day}`).toBe(true);
        }),
        { numRuns: 60 },
      );
    });
  },
);

describe("datesShown", () => {
  it("reads both languages' date formats and nothing else", () => {
    expect(datesShown("期限 2026年6月30日（156日超過）、2027年2月27日まで")).toEqual([
      "2026-06-30",
      "2027-02-27",
    ]);
    expect(datesShown("due 30 Jun 2026 (156 days overdue), valid until 31 Jul 2027")).toEqual([
      "2026-06-30",
      "2027-07-31",
    ]);
    expect(datesShown("121 objectives, 3 years, 12 months")).toEqual([]);
  });
});
