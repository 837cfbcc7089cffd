import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isInForce, isUncertain } from "../../src/rules/citations.js";
import { crossCheck } from "../../src/rules/cross-check.js";
import {
  assessEligibility,
  EligibilityAnswerError,
  type EligibilityResult,
  questionsFor,
} from "../../src/rules/eligibility.js";
import { SourcesFile } from "../../src/rules/schema.js";
import { EligibilityFile, Verdict } from "../../src/rules/schema-eligibility.js";
import {
  ELIGIBLE,
  eligibility,
  errorOf,
  expectCaveatsCoverUncertain,
  LATER,
  meta,
  questionText,
  ROW,
  rawEligibility,
  readYaml,
  rules,
  SAAS_C2,
} from "./eligibility-fixture.js";

describe("rules/eligibility.yml", () => {
  it("passes the cross-file checks together with the sources", () => {
    const sources = SourcesFile.parse(readYaml("sources.yml"));
    expect(
      crossCheck({ eligibility, sources, meta }, { eligibility: rawEligibility, sources, meta }),
    ).toEqual([]);
  });

  it("holds the questions of the fact sheet's decision order", () => {
    const byId = new Map(eligibility.questions.map((q) => [q.id, q]));
    expect(byId.get("service_model")?.options.map((o) => o.value)).toEqual(["saas", "paas", "iaas"]);
    expect(byId.get("confidentiality")?.options.map((o) => o.value)).toEqual(["c1", "c2", "c3"]);
    expect(byId.get("target_business")?.optionsFromTargetBusinesses).toBe(true);
    expect(byId.get("impact_assessment")?.options.map((o) => o.value)).toEqual(["low", "higher", "not_yet"]);
    for (const id of ["personal_data", "integrity_availability", "public_by_design"]) {
      expect(byId.get(id)?.required).toBe(false);
      expect(byId.get(id)?.askIf).toEqual({
        all: [
          { q: "service_model", in: ["saas"] },
          { q: "confidentiality", in: ["c2"] },
        ],
      });
    }
  });

  it("marks the known target business row as stated by jtrustc and the list's completeness as tbc", () => {
    expect(eligibility.targetBusinesses).toHaveLength(1);
    expect(eligibility.targetBusinesses[0]).toMatchObject({
      id: ROW,
      source: "jtrustc",
      confidence: "stated",
    });
    expect(eligibility.targetBusinesses[0]?.examples?.ja).toContain("Web会議");
    expect(eligibility.targetBusinessList.confidence).toBe("tbc");
  });

  it("keeps both pre-application notices undated: the reported 2025-04 change is unverified and conflicting", () => {
    const [preApplication, change] = eligibility.notices;
    expect(preApplication).toMatchObject({ confidence: "stated" });
    expect(change).toMatchObject({ confidence: "conflicting", source: "x-regulation" });
    for (const notice of eligibility.notices) {
      expect(notice.validFrom).toBeUndefined();
      expect(notice.validTo).toBeUndefined();
    }
  });

  it('asks the confidentiality question for every service model and decides class 1 before "not SaaS"', () => {
    expect(eligibility.questions.find((q) => q.id === "confidentiality")?.askIf).toEqual({
      q: "service_model",
      answered: true,
    });
    const order = eligibility.decision.map((r) => r.id);
    expect(order.indexOf("elig.class1-only")).toBeLessThan(order.indexOf("elig.not-saas"));
  });

  it("labels the target business row with the source's wording, 「過程」 included", () => {
    expect(eligibility.targetBusinesses[0]?.label.ja).toBe(
      "公表を前提とした政策・制度の立案・調整過程等で民間と連携して作業する業務",
    );
  });

  it("marks the class-3 rule as inferred and every pre-screen signal as an estimate", () => {
    expect(eligibility.decision.find((r) => r.id === "elig.class3-outside")?.confidence).toBe("inferred");
    for (const s of eligibility.prescreen) expect(isUncertain(s.confidence)).toBe(true);
    expect(isUncertain(eligibility.prescreenDisclaimer.confidence)).toBe(true);
  });

  it("refuses a decision rule quoting an unknown fact and a matched text without {label}", () => {
    const broken = structuredClone(rawEligibility) as {
      decision: { facts?: string[] }[];
      targetBusinessList: { matchedText: { en: string } };
    };
    (broken.decision[0] as { facts?: string[] }).facts = ["elig.no-such-fact"];
    broken.targetBusinessList.matchedText.en = "matched";
    const result = EligibilityFile.safeParse(broken);
    expect(result.success).toBe(false);
    const paths = result.error?.issues.map((i) => i.path.join(".")) ?? [];
    expect(paths).toContain("decision.0.facts.0");
    expect(paths).toContain("targetBusinessList.matchedText.en");
  });
});

