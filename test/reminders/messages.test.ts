import type { ActionsBlock, Button, KnownBlock, SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { assertValidSurface } from "../../dev/blockkit/validate.js";
import type { Locale } from "../../src/i18n/locale.js";
import { createTranslator, type Translator } from "../../src/i18n/translator.js";
import { addDays, type JstDate } from "../../src/lib/time.js";
import { digestOf, type ReminderItem, reminderItems, sendInstant } from "../../src/reminders/due.js";
import { PAUSE_REASONS } from "../../src/reminders/settings.js";
import { subsetGroups } from "../../src/rules/audits.js";
import { ACTION } from "../../src/slack/contract/ids.js";
import { caveatListMessage } from "../../src/slack/views/messages/caveats.js";
import { daysLeftText } from "../../src/slack/views/messages/common.js";
import {
  digestMessage,
  reminderMessage,
  remindersPausedMessage,
} from "../../src/slack/views/messages/index.js";
import { profileOf, rules } from "../support/fixtures.js";
import { GROUP_2, jst, objectiveIds, plannedProfile, referenceProfile } from "../support/reminders.js";

const LOCALES: Locale[] = ["ja", "en"];
const AT = jst("2026-12-01 10:00");
const ctx = (locale: Locale, asOf = AT) => ({ rules, t: createTranslator(locale), asOf });

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

/** Every JST day from `from` for `days` days that the text shows, in either date format. */
function daysShown(text: string, t: Translator, from: JstDate, days: number): JstDate[] {
  const out: JstDate[] = [];
  for (let i = 0; i <= days; i++) {
    const day = addDays(from, i);
    if (text.includes(t.date(day)) || text.includes(t.date(day, "weekday"))) out.push(day);
  }
  return out;
}

const items = reminderItems(rules, referenceProfile(), AT);

/** The reference profile with only these objectives of the 2025-10-01 period's controls group 2 audited. */
function partialControlsProfile(audited: string[]) {
  const profile = referenceProfile();
  const ctl2 = profile.audits.external.find((a) => a.id === "ctl-2");
  if (ctl2) ctl2.objectiveIds = audited;
  return profile;
}
const byId = (id: string) => items.find((i) => i.obligation.id === id) as ReminderItem;
const send = (item: ReminderItem, locale: Locale, lead = 30, late = false, asOf = AT) =>
  reminderMessage({ item, lead, sendAt: sendInstant(item.dueDate, lead, "10:00"), late }, ctx(locale, asOf));

describe("reminderMessage", () => {
  for (const locale of LOCALES) {
    const t = createTranslator(locale);
    for (const item of items) {
      it(`(${locale}) ${item.kind}:${item.subject}: valid, says what/when (the timeline's days)/why, record button`, () => {
        const m = send(item, locale);
        assertValidSurface({ type: "message", text: m.text, blocks: m.blocks });
        const all = textOf(m.blocks);
        // When, in JST, with the timeline's day count.
        expect(all).toContain(t.date(item.dueDate, "weekday"));
        expect(all).toContain(daysLeftText(item.daysLeft, t));
        expect(all).toContain(t("reminder.jst"));
        expect(m.text).toContain(t.date(item.dueDate));
        expect(m.text).toContain(daysLeftText(item.daysLeft, t));
        // Why: the main rule's text and source; the other rules are not listed (their caveats are, when uncertain).
        const [main, ...others] = item.obligation.rules;
        expect(all).toContain(t.pick(main?.text ?? { ja: "?", en: "?" }).slice(0, 20));
        for (const rule of others) {
          if (rule.confidence === "seed" || rule.confidence === "stated")
            expect(all).not.toContain(t.pick(rule.text).slice(0, 30));
        }
        const source = rules.sources.sources.find((s) => s.id === item.obligation.rules[0]?.sources[0]);
        const title =
          source === undefined ? "" : typeof source.title === "string" ? source.title : t.pick(source.title);
        expect(all).toContain(title.slice(0, 20));
        // Record it as done: the button carries the obligation's id.
        const [button] = buttons(m.blocks);
        expect(button?.action_id).toBe(ACTION.openRecord);
        expect(JSON.parse(button?.value ?? "{}")).toEqual({
          kind: item.kind,
          subject: item.subject,
          due: item.dueDate,
          obligation: item.obligation.id,
        });
        expect(all).not.toContain(t("reminder.late", { date: t.dateTime(AT) }).slice(0, 8));
        // Not a planned team: no target wording.
        expect(all).not.toContain(t("reminder.plannedNote"));
      });
    }

    it(`(${locale}) a late reminder says so and when it was meant to go out`, () => {
      const item = byId("report:p2026-10-01");
      const sendAt = sendInstant(item.dueDate, 30, "10:00");
      const m = reminderMessage({ item, lead: 30, sendAt, late: true }, ctx(locale));
      expect(textOf(m.blocks)).toContain(t("reminder.late", { date: t.dateTime(sendAt) }));
    });

    it(`(${locale}) internal coverage: one day only, "covered until" it, whenever the reminder goes out`, () => {
      // Covered until 2026-12-09. Sent on time with the 7-day lead (2026-12-02), late on the due day itself, and
      // with the 1-day lead: each message shows that one day and the days left counted from the day it is sent.
      for (const [at, lead, late, left] of [
        ["2026-12-02 10:00", 7, false, 7],
        ["2026-12-09 15:00", 1, true, 0],
        ["2026-12-08 10:00", 1, false, 1],
      ] as const) {
        const asOf = jst(at);
        const item = reminderItems(rules, referenceProfile(), asOf).find((i) => i.subject === "coverage");
        if (!item) throw new Error("no coverage item");
        expect(item.dueDate).toBe("2026-12-09");
        const m = send(item, locale, lead, late, asOf);
        const body = m.blocks
          .slice(0, -1)
          .filter((b) => !(late && textOf([b]).includes(t("reminder.late", { date: "" }).slice(0, 6))));
        expect(daysShown(textOf(body), t, "2023-01-01", 3000)).toEqual(["2026-12-09"]);
        expect(textOf(body)).toContain(
          t("reminder.what.internal", { date: t.date("2026-12-09", "weekday") }),
        );
        expect(textOf(m.blocks)).toContain(daysLeftText(left, t));
        // No lead ("N days before") that could disagree with the days left.
        expect(textOf(m.blocks)).not.toContain(t("reminder.lead", { count: lead }));
        expect(textOf(m.blocks)).not.toContain(t("reminder.leadToday"));
      }
    });

    it(`(${locale}) never-covered objectives: due by the period's last day, one day shown`, () => {
      const item = byId("internal:never");
      const m = send(item, locale, 60);
      assertValidSurface({ type: "message", text: m.text, blocks: m.blocks });
      expect(daysShown(textOf(m.blocks.slice(0, -1)), t, "2023-01-01", 3000)).toEqual(["2027-09-30"]);
      expect(m.text).toContain(t("reminder.title.internalNever", { count: 119 }));
    });

    it(`(${locale}) controls: progress n of m and the remaining objectives only`, () => {
      const group2 = subsetGroups(rules)[1] ?? [];
      const profile = partialControlsProfile(group2.slice(0, 5));
      const item = reminderItems(rules, profile, AT).find((i) => i.obligation.id === "controls:p2025-10-01");
      if (!item) throw new Error("no controls item");
      const m = send(item, locale);
      const all = textOf(m.blocks);
      expect(all).toContain(
        t("reminder.what.controls", {
          range: t("msg.common.dateRange", { start: t.date("2025-10-01"), end: t.date("2026-09-30") }),
          done: 5,
          total: 22,
          count: 17,
        }),
      );
      for (const id of group2.slice(5)) expect(all).toContain(`\`${id}\``);
      for (const id of group2.slice(0, 5)) expect(all).not.toContain(`\`${id}\``);
    });

    it(`(${locale}) validity carries its caveat; report says its period`, () => {
      const item = byId("validity:p2024-10-01");
      const validity = send(item, locale, 60);
      const note = rules.program.validity.note?.[locale] ?? "";
      // Counted in one line in the channel; the button (this obligation's id) lists it once.
      expect(textOf(validity.blocks)).not.toContain(note.slice(0, 20));
      expect(textOf(validity.blocks)).toContain(
        t("concise.caveats.summary", { count: item.obligation.caveats.length }),
      );
      expect(JSON.stringify(validity.blocks)).toContain(
        JSON.stringify(JSON.stringify({ cmd: "obligation", args: "validity:p2024-10-01" })).slice(1, -1),
      );
      const listed = textOf(caveatListMessage(item.obligation.caveats, { rules, t, asOf: AT }).blocks);
      expect(listed.split(note.slice(0, 20)).length - 1).toBe(1);
      const report = send(byId("report:p2026-10-01"), locale);
      expect(textOf(report.blocks)).toContain(t.date("2026-10-01"));
      expect(textOf(report.blocks)).toContain(t.date("2027-09-30"));
    });

    it(`(${locale}) planned obligations say "planned (target)"`, () => {
      const planned = reminderItems(rules, plannedProfile(), AT);
      expect(planned.length).toBeGreaterThan(0);
      for (const item of planned) {
        const m = send(item, locale);
        assertValidSurface({ type: "message", text: m.text, blocks: m.blocks });
        const all = textOf(m.blocks);
        expect(all).toContain(
          t("reminder.dueTarget", {
            date: t.date(item.dueDate, "weekday"),
            left: daysLeftText(item.daysLeft, t),
          }),
        );
        expect(all).toContain(t("reminder.plannedNote"));
        expect(m.text).toContain(
          t("reminder.text.itemPlanned", { title: "", date: "", left: "" }).slice(0, 6),
        );
      }
    });

    it(`(${locale}) stays valid with every objective covered until one day`, () => {
      const profile = profileOf({ audits: { internal: [{ id: "i", date: "2024-01-10", objectiveIds }] } });
      const [item] = reminderItems(rules, profile, AT);
      if (item?.kind !== "internal") throw new Error("expected the internal item");
      expect(item.obligation.objectiveIds).toHaveLength(121);
      const m = reminderMessage({ item, lead: 1, sendAt: AT, late: true }, ctx(locale));
      assertValidSurface({ type: "message", text: m.text, blocks: m.blocks });
      expect(buttons(m.blocks)[0]?.action_id).toBe(ACTION.openRecord);
    });
  }
});

describe("digestMessage", () => {
  for (const locale of LOCALES) {
    const t = createTranslator(locale);
    it(`(${locale}) lists upcoming and overdue items with the timeline's days, valid, with a record button`, () => {
      const monday = jst("2026-12-14 10:00");
      const digest = digestOf(reminderItems(rules, referenceProfile(), monday), monday);
      const m = digestMessage(digest, { ...ctx(locale), asOf: monday });
      assertValidSurface({ type: "message", text: m.text, blocks: m.blocks });
      const all = textOf(m.blocks);
      for (const item of [...digest.upcoming, ...digest.overdue])
        expect(all).toContain(
          t("reminder.digest.line", {
            date: t.date(item.dueDate, "weekday"),
            left: daysLeftText(item.daysLeft, t),
            title: "",
          }),
        );
      expect(all).toContain(daysLeftText(-5, t)); // internal coverage, covered until 2026-12-09
      expect(all).toContain(daysLeftText(17, t)); // the 2026-12-31 obligations
      const partial = digestOf(
        reminderItems(rules, partialControlsProfile([GROUP_2[0] as string]), monday),
        monday,
      );
      expect(textOf(digestMessage(partial, { ...ctx(locale), asOf: monday }).blocks)).toContain(
        t("reminder.progress", { done: 1, total: 22 }),
      );
      expect(all).toContain(t("reminder.digest.upcoming", { days: 90, count: digest.upcoming.length }));
      expect(all).toContain(t("reminder.digest.overdue", { count: digest.overdue.length }));
      expect(buttons(m.blocks)[0]?.action_id).toBe(ACTION.openRecord);
      expect(all).not.toContain(t("reminder.plannedNote"));
    });

    it(`(${locale}) marks a planned team's targets`, () => {
      const monday = jst("2027-05-03 10:00");
      const digest = digestOf(reminderItems(rules, plannedProfile(), monday), monday);
      expect(digest.upcoming.map((i) => i.dueDate)).toContain("2027-06-30");
      const m = digestMessage(digest, { ...ctx(locale), asOf: monday });
      assertValidSurface({ type: "message", text: m.text, blocks: m.blocks });
      expect(textOf(m.blocks)).toContain(t("reminder.plannedNote"));
      expect(textOf(m.blocks)).toContain(
        t("reminder.digest.linePlanned", {
          date: t.date("2027-06-30", "weekday"),
          left: daysLeftText(58, t),
          title: "",
        }),
      );
    });

    it(`(${locale}) says when nothing is due`, () => {
      const digest = digestOf([], AT);
      const m = digestMessage(digest, ctx(locale));
      assertValidSurface({ type: "message", text: m.text, blocks: m.blocks });
      expect(textOf(m.blocks)).toContain(t("reminder.digest.none", { days: 90 }));
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
