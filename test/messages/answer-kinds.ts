/**
 * Every answer the bot gives, built for a profile, a locale and an instant: the shared fixture of the length
 * budget test and of the measuring script (answer-lengths.ts). Also the count of what a person reads.
 */
import fc from "fast-check";
import { createTranslator, type Locale } from "../../src/i18n/translator.js";
import { addDays, startOfJstDay } from "../../src/lib/time.js";
import { reminderItemsOf, upcomingOccurrences } from "../../src/reminders/due.js";
import { ReminderSettings } from "../../src/reminders/settings.js";
import type { ServiceProfile } from "../../src/rules/service-profile.js";
import { currentVerdict } from "../../src/slack/flows/answers.js";
import { leadBlocks, readableLength } from "../../src/slack/views/messages/budget.js";
import {
  aboutMessage,
  askMessage,
  auditsMessage,
  helpMessage,
  planMessage,
  profileMessage,
  type SlackMessage,
  specialMessage,
  statusMessage,
  verdictMessage,
} from "../../src/slack/views/messages/index.js";
import { remindListMessage } from "../../src/slack/views/messages/remind-list.js";
import { sharedMessage } from "../../src/slack/views/messages/share.js";
import { eligibilityResultModal } from "../../src/slack/views/modals/eligibility.js";
import { engine, profileOf, rules } from "../support/fixtures.js";
import { registeredProfile, VERDICT_ANSWERS } from "../support/messages.js";
import { generatedRegistrationAndAudits, historyArbitraries } from "../support/profile-arbitraries.js";

const OBJECTIVES = rules.objectives.objectives.map((o) => o.id);

/** Questions asked of the FAQ: a confident one in each language and one it cannot answer. */
export const QUESTIONS: Record<Locale, string> = {
  ja: "ISMAP-LIUとは何ですか",
  en: "What is ISMAP-LIU?",
};

/** Characters a person reads in a message (its blocks; the notification fallback is not counted). */
export function readLength(message: Pick<SlackMessage, "blocks">): number {
  return readableLength(message.blocks);
}

/** The blocks an answer leads with: everything before its first divider (its one-screen summary). */
export function leadOf(message: Pick<SlackMessage, "blocks">): Pick<SlackMessage, "blocks"> {
  return { blocks: leadBlocks(message.blocks) };
}

export type AnswerKind =
  | "status"
  | `verdict.${string}`
  | `verdict-modal.${string}`
  | "special"
  | "audits"
  | "plan"
  | "profile_show"
  | "help"
  | "about"
  | "remind_list"
  | "ask"
  | "share.status";

/** Every answer kind for one profile, built as the listeners build it. */
export function answersFor(
  profile: ServiceProfile,
  locale: Locale,
  asOf: Date,
): Map<AnswerKind, Pick<SlackMessage, "blocks">> {
  const ctx = { rules, t: createTranslator(locale), asOf };
  const timeline = engine.obligations(profile, asOf);
  const out = new Map<AnswerKind, Pick<SlackMessage, "blocks">>();
  const status = statusMessage(
    {
      profile,
      revision: 3,
      eligibility: currentVerdict({ engine } as never, profile, asOf),
      timeline,
    },
    ctx,
  );
  out.set("status", status);
  for (const [verdict, answers] of Object.entries(VERDICT_ANSWERS)) {
    const result = engine.assessEligibility(answers, asOf);
    out.set(`verdict.${verdict}`, verdictMessage(result, ctx, answers));
    // What a person sees after the questionnaire: the result modal.
    out.set(
      `verdict-modal.${verdict}`,
      eligibilityResultModal(result, ctx, answers) as Pick<SlackMessage, "blocks">,
    );
  }
  out.set("special", specialMessage(engine.specialMeasureStatus(profile, asOf), ctx));
  out.set("audits", auditsMessage(timeline, ctx, profile));
  out.set("plan", planMessage(engine.planInternalAudits(profile, asOf), ctx));
  out.set("profile_show", profileMessage({ profile, revision: 3, timeline }, ctx));
  out.set("help", helpMessage(ctx, {}));
  out.set("about", aboutMessage(ctx));
  const settings = ReminderSettings.parse({ enabled: true, channel: "C0GENERAL1", weeklyDigest: true });
  const upcoming = upcomingOccurrences(
    reminderItemsOf(timeline),
    { teamId: "T0MEASURE1" },
    settings,
    asOf,
    new Date(asOf.getTime() + 400 * 86_400_000),
  );
  out.set("remind_list", remindListMessage(settings, upcoming, ctx, timeline.hints));
  out.set("ask", askMessage(engine.answerQuestion(QUESTIONS[locale], locale, asOf), QUESTIONS[locale], ctx));
  out.set("share.status", sharedMessage(status, { cmd: "status", userId: "U0SHARER1" }, ctx.t));
  return out;
}

// ---- profiles -------------------------------------------------------------------------------------

/** Named profiles the measurement reports on, at 2026-12-03 10:00 JST. */
export const MEASURE_AT = new Date("2026-12-03T10:00:00+09:00");
export const NAMED_PROFILES: Record<string, ServiceProfile> = {
  fresh: profileOf({}),
  // The registered example of issue 10 (test/support/messages.ts) with five objectives audited internally.
  registered: registeredProfile({
    audits: {
      internal: [{ id: "i1", date: "2025-10-01", objectiveIds: OBJECTIVES.slice(0, 5) }],
      external: [],
    },
  }),
  listedChecked: profileOf({
    service: { name: "Mirai Timesheets", vendor: "Mirai Inc." },
    eligibility: { answers: VERDICT_ANSWERS.liu_eligible ?? {} },
    registration: { status: "preparing", auditPeriodStart: "2027-01-01", auditPeriodEnd: "2027-03-31" },
    specialMeasure: {
      listed: true,
      listedOn: "2024-05-01",
      preApplicationSubmittedOn: "2025-03-15",
      reliefsUsed: ["relief.external-audit-design"],
    },
  }),
};

// ---- generated profiles -------------------------------------------------------------------------

const dayArb = fc.integer({ min: 0, max: 365 * 6 }).map((n) => addDays("2022-01-01", n));
export const asOfArb = fc
  .record({ day: dayArb, last: fc.boolean() })
  .map(({ day, last }) => new Date(startOfJstDay(day).getTime() + (last ? 86_399_000 : 3_600_000)));

export const profileArb = fc
  .record({
    name: fc.constantFrom(
      "",
      "ミライ勤怠",
      "Mirai <!channel> Timesheets",
      "クラウド型業務管理サービス「ミライ」",
    ),
    status: fc.constantFrom("registered", "applied", "preparing", "not_started", "lapsed" as const),
    verdict: fc.option(fc.constantFrom(...Object.keys(VERDICT_ANSWERS)), { nil: undefined }),
    listed: fc.boolean(),
    preApplied: fc.option(dayArb, { nil: undefined }),
    ...historyArbitraries(dayArb, { maxInternalObjectives: 60 }),
  })
  .map(
    (g): ServiceProfile =>
      profileOf({
        service: { name: g.name },
        ...generatedRegistrationAndAudits(g),
        ...(g.verdict ? { eligibility: { answers: VERDICT_ANSWERS[g.verdict] ?? {} } } : {}),
        specialMeasure: {
          listed: g.listed,
          ...(g.preApplied ? { preApplicationSubmittedOn: g.preApplied } : {}),
        },
      }),
  );
