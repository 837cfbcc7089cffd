import type { ActionsBlock, Button, KnownBlock, SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/translator.js";
import { digestOf, type ReminderItem, reminderItems, sendInstant } from "../../src/reminders/due.js";
import { PAUSE_REASONS } from "../../src/reminders/settings.js";
import type { Locale } from "../../src/rules/schema.js";
import { assertValidSurface } from "../../src/slack/blockkit/index.js";
import { ACTION } from "../../src/slack/ids.js";
import {
  digestMessage,
  reminderMessage,
  remindersPausedMessage,
} from "../../src/slack/views/messages/index.js";
import { jst, objectiveIds, profileOf, referenceProfile, rules } from "./helpers.js";

const LOCALES: Locale[] = ["ja", "en"];
const AT = jst("2026-12-01 10:00");
const ctx = (locale: Locale) => ({ rules, t: createTranslator(locale), asOf: AT });

function textOf(blocks: readonly KnownBlock[]): string {
  return JSON.stringify(blocks);
}

function buttons(blocks: readonly KnownBlock[]): Button[] {
  return blocks.flatMap((b) => {
    if (b.type === "actions")
      return (b as ActionsBlock).elements.filter((e): e is Button => e.type === "button");
    const accessory = (b as SectionBlock).accessory;
    return b.type === "section" && accessory?.type === "button" ? [accessory as Button] : [];
  });
}

const items = reminderItems(rules, referenceProfile(), AT);
const byKind = (kind: ReminderItem["kind"]) => items.find((i) => i.kind === kind) as ReminderItem;

describe("reminderMessage", () => {
  for (const locale of LOCALES) {
    for (const item of items) {
      it(`(${locale}) ${item.kind}:${item.subject}: valid, says what/when/why, has the record button`, () => {
        const m = reminderMessage(
          { item, lead: 30, sendAt: sendInstant(item.dueDate, 30, "10:00"), late: false },
          ctx(locale),
        );
        assertValidSurface({ type: "message", text: m.text, blocks: m.blocks });
        const all = textOf(m.blocks);
        const t = createTranslator(locale);
        // When, in JST.
        expect(all).toContain(t.date(item.dueDate, "weekday"));
        expect(all).toContain(t("reminder.jst"));
        expect(m.text).toContain(t.date(item.dueDate));
        // Why: the rule's text and its source.
        expect(all).toContain(t.pick(item.rule.text).slice(0, 20));
        const source = rules.sources.sources.find((s) => s.id === item.rule.sources[0]);
        expect(all).toContain(source?.title.slice(0, 20));
        // Record it as done.
        const [button] = buttons(m.blocks);
        expect(button?.action_id).toBe(ACTION.openRecord);
        expect(JSON.parse(button?.value ?? "{}")).toEqual({
          kind: item.kind,
          subject: item.subject,
          due: item.dueDate,
        });
        expect(all).not.toContain(t("reminder.late", { date: t.dateTime(AT) }).slice(0, 8));
      });
    }

    it(`(${locale}) a late reminder says so and when it was meant to go out`, () => {
      const item = byKind("report");
      const sendAt = sendInstant(item.dueDate, 30, "10:00");
      const m = reminderMessage({ item, lead: 30, sendAt, late: true }, ctx(locale));
      const t = createTranslator(locale);
      expect(textOf(m.blocks)).toContain(t("reminder.late", { date: t.dateTime(sendAt) }));
    });

    it(`(${locale}) internal and controls reminders list their objectives; validity carries its caveat`, () => {
      const internal = byKind("internal");
      const m = reminderMessage({ item: internal, lead: 7, sendAt: AT, late: false }, ctx(locale));
      expect(textOf(m.blocks)).toContain("`5.1.1`");
      expect(textOf(m.blocks)).toContain("`5.1.2`");
      const controls = byKind("controls");
      const c = reminderMessage({ item: controls, lead: 60, sendAt: AT, late: false }, ctx(locale));
      if (controls.kind !== "controls") throw new Error("no controls item");
      expect(textOf(c.blocks)).toContain(`\`${controls.objectives[0]}\``);
      const validity = reminderMessage(
        { item: byKind("validity"), lead: 60, sendAt: AT, late: false },
        ctx(locale),
      );
      const note = rules.program.validity.note?.[locale] ?? "";
      expect(textOf(validity.blocks)).toContain(note.slice(0, 20));
    });

    it(`(${locale}) stays valid with every objective lapsing on one day`, () => {
      const profile = profileOf({ audits: { internal: [{ id: "i", date: "2024-01-10", objectiveIds }] } });
      const [item] = reminderItems(rules, profile, AT);
      if (item?.kind !== "internal") throw new Error("expected the internal item");
      expect(item.objectives).toHaveLength(121);
      const m = reminderMessage({ item, lead: 1, sendAt: AT, late: true }, ctx(locale));
      assertValidSurface({ type: "message", text: m.text, blocks: m.blocks });
      expect(buttons(m.blocks)[0]?.action_id).toBe(ACTION.openRecord);
    });
  }
});

describe("digestMessage", () => {
  for (const locale of LOCALES) {
    it(`(${locale}) lists upcoming and overdue items with their days, valid, with a record button`, () => {
      const monday = jst("2026-12-14 10:00");
      const digest = digestOf(reminderItems(rules, referenceProfile(), monday), monday);
      const m = digestMessage(digest, { ...ctx(locale), asOf: monday });
      assertValidSurface({ type: "message", text: m.text, blocks: m.blocks });
      const t = createTranslator(locale);
      const all = textOf(m.blocks);
      for (const item of [...digest.upcoming, ...digest.overdue])
        expect(all).toContain(t.date(item.dueDate, "weekday"));
      expect(all).toContain(t("reminder.digest.upcoming", { days: 90, count: digest.upcoming.length }));
      expect(all).toContain(t("reminder.digest.overdue", { count: digest.overdue.length }));
      expect(buttons(m.blocks)[0]?.action_id).toBe(ACTION.openRecord);
    });

    it(`(${locale}) says when nothing is due`, () => {
      const digest = digestOf([], AT);
      const m = digestMessage(digest, ctx(locale));
      assertValidSurface({ type: "message", text: m.text, blocks: m.blocks });
      expect(textOf(m.blocks)).toContain(createTranslator(locale)("reminder.digest.none", { days: 90 }));
    });
  }
});

describe("remindersPausedMessage", () => {
  for (const locale of LOCALES) {
    for (const reason of PAUSE_REASONS) {
      it(`(${locale}) ${reason}`, () => {
        const m = remindersPausedMessage({ reason, channel: "C0GENERAL1" }, ctx(locale));
        assertValidSurface({ type: "message", text: m.text, blocks: m.blocks });
        expect(textOf(m.blocks)).toContain("<#C0GENERAL1>");
        expect(m.text).toContain(createTranslator(locale)(`reminder.paused.reason.${reason}`));
      });
    }
  }
});
