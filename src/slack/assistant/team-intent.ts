/**
 * Questions about the team's own state, in Japanese or English ("what do we owe this month", "3月までに切れる
 * 統制目標は", "when does our registration expire"): which kind of fact is asked for and up to which JST day.
 * Pure: the text and the day in, an intent or undefined out. The answer comes from the obligations timeline
 * (team-answer.ts); everything else is a question for the FAQ.
 */
import { addDays, addMonths, type JstDate, toJstDate } from "../../lib/time.js";

/** The span a question asks about; `until` is the last JST day included. */
export type TeamRange =
  | { kind: "month"; until: JstDate }
  | { kind: "next_month"; until: JstDate }
  | { kind: "quarter"; until: JstDate }
  | { kind: "year"; until: JstDate }
  | { kind: "fiscal_year"; until: JstDate }
  | { kind: "before_month"; month: number; until: JstDate }
  | { kind: "through_month"; month: number; until: JstDate }
  | { kind: "days"; days: number; until: JstDate };

export type TeamIntent =
  /** Open obligations due on or before `range.until` (overdue ones included). */
  | { kind: "due"; range: TeamRange }
  /** Objectives whose internal-audit coverage ends on or before `range.until`. */
  | { kind: "lapse"; range: TeamRange }
  /** The registration's validity. */
  | { kind: "registration" }
  /** The next external audit. */
  | { kind: "next_audit" };

/** When a question names no span: the next 30 days of obligations, the next 90 days of coverage. */
export const DEFAULT_DUE_DAYS = 30;
export const DEFAULT_LAPSE_DAYS = 90;
/** The longest span in days a question may ask about (longer is read as a typo and capped). */
export const MAX_RANGE_DAYS = 3 * 366;

const EN_MONTHS = [
  "jan",
  "feb",
  "mar",
  "apr",
  "may",
  "jun",
  "jul",
  "aug",
  "sep",
  "oct",
  "nov",
  "dec",
] as const;
const EN_MONTH = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;

function normalize(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

function endOfMonth(year: number, month: number): JstDate {
  // month is 1-12; day 0 of the next month is the last day of this one.
  const last = new Date(Date.UTC(year, month, 0));
  return last.toISOString().slice(0, 10);
}

function ymd(day: JstDate): { year: number; month: number } {
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) };
}

/** The next time `month` comes: this year if it has not passed (or is now, when `includeCurrent`), else next year. */
function yearOfNext(today: JstDate, month: number, includeCurrent: boolean): number {
  const { year, month: current } = ymd(today);
  return month > current || (includeCurrent && month === current) ? year : year + 1;
}

function monthOfEnglish(word: string): number {
  return EN_MONTHS.indexOf(word.slice(0, 3) as (typeof EN_MONTHS)[number]) + 1;
}

function daysRange(today: JstDate, days: number): TeamRange {
  const capped = Math.min(Math.max(days, 0), MAX_RANGE_DAYS);
  return { kind: "days", days: capped, until: addDays(today, capped) };
}

function monthRange(today: JstDate, month: number, exclusive: boolean): TeamRange | undefined {
  if (!Number.isInteger(month) || month < 1 || month > 12) return undefined;
  if (exclusive) {
    const year = yearOfNext(today, month, false);
    const first = `${year}-${String(month).padStart(2, "0")}-01`;
    return { kind: "before_month", month, until: addDays(first, -1) };
  }
  return { kind: "through_month", month, until: endOfMonth(yearOfNext(today, month, true), month) };
}

/** The span named in the question, if any. */
export function rangeOf(text: string, today: JstDate): TeamRange | undefined {
  const q = normalize(text);
  const { year, month } = ymd(today);

  const jaDays = /(\d{1,6})\s*日(?:以内|間|後まで)/.exec(q);
  if (jaDays) return daysRange(today, Number(jaDays[1]));
  const jaWeeks = /(\d{1,3})\s*週間?(?:以内)?/.exec(q);
  if (jaWeeks && /以内|の間|まで/.test(q)) return daysRange(today, Number(jaWeeks[1]) * 7);
  const jaMonth = /(\d{1,2})\s*月(末)?\s*(より前|前に|までに|まで|以前|中)/.exec(q);
  if (jaMonth) return monthRange(today, Number(jaMonth[1]), jaMonth[3] === "より前" || jaMonth[3] === "前に");
  if (/今月/.test(q)) return { kind: "month", until: endOfMonth(year, month) };
  if (/来月/.test(q)) {
    const next = addMonths(`${year}-${String(month).padStart(2, "0")}-01`, 1);
    const n = ymd(next);
    return { kind: "next_month", until: endOfMonth(n.year, n.month) };
  }
  if (/(今|この)四半期|今期|今クォーター/.test(q)) return quarterRange(year, month);
  if (/今年度|この年度/.test(q)) return fiscalYearRange(year, month);
  if (/今年|年内/.test(q)) return { kind: "year", until: `${year}-12-31` };

  const enDays = /(?:in|within|next|coming)\s+(?:the\s+)?(?:next\s+)?(\d{1,6})\s+days?/.exec(q);
  if (enDays) return daysRange(today, Number(enDays[1]));
  const enWeeks = /(?:in|within|next|coming)\s+(?:the\s+)?(?:next\s+)?(\d{1,3})\s+weeks?/.exec(q);
  if (enWeeks) return daysRange(today, Number(enWeeks[1]) * 7);
  const enMonth = new RegExp(
    String.raw`\b(before|by|until|till|through|to|in|during)\s+(?:the\s+end\s+of\s+)?${EN_MONTH}\b`,
  ).exec(q);
  if (enMonth?.[1] && enMonth[2])
    return monthRange(today, monthOfEnglish(enMonth[2]), enMonth[1] === "before");
  if (/\bthis month\b/.test(q)) return { kind: "month", until: endOfMonth(year, month) };
  if (/\bnext month\b/.test(q)) {
    const n = ymd(addMonths(`${year}-${String(month).padStart(2, "0")}-01`, 1));
    return { kind: "next_month", until: endOfMonth(n.year, n.month) };
  }
  if (/\bthis quarter\b/.test(q)) return quarterRange(year, month);
  if (/\bthis (fiscal|financial) year\b/.test(q)) return fiscalYearRange(year, month);
  if (/\bthis year\b/.test(q)) return { kind: "year", until: `${year}-12-31` };
  return undefined;
}