describe("questionsFor", () => {
  const shown = (answers: Record<string, string | string[]>) => questionsFor(rules, answers).map((q) => q.id);

  it("starts with the service model only", () => {
    expect(shown({})).toEqual(["service_model"]);
  });

  it("opens the questions step by step as the answers arrive", () => {
    expect(shown({ service_model: "saas" })).toEqual(["service_model", "confidentiality"]);
    expect(shown({ service_model: "iaas" })).toEqual(["service_model", "confidentiality"]);
    expect(shown({ service_model: "paas", confidentiality: "c2" })).toEqual([
      "service_model",
      "confidentiality",
    ]);
    expect(shown(SAAS_C2)).toEqual([
      "service_model",
      "confidentiality",
      "target_business",
      "personal_data",
      "integrity_availability",
      "public_by_design",
    ]);
    expect(shown({ ...SAAS_C2, target_business: ROW })).toEqual([
      "service_model",
      "confidentiality",
      "target_business",
      "impact_assessment",
      "personal_data",
      "integrity_availability",
      "public_by_design",
    ]);
    expect(shown({ ...SAAS_C2, target_business: "none" })).not.toContain("impact_assessment");
    expect(shown({ ...SAAS_C2, target_business: "unsure" })).not.toContain("impact_assessment");
  });

  it("returns the questions in step order", () => {
    const steps = questionsFor(rules, ELIGIBLE).map((q) => q.step);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps).toEqual([1, 2, 3, 4, 5, 5, 5]);
  });

  it("appends the target business rows to the options, with their examples as help", () => {
    const target = questionsFor(rules, SAAS_C2).find((q) => q.id === "target_business");
    expect(target?.options.map((o) => o.value)).toEqual(["none", "unsure", ROW]);
    expect(target?.options[2]?.label).toEqual(eligibility.targetBusinesses[0]?.label);
    expect(target?.options[2]?.help).toEqual(eligibility.targetBusinesses[0]?.examples);
  });

  it("offers rows an operator adds", () => {
    const extended = structuredClone(eligibility);
    extended.targetBusinesses.push({
      id: "another-row",
      source: "portal",
      confidence: "tbc",
      label: { ja: "別の業務", en: "Another business" },
    });
    const target = questionsFor({ eligibility: extended }, SAAS_C2).find((q) => q.id === "target_business");
    expect(target?.options.map((o) => o.value)).toEqual(["none", "unsure", ROW, "another-row"]);
    expect(target?.options[3]).not.toHaveProperty("help");
  });

  it("ignores invalid answers and stale answers of questions that no longer apply", () => {
    expect(shown({ service_model: "mainframe" })).toEqual(["service_model"]);
    expect(shown({ service_model: ["saas"] })).toEqual(["service_model"]);
    expect(shown({ service_model: "saas", confidentiality: "c1", target_business: ROW })).toEqual([
      "service_model",
      "confidentiality",
    ]);
    expect(shown({ service_model: "paas", confidentiality: "c2", target_business: ROW })).toEqual([
      "service_model",
      "confidentiality",
    ]);
  });

  it("does not change the rules it was given", () => {
    const before = JSON.stringify(eligibility);
    questionsFor(rules, ELIGIBLE);
    expect(JSON.stringify(eligibility)).toBe(before);
  });
});

