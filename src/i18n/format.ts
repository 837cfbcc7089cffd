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

/**
 * A program date in JST. A `YYYY-MM-DD` string is a JST calendar day (shown as that day, at 0:00 for `instant`);
 * a Date is an instant, shown on the JST day it falls on. Throws RangeError for an impossible date.
 */
export function formatDate(date: Date | string, locale: Locale, style: DateStyle = "date"): string {
  const at = typeof date === "string" ? startOfJstDay(date) : date;
  if (Number.isNaN(at.getTime())) throw new RangeError("invalid date");
  return format(new TZDate(at.getTime(), PROGRAM_TIME_ZONE), PATTERNS[locale][style], {
    locale: DATE_FNS_LOCALES[locale],
  });
}

/** An instant with its JST time of day: 2025年4月1日 9:30 JST / 1 Apr 2025, 09:30 JST. */
export function formatDateTime(date: Date | string, locale: Locale): string {
  return formatDate(date, locale, "instant");
}
