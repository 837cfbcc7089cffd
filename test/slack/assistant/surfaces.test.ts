/**
 * The pure parts of the new surfaces: the assistant's prompts, its team-state answer built from the obligations
 * timeline, the Workflow Builder steps' inputs and outputs, the feedback buttons' values, and the faq:report text.
 */

import { describe, expect, it } from "vitest";
import { assertValidSurface } from "../../../dev/blockkit/validate.js";
import { unhelpfulReport } from "../../../src/feedback/report.js";
import { createTranslator } from "../../../src/i18n/translator.js";
import { promptIds, suggestedPrompts } from "../../../src/slack/assistant/prompts.js";
import { matchTeamIntent } from "../../../src/slack/assistant/team-intent.js";
import { ACTION } from "../../../src/slack/contract/ids.js";
import {
  type AnswerRef,
  FEEDBACK_VALUE_QUESTION_MAX,
  feedbackButtonsBlock,
  parseFeedbackValue,
  withFeedbackButtons,
} from "../../../src/slack/flows/feedback-buttons.js";
import { DEFAULT_DAYS_AHEAD, parseDaysAhead, parseRecordInputs } from "../../../src/slack/steps/inputs.js";
import { coverageOutputs, dueOutputs } from "../../../src/slack/steps/outputs.js";
import { teamStateMessage } from "../../../src/slack/views/messages/team-state.js";
import { obligationLine } from "../../../src/slack/views/messages/timeline.js";
import { engine, profileOf } from "../../support/fixtures.js";
import { AS_OF, allText, ctxFor, LOCALES } from "../../support/messages.js";

const registered = profileOf({
  registration: {
    status: "registered",
    registeredOn: "2025-02-01",
    auditPeriodStart: "2024-04-01",
    auditPeriodEnd: "2025-03-31",
  },
  audits: { external: [], internal: [{ id: "i1", date: "2024-02-10", objectiveIds: ["5.1.1", "5.1.2"] }] },
});
const timeline = engine.obligations(registered, AS_OF);
const empty = engine.obligations(profileOf(), AS_OF);

describe("suggested prompts", () => {
  it("a team with dates is offered its own deadlines; one without, eligibility and the special measure", () => {
    expect(promptIds({ anchored: true, registered: true, eligibilityAnswered: true })).toEqual([
      "nextAudit",
      "oweMonth",
      "lapseQuarter",
      "registration",
    ]);
    expect(promptIds({ anchored: true, registered: false, eligibilityAnswered: false })).toContain(
      "eligible",
    );
    expect(promptIds({ anchored: false, registered: false, eligibilityAnswered: false })).toEqual([
      "eligible",
      "special",
      "nextAudit",
    ]);
  });

  it.each(LOCALES)("every prompt about the team's dates is answered from the timeline (%s)", (locale) => {
    const prompts = suggestedPrompts(
      { anchored: true, registered: true, eligibilityAnswered: true },
      createTranslator(locale),
    );
    expect(prompts).toHaveLength(4);
    for (const p of prompts) expect(matchTeamIntent(p.message, AS_OF), p.message).toBeDefined();
    const faqPrompts = suggestedPrompts(
      { anchored: false, registered: false, eligibilityAnswered: false },
      createTranslator(locale),
    );
    // "Are we eligible?" and "the special measure" go to the FAQ, which answers them confidently.
    for (const p of faqPrompts.slice(0, 2)) {
      expect(matchTeamIntent(p.message, AS_OF)).toBeUndefined();
      expect(engine.answerQuestion(p.message, locale, AS_OF).confident, p.message).toBe(true);
    }
  });
});

