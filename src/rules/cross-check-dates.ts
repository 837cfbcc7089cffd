/** The cross-checks of dates: real calendar days and instants, validFrom before validTo, FAQ date placeholders. */

import { type Report, records, walk } from "./cross-check-walk.js";
import { FAQ_DATE_PLACEHOLDERS, type RuleSet } from "./schema.js";

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-](\d{2}):(\d{2}))$/;

/** Whether y-m-d is a day of the calendar. */
function isCalendarDay(y: number, m: number, d: number): boolean {
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

/** Why a date-shaped string is not a real date or instant, or undefined when it is one (or not date-shaped). */
export function unrealDate(text: string): string | undefined {
  const match = DATE_RE.exec(text) ?? INSTANT_RE.exec(text);
  if (!match) return undefined;
  // Groups: year, month, day, then for an instant hour, minute, second, offset, offset hours, offset minutes.
  const n = (group: number) => Number(match[group] ?? 0);
  if (!isCalendarDay(n(1), n(2), n(3))) return `no such calendar day: ${text}`;
  if (n(4) > 23 || n(5) > 59 || n(6) > 59) return `no such time of day: ${text}`;
  if (n(8) > 14 || n(9) > 59) return `no such UTC offset: ${text}`;
  return undefined;
}

/** Every date and instant is a real one, and validFrom comes before validTo. */
export function checkDates(data: unknown, report: Report): void {
  for (const { value, path } of walk(data)) {
    if (typeof value !== "string") continue;
    const why = unrealDate(value);
    if (why) report(path, why);
  }
  for (const { value, path } of records(data)) {
    const { validFrom, validTo } = value;
    if (typeof validFrom !== "string" || typeof validTo !== "string") continue;
    if (unrealDate(validFrom) || unrealDate(validTo)) continue;
    if (Date.parse(validFrom) >= Date.parse(validTo)) {
      report([...path, "validTo"], `validTo (${validTo}) must be after validFrom (${validFrom})`);
    }
  }
}

/** Dated FAQ answers use only known placeholders, and none for a date the special measure does not give. */
export function checkFaqDates(
  faq: RuleSet["faq"],
  measure: RuleSet["specialMeasure"] | undefined,
  report: Report,
): void {
  const known = new Set<string>(FAQ_DATE_PLACEHOLDERS);
  faq.entries.forEach((entry, e) => {
    if (!entry.answerAt) return;
    for (const variant of ["before", "during", "after"] as const) {
      for (const locale of ["ja", "en"] as const) {
        const path = ["entries", e, "answerAt", variant, locale];
        for (const p of entry.answerAt[variant][locale].match(/\{[A-Za-z]+\}/g) ?? []) {
          if (!known.has(p)) report(path, `unknown placeholder ${p} (known: ${[...known].join(", ")})`);
          else if (p === "{periodLastDay}" && measure && measure.periodEnd.at === null)
            report(path, `${p} is used but special-measure.yml has no periodEnd.at`);
        }
      }
    }
  });
}
