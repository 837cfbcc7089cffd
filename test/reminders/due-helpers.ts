/** What due.test.ts and due-items.test.ts share: the reference obligation, and short views of items and decisions. */
import type { Decision, ReminderItem } from "../../src/reminders/due.js";
import { reminderItems } from "../../src/reminders/due.js";
import type { ServiceProfile } from "../../src/rules/service-profile.js";
import { rules } from "../support/fixtures.js";

/** The governance obligation of the 2025-10-01 period: due 2026-12-31 (the period's report day). */
export const GOV = "governance-p2025-10-01";
export const itemsAt = (profile: ServiceProfile, at: Date) => reminderItems(rules, profile, at);
export const only = (items: ReminderItem[], kind: ReminderItem["kind"]) =>
  items.filter((i) => i.kind === kind);
export const summary = (decisions: Decision[]) =>
  decisions
    .map((d) => `${d.action} ${d.occurrence.kind}:${d.occurrence.subject}:${d.occurrence.lead}`)
    .sort();
