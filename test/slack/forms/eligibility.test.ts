import { describe, expect, it } from "vitest";
import { assessEligibility, EligibilityAnswerError, questionsFor } from "../../../src/rules/eligibility.js";
import type { EligibilityAnswers } from "../../../src/rules/service-profile.js";
import { ACTION, CALLBACK } from "../../../src/slack/contract/ids.js";
import {
  type EligibilityMetadata,
  ModalMetadataError,
  parseMetadata,
} from "../../../src/slack/contract/modal-metadata.js";
import {
  eligibilityAnswerErrors,
  firstStep,
  keepApplicable,
  nextStep,
  parseEligibilityBack,
  parseEligibilityStep,
  previousStep,
  stepProgress,
} from "../../../src/slack/forms/eligibility.js";
import { eligibilityStepModal } from "../../../src/slack/views/modals/eligibility.js";
import { rules } from "../../support/fixtures.js";
import { AS_OF, ctxFor, LOCALES, submit } from "../../support/forms.js";
import { type Entry, elementState } from "../../support/view-state.js";

const ROW = "policy-work-for-publication";

/** Renders the step, lets the person change some answers, submits it, and returns the outcome. */
function answerStep(
  answers: EligibilityAnswers,
  step: number,
  changes: Record<string, Entry>,
  locale: "ja" | "en" = "ja",
) {
  const ctx = ctxFor(locale);
  const view = eligibilityStepModal({ answers, step, baseRevision: 2 }, ctx);
  return { view, outcome: parseEligibilityStep(submit(view, changes), view.private_metadata ?? "", ctx) };
}

/** Walks the questionnaire with a script of answers, as a person pressing Next would; returns each step shown. */
function walk(script: Record<string, string>) {
  const ctx = ctxFor("en");
  let answers: EligibilityAnswers = {};
  let step: number | null = firstStep(rules);
  const shown: { step: number; progress: string; submit: string | undefined }[] = [];
  while (step !== null) {
    const view = eligibilityStepModal({ answers, step }, ctx);
    shown.push({ step, progress: JSON.stringify(view.blocks[0]), submit: view.submit?.text });
    const changes: Record<string, Entry> = {};
    for (const q of questionsFor(rules, answers).filter((x) => x.step === step))
      changes[q.id] = script[q.id] ?? null;
    const outcome = parseEligibilityStep(submit(view, changes), view.private_metadata ?? "", ctx);
    if (!outcome.ok) throw new Error(JSON.stringify(outcome.errors));
    answers = outcome.answers;
    step = outcome.nextStep;
    if (step === null) return { shown, answers, result: outcome.result };
  }
  throw new Error("unreachable");
}