function quarterRange(year: number, month: number): TeamRange {
  const last = Math.ceil(month / 3) * 3;
  return { kind: "quarter", until: endOfMonth(year, last) };
}

/** Japan's fiscal year ends on 31 March. */
function fiscalYearRange(year: number, month: number): TeamRange {
  return { kind: "fiscal_year", until: `${month <= 3 ? year : year + 1}-03-31` };
}

const EN_TEAM = /\b(we|our|ours|us)\b/;
const JA_TEAM = /うち|我々|われわれ|私たち|わたしたち|当社|弊社|自社|こちら|我が社/;

const EN_REGISTRATION = /\b(registration|registered|listing|certification)\b/;
const EN_EXPIRY = /\b(expire|expires|expiry|expiration|valid|validity|lapse|lapses|run out|runs out)\b/;
const JA_REGISTRATION = /登録/;
const JA_EXPIRY = /有効期限|いつまで有効|切れ|失効|満了|更新期限|更新はいつ/;

const EN_OBJECTIVES = /\b(objectives?|controls?|coverage)\b/;
const EN_LAPSE = /\b(lapse|lapses|lapsing|expire|expires|expiring|run out|runs out|lose|uncovered)\b/;
const JA_OBJECTIVES = /統制目標|管理策|目標|カバー/;
const JA_LAPSE = /切れ|失効|期限|失う|外れ/;

/** Words that ask what is owed by themselves ("what do we owe"). */
const EN_DUE = /\b(owe|due|deadlines?|outstanding|overdue)\b/;
/** Words that ask it only with a span ("what do we have to do this month"): alone they ask about the rules. */
const EN_DUE_WITH_RANGE = /\b(to do|todo|pending|have to|need to|must)\b/;
const JA_DUE =
  /期限|締切|締め切り|やること|やるべき|すべきこと|するべきこと|対応が必要|必要な対応|義務|提出|予定|タスク/;

const EN_NEXT_AUDIT = /\bnext (external )?audit\b|\bwhen\b.*\baudit(ed)?\b/;
/** Other certifications' audits ("our ISMS surveillance audit") are not the team's ISMAP-LIU audits. */
const OTHER_SCHEMES = /\b(isms|iso|iec|soc ?[12]?|pci|fedramp|hipaa)\b|ISMS(?!AP)|ＩＳＭＳ/i;
const JA_NEXT_AUDIT = /次の(外部)?監査|次回の?(外部)?監査/;
const JA_AUDIT_WHEN = /監査.*いつ/;

/**
 * The team-state intent of a question, or undefined when it is not one (then the FAQ answers). A question must
 * either speak of the team ("we", "our", 「うち」「当社」…) or name a span ("this month", 「3月まで」) together
 * with what it asks for; a general rules question ("When is the audit report due?") stays with the FAQ.
 */
export function matchTeamIntent(text: string, asOf: Date): TeamIntent | undefined {
  const q = normalize(text);
  if (q === "") return undefined;
  const today = toJstDate(asOf);
  const range = rangeOf(q, today);
  const aboutTeam = EN_TEAM.test(q) || JA_TEAM.test(q);

  const registration =
    (EN_REGISTRATION.test(q) && EN_EXPIRY.test(q)) || (JA_REGISTRATION.test(q) && JA_EXPIRY.test(q));
  // Only about the team's own registration: 「ISMAP-LIUの登録はいつ切れますか」 asks about the rules.
  if (registration && aboutTeam) return { kind: "registration" };

  const lapse = (EN_OBJECTIVES.test(q) && EN_LAPSE.test(q)) || (JA_OBJECTIVES.test(q) && JA_LAPSE.test(q));
  if (lapse && (aboutTeam || range)) {
    return { kind: "lapse", range: range ?? daysRange(today, DEFAULT_LAPSE_DAYS) };
  }

  const nextAudit =
    (EN_NEXT_AUDIT.test(q) && aboutTeam) || JA_NEXT_AUDIT.test(q) || (JA_AUDIT_WHEN.test(q) && aboutTeam);
  if (nextAudit && !range && !OTHER_SCHEMES.test(text)) return { kind: "next_audit" };

  const due = EN_DUE.test(q) || JA_DUE.test(q) || (range !== undefined && EN_DUE_WITH_RANGE.test(q));
  if (due && (aboutTeam || range)) return { kind: "due", range: range ?? daysRange(today, DEFAULT_DUE_DAYS) };
  return undefined;
}