describe("teamStateMessage", () => {
  it.each(LOCALES)(
    "lists exactly the timeline's open obligations due in the span, with their own lines (%s)",
    (locale) => {
      const ctx = ctxFor(locale);
      const intent = matchTeamIntent(
        locale === "ja" ? "今年度中の期限は？" : "What is due this fiscal year?",
        AS_OF,
      );
      if (intent?.kind !== "due") throw new Error("expected a due intent");
      const message = teamStateMessage(intent, timeline, "q", ctx);
      assertValidSurface({ type: "message", ...message });
      const text = allText(message);
      const due = timeline.obligations.filter(
        (o) => o.status !== "done" && o.dueOn && o.dueOn <= "2027-03-31",
      );
      const notDue = timeline.obligations.filter((o) => o.dueOn && o.dueOn > "2027-03-31");
      expect(due.length).toBeGreaterThan(0);
      for (const o of due) expect(text).toContain(obligationLine(o, ctx.t));
      for (const o of notDue) expect(text).not.toContain(obligationLine(o, ctx.t));
      // Overdue ones are owed too, and said so.
      const overdue = due.filter((o) => o.status === "overdue").length;
      expect(overdue).toBeGreaterThan(0);
      expect(text).toContain(ctx.t("assistant.team.overdue", { count: overdue }));
    },
  );

  it("says what would date the obligations when the team has no dates, and escapes the question", () => {
    const ctx = ctxFor("en");
    const message = teamStateMessage(
      { kind: "registration" },
      empty,
      "<!channel> *when* does our registration expire",
      ctx,
    );
    const text = allText(message);
    expect(text).toContain("No registration date is entered yet");
    expect(text).not.toContain("<!channel>");
    expect(text).toContain("&lt;!channel&gt;");
  });

  it.each(LOCALES)(
    "counts its unconfirmed points in one line with the caveats button, never listing them inline (%s)",
    (locale) => {
      const ctx = ctxFor(locale);
      const question = locale === "ja" ? "今年度中の期限は？" : "What is due this fiscal year?";
      const intent = matchTeamIntent(question, AS_OF);
      if (!intent) throw new Error("expected an intent");
      const message = teamStateMessage(intent, timeline, question, ctx);
      const caveats = message.caveats ?? [];
      expect(caveats.length).toBeGreaterThan(0);
      const text = allText(message);
      expect(text).toContain(ctx.t("concise.caveats.summary", { count: caveats.length }));
      for (const c of caveats) expect(text).not.toContain(ctx.t.pick(c.text));
      // The button rebuilds this answer from its question (the caveats listener's "team" command).
      const button = message.blocks
        .flatMap((b) => ("accessory" in b && b.accessory ? [b.accessory] : []))
        .find((a) => "action_id" in a && a.action_id === ACTION.showCaveats);
      expect(button && "value" in button && JSON.parse(String(button.value))).toEqual({
        cmd: "team",
        args: question,
      });
    },
  );

  it("names the next external audit, or says none is open", () => {
    const ctx = ctxFor("ja");
    const next = timeline.obligations.find(
      (o) => (o.kind === "external" || o.kind === "controls") && o.status !== "done",
    );
    expect(allText(teamStateMessage({ kind: "next_audit" }, timeline, "次の監査は", ctx))).toContain(
      obligationLine(next as NonNullable<typeof next>, ctx.t),
    );
  });
});

describe("Workflow Builder step inputs", () => {
  const t = createTranslator("en");
  it("days ahead: whole numbers 1-1095, as number or text; empty means the default", () => {
    expect(parseDaysAhead(30, t)).toEqual({ ok: true, value: 30 });
    expect(parseDaysAhead(" 7 ", t)).toEqual({ ok: true, value: 7 });
    expect(parseDaysAhead(undefined, t)).toEqual({ ok: true, value: DEFAULT_DAYS_AHEAD });
    for (const bad of [0, -3, 1096, 2.5, "ten", "1e3", {}, true]) {
      const parsed = parseDaysAhead(bad, t);
      expect(parsed.ok, String(bad)).toBe(false);
      if (!parsed.ok) expect(parsed.error).toContain('"Days ahead"');
    }
  });

  it("an audit is checked by the record modal's own parser: same errors, same normalised ids", () => {
    const ctx = ctxFor("en");
    const ok = parseRecordInputs(
      { audit_type: "internal", audit_date: "2026-11-20", objective_ids: "5.1.2,5.1.1 5.1.1" },
      ctx,
      { newId: () => "id-1" },
    );
    expect(ok).toEqual({
      ok: true,
      value: expect.objectContaining({
        kind: "internal",
        audit: { id: "id-1", date: "2026-11-20", objectiveIds: ["5.1.1", "5.1.2"] },
      }),
    });
    const all = parseRecordInputs(
      { audit_type: "external_controls", audit_date: "2026-11-20", objective_ids: ["all"] },
      ctx,
    );
    expect(all.ok && all.value.audit.objectiveIds.length).toBe(ctx.rules.objectives.objectives.length);
    const bad = parseRecordInputs({ audit_type: "yearly", audit_date: "2026-02-30", objective_ids: "" }, ctx);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toContain(ctx.t("modal.record.fields.type"));
      expect(bad.error).toContain("2026-02-30");
    }
  });
});

describe("Workflow Builder step outputs", () => {
  it.each(LOCALES)(
    "what is due: the count and one line per obligation due within the days (%s)",
    (locale) => {
      const t = createTranslator(locale);
      const out = dueOutputs(timeline, 400, t);
      const due = timeline.obligations.filter(
        (o) => o.status !== "done" && o.dueOn && o.dueOn <= "2027-12-31",
      );
      expect(out.count).toBe(due.length);
      expect(out.list.split("\n")).toHaveLength(due.length + 1);
      const none = dueOutputs(empty, 30, t);
      expect(none.count).toBe(0);
      expect(none.list).toContain(t("obligation.hint.enter_audit_period"));
    },
  );

  it("the coverage after an audit: covered of total, the same lines as the other screens", () => {
    const out = coverageOutputs(timeline, createTranslator("en"));
    expect(out).toMatchObject({ covered: 2, total: timeline.coverage.objectives.length });
  });
});

