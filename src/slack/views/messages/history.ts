/**
 * `/ismap profile history` as an audit trail (issue 13): each save a header (revision, JST time, who) and one
 * sentence per thing it did, in the reader's language — "内部監査を記録: 2023年12月4日・7.1.1, 7.1.2" — with field
 * names, statuses, verdicts and dates as every other screen shows them; never a raw key, JSON or UTC instant.
 */
import type { KnownBlock } from "@slack/types";
import type { MessageKey, Translator } from "../../../i18n/translator.js";
import { type HistoryEvent, historyEvents } from "../../../profile/diff.js";
import type { HistoryEntry } from "../../../profile/repository.js";
import { CriteriaPart } from "../../../rules/schema.js";
import { Verdict } from "../../../rules/schema-eligibility.js";
import { context, divider, footer, header, section } from "../parts.js";
import { compose, EMOJI, type MessageContext, type SlackMessage, userText } from "./common.js";
import { mention } from "./profile.js";

/** At most this many history entries are shown, newest first. */
export const HISTORY_ENTRIES_SHOWN = 15;
/** At most this many sentences are shown per history entry. */
export const CHANGES_SHOWN = 4;
/** Objective ids named in a sentence before "ほか12件". */
const IDS_NAMED = 8;

const FIELD_LABELS: Record<string, MessageKey> = {
  "service.name": "modal.profile.fields.name",
  "service.vendor": "modal.profile.fields.vendor",
  "service.description": "modal.profile.fields.description",
  "service.url": "modal.profile.fields.url",
  "registration.status": "modal.profile.fields.status",
  "registration.registeredOn": "modal.profile.fields.registeredOn",
  "registration.auditPeriodStart": "modal.profile.fields.auditPeriodStart",
  "registration.auditPeriodEnd": "modal.profile.fields.auditPeriodEnd",
  "specialMeasure.listed": "modal.profile.fields.listed",
  "specialMeasure.listedOn": "modal.profile.fields.listedOn",
  "specialMeasure.preApplicationSubmittedOn": "modal.profile.fields.preApplicationSubmittedOn",
  "specialMeasure.reliefsUsed": "modal.profile.fields.reliefsUsed",
  schemaVersion: "concise.history.schemaVersion",
};
/** Fields whose values are too long or too private for one line: the sentence names the field only. */
const VALUES_LEFT_OUT = new Set(["service.description", "schemaVersion"]);
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A stored value as a person reads it: a JST day, a status, yes/no, a count, or the text quoted and escaped. */
function valueText(field: string, value: unknown, t: Translator): string {
  if (value === undefined || value === null || value === "") return t("msg.history.none");
  if (typeof value === "boolean") return t(value ? "concise.history.yes" : "concise.history.no");
  if (field === "registration.status" && typeof value === "string") {
    const key = `modal.profile.status.${value}`;
    return t.has(key) ? t(key) : userText(value, 40);
  }
  if (typeof value === "string" && ISO_DAY.test(value)) return t.date(value);
  if (Array.isArray(value)) return t("concise.history.count", { count: value.length });
  if (typeof value === "string")
    return t("concise.history.quoted", { text: userText(value.replace(/\s+/g, " "), 60) });
  if (typeof value === "number") return String(value);
  return t("concise.history.changedValue");
}

function dayText(value: unknown, t: Translator): string {
  return typeof value === "string" && ISO_DAY.test(value) ? t.date(value) : t("msg.history.none");
}

function idsText(value: unknown, t: Translator): string {
  const ids = Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  const named = ids.slice(0, IDS_NAMED).map((id) => userText(id, 20));
  const rest = ids.length - named.length;
  return rest > 0 ? `${named.join(", ")} ${t("msg.common.more", { count: rest })}` : named.join(", ");
}

function verdictText(verdict: string | undefined, t: Translator): string {
  const parsed = Verdict.safeParse(verdict);
  return parsed.success ? t(`verdict.${parsed.data}`) : t("msg.history.none");
}

/** 「外部監査（管理策基準）」 / "Internal audit": what kind of audit an entry is about. */
function auditName(
  list: "internal" | "external",
  audit: Record<string, unknown> | undefined,
  t: Translator,
): string {
  if (list === "internal") return t("concise.history.internalAudit");
  const part = CriteriaPart.safeParse(audit?.part);
  return part.success
    ? t("obligation.title.external", { part: t(`criteria.${part.data}`) })
    : t("concise.history.externalAudit");
}

