import type { Button, KnownBlock } from "@slack/types";
import type { MessageKey, Translator } from "../../../i18n/translator.js";
import type { EligibilityResult } from "../../../rules/eligibility.js";
import type { Verdict } from "../../../rules/schema-eligibility.js";
import type { RegistrationStatus, ServiceProfile } from "../../../rules/service-profile.js";
import type { SpecialMeasureStatus } from "../../../rules/special-measure.js";
import type { ObligationsTimeline } from "../../../rules/timeline.js";
import { ACTION } from "../../contract/ids.js";
import { context, divider, footer, section } from "../parts.js";
import { caveatNotice, uniqueCaveats } from "./caveats.js";
import {
  bold,
  compose,
  EMOJI,
  type MessageContext,
  mergeCaveats,
  type SlackMessage,
  sourcesContext,
  userText,
  verdictEmoji,
} from "./common.js";
import { ACCEPTANCE_EMOJI, acceptanceLine } from "./special.js";
import {
  coverageLines,
  nextObligationLines,
  nextObligations,
  obligationLine,
  periodLine,
} from "./timeline.js";

export interface StatusData {
  profile: ServiceProfile;
  revision: number;
  /** A fresh verdict; without it the verdict saved in the profile is shown, if any. */
  eligibility?: EligibilityResult;
  /** The team's obligations timeline at asOf: every date, count and status the screen shows. */
  timeline: ObligationsTimeline;
}

export const REGISTRATION_EMOJI: Record<RegistrationStatus, string> = {
  not_started: EMOJI.none,
  preparing: ":construction:",
  pre_applied: EMOJI.wait,
  applied: EMOJI.wait,
  registered: EMOJI.ok,
  lapsed: EMOJI.bad,
  withdrawn: ":heavy_minus_sign:",
};

/** How many sources the overview names; the caveats button lists them all. */
const STATUS_SOURCES_SHOWN = 1;

/** The service name as shown (escaped, at most 200 characters), or a placeholder when unset. */
export function serviceName(profile: ServiceProfile, t: Translator): string {
  const name = profile.service.name.trim();
  return name === "" ? t("msg.status.noName") : userText(name, 200);
}

/** A stored ISO instant as a JST day, or undefined when it is not a valid date. */
function dayOf(iso: string, t: Translator): string | undefined {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? undefined : t.date(at);
}

function verdictField(data: StatusData, t: Translator): string {
  const stored = data.profile.eligibility?.result;
  const verdict: Verdict | undefined = data.eligibility?.verdict ?? stored?.verdict;
  const title = bold(t("verdict.title"));
  if (verdict === undefined) return `${title}\n${EMOJI.none} ${t("msg.status.notChecked")}`;
  const asOf = data.eligibility?.asOf ?? stored?.asOf;
  const day = asOf === undefined ? undefined : dayOf(asOf, t);
  const when = day === undefined ? "" : `\n_${t("msg.status.checkedOn", { date: day })}_`;
  return `${title}\n${verdictEmoji(verdict)} ${t(`verdict.${verdict}`)}${when}`;
}

/** The verdict in one line for the channel: "✅ ISMAP-LIUの対象となる見込み" or "未判定". */
function verdictHeadline(data: StatusData, t: Translator): string {
  const verdict = data.eligibility?.verdict ?? data.profile.eligibility?.result?.verdict;
  return verdict === undefined
    ? `${EMOJI.none} ${t("msg.status.notChecked")}`
    : `${verdictEmoji(verdict)} ${t(`verdict.${verdict}`)}`;
}

/** Registration: its status and the registration day the team entered. */
export function registrationLines(profile: ServiceProfile, t: Translator): string[] {
  const r = profile.registration;
  const lines = [`${REGISTRATION_EMOJI[r.status]} ${t(`msg.registration.${r.status}`)}`];
  if (r.registeredOn) lines.push(t("msg.status.registeredOn", { date: t.date(r.registeredOn) }));
  return lines;
}

function coverageField(timeline: ObligationsTimeline, t: Translator): string {
  return [bold(t("msg.status.coverage")), ...coverageLines(timeline, t)].join("\n");
}

