import type { KnownBlock } from "@slack/types";
import type { Translator } from "../../../i18n/translator.js";
import { refOf } from "../../../rules/citations.js";
import type { InternalAuditPlan, PlanPeriod } from "../../../rules/plan.js";
import { caveatBlocks, citation, context, divider, footer, header, section, sections } from "../parts.js";
import { objectiveLines } from "./audits.js";
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

function periodLine(period: PlanPeriod, overdue: ReadonlySet<string>, t: Translator): string {
  const ids = period.objectiveIds;
  const marker = ids.some((id) => overdue.has(id)) ? EMOJI.bad : ":small_blue_diamond:";
  const title = bold(t("msg.plan.period", { index: period.index + 1 }));
  const count = t("msg.plan.periodCount", { count: ids.length });
  return `${marker} ${title} ${dateRange(period.start, period.end, t)} · ${count}\n${compactIds(ids, t, IDS_PER_PERIOD_MAX)}`;
}

/** Consecutive periods with nothing planned, as one line: "第13〜40期 2029年…〜2036年… — 予定なし". */
function emptyLine(first: PlanPeriod, last: PlanPeriod, t: Translator): string {
  const title =
    first === last
      ? t("msg.plan.period", { index: first.index + 1 })
      : t("msg.plan.periodRange", { from: first.index + 1, to: last.index + 1 });
  return `${EMOJI.none} ${bold(title)} ${dateRange(first.start, last.end, t)} — _${t("msg.plan.empty")}_`;
}

/** One line per period with objectives; runs of empty periods folded into one line. */
export function periodLines(
  periods: readonly PlanPeriod[],
  overdue: ReadonlySet<string>,
  t: Translator,
): string[] {
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
    lines.push(periodLine(period, overdue, t));
  }
  flush();
  return lines;
}

/**
 * The answer of `/ismap plan`: lapsed objectives first, then every period with its dates, count and objective ids,
 * compact enough for 121 objectives over 10 years of monthly periods; caveats and the footer close it.
 */
export function planMessage(plan: InternalAuditPlan, ctx: MessageContext): SlackMessage {
  const { t, rules, asOf } = ctx;
  const total = new Set(plan.periods.flatMap((p) => p.objectiveIds)).size;
  const summary = t("msg.plan.summary", { years: plan.years, periods: plan.periods.length, total });
  const body: KnownBlock[] = [header(t("msg.plan.title")), section(`:clipboard: ${summary}`)];

  if (plan.overdue.length > 0) {
    body.push(
      ...sections(
        `${EMOJI.bad} ${bold(t("msg.plan.overdueTitle"))} ${t("msg.plan.overdue", { count: plan.overdue.length })}\n${objectiveLines(plan.overdue, rules, t)}`,
      ),
    );
  } else {
    body.push(context(`${EMOJI.ok} ${t("msg.plan.noOverdue")}`));
  }

  body.push(divider());
  const overdue = new Set(plan.overdue);
  const lines = periodLines(plan.periods, overdue, t);
  body.push(...sections(`:calendar: ${bold(t("msg.plan.periodsTitle"))}\n${lines.join("\n")}`));
  const rule = rules.audits.internalAudit;
  body.push(citation(refOf(rule.id, rule), rules, t));

  const tail = [divider(), ...caveatBlocks(plan.caveats, rules, t), footer(rules, asOf, t)];
  return compose(`${t("msg.plan.title")}: ${summary}`, body, tail, t);
}
