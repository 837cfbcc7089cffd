import { TZDate } from "@date-fns/tz";
import { format } from "date-fns/format";
import { enUS } from "date-fns/locale/en-US";
import { ja } from "date-fns/locale/ja";
import { startOfJstDay } from "../lib/time.js";
import type { Locale } from "./locale.js";

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
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Japan has had no daylight saving time since 1952: JST is UTC+9 from then on. */
const JST_OFFSET_MS = 9 * 60 * MINUTE_MS;
const FIXED_OFFSET_SINCE = Date.UTC(1952, 0, 1);

/**
 * A program date in JST. A `YYYY-MM-DD` string is a JST calendar day (shown as that day, at 0:00 for `instant`);
 * a Date is an instant, shown on the JST day it falls on. Throws RangeError for an impossible date.
 */
export function formatDate(date: Date | string, locale: Locale, style: DateStyle = "date"): string {
  const at = typeof date === "string" ? startOfJstDay(date) : date;
  const ms = at.getTime();
  if (Number.isNaN(ms)) throw new RangeError("invalid date");
  // Keyed by what the text shows (the JST minute, or the JST day), so that the instants of one minute or day share
  // an entry: "as of now" is formatted for every answer.
  const shown =
    ms < FIXED_OFFSET_SINCE
      ? ms
      : style === "instant"
        ? Math.floor(ms / MINUTE_MS)
        : Math.floor((ms + JST_OFFSET_MS) / DAY_MS);
  const key = `${shown}|${locale}|${style}`;
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