function specialField(special: SpecialMeasureStatus, t: Translator): string {
  const reliefs = special.team.reliefs;
  const team = special.team.listed
    ? `${EMOJI.ok} ${special.team.listedOn ? t("msg.special.listedOn", { date: t.date(special.team.listedOn) }) : t("msg.special.listed")}`
    : `${EMOJI.none} ${t("msg.special.notListed")}`;
  const lines = [
    bold(t("msg.status.special")),
    `${ACCEPTANCE_EMOJI[special.acceptance]} ${acceptanceLine(special, t)}`,
    team,
  ];
  if (special.team.listed) {
    lines.push(
      t("msg.status.reliefs", {
        used: reliefs.filter((r) => r.status === "used").length,
        available: reliefs.filter((r) => r.status === "available").length,
      }),
    );
  }
  return lines.join("\n");
}

function button(actionId: string, key: MessageKey, t: Translator, primary = false): Button {
  const b: Button = {
    type: "button",
    action_id: actionId,
    text: { type: "plain_text", text: t(key), emoji: true },
  };
  if (primary) b.style = "primary";
  return b;
}

/**
 * The answer of `/ismap status`: one screen with the service name, the verdict (or how to get one), registration
 * and the current audit period, internal-audit coverage, the special measure with the team's standing, and the
 * next open obligations of the timeline (the same lines as App Home) or what would anchor their dates.
 */
export function statusMessage(data: StatusData, ctx: MessageContext): SlackMessage {
  const { t, rules, asOf } = ctx;
  const { profile, timeline } = data;
  const special = timeline.special;
  const name = serviceName(profile, t);
  const vendor = profile.service.vendor.trim();
  const intro =
    vendor === ""
      ? bold(name)
      : `${bold(name)}\n${t("msg.profile.vendor", { vendor: userText(vendor, 200) })}`;
  const checked = data.eligibility !== undefined || profile.eligibility?.result !== undefined;

  const body: KnownBlock[] = [
    { type: "header", text: { type: "plain_text", text: t("msg.status.title"), emoji: true } },
    section(`:office: ${intro}`),
    context(t("msg.status.revision", { revision: data.revision })),
    divider(),
    {
      type: "section",
      fields: [
        verdictField(data, t),
        [
          bold(t("msg.status.registration")),
          ...registrationLines(profile, t),
          // The audit period that matters now, as the timeline has it (current, or the planned first one).
          ...[periodLine(timeline, t)].filter((line): line is string => line !== undefined),
        ].join("\n"),
        coverageField(timeline, t),
        specialField(special, t),
      ].map((text) => ({ type: "mrkdwn" as const, text })),
    },
    section([bold(t("obligation.nextTitle")), ...nextObligationLines(timeline, t)].join("\n")),
    {
      type: "actions",
      elements: [
        button(ACTION.openCheck, "msg.status.buttons.check", t, !checked),
        button(ACTION.showAudits, "msg.status.buttons.audits", t),
        button(ACTION.showPlan, "msg.status.buttons.plan", t),
        button(ACTION.showSpecial, "msg.status.buttons.special", t),
      ],
    },
  ];

  // What the screen rests on: the main rule of each obligation shown, the coverage rule and the special measure's
  // deadline (the date conventions behind them are disclosed among the caveats).
  const shown = nextObligations(timeline);
  const sources = [
    ...(data.eligibility?.reasons[0]?.sources ?? []),
    ...shown.flatMap((o) => o.rules[0]?.sources ?? []),
    ...timeline.coverage.rule.sources,
    ...(special.facts.find((f) => f.ruleId === rules.specialMeasure.deadline.id)?.sources ?? []),
  ];
  // The overview shows the verdict but not the self-check estimate, so the estimate's caveats are left to `check`.
  const estimateIds = new Set([
    rules.eligibility.prescreenDisclaimer.id,
    ...(data.eligibility?.estimate?.signals.map((s) => s.ruleId) ?? []),
  ]);
  const verdictCaveats = data.eligibility?.caveats.filter((c) => !estimateIds.has(c.ruleId));
  const caveats = uniqueCaveats(
    mergeCaveats(verdictCaveats, ...shown.map((o) => o.caveats), timeline.coverage.caveats, special.caveats),
  );
  const tail = [
    divider(),
    sourcesContext(sources, rules, t, STATUS_SOURCES_SHOWN),
    ...caveatNotice(caveats, t, "status"),
    footer(rules, asOf, t),
  ];
  return {
    ...compose(`${t("msg.status.title")}: ${name}`, body, tail, t),
    caveats,
    sources,
    shared: {
      headline: `${name}: ${verdictHeadline(data, t)}`,
      lines: nextObligations(timeline).map((o) => obligationLine(o, t)),
    },
  };
}