describe("assessEligibility: errors", () => {
  it.each([
    ["service_model", {}],
    ["confidentiality", { service_model: "saas" }],
    ["target_business", SAAS_C2],
    ["impact_assessment", { ...SAAS_C2, target_business: ROW }],
  ])("missing %s", (question, answers) => {
    const error = errorOf(() => assessEligibility(rules, answers, LATER));
    expect(error.kind).toBe("missing");
    expect(error.question).toBe(question);
    expect(error.text.ja).toContain(questionText(question).ja);
    expect(error.text.en).toContain(questionText(question).en);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("EligibilityAnswerError");
  });

  it("counts an empty string or list as no answer", () => {
    expect(errorOf(() => assessEligibility(rules, { service_model: "" }, LATER)).kind).toBe("missing");
    const error = errorOf(() => assessEligibility(rules, { ...SAAS_C2, target_business: [] }, LATER));
    expect([error.kind, error.question]).toEqual(["missing", "target_business"]);
  });

  it.each([
    ["service_model", { service_model: "mainframe" }],
    ["confidentiality", { service_model: "saas", confidentiality: ROW }],
    ["target_business", { ...SAAS_C2, target_business: "c2" }],
    ["impact_assessment", { ...ELIGIBLE, impact_assessment: "medium" }],
    ["personal_data", { ...ELIGIBLE, personal_data: "perhaps" }],
  ])("invalid %s", (question, answers) => {
    const error = errorOf(() => assessEligibility(rules, answers, LATER));
    expect(error.kind).toBe("invalid");
    expect(error.question).toBe(question);
    expect(error.text.ja).toContain(questionText(question).ja);
    expect(error.text.en).toContain(questionText(question).en);
  });

  it("refuses a list for a single-choice question", () => {
    const error = errorOf(() => assessEligibility(rules, { service_model: ["saas", "paas"] }, LATER));
    expect([error.kind, error.question]).toEqual(["invalid", "service_model"]);
    expect(errorOf(() => assessEligibility(rules, { service_model: ["saas"] }, LATER)).kind).toBe("invalid");
  });

  it("refuses an answer to an unknown question, naming it", () => {
    const error = errorOf(() => assessEligibility(rules, { ...ELIGIBLE, sevice_model: "saas" }, LATER));
    expect(error.kind).toBe("unknown_question");
    expect(error.question).toBe("sevice_model");
    expect(error.text.ja).toContain("sevice_model");
    expect(error.text.en).toContain("sevice_model");
  });

  it("refuses personal data beyond sign-in with class 1, naming the confidentiality question", () => {
    const error = errorOf(() =>
      assessEligibility(rules, { service_model: "saas", confidentiality: "c1", personal_data: "yes" }, LATER),
    );
    expect(error.kind).toBe("contradictory");
    expect(error.question).toBe("confidentiality");
    expect(error.text.ja).toContain(questionText("confidentiality").ja);
    expect(error.text.en).toContain(questionText("confidentiality").en);
    expect(error.text.en).toContain("class 2");
  });

  it("refuses an impact assessment result for a business not on the list", () => {
    for (const impact of ["low", "higher", "not_yet"]) {
      const error = errorOf(() =>
        assessEligibility(rules, { ...SAAS_C2, target_business: "none", impact_assessment: impact }, LATER),
      );
      expect([error.kind, error.question]).toEqual(["contradictory", "impact_assessment"]);
      expect(error.text.en).toContain(questionText("impact_assessment").en);
    }
  });

  it("accepts the same answers without the contradicting one", () => {
    expect(
      assessEligibility(rules, { service_model: "saas", confidentiality: "c1", personal_data: "no" }, LATER),
    ).toBeTruthy();
    expect(assessEligibility(rules, { ...SAAS_C2, target_business: "none" }, LATER).verdict).toBe(
      "full_ismap_required",
    );
  });

  it("gives a readable Error message", () => {
    const error = errorOf(() => assessEligibility(rules, {}, LATER));
    expect(error.message).toContain("missing");
    expect(error.message).toContain("service_model");
  });
});