describe("parseEligibilityStep", () => {
  it("walks the longest path step by step to the verdict, with the step count matching the questions", () => {
    const script = {
      service_model: "saas",
      confidentiality: "c2",
      target_business: ROW,
      impact_assessment: "low",
      personal_data: "no",
      integrity_availability: "no",
    };
    const { shown, answers, result } = walk(script);
    expect(shown.map((s) => s.step)).toEqual([1, 2, 3, 4, 5]);
    const t = ctxFor("en").t;
    shown.forEach((s, i) => {
      expect(s.progress).toContain(t("common.step", { current: i + 1, total: 5 }));
    });
    expect(shown.map((s) => s.submit)).toEqual(["Next", "Next", "Next", "Next", "Get verdict"]);
    // The optional question left empty is absent, not an empty answer.
    expect(answers).toEqual(script);
    expect(result).toEqual(assessEligibility(rules, script, AS_OF));
    expect(result?.verdict).toBe("liu_eligible");
    expect(result?.estimate?.suggests).toBe("likely_low");
  });

  it("ends early when an answer settles the verdict, and the last step shown counts every step seen", () => {
    const notListed = walk({ service_model: "saas", confidentiality: "c2", target_business: "none" });
    expect(notListed.shown.map((s) => s.step)).toEqual([1, 2, 3, 5]);
    expect(notListed.shown.at(-1)?.progress).toContain("Step 4 of 4");
    expect(notListed.shown.at(-1)?.submit).toBe("Get verdict");
    expect(notListed.result?.verdict).toBe("full_ismap_required");

    // The confidentiality question applies to every service model (class 1 needs no listing whatever the model).
    const paas = walk({ service_model: "paas", confidentiality: "c2" });
    expect(paas.shown.map((s) => s.step)).toEqual([1, 2]);
    expect(paas.result?.verdict).toBe("full_ismap_required");
    expect(paas.answers).toEqual({ service_model: "paas", confidentiality: "c2" });
    const iaasClassOne = walk({ service_model: "iaas", confidentiality: "c1" });
    expect(iaasClassOne.shown.map((s) => s.step)).toEqual([1, 2]);
    expect(iaasClassOne.result?.verdict).toBe("no_listing_required");

    const classOne = walk({ service_model: "saas", confidentiality: "c1" });
    expect(classOne.shown.map((s) => s.step)).toEqual([1, 2]);
    expect(classOne.result?.verdict).toBe("no_listing_required");
  });

  it("answers nextStep with the next step that applies", () => {
    const { outcome } = answerStep({ service_model: "saas", confidentiality: "c2" }, 3, {
      target_business: "none",
    });
    expect(outcome).toEqual({
      ok: true,
      answers: { service_model: "saas", confidentiality: "c2", target_business: "none" },
      nextStep: 5,
      baseRevision: 2,
    });
  });

  for (const locale of LOCALES) {
    it(`(${locale}) names the unanswered required question in the reader's language`, () => {
      const { t } = ctxFor(locale);
      const { outcome } = answerStep({ service_model: "saas" }, 2, { confidentiality: null }, locale);
      const question = rules.eligibility.questions.find((q) => q.id === "confidentiality");
      expect(outcome).toEqual({
        ok: false,
        errors: {
          confidentiality: t("errors.missingAnswer", {
            question: t.pick(question?.text ?? { ja: "", en: "" }),
          }),
        },
      });
      if (!outcome.ok) expect(outcome.errors.confidentiality).toContain(question?.text[locale]);
    });

    it(`(${locale}) refuses an answer that is not an option of the question`, () => {
      const { t } = ctxFor(locale);
      const ctx = ctxFor(locale);
      const view = eligibilityStepModal({ answers: {}, step: 1 }, ctx);
      const state = {
        service_model: { [ACTION.eligibilityAnswer]: elementState("radio_buttons", "mainframe") },
      };
      const outcome = parseEligibilityStep(state, view.private_metadata ?? "", ctx);
      const question = rules.eligibility.questions.find((q) => q.id === "service_model");
      expect(outcome).toEqual({
        ok: false,
        errors: {
          service_model: t("errors.invalidAnswer", {
            question: t.pick(question?.text ?? { ja: "", en: "" }),
          }),
        },
      });
    });
  }

  it("lets the optional self-check be skipped or answered in part", () => {
    const answers = { service_model: "saas", confidentiality: "c2", target_business: "none" };
    const skipped = answerStep(answers, 5, {}).outcome;
    expect(skipped.ok && skipped.answers).toEqual(answers);
    expect(skipped.ok && skipped.result?.estimate).toBeUndefined();
    const partly = answerStep(answers, 5, { public_by_design: "yes" }).outcome;
    expect(partly.ok && partly.answers).toEqual({ ...answers, public_by_design: "yes" });
    expect(partly.ok && partly.result?.estimate?.suggests).toBe("likely_low");
    // Clearing an earlier self-check answer removes it.
    const cleared = answerStep({ ...answers, personal_data: "yes" }, 5, { personal_data: null }).outcome;
    expect(cleared.ok && cleared.answers).toEqual(answers);
  });

  it("drops answers to questions that no longer apply when an earlier answer changes", () => {
    const full = {
      service_model: "saas",
      confidentiality: "c2",
      target_business: ROW,
      impact_assessment: "low",
      personal_data: "yes",
    };
    const { outcome } = answerStep(full, 2, { confidentiality: "c1" });
    // personal_data "yes" with class 1 would be a contradiction; it no longer applies, so it is dropped.
    expect(outcome).toMatchObject({
      ok: true,
      answers: { service_model: "saas", confidentiality: "c1" },
      nextStep: null,
    });
    expect(outcome.ok && outcome.result?.verdict).toBe("no_listing_required");
  });

  it("throws a typed error for garbage or tampered metadata", () => {
    const ctx = ctxFor("ja");
    expect(() => parseEligibilityStep({}, "garbage", ctx)).toThrow(ModalMetadataError);
    // A step that no answers lead to.
    const tampered = JSON.stringify({ answers: { service_model: "iaas" }, step: 4, baseRevision: 0 });
    expect(() => parseEligibilityStep({}, tampered, ctx)).toThrow(/no question that applies/);
    expect(() => parseEligibilityStep({}, { answers: {}, step: 0, baseRevision: 0 }, ctx)).toThrow(
      ModalMetadataError,
    );
  });

  it("accepts parsed metadata as well as the raw string", () => {
    const ctx = ctxFor("en");
    const view = eligibilityStepModal({ answers: {}, step: 1 }, ctx);
    const meta: EligibilityMetadata = parseMetadata(CALLBACK.eligibility, view.private_metadata);
    const state = submit(view, { service_model: "saas" });
    expect(parseEligibilityStep(state, meta, ctx)).toEqual(
      parseEligibilityStep(state, view.private_metadata ?? "", ctx),
    );
  });

  it("turns an answer error of the final assessment into errors on the step shown", () => {
    // Metadata answers no step can produce: "nowhere" is no option of target_business.
    const ctx = ctxFor("en");
    const meta = {
      answers: { service_model: "saas", confidentiality: "c2", target_business: "nowhere" },
      step: 5,
      baseRevision: 0,
    };
    // Step 5 still applies (it depends on confidentiality only); the verdict refuses the invalid answer.
    const view = eligibilityStepModal(meta, ctx);
    const outcome = parseEligibilityStep(submit(view), view.private_metadata ?? "", ctx);
    expect(outcome.ok).toBe(false);
    if (!outcome.ok) {
      expect(Object.keys(outcome.errors)).toEqual(["personal_data"]);
      expect(outcome.errors.personal_data).toContain("nowhere");
    }
  });
});

