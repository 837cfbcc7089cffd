import type { Translator } from "../../i18n/translator.js";
import { type JstDate, startOfJstDay } from "../../lib/time.js";
import { YEAR_RANGE } from "./fields.js";

/**
 * A datepicker value checked as a real calendar day within YEAR_RANGE: `{ day }`, or `{ error }` naming the
 * field in the reader's language.
 */
export function checkDay(value: string, field: string, t: Translator): { day: JstDate } | { error: string } {
  try {
    startOfJstDay(value);
  } catch {
    return { error: t("errors.invalidDate", { value: value.slice(0, 40) }) };
  }
  const year = Number(value.slice(0, 4));
  if (year < YEAR_RANGE.from || year > YEAR_RANGE.to) {
    return { error: t("modal.errors.dateRange", { field, from: YEAR_RANGE.from, to: YEAR_RANGE.to }) };
  }
  return { day: value };
}
