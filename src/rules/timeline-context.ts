import type { LocalizedText } from "../i18n/locale.js";
import { daysBetween, type JstDate, toJstDate } from "../lib/time.js";
import type { AuditPeriod } from "./audit-periods.js";
import { type Caveat, CaveatList, type CitedText, citedText } from "./citations.js";
import type { Citation } from "./schema-base.js";
import type { Obligation, ObligationStatus, TimelineRules } from "./timeline.js";

function statusOf(daysLeft: number, threshold: number): ObligationStatus {
  return daysLeft < 0 ? "overdue" : daysLeft <= threshold ? "due_soon" : "ok";
}

export type Draft = Omit<Obligation, "status" | "daysLeft" | "caveats" | "planned">;

interface CitedRule {
  ref: CitedText;
  caveat?: Caveat;
}

/** Rules data never changes once loaded: each rule's citation and caveat are built once, per rule object. */
const citedRules = new WeakMap<object, CitedRule>();

function citedRule(rule: Citation & { id: string }, text: LocalizedText): CitedRule {
  let entry = citedRules.get(rule);
  if (entry === undefined) {
    const [caveat] = new CaveatList().add(rule.id, rule, text).toArray();
    entry = { ref: citedText(rule.id, rule, text), ...(caveat ? { caveat } : {}) };
    citedRules.set(rule, entry);
  }
  return entry;
}

/** What every part of the timeline reads: the day, the periods, and the rules cited so far (for the caveats). */
export class TimelineContext {
  readonly today: JstDate;
  readonly planned: boolean;
  readonly periodRules: CitedText[];
  readonly #cited = new Map<string, CitedRule>();
  readonly #daysLeft = new Map<JstDate, number>();

  constructor(
    readonly rules: TimelineRules,
    readonly periods: readonly AuditPeriod[],
    asOf: Date,
    planning: boolean,
  ) {
    this.today = toJstDate(asOf);
    this.planned = planning && periods.length > 0;
    const { program, dates } = rules;
    this.periodRules = [
      this.cite(program.auditPeriod),
      this.cite(dates.periods),
      ...(periods.some((p) => p.origin === "assumed") ? [this.cite(dates.nextPeriods)] : []),
    ];
  }

  /** A rule an obligation rests on (the same object each time); uncertain ones become the timeline's caveats. */
  cite(rule: Citation & { id: string; text?: LocalizedText }, text?: LocalizedText): CitedText {
    let entry = this.#cited.get(rule.id);
    if (entry === undefined) {
      const shown = text ?? rule.text;
      if (shown === undefined) throw new TypeError(`rule ${rule.id} has no text to cite`);
      entry = citedRule(rule, shown);
      this.#cited.set(rule.id, entry);
    }
    return entry.ref;
  }

  /** Days from today to `day`; many obligations share a day. */
  daysLeft(day: JstDate): number {
    let days = this.#daysLeft.get(day);
    if (days === undefined) {
      days = daysBetween(this.today, day);
      this.#daysLeft.set(day, days);
    }
    return days;
  }

  /** Every uncertain rule cited so far, in the order first cited. */
  get caveats(): Caveat[] {
    return [...this.#cited.values()].flatMap((e) => (e.caveat ? [e.caveat] : []));
  }

  /** The uncertain rules among `refs` (all cited through this context), once each. */
  caveatsOf(refs: readonly CitedText[]): Caveat[] {
    const out: Caveat[] = [];
    for (const ref of refs) {
      const caveat = this.#cited.get(ref.ruleId)?.caveat;
      if (caveat && !out.includes(caveat)) out.push(caveat);
    }
    return out;
  }

  /** A drafted obligation with its status, day count, planned mark and caveats. */
  finish(draft: Draft, done: boolean): Obligation {
    const threshold = this.rules.audits.internalAudit.expiringWithinDays.value;
    const daysLeft = draft.dueOn === undefined ? undefined : this.daysLeft(draft.dueOn);
    const status: ObligationStatus =
      daysLeft === undefined ? "not_anchored" : done ? "done" : statusOf(daysLeft, threshold);
    // Drafts are fresh literals made for this call: completing one in place spares a copy per obligation.
    const obligation = draft as Obligation;
    if (daysLeft !== undefined) obligation.daysLeft = daysLeft;
    obligation.status = status;
    obligation.planned = this.planned && draft.dueOn !== undefined && draft.kind !== "internal";
    obligation.caveats = this.caveatsOf(draft.rules);
    return obligation;
  }
}
