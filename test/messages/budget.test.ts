/**
 * Answers a person reads in ten seconds (issue 13): every answer kind, for generated profiles and instants in
 * Japanese and English, stays within its written budget (src/slack/views/messages/budget.ts), and no caveat appears
 * twice in any answer: a caveat is either in the text once or counted behind the button, never both.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../src/i18n/translator.js";
import type { Caveat } from "../../src/rules/citations.js";
import {
  ANSWER_BUDGETS,
  type BudgetedAnswer,
  leadBlocks,
  readableLength,
} from "../../src/slack/views/messages/budget.js";
import { caveatListMessage } from "../../src/slack/views/messages/caveats.js";
import type { SlackMessage } from "../../src/slack/views/messages/index.js";
import { escapeMrkdwn } from "../../src/slack/views/parts.js";
import { engine, rules } from "../support/fixtures.js";
import { VERDICT_ANSWERS } from "../support/messages.js";
import { type AnswerKind, answersFor, asOfArb, profileArb } from "./answer-kinds.js";

function budgetOf(kind: AnswerKind): BudgetedAnswer {
  if (kind.startsWith("verdict")) return "verdict";
  if (kind.startsWith("share")) return "share";
  return kind as BudgetedAnswer;
}

/** The mrkdwn of every block a person reads, joined. */
function textOf(blocks: SlackMessage["blocks"]): string {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (typeof v === "object" && v !== null) {
      for (const [k, x] of Object.entries(v)) {
        if (k === "text" && typeof x === "string") out.push(x);
        else if (k !== "value") walk(x);
      }
    }
  };
  walk(blocks);
  return out.join("\n");
}

describe.each(["ja", "en"] as const)("length budget (%s)", (locale) => {
  it("every answer kind is in the budget table", () => {
    const kinds = [...answersFor(profileArbSample(), locale, new Date()).keys()];
    for (const kind of kinds) expect(ANSWER_BUDGETS[budgetOf(kind)], kind).toBeDefined();
  });

  it("every answer stays within its budget, whole and lead", () => {
    fc.assert(
      fc.property(profileArb, asOfArb, (profile, asOf) => {
        for (const [kind, message] of answersFor(profile, locale, asOf)) {
          const budget: { whole: Record<string, number>; lead?: Record<string, number> } =
            ANSWER_BUDGETS[budgetOf(kind)];
          expect(readableLength(message.blocks), `${kind} whole`).toBeLessThanOrEqual(
            budget.whole[locale] ?? 0,
          );
          if (budget.lead) {
            expect(readableLength(leadBlocks(message.blocks)), `${kind} lead`).toBeLessThanOrEqual(
              budget.lead[locale] ?? 0,
            );
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("no caveat appears twice in any answer, and those not in the text are counted behind the button", () => {
    const t = createTranslator(locale);
    fc.assert(
      fc.property(profileArb, asOfArb, (profile, asOf) => {
        const timeline = engine.obligations(profile, asOf);
        const possible: Caveat[] = [
          ...timeline.caveats,
          ...timeline.obligations.flatMap((o) => o.caveats),
          ...timeline.coverage.caveats,
          ...timeline.special.caveats,
          ...engine.planInternalAudits(profile, asOf).caveats,
          ...Object.values(VERDICT_ANSWERS).flatMap((a) => engine.assessEligibility(a, asOf).caveats),
        ];
        const texts = [...new Set(possible.map((c) => escapeMrkdwn(t.pick(c.text))))];
        for (const [kind, message] of answersFor(profile, locale, asOf)) {
          const text = textOf(message.blocks);
          for (const shown of texts) {
            expect(text.split(shown).length - 1, `${kind}: ${shown}`).toBeLessThanOrEqual(1);
          }
          const listed = (message as SlackMessage).caveats ?? [];
          expect(new Set(listed.map((c) => c.ruleId)).size, kind).toBe(listed.length);
          expect(new Set(listed.map((c) => t.pick(c.text))).size, kind).toBe(listed.length);
          for (const c of listed)
            expect(text, `${kind} lists what it shows`).not.toContain(escapeMrkdwn(t.pick(c.text)));
          // The list behind the button names each once.
          const list = textOf(caveatListMessage(listed, { rules, t, asOf }).blocks);
          for (const c of listed) expect(list.split(escapeMrkdwn(t.pick(c.text))).length - 1).toBe(1);
        }
      }),
      { numRuns: 40 },
    );
  });
});

function profileArbSample() {
  const [sample] = fc.sample(profileArb, { numRuns: 1, seed: 1 });
  if (!sample) throw new Error("no sample");
  return sample;
}
