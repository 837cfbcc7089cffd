/**
 * Program dates live in Asia/Tokyo (JST), a fixed UTC+9 with no daylight saving, so calendar arithmetic is done
 * on the UTC fields of an instant shifted by nine hours.
 */
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A JST calendar day, YYYY-MM-DD. */
export type JstDate = string;

/** The instant a JST calendar day starts. */
export function startOfJstDay(day: JstDate): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${day}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const utc = new Date(Date.UTC(y, mo - 1, d));
  // Date.UTC rolls an impossible day over (2025-02-29 → 1 March): a day that does not come back is no day.
  if (utc.getUTCFullYear() !== y || utc.getUTCMonth() !== mo - 1 || utc.getUTCDate() !== d)
    throw new RangeError(`no such calendar day: ${day}`);
  return new Date(utc.getTime() - JST_OFFSET_MS);
}

/** The JST calendar day an instant falls on. */
export function toJstDate(at: Date): JstDate {
  const jst = new Date(at.getTime() + JST_OFFSET_MS);
  return formatYmd(jst.getUTCFullYear(), jst.getUTCMonth() + 1, jst.getUTCDate());
}

/** Adds calendar months to a JST day; a day past the new month's end is clamped (2028-02-29 + 12 → 2029-02-28). */
export function addMonths(day: JstDate, months: number): JstDate {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total - ny * 12;
  const lastDay = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return formatYmd(ny, nm + 1, Math.min(d, lastDay));
}

/**
 * The last day of a period of `months` months that starts on (and counts) `start`: the day before the day that
 * corresponds to `start` that many months later, or, when that month has no such day, the month's last day
 * (rules/dates.yml; Civil Code arts. 140 and 143). 3 months from 2026-11-30 → 2027-02-28; 12 months from
 * 2024-02-29 → 2025-02-28; 3 months from 2026-08-31 → 2026-11-30; 12 months from 2025-04-01 → 2026-03-31.
 */
export function periodLastDay(start: JstDate, months: number): JstDate {
  const corresponding = addMonths(start, months);
  // addMonths clamps a day the month lacks to its last day, which is then the period's last day.
  return corresponding.slice(8) === start.slice(8) ? addDays(corresponding, -1) : corresponding;
}

export function addYears(day: JstDate, years: number): JstDate {
  return addMonths(day, years * 12);
}

export function addDays(day: JstDate, days: number): JstDate {
  return toJstDate(new Date(startOfJstDay(day).getTime() + days * DAY_MS));
}

/** Whole JST calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: JstDate, to: JstDate): number {
  return Math.round((startOfJstDay(to).getTime() - startOfJstDay(from).getTime()) / DAY_MS);
}

/** The JST day before an exclusive end instant: the last day something ending then still holds (2025-04-01T00:00+09:00 → 2025-03-31). */
export function lastDayBefore(end: string): JstDate {
  return toJstDate(new Date(parseInstant(end).getTime() - 1));
}

/** Parses a rules instant such as 2025-04-01T00:00:00+09:00. */
export function parseInstant(iso: string): Date {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new RangeError(`not an ISO instant: ${iso}`);
  return at;
}

function formatYmd(y: number, m: number, d: number): JstDate {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}