describe("going back", () => {
  it("keeps every answer, including those of the step left and later steps, and shows them again", () => {
    const ctx = ctxFor("ja");
    const later = {
      service_model: "saas",
      confidentiality: "c2",
      target_business: ROW,
      impact_assessment: "not_yet",
    };
    // On step 3, the person changed the target business, then pressed Back.
    const step3 = eligibilityStepModal({ answers: later, step: 3 }, ctx);
    const back = parseEligibilityBack(
      submit(step3, { target_business: "unsure" }),
      step3.private_metadata ?? "",
      ctx,
    );
    expect(back).toEqual({ answers: { ...later, target_business: "unsure" }, step: 2, baseRevision: 0 });
    if (!back) return;

    // Step 2 shows the earlier answer; Next without changes goes forward and keeps the answers.
    const step2 = eligibilityStepModal(back, ctx);
    expect(JSON.stringify(step2.blocks)).toContain('"initial_option":{"text":');
    const forward = parseEligibilityStep(submit(step2), step2.private_metadata ?? "", ctx);
    expect(forward).toMatchObject({ ok: true, nextStep: 3 });
    if (!forward.ok) return;
    // impact_assessment does not apply to "unsure" and is dropped; the rest is kept.
    expect(forward.answers).toEqual({
      service_model: "saas",
      confidentiality: "c2",
      target_business: "unsure",
    });
    const again = eligibilityStepModal({ answers: forward.answers, step: 3 }, ctx);
    // The option Slack sends back is the element's own (its label in the person's language); the value is the answer.
    expect(submit(again).target_business).toMatchObject({
      [ACTION.eligibilityAnswer]: { type: "radio_buttons", selected_option: { value: "unsure" } },
    });
  });

  it("keeps later answers intact through back and forward when nothing changes", () => {
    const ctx = ctxFor("en");
    const answers = {
      service_model: "saas",
      confidentiality: "c2",
      target_business: ROW,
      impact_assessment: "low",
    };
    const step5 = eligibilityStepModal({ answers, step: 5 }, ctx);
    const back = parseEligibilityBack(
      submit(step5, { personal_data: "no" }),
      step5.private_metadata ?? "",
      ctx,
    );
    expect(back).toEqual({ answers: { ...answers, personal_data: "no" }, step: 4, baseRevision: 0 });
    if (!back) return;
    const step4 = eligibilityStepModal(back, ctx);
    const forward = parseEligibilityStep(submit(step4), step4.private_metadata ?? "", ctx);
    expect(forward).toMatchObject({ ok: true, nextStep: 5, answers: { ...answers, personal_data: "no" } });
    const step5again = eligibilityStepModal({ answers: forward.ok ? forward.answers : {}, step: 5 }, ctx);
    // The option Slack sends back is the element's own (its label in the person's language); the value is the answer.
    expect(submit(step5again).personal_data).toMatchObject({
      [ACTION.eligibilityAnswer]: { type: "radio_buttons", selected_option: { value: "no" } },
    });
  });

  it("carries the channel and base revision through Next and Back", () => {
    const ctx = ctxFor("ja");
    const view = eligibilityStepModal(
      { answers: { service_model: "saas" }, step: 2, channelId: "C0AB12", baseRevision: 8 },
      ctx,
    );
    const next = parseEligibilityStep(
      submit(view, { confidentiality: "c2" }),
      view.private_metadata ?? "",
      ctx,
    );
    expect(next).toMatchObject({ ok: true, nextStep: 3, channelId: "C0AB12", baseRevision: 8 });
    const back = parseEligibilityBack(submit(view), view.private_metadata ?? "", ctx);
    expect(back).toEqual({
      answers: { service_model: "saas" },
      step: 1,
      channelId: "C0AB12",
      baseRevision: 8,
    });
    if (back) {
      expect(parseMetadata(CALLBACK.eligibility, eligibilityStepModal(back, ctx).private_metadata)).toEqual({
        answers: { service_model: "saas" },
        step: 1,
        channelId: "C0AB12",
        baseRevision: 8,
      });
    }
  });

  it("has nowhere to go back to from the first step, and ignores invalid answers on screen", () => {
    const ctx = ctxFor("ja");
    const step1 = eligibilityStepModal({ answers: {} }, ctx);
    expect(
      parseEligibilityBack(submit(step1, { service_model: "saas" }), step1.private_metadata ?? "", ctx),
    ).toBeNull();
    const step2 = eligibilityStepModal({ answers: { service_model: "saas" }, step: 2 }, ctx);
    const state = { confidentiality: { [ACTION.eligibilityAnswer]: elementState("radio_buttons", "c9") } };
    expect(parseEligibilityBack(state, step2.private_metadata ?? "", ctx)).toEqual({
      answers: { service_model: "saas" },
      step: 1,
      baseRevision: 0,
    });
  });
});

