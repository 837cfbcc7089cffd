import type { KnownBlock } from "@slack/types";
import type { Translator } from "../../../i18n/translator.js";
import type { ServiceProfile } from "../../../rules/service-profile.js";
import type { ObligationsTimeline } from "../../../rules/timeline.js";
import { context, divider, escapeMrkdwn, footer, header, section } from "../parts.js";
import {
  bold,
  compose,
  dateRange,
  EMOJI,
  type MessageContext,
  type SlackMessage,
  userText,
  verdictEmoji,
  withNote,
} from "./common.js";
import { registrationLines, serviceName } from "./status.js";
import { hintLines, keyObligations, obligationLine, periodLine } from "./timeline.js";

/** At most this many editors are mentioned. */
export const EDITORS_SHOWN = 20;

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;

/** `<@U123>` for a Slack user id we stored; anything else is shown escaped, never as a mention. */
export function mention(userId: string): string {
  return SLACK_USER_ID.test(userId) ? `<@${userId}>` : userText(userId, 40);
}

function latest(dates: readonly string[]): string | undefined {
  return dates.reduce<string | undefined>((max, d) => (max === undefined || d > max ? d : max), undefined);
}

function auditCountLine(
  key: "msg.profile.externalAudits" | "msg.profile.internalAudits",
  dates: string[],
  t: Translator,
) {
  const last = latest(dates);
  const count = t(key, { count: dates.length });
  return last === undefined ? count : withNote(count, t("msg.profile.latest", { date: t.date(last) }), t);
}

function verdictLines(profile: ServiceProfile, t: Translator): string {
  const stored = profile.eligibility?.result;
  if (!stored) return `${EMOJI.none} ${t("msg.status.notChecked")}`;
  const at = new Date(stored.asOf);
  const label = t(`verdict.${stored.verdict}`);
  if (Number.isNaN(at.getTime())) return `${verdictEmoji(stored.verdict)} ${label}`;
  return `${verdictEmoji(stored.verdict)} ${t("msg.profile.eligibilityStored", {
    verdict: label,
    date: t.date(at),
    version: escapeMrkdwn(stored.rulesVersion),
  })}`;
}

function specialLines(profile: ServiceProfile, t: Translator): string[] {
  const sm = profile.specialMeasure;
  const lines = [
    sm.listed
      ? `${EMOJI.ok} ${sm.listedOn ? t("msg.special.listedOn", { date: t.date(sm.listedOn) }) : t("msg.special.listed")}`
      : `${EMOJI.none} ${t("msg.special.notListed")}`,
    sm.preApplicationSubmittedOn
      ? t("msg.special.preApplication", { date: t.date(sm.preApplicationSubmittedOn) })
      : t("msg.special.preApplicationNone"),
  ];
  if (sm.reliefsUsed.length > 0) lines.push(t("msg.profile.reliefsUsed", { count: sm.reliefsUsed.length }));
  return lines;
}

/** The audit period the team entered, as entered. */
function enteredPeriod(profile: ServiceProfile, t: Translator): string[] {
  const { auditPeriodStart, auditPeriodEnd } = profile.registration;
  if (!auditPeriodStart || !auditPeriodEnd) return [];
  return [t("msg.status.auditPeriod", { range: dateRange(auditPeriodStart, auditPeriodEnd, t) })];
}

/** The timeline's key dates: the audit period that matters now, the next audit report, the validity. */
function keyDateLines(timeline: ObligationsTimeline, t: Translator): string[] {
  const { report, validity } = keyObligations(timeline);
  const lines = [periodLine(timeline, t), report, validity]
    .map((item) => (item === undefined || typeof item === "string" ? item : obligationLine(item, t)))
    .filter((line): line is string => line !== undefined);
  lines.push(...hintLines(timeline, t));
  return lines.length > 0 ? lines : [`${EMOJI.none} ${t("obligation.noDate")}`];
}

function editorLines(profile: ServiceProfile, t: Translator): string {
  const editors = [...new Set(profile.editors)];
  if (editors.length === 0) return t("msg.profile.editorsNone");
  const shown = editors.slice(0, EDITORS_SHOWN).map(mention).join(" ");
  const more = editors.length - EDITORS_SHOWN;
  return more > 0 ? `${shown} ${t("msg.common.more", { count: more })}` : shown;
}

/**
 * `/ismap profile show`: the service facts (escaped), registration, the key dates of the obligations timeline
 * (current audit period, next audit report, registration valid until), the saved verdict, the special measure
 * standing, who may edit (as mentions of the stored user ids) and the number of audits on record.
 */
export function profileMessage(
  data: { profile: ServiceProfile; revision: number; timeline: ObligationsTimeline },
  ctx: MessageContext,
): SlackMessage {
  const { t, rules, asOf } = ctx;
  const { profile, revision, timeline } = data;
  const name = serviceName(profile, t);
  const facts = [`:office: ${bold(name)}`];
  const { vendor, description, url } = profile.service;
  if (vendor.trim()) facts.push(t("msg.profile.vendor", { vendor: userText(vendor.trim(), 200) }));
  if (description.trim()) facts.push(userText(description.trim(), 500));
  if (url.trim()) facts.push(t("msg.profile.url", { url: userText(url.trim(), 200) }));

  const body: KnownBlock[] = [header(t("msg.profile.title")), section(facts.join("\n"))];
  body.push(
    context(revision === 0 ? t("msg.profile.neverSaved") : t("msg.status.revision", { revision })),
    divider(),
  );
  const fields = [
    [bold(t("msg.status.registration")), ...registrationLines(profile, t), ...enteredPeriod(profile, t)].join(
      "\n",
    ),
    [bold(t("obligation.keyDates")), ...keyDateLines(timeline, t)].join("\n"),
    `${bold(t("verdict.title"))}\n${verdictLines(profile, t)}`,
    [bold(t("msg.status.special")), ...specialLines(profile, t)].join("\n"),
    `${bold(t("msg.profile.editors"))}\n${editorLines(profile, t)}`,
    [
      bold(t("msg.profile.auditsTitle")),
      auditCountLine(
        "msg.profile.externalAudits",
        profile.audits.external.map((a) => a.date),
        t,
      ),
      auditCountLine(
        "msg.profile.internalAudits",
        profile.audits.internal.map((a) => a.date),
        t,
      ),
    ].join("\n"),
  ];
  body.push({ type: "section", fields: fields.map((text) => ({ type: "mrkdwn" as const, text })) });
  return compose(`${t("msg.profile.title")}: ${name}`, body, [footer(rules, asOf, t)], t);
}