/** One event as one sentence. */
export function eventSentence(event: HistoryEvent, t: Translator): string {
  switch (event.kind) {
    case "audit_added": {
      const a = event.audit;
      const parts = [dayText(a.date, t)];
      if (typeof a.periodStart === "string" && typeof a.periodEnd === "string") {
        parts.push(
          t("concise.history.period", {
            range: t("msg.common.dateRange", { start: t.date(a.periodStart), end: t.date(a.periodEnd) }),
          }),
        );
      }
      if (Array.isArray(a.objectiveIds) && a.objectiveIds.length > 0) parts.push(idsText(a.objectiveIds, t));
      return t("concise.history.auditAdded", {
        audit: auditName(event.list, a, t),
        details: parts.join(t("concise.history.joiner")),
      });
    }
    case "audit_removed":
      return t("concise.history.auditRemoved", {
        audit: auditName(event.list, event.audit, t),
        date: dayText(event.audit.date, t),
      });
    case "audit_changed": {
      const what = event.changes.map((c) => {
        const field = c.path.split(".").at(-1) ?? "";
        if (field === "date")
          return t("concise.history.auditDate", { before: dayText(c.before, t), after: dayText(c.after, t) });
        if (field === "objectiveIds")
          return t("concise.history.auditObjectives", { list: idsText(c.after, t) });
        if (field === "periodStart" || field === "periodEnd") return t("concise.history.auditPeriod");
        if (field === "part") return t("concise.history.auditPart");
        return t("concise.history.changedValue");
      });
      return t("concise.history.auditChanged", {
        audit: auditName(event.list, undefined, t),
        what: [...new Set(what)].join(t("concise.history.joiner")),
      });
    }
    case "verdict":
      if (event.after !== undefined && event.before !== undefined && event.after !== event.before) {
        return t("concise.history.verdictChanged", {
          before: verdictText(event.before, t),
          after: verdictText(event.after, t),
        });
      }
      if (event.after !== undefined && event.before === undefined)
        return t("concise.history.verdictSaved", { verdict: verdictText(event.after, t) });
      if (event.after === undefined && event.before !== undefined) return t("concise.history.verdictRemoved");
      return t("concise.history.answersChanged");
    case "editors": {
      const lines: string[] = [];
      if (event.added.length > 0)
        lines.push(
          t("concise.history.editorsAdded", { users: event.added.slice(0, 10).map(mention).join(", ") }),
        );
      if (event.removed.length > 0)
        lines.push(
          t("concise.history.editorsRemoved", { users: event.removed.slice(0, 10).map(mention).join(", ") }),
        );
      return lines.join(t("concise.history.joiner")) || t("concise.history.editorsReordered");
    }
    case "field": {
      const key = FIELD_LABELS[event.field];
      const field = key ? t(key) : t("concise.history.otherField");
      if (!key || VALUES_LEFT_OUT.has(event.field))
        return t("concise.history.fieldChangedNoValue", { field });
      if (event.before === undefined || event.before === "") {
        return t("concise.history.fieldSet", { field, after: valueText(event.field, event.after, t) });
      }
      if (event.after === undefined || event.after === "") {
        return t("concise.history.fieldCleared", { field, before: valueText(event.field, event.before, t) });
      }
      return t("concise.history.fieldChanged", {
        field,
        before: valueText(event.field, event.before, t),
        after: valueText(event.field, event.after, t),
      });
    }
  }
}

const FIELD_ORDER = Object.keys(FIELD_LABELS);

/** Audits, verdict and editors first, as they came; then fields in the order the profile form shows them. */
function inFormOrder(events: HistoryEvent[]): HistoryEvent[] {
  const rank = (e: HistoryEvent) =>
    e.kind === "field"
      ? 1 + FIELD_ORDER.indexOf(e.field) + (FIELD_ORDER.includes(e.field) ? 0 : FIELD_ORDER.length)
      : 0;
  return [...events].sort((a, b) => rank(a) - rank(b));
}

function entryText(entry: HistoryEntry, t: Translator): string {
  const at = new Date(entry.at);
  const when = Number.isNaN(at.getTime()) ? t("msg.history.none") : t.dateTime(at);
  const lines = [
    t("msg.history.entry", { revision: entry.revision, actor: mention(entry.actor), date: when }),
  ];
  const sentences = inFormOrder(historyEvents(entry.changes)).map((e) => eventSentence(e, t));
  if (sentences.length === 0) lines.push(`• _${t("msg.history.noChanges")}_`);
  for (const sentence of sentences.slice(0, CHANGES_SHOWN)) lines.push(`• ${sentence}`);
  const more = sentences.length - CHANGES_SHOWN;
  if (more > 0) lines.push(`• _${t("msg.history.moreChanges", { count: more })}_`);
  return lines.join("\n");
}

/**
 * `/ismap profile history`: saves newest first — revision, when (JST) and who, then what each did as sentences;
 * at most HISTORY_ENTRIES_SHOWN entries and CHANGES_SHOWN sentences each, saying how many more there are.
 */
export function historyMessage(entries: readonly HistoryEntry[], ctx: MessageContext): SlackMessage {
  const { t, rules, asOf } = ctx;
  const newest = [...entries].sort((a, b) => b.revision - a.revision);
  const body: KnownBlock[] = [header(t("msg.history.title"))];
  if (newest.length === 0) body.push(section(`${EMOJI.none} ${t("msg.history.empty")}`));
  for (const entry of newest.slice(0, HISTORY_ENTRIES_SHOWN)) body.push(section(entryText(entry, t)));
  const more = newest.length - HISTORY_ENTRIES_SHOWN;
  if (more > 0) body.push(context(t("msg.history.moreEntries", { count: more })));
  return compose(t("msg.history.title"), body, [divider(), footer(rules, asOf, t)], t);
}