describe("steps", () => {
  it("counts N as the steps that apply so far plus those that may still apply", () => {
    expect(stepProgress(rules, {}, 1)).toEqual({ current: 1, total: 5, isLast: false });
    expect(
      stepProgress(rules, { service_model: "saas", confidentiality: "c2", target_business: "none" }, 5),
    ).toEqual({
      current: 4,
      total: 4,
      isLast: true,
    });
    expect(
      stepProgress(rules, { service_model: "saas", confidentiality: "c2", target_business: ROW }, 4),
    ).toEqual({
      current: 4,
      total: 5,
      isLast: false,
    });
  });

  it("moves between the steps that apply", () => {
    const answers = { service_model: "saas", confidentiality: "c2", target_business: "none" };
    expect(firstStep(rules)).toBe(1);
    expect(nextStep(rules, answers, 3)).toBe(5);
    expect(previousStep(rules, answers, 5)).toBe(3);
    expect(previousStep(rules, answers, 1)).toBeNull();
    expect(nextStep(rules, { service_model: "iaas" }, 1)).toBe(2);
    expect(nextStep(rules, { service_model: "iaas", confidentiality: "c2" }, 2)).toBeNull();
  });

  it("keeps only the answers to questions that apply", () => {
    expect(
      keepApplicable(rules, {
        service_model: "iaas",
        confidentiality: "c2",
        personal_data: "yes",
        stray: "x",
      }),
    ).toEqual({ service_model: "iaas", confidentiality: "c2" });
  });
});

describe("eligibilityAnswerErrors", () => {
  const contradiction = (() => {
    try {
      assessEligibility(rules, { service_model: "saas", confidentiality: "c1", personal_data: "yes" }, AS_OF);
    } catch (error) {
      if (error instanceof EligibilityAnswerError) return error;
    }
    throw new Error("expected a contradiction");
  })();

  for (const locale of LOCALES) {
    it(`(${locale}) keys the error by the question's block when the step shows it`, () => {
      const ctx = ctxFor(locale);
      expect(contradiction.question).toBe("confidentiality");
      expect(
        eligibilityAnswerErrors(contradiction, { answers: { service_model: "saas" }, step: 2 }, ctx),
      ).toEqual({
        confidentiality: contradiction.text[locale],
      });
    });

    it(`(${locale}) falls back to the step's first block when the question is elsewhere`, () => {
      const ctx = ctxFor(locale);
      expect(eligibilityAnswerErrors(contradiction, { answers: {}, step: 1 }, ctx)).toEqual({
        service_model: contradiction.text[locale],
      });
    });
  }
});
