import { TZDate } from "@date-fns/tz";
import { format } from "date-fns";
import { enUS } from "date-fns/locale/en-US";
import { ja } from "date-fns/locale/ja";
import type { Locale } from "../rules/schema.js";
import { startOfJstDay } from "../rules/time.js";

/** Program dates are shown in Japan time whatever the reader's or the server's time zone. */
export const PROGRAM_TIME_ZONE = "Asia/Tokyo";

/**
 * - `date`: 2025年4月1日 / 1 Apr 2025
 * - `short`: 4月1日 / 1 Apr
 * - `month`: 2025年4月 / Apr 2025
 * - `weekday`: 2025年4月1日(火) / Tue 1 Apr 2025
 * - `instant`: 2025年4月1日 0:00 JST / 1 Apr 2025, 00:00 JST
 */
export type DateStyle = "date" | "short" | "month" | "weekday" | "instant";

const PATTERNS: Record<Locale, Record<DateStyle, string>> = {
  ja: {
    date: "yyyy年M月d日",
    short: "M月d日",
    month: "yyyy年M月",
    weekday: "yyyy年M月d日(EEE)",
    instant: "yyyy年M月d日 H:mm 'JST'",
  },
  en: {
    date: "d MMM yyyy",
    short: "d MMM",
    month: "MMM yyyy",
    weekday: "EEE d MMM yyyy",
    instant: "d MMM yyyy, HH:mm 'JST'",
  },
};

const DATE_FNS_LOCALES = { ja, en: enUS } as const;

/** Formatted dates by instant, locale and style: formatting in a time zone is slow, and a few dates recur a lot. */
const FORMATTED = new Map<string, string>();
const FORMATTED_MAX = 4096;

/**
 * A program date in JST. A `YYYY-MM-DD` string is a JST calendar day (shown as that day, at 0:00 for `instant`);
 * a Date is an instant, shown on the JST day it falls on. Throws RangeError for an impossible date.
 */
export function formatDate(date: Date | string, locale: Locale, style: DateStyle = "date"): string {
  const at = typeof date === "string" ? startOfJstDay(date) : date;
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError("invalid date");
  const key = `${ms}|${locale}|${style}`;
  const known = FORMATTED.get(key);
  if (known !== undefined) return known;
  const text = format(new TZDate(ms, PROGRAM_TIME_ZONE), PATTERNS[locale][style], {
    locale: DATE_FNS_LOCALES[locale],
  });
  if (FORMATTED.size >= FORMATTED_MAX) FORMATTED.clear();
  FORMATTED.set(key, text);
  return text;
}

/** An instant with its JST time of day: 2025年4月1日 9:30 JST / 1 Apr 2025, 09:30 JST. */
export function formatDateTime(date: Date | string, locale: Locale): string {
  return formatDate(date, locale, "instant");
}
