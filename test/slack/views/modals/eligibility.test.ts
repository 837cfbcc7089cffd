import type { InputBlock, ModalView, SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { assertValidSurface } from "../../../../dev/blockkit/validate.js";
import {
  assessEligibility,
  type EligibilityResult,
  questionsFor,
} from "../../../../src/rules/eligibility.js";
import type { RuleSet } from "../../../../src/rules/schema.js";
import { ACTION, CALLBACK } from "../../../../src/slack/contract/ids.js";
import { ModalMetadataError, parseMetadata } from "../../../../src/slack/contract/modal-metadata.js";
import { verdictDetailMessage } from "../../../../src/slack/views/messages/verdict.js";
import {
  eligibilityResultModal,
  eligibilityStepModal,
} from "../../../../src/slack/views/modals/eligibility.js";
import { rules } from "../../../support/fixtures.js";
import { AS_OF, blockById, ctxFor, inputBlockIds, LOCALES, textOf } from "../../../support/forms.js";
import { allText } from "../../../support/messages.js";

const ROW = "policy-work-for-publication";
const ELIGIBLE = {
  service_model: "saas",
  confidentiality: "c2",
  target_business: ROW,
  impact_assessment: "low",
};
const PRESCREEN = { personal_data: "yes", integrity_availability: "no", public_by_design: "unsure" };

const input = (view: ModalView, blockId: string) => blockById(view, blockId) as InputBlock;
const stepLine = (view: ModalView) => textOf(view.blocks[0]);

describe("eligibilityStepModal", () => {
  for (const locale of LOCALES) {
    const ctx = ctxFor(locale);
    const { t } = ctx;

    it(`(${locale}) every step of the longest path is a valid modal showing the questions that apply`, () => {
      const answers = { ...ELIGIBLE, ...PRESCREEN };
      const steps = [...new Set(questionsFor(rules, answers).map((q) => q.step))];
      expect(steps).toEqual([1, 2, 3, 4, 5]);
      steps.forEach((step, i) => {
        const view = eligibilityStepModal({ answers, step, baseRevision: 3, channelId: "C0ABCDEF" }, ctx);
        assertValidSurface(view);
        expect(view.callback_id).toBe(CALLBACK.eligibility);
        expect([...view.title.text].length).toBeLessThanOrEqual(24);
        const expected = questionsFor(rules, answers).filter((q) => q.step === step);
        expect(inputBlockIds(view)).toEqual(expected.map((q) => q.id));
        expect(stepLine(view)).toBe(t("common.step", { current: i + 1, total: 5 }));
        expect(view.submit?.text).toBe(step === 5 ? t("modal.eligibility.submitLast") : t("common.next"));
        expect(parseMetadata(CALLBACK.eligibility, view.private_metadata)).toEqual({
          answers,
          step,
          channelId: "C0ABCDEF",
          baseRevision: 3,
        });
      });
    });

    it(`(${locale}) starts at the first step with no answer preselected and no Back button`, () => {
      const view = eligibilityStepModal({ answers: {} }, ctx);
      assertValidSurface(view);
      expect(inputBlockIds(view)).toEqual(["service_model"]);
      expect(stepLine(view)).toBe(t("common.step", { current: 1, total: 5 }));
      expect(textOf(view)).toContain(t("modal.eligibility.intro"));
      const element = input(view, "service_model").element;
      expect(element.type).toBe("radio_buttons");
      expect("initial_option" in element).toBe(false);
      expect(view.blocks.some((b) => b.type === "actions")).toBe(false);
      expect(parseMetadata(CALLBACK.eligibility, view.private_metadata)).toEqual({
        answers: {},
        step: 1,
        baseRevision: 0,
      });
    });

    it(`(${locale}) uses the question text as label, help as hint, and preselects earlier answers`, () => {
      const view = eligibilityStepModal(
        { answers: { service_model: "saas", confidentiality: "c2" }, step: 2 },
        ctx,
      );
      const block = input(view, "confidentiality");
      const question = rules.eligibility.questions.find((q) => q.id === "confidentiality");
      expect(block.label.text).toBe(t.pick(question?.text ?? { ja: "", en: "" }));
      expect(block.hint?.text).toBe(t.pick(question?.help ?? { ja: "", en: "" }));
      expect(block.optional).toBe(false);
      expect(block.element).toMatchObject({
        type: "radio_buttons",
        action_id: ACTION.eligibilityAnswer,
        initial_option: { value: "c2" },
      });
    });

    it(`(${locale}) offers Back after the first step, to the previous step that applies`, () => {
      const view = eligibilityStepModal({ answers: ELIGIBLE, step: 5 }, ctx);
      const nav = view.blocks.find((b) => b.type === "actions");
      expect(nav).toMatchObject({
        elements: [
          { type: "button", action_id: ACTION.eligibilityBack, value: "4", text: { text: t("common.back") } },
        ],
      });
      // Target business "none" skips step 4: Back from step 5 goes to step 3.
      const skipped = eligibilityStepModal(
        { answers: { service_model: "saas", confidentiality: "c2", target_business: "none" }, step: 5 },
        ctx,
      );
      expect(skipped.blocks.find((b) => b.type === "actions")).toMatchObject({ elements: [{ value: "3" }] });
      expect(stepLine(skipped)).toBe(t("common.step", { current: 4, total: 4 }));
    });

    it(`(${locale}) marks the self-check pre-screen as optional and as an estimate, never the official assessment`, () => {
      const view = eligibilityStepModal({ answers: ELIGIBLE, step: 5 }, ctx);
      assertValidSurface(view);
      for (const id of ["personal_data", "integrity_availability", "public_by_design"]) {
        expect(input(view, id).optional).toBe(true);
      }
      const text = textOf(view);
      expect(text).toContain(t("modal.eligibility.prescreenTitle"));
      expect(text).toContain(t("modal.eligibility.prescreenNote"));
      expect(text).toContain(t.pick(rules.eligibility.prescreenDisclaimer.text));
      // Required steps carry no such notice.
      expect(textOf(eligibilityStepModal({ answers: ELIGIBLE, step: 4 }, ctx))).not.toContain(
        t("modal.eligibility.prescreenTitle"),
      );
    });

    it(`(${locale}) switches to a static select beyond 10 options, keeping the answer`, () => {
      const many: RuleSet = structuredClone(rules);
      const template = many.eligibility.targetBusinesses[0];
      if (!template) throw new Error("no target business");
      for (let i = 0; i < 20; i++) {
        many.eligibility.targetBusinesses.push({
          ...template,
          id: `row-${i}`,
          label: {
            ja: `業務${i}${"の説明".repeat(30)}`,
            en: `Business ${i} ${"described at length ".repeat(6)}`,
          },
        });
      }
      const big = { ...ctx, rules: many };
      const view = eligibilityStepModal(
        { answers: { service_model: "saas", confidentiality: "c2", target_business: "row-7" }, step: 3 },
        big,
      );
      assertValidSurface(view);
      const element = input(view, "target_business").element;
      expect(element).toMatchObject({ type: "static_select", initial_option: { value: "row-7" } });
      expect("options" in element && element.options?.length).toBe(23);
    });

    it(`(${locale}) starts from stored answers, dropping those that no longer apply or fit`, () => {
      const stored = {
        service_model: "saas",
        confidentiality: "c1",
        target_business: ROW,
        personal_data: ["yes", "no"],
        retired_question: "x",
      };
      const view = eligibilityStepModal({ answers: stored, step: 1, channelId: "not a channel" }, ctx);
      assertValidSurface(view);
      expect(parseMetadata(CALLBACK.eligibility, view.private_metadata)).toEqual({
        answers: { service_model: "saas", confidentiality: "c1" },
        step: 1,
        baseRevision: 0,
      });
      expect(input(view, "service_model").element).toMatchObject({ initial_option: { value: "saas" } });
    });

    it(`(${locale}) refuses a step with no question that applies`, () => {
      expect(() => eligibilityStepModal({ answers: { service_model: "iaas" }, step: 3 }, ctx)).toThrow(
        ModalMetadataError,
      );
    });
  }
});

/** The value of the verdict's details button, parsed. */
function detailsButton(view: ModalView): { cmd: string; args: string } {
  for (const b of view.blocks) {
    const accessory = b.type === "section" ? (b as SectionBlock).accessory : undefined;
    if (accessory?.type === "button" && accessory.action_id === ACTION.showCaveats) {
      return JSON.parse(accessory.value ?? "null");
    }
  }
  throw new Error("no details button");
}

describe("eligibilityResultModal", () => {
  for (const locale of LOCALES) {
    const ctx = ctxFor(locale);
    const { t } = ctx;

    it(`(${locale}) shows the verdict, the deciding rule with its sources, every next step, the footer, no input`, () => {
      const result = assessEligibility(rules, ELIGIBLE, AS_OF);
      const view = eligibilityResultModal(result, ctx, ELIGIBLE);
      assertValidSurface(view);
      expect(view.callback_id).toBe(CALLBACK.result);
      expect(view.submit).toBeUndefined();
      expect(view.close?.text).toBe(t("common.close"));
      expect(view.blocks.some((b) => b.type === "input")).toBe(false);
      expect(view.blocks[0]).toMatchObject({ type: "header", text: { text: t("verdict.liu_eligible") } });
      const text = textOf(view);
      const [deciding, ...others] = result.reasons;
      if (!deciding) throw new Error("no deciding rule");
      expect(text).toContain(t.pick(deciding.text));
      for (const step of result.nextSteps) expect(text).toContain(t.pick(step.text));
      // The other reasons are behind the button, not on the first screen.
      for (const r of others) expect(text).not.toContain(t.pick(r.text));
      expect(text).toContain(t("common.rulesVersion", { version: rules.meta.version }));
      const prefix = t("common.sources", { list: "" }).trim();
      const citations = view.blocks.filter((b) => b.type === "context" && textOf(b).startsWith(prefix));
      expect(citations.length).toBe(1);
      // The button rebuilds this very verdict: the answers and the instant it was checked at.
      const value = detailsButton(view);
      expect(value.cmd).toBe("verdict");
      expect(JSON.parse(value.args)).toEqual({ answers: ELIGIBLE, asOf: result.asOf });
    });

    it(`(${locale}) counts the unconfirmed points in one line; the details list each once with every reason`, () => {
      const result = assessEligibility(rules, { service_model: "saas", confidentiality: "c3" }, AS_OF);
      expect(result.caveats.length).toBeGreaterThan(0);
      const view = eligibilityResultModal(result, ctx, { service_model: "saas", confidentiality: "c3" });
      assertValidSurface(view);
      const text = textOf(view);
      expect(text).not.toContain(t("confidence.caveatsTitle"));
      // Both next steps are themselves caveats and stand in the text with their mark: they are not counted again.
      const left = result.caveats.filter((c) => !text.includes(t.pick(c.text)));
      expect(left.length).toBeLessThan(result.caveats.length);
      expect(text).toContain(
        left.length === 0 ? t("concise.caveats.none") : t("concise.caveats.summary", { count: left.length }),
      );
      expect(text).toContain(t("confidence.mark", { mark: t("confidence.inferred") }));
      const details = allText(verdictDetailMessage(result, ctx));
      for (const caveat of result.caveats) {
        const shown = t.pick(caveat.text);
        expect(details.split(shown).length - 1, shown).toBe(1);
      }
      for (const r of result.reasons) expect(details).toContain(t.pick(r.text));
    });

    it(`(${locale}) says so when every fact used is certain`, () => {
      const result = assessEligibility(rules, { service_model: "iaas", confidentiality: "c2" }, AS_OF);
      expect(result.caveats).toEqual([]);
      const text = textOf(eligibilityResultModal(result, ctx, {}));
      expect(text).not.toContain(t("confidence.caveatsTitle"));
      expect(text).toContain(t("concise.caveats.none"));
    });

    it(`(${locale}) gives the self-check estimate in one line; its signals and disclaimer are in the details`, () => {
      const answers = { ...ELIGIBLE, ...PRESCREEN };
      const result = assessEligibility(rules, answers, AS_OF);
      if (!result.estimate) throw new Error("expected an estimate");
      const view = eligibilityResultModal(result, ctx, answers);
      assertValidSurface(view);
      const text = textOf(view);
      expect(text).toContain(t("msg.verdict.estimateTitle"));
      expect(text).toContain(t(`msg.verdict.estimate.${result.estimate.suggests}`));
      expect(result.estimate.suggests).toBe("mixed");
      for (const signal of result.estimate.signals) expect(text).not.toContain(t.pick(signal.text));
      const details = allText(verdictDetailMessage(result, ctx));
      for (const signal of result.estimate.signals) expect(details).toContain(t.pick(signal.text));
      expect(details).toContain(t.pick(result.estimate.disclaimer));
    });

    it(`(${locale}) stays within 100 blocks however many reasons there are`, () => {
      const base = assessEligibility(rules, { ...ELIGIBLE, ...PRESCREEN }, AS_OF);
      const reason = base.reasons[0];
      if (!reason) throw new Error("no reason");
      const result: EligibilityResult = {
        ...base,
        reasons: Array.from({ length: 60 }, (_, i) => ({ ...reason, ruleId: `r${i}` })),
        nextSteps: Array.from({ length: 30 }, (_, i) => ({ ...reason, ruleId: `n${i}` })),
      };
      const view = eligibilityResultModal(result, ctx, { ...ELIGIBLE, ...PRESCREEN });
      assertValidSurface(view);
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      expect(textOf(view)).toContain(t.pick(rules.meta.disclaimer));
    });
  }
});
