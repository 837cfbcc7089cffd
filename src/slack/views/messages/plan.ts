import type { KnownBlock } from "@slack/types";
import type { Translator } from "../../../i18n/translator.js";
import { refOf } from "../../../rules/citations.js";
import { objectiveCatalogue } from "../../../rules/objectives.js";
import type { InternalAuditPlan, PlanPeriod } from "../../../rules/plan.js";
import { citation, context, divider, escapeMrkdwn, footer, header, section, sections } from "../parts.js";
import { blocksText, caveatNotice, uniqueCaveats } from "./caveats.js";
import {
  bold,
  compactIds,
  compose,
  dateRange,
  EMOJI,
  type MessageContext,
  type SlackMessage,
} from "./common.js";

/** Every id of a period is listed (the catalogue has 121), compactly. */
const IDS_PER_PERIOD_MAX = 200;

/** How many of the objectives that cannot wait for a period the answer lists; the rest are behind its button. */
export const PLAN_URGENT_SHOWN = 8;

function periodLine(period: PlanPeriod, t: Translator, withIds: boolean): string {
  const ids = period.objectiveIds;
  const marker = ":small_blue_diamond:";
  const title = bold(t("msg.plan.period", { index: period.index + 1 }));
  const count = t("msg.plan.periodCount", { count: ids.length });
  const line = `${marker} ${title} ${dateRange(period.start, period.end, t)} · ${count}`;
  return withIds ? `${line}\n${compactIds(ids, t, IDS_PER_PERIOD_MAX)}` : line;
}

/** Consecutive periods with nothing planned, as one line: "第13〜40期 2029年…〜2036年… — 予定なし". */
function emptyLine(first: PlanPeriod, last: PlanPeriod, t: Translator): string {
  const title =
    first === last
      ? t("msg.plan.period", { index: first.index + 1 })
      : t("msg.plan.periodRange", { from: first.index + 1, to: last.index + 1 });
  return `${EMOJI.none} ${bold(title)} ${dateRange(first.start, last.end, t)} — _${t("msg.plan.empty")}_`;
}

/**
 * One line per period with objectives (with their ids, or only the count); runs of empty periods folded into one
 * line.
 */
export function periodLines(periods: readonly PlanPeriod[], t: Translator, withIds = true): string[] {
  const lines: string[] = [];
  let emptyRun: PlanPeriod[] = [];
  const flush = () => {
    const first = emptyRun[0];
    const last = emptyRun.at(-1);
    if (first && last) lines.push(emptyLine(first, last, t));
    emptyRun = [];
  };
  for (const period of periods) {
    if (period.objectiveIds.length === 0) {
      emptyRun.push(period);
      continue;
    }
    flush();
    lines.push(periodLine(period, t, withIds));
  }
  flush();
  return lines;
}

/**
 * The answer of `/ismap plan`: objectives due before the first period ends (each with its own day) first, then every period with its dates, count and objective ids,
 * compact enough for 121 objectives over 10 years of monthly periods; caveats and the footer close it.
 */
export function planMessage(plan: InternalAuditPlan, ctx: MessageContext): SlackMessage {
  const { t, rules, asOf } = ctx;
  const total = plan.periods.reduce((n, p) => n + p.objectiveIds.length, 0);
  const summary = t("msg.plan.summary", { years: plan.years, periods: plan.periods.length, total });
  const body: KnownBlock[] = [header(t("msg.plan.title")), section(`:clipboard: ${summary}`)];

  const details: KnownBlock[] = [];
  if (plan.urgent.length > 0) {
    const catalogue = objectiveCatalogue(rules);
    const all = plan.urgent.map((u) =>
      t("msg.plan.urgentLine", {
        mark: u.overdue ? EMOJI.bad : EMOJI.soon,
        id: escapeMrkdwn(u.id),
        label: escapeMrkdwn(t.pick(catalogue.byId.get(u.id)?.label ?? { ja: "", en: "" })),
        date: t.date(u.dueOn),
      }),
    );
    const count = t("msg.plan.urgent", { count: plan.urgent.length, overdue: plan.overdue.length });
    const head = `${EMOJI.bad} ${bold(t("msg.plan.urgentTitle"))} ${count}`;
    const lines = all.slice(0, PLAN_URGENT_SHOWN);
    if (all.length > lines.length)
      lines.push(`_${t("msg.common.more", { count: all.length - lines.length })}_`);
    details.push(...sections(`${head}\n${all.join("\n")}`));
    body.push(...sections(`${head}\n${lines.join("\n")}`));
  } else {
    body.push(context(`${EMOJI.ok} ${t("msg.plan.noOverdue")}`));
  }

  body.push(divider());
  // The periods with their dates and counts; which objectives go in each is behind the button.
  const periodsTitle = `:calendar: ${bold(t("msg.plan.periodsTitle"))}`;
  body.push(...sections(`${periodsTitle}\n${periodLines(plan.periods, t, false).join("\n")}`));
  details.push(...sections(`${periodsTitle}\n${periodLines(plan.periods, t).join("\n")}`));
  const rule = rules.audits.internalAudit;
  body.push(citation(refOf(rule.id, rule), rules, t));

  const caveats = uniqueCaveats(plan.caveats, { t, text: blocksText(body) });
  const tail = [
    divider(),
    ...caveatNotice(caveats, t, "plan", "", "concise.caveats.more"),
    footer(rules, asOf, t),
  ];
  return {
    ...compose(`${t("msg.plan.title")}: ${summary}`, body, tail, t),
    caveats,
    details,
    shared: { headline: t("msg.plan.title"), lines: [summary] },
  };
}
