import type { InputBlock, ModalView } from "@slack/types";
import { describe, expect, it } from "vitest";
import {
  assessEligibility,
  type EligibilityResult,
  questionsFor,
} from "../../../../src/rules/eligibility.js";
import type { RuleSet } from "../../../../src/rules/schema.js";
import { assertValidSurface } from "../../../../src/slack/blockkit/index.js";
import { ACTION, CALLBACK } from "../../../../src/slack/ids.js";
import {
  eligibilityResultModal,
  eligibilityStepModal,
} from "../../../../src/slack/views/modals/eligibility.js";
import { ModalMetadataError, parseMetadata } from "../../../../src/slack/views/modals/metadata.js";
import { AS_OF, blockById, ctxFor, inputBlockIds, LOCALES, rules, textOf } from "../../forms/helpers.js";

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

describe("eligibilityResultModal", () => {
  for (const locale of LOCALES) {
    const ctx = ctxFor(locale);
    const { t } = ctx;

    it(`(${locale}) shows the verdict, every reason and next step with its sources, the footer, and no input`, () => {
      const result = assessEligibility(rules, ELIGIBLE, AS_OF);
      const view = eligibilityResultModal(result, ctx);
      assertValidSurface(view);
      expect(view.callback_id).toBe(CALLBACK.result);
      expect(view.submit).toBeUndefined();
      expect(view.close?.text).toBe(t("common.close"));
      expect(view.blocks.some((b) => b.type === "input")).toBe(false);
      expect(view.blocks[0]).toMatchObject({ type: "header", text: { text: t("verdict.liu_eligible") } });
      const text = textOf(view);
      for (const item of [...result.reasons, ...result.nextSteps]) expect(text).toContain(t.pick(item.text));
      expect(text).toContain(t("modal.result.reasons"));
      expect(text).toContain(t("modal.result.nextSteps"));
      expect(text).toContain(t("common.rulesVersion", { version: rules.meta.version }));
      // One citation per reason and next step.
      const prefix = t("common.sources", { list: "" }).trim();
      const citations = view.blocks.filter((b) => b.type === "context" && textOf(b).startsWith(prefix));
      expect(citations.length).toBe(result.reasons.length + result.nextSteps.length);
    });

    it(`(${locale}) lists the caveats when the verdict rests on an uncertain fact`, () => {
      const result = assessEligibility(rules, { service_model: "saas", confidentiality: "c3" }, AS_OF);
      expect(result.caveats.length).toBeGreaterThan(0);
      const view = eligibilityResultModal(result, ctx);
      assertValidSurface(view);
      const text = textOf(view);
      expect(text).toContain(t("confidence.caveatsTitle"));
      for (const caveat of result.caveats) expect(text).toContain(t.pick(caveat.text));
      expect(text).toContain(t("confidence.mark", { mark: t("confidence.inferred") }));
    });

    it(`(${locale}) shows no caveat section when every fact used is certain`, () => {
      const result = assessEligibility(rules, { service_model: "iaas", confidentiality: "c2" }, AS_OF);
      expect(result.caveats).toEqual([]);
      expect(textOf(eligibilityResultModal(result, ctx))).not.toContain(t("confidence.caveatsTitle"));
    });

    it(`(${locale}) labels the self-check result as an estimate with its disclaimer`, () => {
      const result = assessEligibility(rules, { ...ELIGIBLE, ...PRESCREEN }, AS_OF);
      if (!result.estimate) throw new Error("expected an estimate");
      const view = eligibilityResultModal(result, ctx);
      assertValidSurface(view);
      const text = textOf(view);
      expect(text).toContain(t("modal.result.estimate"));
      expect(text).toContain(
        t("modal.result.estimateLine", {
          suggestion: t(`modal.result.suggests.${result.estimate.suggests}`),
        }),
      );
      expect(result.estimate.suggests).toBe("mixed");
      for (const signal of result.estimate.signals) expect(text).toContain(t.pick(signal.text));
      expect(text).toContain(t.pick(result.estimate.disclaimer));
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
      const view = eligibilityResultModal(result, ctx);
      assertValidSurface(view);
      expect(view.blocks.length).toBeLessThanOrEqual(100);
      expect(textOf(view)).toContain(t.pick(rules.meta.disclaimer));
    });
  }
});