describe("assessEligibility: properties", () => {
  const questionIds = eligibility.questions.map((q) => q.id);
  const values = [
    ...new Set([
      ...eligibility.questions.flatMap((q) => q.options.map((o) => o.value)),
      ...eligibility.targetBusinesses.map((b) => b.id),
    ]),
  ];
  const value = fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...values) },
    { weight: 1, arbitrary: fc.constant("") },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...values), { maxLength: 2 }) },
  );
  const plausible = fc
    .record(Object.fromEntries(questionIds.map((id) => [id, value])), { requiredKeys: [] })
    .map((r) => r as Record<string, string | string[]>);
  const anything = fc.dictionary(
    fc.oneof(fc.constantFrom(...questionIds), fc.string({ maxLength: 8 })),
    value,
    { maxKeys: 8 },
  );
  /** Every question answered with one of its own options (rows for the target business). */
  const complete = fc
    .record(
      Object.fromEntries(
        eligibility.questions.map((q) => [
          q.id,
          fc.constantFrom(...q.options.map((o) => o.value), ...(q.optionsFromTargetBusinesses ? [ROW] : [])),
        ]),
      ),
    )
    .map((r) => r as Record<string, string>);
  const answers = fc.oneof(
    { weight: 4, arbitrary: plausible },
    { weight: 2, arbitrary: complete },
    { weight: 1, arbitrary: anything },
  );
  const asOf = fc.date({
    min: new Date("2022-01-01T00:00:00+09:00"),
    max: new Date("2027-12-31T23:59:59+09:00"),
    noInvalidDate: true,
  });

  it("any answer set gives either an EligibilityAnswerError or a verdict whose caveats cover its uncertain rules", () => {
    let verdicts = 0;
    fc.assert(
      fc.property(answers, asOf, (a, at) => {
        let result: EligibilityResult;
        try {
          result = assessEligibility(rules, a, at);
        } catch (error) {
          expect(error).toBeInstanceOf(EligibilityAnswerError);
          const e = error as EligibilityAnswerError;
          expect(["missing", "invalid", "contradictory", "unknown_question"]).toContain(e.kind);
          if (e.kind === "unknown_question") expect(questionIds).not.toContain(e.question);
          else expect(questionIds).toContain(e.question);
          expect(e.text.ja.length).toBeGreaterThan(0);
          expect(e.text.en.length).toBeGreaterThan(0);
          return;
        }
        verdicts++;
        expect(Verdict.options).toContain(result.verdict);
        expect(result.reasons[0]?.ruleId).toBe(result.decidedBy);
        for (const step of result.nextSteps) {
          const rule = eligibility.decision.find((r) => r.id === result.decidedBy);
          const source = rule?.nextSteps.find((s) => s.id === step.ruleId);
          expect(source && isInForce(source, at)).toBe(true);
        }
        expectCaveatsCoverUncertain(result);
      }),
      { numRuns: 1000 },
    );
    expect(verdicts).toBeGreaterThan(50);
  });

  it("a verdict depends only on the answers to the questions that apply", () => {
    fc.assert(
      fc.property(plausible, asOf, (a, at) => {
        let result: EligibilityResult;
        try {
          result = assessEligibility(rules, a, at);
        } catch {
          return;
        }
        const applicable = new Set(questionsFor(rules, a).map((q) => q.id));
        const trimmed = Object.fromEntries(Object.entries(a).filter(([id]) => applicable.has(id)));
        expect(assessEligibility(rules, trimmed, at)).toEqual(result);
        for (const q of questionsFor(rules, a)) if (q.required) expect(trimmed[q.id]).toBeDefined();
      }),
      { numRuns: 500 },
    );
  });
});
