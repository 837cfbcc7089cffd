/**
 * What identifies one reminder occurrence — (team, kind, subject, due date, lead) — and the store keys derived from
 * it: `rem:<teamScope>:<kind>:<subject>:<dueDate>:<lead>` is the claim and done-mark key that makes each occurrence
 * post exactly once.
 */
import type { JstDate } from "../lib/time.js";
import { type TeamKey, teamScope } from "../store/keys.js";

/** The reminder kinds; `digest` is the weekly summary, the others are dated items. */
export const REMINDER_KINDS = ["external", "controls", "internal", "report", "validity", "digest"] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** The kinds of dated items (everything but the weekly digest); settings choose among these. */
export const ITEM_KINDS = ["external", "controls", "internal", "report", "validity"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** Subjects never contain the key separator `:`. */
const SUBJECT = /^[a-z0-9][a-z0-9._-]*$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export interface OccurrenceId {
  team: TeamKey;
  kind: ReminderKind;
  /**
   * Which thing of that kind, from the timeline obligation's id (due.ts reminderSubject): `governance-p2026-04-01`,
   * `group-p2026-04-01`, `coverage`, `coverage-never`, `period-2027-03-31`; `weekly` for the digest.
   */
  subject: string;
  /** The JST day the item is due (for the digest: the Monday it is for). */
  dueDate: JstDate;
  /** Days before the due day the reminder goes out (0 for the digest). */
  lead: number;
}

/** `rem:<teamScope>:<kind>:<subject>:<dueDate>:<lead>`. Throws TypeError for a part that would break the format. */
export function occurrenceKey(id: OccurrenceId): string {
  if (!(REMINDER_KINDS as readonly string[]).includes(id.kind))
    throw new TypeError(`unknown kind ${id.kind}`);
  if (!SUBJECT.test(id.subject)) throw new TypeError(`bad reminder subject ${JSON.stringify(id.subject)}`);
  if (!DAY.test(id.dueDate)) throw new TypeError(`bad due date ${JSON.stringify(id.dueDate)}`);
  if (!Number.isInteger(id.lead) || id.lead < 0) throw new TypeError(`bad lead ${id.lead}`);
  return `rem:${teamScope(id.team)}:${id.kind}:${id.subject}:${id.dueDate}:${id.lead}`;
}

/** The inverse of occurrenceKey; undefined for anything else. */
export function parseOccurrenceKey(key: string): OccurrenceId | undefined {
  const parts = key.split(":");
  if (parts.length !== 7 || parts[0] !== "rem") return undefined;
  const [, enterprise, teamId, kind, subject, dueDate, lead] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const team = teamFromScope(`${enterprise}:${teamId}`);
  if (!team || !(REMINDER_KINDS as readonly string[]).includes(kind)) return undefined;
  if (!SUBJECT.test(subject) || !DAY.test(dueDate) || !/^\d+$/.test(lead)) return undefined;
  return { team, kind: kind as ReminderKind, subject, dueDate, lead: Number(lead) };
}

/** The occurrences of one item share this: every lead of (team, kind, subject, due date). */
export function itemKeyOf(id: Omit<OccurrenceId, "lead">): string {
  return `${teamScope(id.team)}:${id.kind}:${id.subject}:${id.dueDate}`;
}

/** The team of a `<enterprise or ->:<team>` scope (the inverse of teamScope); undefined if malformed. */
export function teamFromScope(scope: string): TeamKey | undefined {
  const m = /^([A-Za-z0-9_]+|-):([A-Za-z0-9_]+)$/.exec(scope);
  if (!m) return undefined;
  const [, enterprise, teamId] = m as unknown as [string, string, string];
  return enterprise === "-" ? { teamId } : { enterpriseId: enterprise, teamId };
}

/** Where the sweeper keeps the retry state (attempts, next attempt) of an occurrence that failed to post. */
export function retryKey(key: string): string {
  return `retry:${key}`;
}

/** Where the sweeper records what became of an occurrence (sent, late, superseded, dropped) for people to read. */
export function outcomeKey(key: string): string {
  return `outcome:${key}`;
}
