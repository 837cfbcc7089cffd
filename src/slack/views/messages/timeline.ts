/**
 * How the obligations timeline (src/rules/obligations.ts) reads on every screen: one line per obligation, the
 * "next N open obligations" that `/ismap status` and App Home both show, the coverage summary and its mark, the
 * audit periods and the hints that say what would anchor missing dates. Every date and day count shown here is
 * the timeline's own; nothing here computes a date.
 */
import type { Translator } from "../../../i18n/translator.js";
import type { InternalCoverage } from "../../../rules/coverage.js";
import { obligationTitle } from "../../../rules/obligation-title.js";
import type { AuditPeriod } from "../../../rules/obligations.js";
import type { Obligation, ObligationStatus, ObligationsTimeline } from "../../../rules/timeline.js";
import { dateRange, daysLeftText, EMOJI, withNote } from "./common.js";

/** How many open obligations `/ismap status` and App Home list. */
export const NEXT_OBLIGATIONS_SHOWN = 3;

export const OBLIGATION_EMOJI: Record<ObligationStatus, string> = {
  done: EMOJI.ok,
  ok: ":large_blue_circle:",
  due_soon: EMOJI.soon,
  overdue: EMOJI.bad,
  not_anchored: EMOJI.none,
};

/** Worst first: what a summary mark of several obligations shows. */
const STATUS_WEIGHT: Record<ObligationStatus, number> = {
  overdue: 4,
  due_soon: 3,
  not_anchored: 2,
  ok: 1,
  done: 0,
};

/** The most urgent status among obligations (done when there are none). */
export function worstStatus(obligations: readonly Obligation[]): ObligationStatus {
  let worst: ObligationStatus = "done";
  for (const o of obligations) if (STATUS_WEIGHT[o.status] > STATUS_WEIGHT[worst]) worst = o.status;
  return worst;
}

/** "期限 2026年6月30日（156日超過）", "2027年7月31日まで有効（残り240日）", or "期限未定". */
export function obligationDue(o: Obligation, t: Translator): string {
  if (o.dueOn === undefined) return t("obligation.noDate");
  const date = t.date(o.dueOn);
  const due =
    o.kind === "validity"
      ? t("obligation.validUntil", { date })
      : o.kind === "internal" && o.lastDone !== undefined
        ? t("obligation.coveredUntil", { date })
        : t("obligation.due", { date });
  if (o.status === "done" || o.daysLeft === undefined) return due;
  return withNote(due, daysLeftText(o.daysLeft, t), t);
}

/**
 * One obligation on one line, the same on every screen:
 * `:red_circle: 外部監査（管理策基準）8/10件完了 — 期限 2026年6月30日（156日超過） _予定（目標）_`.
 */
export function obligationLine(o: Obligation, t: Translator, markPlanned = true): string {
  const progress = o.progress === undefined ? "" : ` ${t("obligation.progress", { ...o.progress })}`;
  const planned = o.planned && markPlanned ? ` _${t("obligation.planned")}_` : "";
  return `${OBLIGATION_EMOJI[o.status]} ${obligationTitle(o, t)}${progress} — ${obligationDue(o, t)}${planned}`;
}

/**
 * The open obligations a list of "what is due next" draws from, soonest first. Undated obligations are left out
 * when no audit period is known at all: the hint says what would date them.
 */
function listable(timeline: ObligationsTimeline): Obligation[] {
  return timeline.obligations.filter(
    (o) => o.status !== "done" && !(timeline.anchor === "none" && o.status === "not_anchored"),
  );
}

/**
 * The next open obligations, soonest first, at most `max`: the audit report and the registration's validity are
 * always among them when the team has them open (they are the hardest deadlines).
 */
export function nextObligations(timeline: ObligationsTimeline, max = NEXT_OBLIGATIONS_SHOWN): Obligation[] {
  const open = listable(timeline);
  const must = (["report", "validity"] as const)
    .map((kind) => open.find((o) => o.kind === kind))
    .filter((o): o is Obligation => o !== undefined)
    .slice(0, max);
  const others = open.filter((o) => !must.includes(o)).slice(0, max - must.length);
  const picked = new Set([...must, ...others]);
  // Back in the timeline's order.
  return open.filter((o) => picked.has(o));
}

/**
 * The lines of "what is due next", shared by `/ismap status` and App Home so the two can never differ: the next
 * obligations, how many more there are, the next thing to do, and what would anchor missing dates.
 */