describe("feedback buttons", () => {
  const ref: AnswerRef = {
    answerId: "0b1c2d3e-0000-4000-8000-000000000000",
    question: "<!channel> 無料トライアルは？",
    rulesVersion: "2026.12.03",
    locale: "ja",
    surface: "assistant",
  };

  it("carry the question without its text appearing in the payload, and read back", () => {
    const block = feedbackButtonsBlock(ref, createTranslator("ja"));
    assertValidSurface({ type: "message", text: "x", blocks: [block] });
    expect(JSON.stringify(block)).not.toContain("<!channel>");
    const element = (block as { elements: { negative_button: { value: string } }[] }).elements[0];
    expect(parseFeedbackValue(element?.negative_button.value)).toEqual({
      f: "down",
      a: ref.answerId,
      v: "2026.12.03",
      l: "ja",
      s: "assistant",
      q: ref.question,
    });
  });

  it("fit a button's 2000 characters with the longest question kept", () => {
    const long = { ...ref, question: "漢".repeat(5000) };
    const block = feedbackButtonsBlock(long, createTranslator("ja"));
    assertValidSurface({ type: "message", text: "x", blocks: [block] });
    const value = (block as { elements: { negative_button: { value: string } }[] }).elements[0]
      ?.negative_button.value;
    expect(parseFeedbackValue(value)?.q).toHaveLength(FEEDBACK_VALUE_QUESTION_MAX);
  });

  it("refuse anything the app did not make", () => {
    for (const bad of [
      "",
      "null",
      "{}",
      "not json",
      JSON.stringify({ f: "down", a: "a b", v: "1", l: "ja", s: "assistant", q: "" }),
    ]) {
      expect(parseFeedbackValue(bad)).toBeUndefined();
    }
    expect(parseFeedbackValue(42)).toBeUndefined();
  });

  it("sit beside an existing row of buttons, or in a row of their own", () => {
    const t = createTranslator("en");
    const withRow = withFeedbackButtons(
      {
        text: "a",
        blocks: [
          {
            type: "actions",
            elements: [
              { type: "button", action_id: ACTION.share, text: { type: "plain_text", text: "Share" } },
            ],
          },
        ],
      },
      ref,
      t,
    );
    expect(withRow.blocks).toHaveLength(1);
    const alone = withFeedbackButtons({ text: "a", blocks: [{ type: "divider" }] }, ref, t);
    expect(alone.blocks.at(-1)?.type).toBe("actions");
    assertValidSurface({ type: "message", ...alone });
  });

  it("context_actions is refused outside messages", () => {
    const block = feedbackButtonsBlock(ref, createTranslator("en"));
    expect(() =>
      assertValidSurface({ type: "modal", title: { type: "plain_text", text: "x" }, blocks: [block] }),
    ).toThrow();
  });
});

describe("faq:report", () => {
  const at = "2026-11-26T01:00:00.000Z";
  const e = (question: string, locale: "ja" | "en", surface: "assistant" | "command" = "assistant") => ({
    question,
    answerId: "a",
    rulesVersion: "2026.12.03",
    locale,
    surface,
    at,
  });

  it("groups the same question (spacing and width aside) per language, most marked first, one line each", () => {
    const report = unhelpfulReport([
      e("無料トライアルは？", "ja"),
      e("無料トライアルは？ ", "ja", "command"),
      e("データは国内保管？", "ja"),
      e("Free trial?\nreally", "en"),
    ]);
    expect(report).toContain("## ja — 3 unhelpful marks, 2 questions");
    expect(report).toContain(
      "   2×  無料トライアルは？  [rules 2026.12.03; assistant, command; last 2026-11-26]",
    );
    expect(report.indexOf("無料トライアル")).toBeLessThan(report.indexOf("データは国内保管"));
    expect(report).toContain("## en — 1 unhelpful mark, 1 question");
    expect(report).toContain("1×  Free trial? really");
  });

  it("never prints a control character a person typed (a terminal escape sequence)", () => {
    const report = unhelpfulReport([e("evil\u001b[2J\u001b]0;title\u0007 question\u009b", "en")]);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting none is left
    expect(report).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(report).toContain("evil [2J ]0;title question");
  });

  it("says so when nothing was marked", () => {
    expect(unhelpfulReport([])).toBe("No answers have been marked unhelpful.\n");
  });
});