export function nextObligationLines(
  timeline: ObligationsTimeline,
  t: Translator,
  max = NEXT_OBLIGATIONS_SHOWN,
): string[] {
  const shown = nextObligations(timeline, max);
  // When every line is a target of the planned first period, that is said once, not on each line.
  const allPlanned = shown.length > 1 && shown.every((o) => o.planned);
  const lines = shown.map((o) => obligationLine(o, t, !allPlanned));
  if (allPlanned) lines.push(`_${t("obligation.planned")}_`);
  const notShown = listable(timeline).length - shown.length;
  if (notShown > 0) lines.push(`_${t("obligation.more", { count: notShown })}_`);
  const first = shown[0];
  const hinted = first?.next === "enter_audit_period" && timeline.hints.includes("enter_audit_period");
  if (first !== undefined && first.next !== "nothing" && !hinted) {
    lines.push(`${EMOJI.next} ${t("obligation.nextAction", { action: t(`obligation.next.${first.next}`) })}`);
  }
  lines.push(...hintLines(timeline, t));
  if (lines.length === 0) lines.push(`${EMOJI.ok} ${t("obligation.nothingOpen")}`);
  return lines;
}

/** What the team could enter to get the dates that are missing. */
export function hintLines(timeline: ObligationsTimeline, t: Translator): string[] {
  return timeline.hints.map((hint) => `${EMOJI.info} ${t(`obligation.hint.${hint}`)}`);
}

/** "2026年4月1日〜2027年3月31日（想定）": a period, marked when it is assumed to follow the previous one. */
export function periodText(period: AuditPeriod, t: Translator): string {
  const range = dateRange(period.start, period.end, t);
  return period.origin === "assumed" ? withNote(range, t("obligation.assumed"), t) : range;
}

/**
 * The audit period that matters now: the current one; before the first period starts (a planned or future one),
 * the next one.
 */
export function focusPeriod(timeline: ObligationsTimeline): AuditPeriod | undefined {
  return timeline.currentPeriod ?? timeline.nextPeriod;
}

/** "現在の監査対象期間: …" or "予定の監査対象期間: …", or nothing when no period is known. */
export function periodLine(timeline: ObligationsTimeline, t: Translator): string | undefined {
  const period = focusPeriod(timeline);
  if (period === undefined) return undefined;
  if (timeline.anchor === "planned") return t("obligation.plannedPeriod", { range: periodText(period, t) });
  if (period === timeline.currentPeriod)
    return t("obligation.currentPeriod", { range: periodText(period, t) });
  return t("obligation.nextPeriod", { range: periodText(period, t) });
}

/** The mark of internal-audit coverage: the most urgent status of the internal obligations. */
export function coverageMark(timeline: ObligationsTimeline): string {
  return OBLIGATION_EMOJI[worstStatus(timeline.obligations.filter((o) => o.kind === "internal"))];
}

/**
 * Coverage in two lines whose numbers add up to the catalogue: "統制目標 5/121 をカバー(うち期限間近 2件)" (covered,
 * expiring ones included) and "期限切れ 0件・未実施 116件".
 */
export function coverageLines(timeline: ObligationsTimeline, t: Translator): string[] {
  const { counts, objectives } = timeline.coverage;
  const covered = t("audit.objectivesCovered", {
    covered: counts.covered + counts.expiring,
    total: objectives.length,
  });
  const expiring =
    counts.expiring > 0
      ? withNote(covered, t("obligation.coverageExpiring", { count: counts.expiring }), t)
      : covered;
  return [
    `${coverageMark(timeline)} ${expiring}`,
    t("obligation.coverageDetail", { lapsed: counts.lapsed, never: counts.never }),
  ];
}

/** The objectives whose coverage ends next (covered or expiring), soonest first, with their last covered day. */
export function nextToCover(coverage: InternalCoverage): InternalCoverage["nextToLapse"] {
  return coverage.nextToLapse.filter((o) => o.coveredUntil !== undefined && o.daysLeft !== undefined);
}

/** "カバー期限 2027年2月27日（残り86日）": an objective's last covered day and the days left to it. */
export function coveredUntilText(entry: InternalCoverage["nextToLapse"][number], t: Translator): string {
  const until = t("obligation.coveredUntil", { date: t.date(entry.coveredUntil ?? "") });
  return entry.daysLeft === undefined ? until : withNote(until, daysLeftText(entry.daysLeft, t), t);
}

/** The key dates of the timeline: the next open audit report and the registration's validity. */
export function keyObligations(timeline: ObligationsTimeline): {
  report?: Obligation;
  validity?: Obligation;
} {
  const open = timeline.obligations.filter((o) => o.status !== "done");
  const report = open.find((o) => o.kind === "report" && o.dueOn !== undefined);
  const validity = timeline.obligations.find((o) => o.kind === "validity");
  return { ...(report ? { report } : {}), ...(validity ? { validity } : {}) };
}
