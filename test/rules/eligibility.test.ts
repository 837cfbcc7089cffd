import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { isInForce, isUncertain } from "../../src/rules/citations.js";
import { crossCheck } from "../../src/rules/cross-check.js";
import {
  assessEligibility,
  EligibilityAnswerError,
  type EligibilityResult,
  questionsFor,
} from "../../src/rules/eligibility.js";
import { MetaFile, SourcesFile } from "../../src/rules/schema.js";
import { EligibilityFile, Verdict } from "../../src/rules/schema-eligibility.js";

const readYaml = (file: string): unknown =>
  parse(readFileSync(new URL(`../../rules/${file}`, import.meta.url), "utf8"));
const rawEligibility = readYaml("eligibility.yml");
const eligibility = EligibilityFile.parse(rawEligibility);
const meta = MetaFile.parse(readYaml("meta.yml"));
const rules = { eligibility, meta };

const ROW = "policy-work-for-publication";
const BEFORE = new Date("2025-03-31T23:59:59+09:00");
const SWITCH = new Date("2025-03-31T15:00:00Z"); // 2025-04-01 00:00 JST
const LATER = new Date("2026-01-15T12:00:00+09:00");

const SAAS_C2 = { service_model: "saas", confidentiality: "c2" };
const ELIGIBLE = { ...SAAS_C2, target_business: ROW, impact_assessment: "low" };

const ids = (items: readonly { ruleId: string }[]): string[] => items.map((i) => i.ruleId);

function errorOf(fn: () => unknown): EligibilityAnswerError {
  try {
    fn();
  } catch (error) {
    if (error instanceof EligibilityAnswerError) return error;
    throw error;
  }
  throw new Error("expected an EligibilityAnswerError, got a verdict");
}

function questionText(id: string) {
  const q = eligibility.questions.find((x) => x.id === id);
  if (!q) throw new Error(`no question ${id}`);
  return q.text;
}

/** Every uncertain rule among reasons, next steps and signals has a caveat. */
function expectCaveatsCoverUncertain(result: EligibilityResult): void {
  const caveatIds = new Set(ids(result.caveats));
  const used = [...result.reasons, ...result.nextSteps, ...(result.estimate?.signals ?? [])];
  for (const item of used) if (isUncertain(item.confidence)) expect(caveatIds).toContain(item.ruleId);
  for (const caveat of result.caveats) expect(isUncertain(caveat.confidence)).toBe(true);
}

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

describe("assessEligibility: verdicts", () => {
  const cases: [string, Record<string, string>, Verdict, string][] = [
    [
      "PaaS, class 2",
      { service_model: "paas", confidentiality: "c2" },
      "full_ismap_required",
      "elig.not-saas",
    ],
    [
      "IaaS, class 3",
      { service_model: "iaas", confidentiality: "c3" },
      "full_ismap_required",
      "elig.not-saas",
    ],
    [
      "class 1 only",
      { service_model: "saas", confidentiality: "c1" },
      "no_listing_required",
      "elig.class1-only",
    ],
    [
      "IaaS, class 1 only",
      { service_model: "iaas", confidentiality: "c1" },
      "no_listing_required",
      "elig.class1-only",
    ],
    [
      "PaaS, class 1 only",
      { service_model: "paas", confidentiality: "c1" },
      "no_listing_required",
      "elig.class1-only",
    ],
    ["class 3", { service_model: "saas", confidentiality: "c3" }, "outside_ismap", "elig.class3-outside"],
    [
      "class 2, not listed",
      { ...SAAS_C2, target_business: "none" },
      "full_ismap_required",
      "elig.c2-not-listed",
    ],
    [
      "class 2, unsure",
      { ...SAAS_C2, target_business: "unsure" },
      "liu_pending_target_list",
      "elig.c2-business-unsure",
    ],
    ["class 2, listed, low", ELIGIBLE, "liu_eligible", "elig.c2-listed-low"],
    [
      "class 2, listed, higher",
      { ...ELIGIBLE, impact_assessment: "higher" },
      "full_ismap_required",
      "elig.c2-listed-higher",
    ],
    [
      "class 2, listed, not assessed",
      { ...ELIGIBLE, impact_assessment: "not_yet" },
      "liu_pending_assessment",
      "elig.c2-listed-not-assessed",
    ],
  ];

  it.each(cases)("%s", (_, answers, verdict, rule) => {
    const result = assessEligibility(rules, answers, LATER);
    expect(result.verdict).toBe(verdict);
    expect(result.decidedBy).toBe(rule);
    expect(result.reasons[0]?.ruleId).toBe(rule);
    expect(result.reasons[0]?.text).toEqual(eligibility.decision.find((r) => r.id === rule)?.reason);
    expect(result.rulesVersion).toBe(meta.version);
    expect(result.asOf).toBe(LATER.toISOString());
    expect(result.nextSteps.length).toBeGreaterThan(0);
    expect(result.estimate).toBeUndefined();
    expectCaveatsCoverUncertain(result);
  });

  it("reaches every decision rule and every verdict", () => {
    expect(new Set(cases.map((c) => c[3]))).toEqual(new Set(eligibility.decision.map((r) => r.id)));
    expect(new Set(cases.map((c) => c[2]))).toEqual(new Set(Verdict.options));
  });

  it("quotes the facts on the path and the matched row", () => {
    const result = assessEligibility(rules, ELIGIBLE, LATER);
    expect(ids(result.reasons).slice(0, 6)).toEqual([
      "elig.c2-listed-low",
      "elig.liu-saas-only",
      "elig.liu-targets-c2",
      "elig.liu-two-conditions",
      "elig.ministry-assesses",
      ROW,
    ]);
    const row = result.reasons[5];
    expect(row).toMatchObject({ sources: ["jtrustc"], confidence: "stated" });
    expect(row?.text.ja).toContain(eligibility.targetBusinesses[0]?.label.ja);
    expect(row?.text.en).toContain(eligibility.targetBusinesses[0]?.label.en);
    expect(row?.text.en).not.toContain("{label}");
  });

  it("cites sources and confidence on every reason and next step", () => {
    for (const [, answers] of cases) {
      const result = assessEligibility(rules, answers, LATER);
      for (const item of [...result.reasons, ...result.nextSteps]) {
        expect(item.sources.length).toBeGreaterThan(0);
        expect(item.text.ja.length).toBeGreaterThan(0);
        expect(item.text.en.length).toBeGreaterThan(0);
      }
    }
  });

  it("says class 3 rests on an inference, in the caveats", () => {
    const result = assessEligibility(rules, { service_model: "saas", confidentiality: "c3" }, LATER);
    const caveat = result.caveats.find((c) => c.ruleId === "elig.class3-outside");
    expect(caveat?.confidence).toBe("inferred");
    expect(caveat?.text).toEqual(eligibility.decision.find((r) => r.id === "elig.class3-outside")?.note);
  });

  it("adds the list's completeness caveat only when the verdict rests on a business not found on the list", () => {
    const has = (answers: Record<string, string>) =>
      ids(assessEligibility(rules, answers, LATER).caveats).includes("elig.target-business-list");
    expect(has({ ...SAAS_C2, target_business: "none" })).toBe(true);
    expect(has({ ...SAAS_C2, target_business: "unsure" })).toBe(true);
    expect(has(ELIGIBLE)).toBe(false);
    expect(has({ ...ELIGIBLE, impact_assessment: "higher" })).toBe(false);
    expect(has({ service_model: "saas", confidentiality: "c1" })).toBe(false);
    expect(has({ service_model: "paas", confidentiality: "c2" })).toBe(false);
  });

  it("ignores answers to questions that do not apply", () => {
    const stale = {
      service_model: "saas",
      confidentiality: "c1",
      target_business: "not-a-row",
      impact_assessment: ["low", "higher"],
      personal_data: "no",
      integrity_availability: "maybe",
    };
    const result = assessEligibility(rules, stale, LATER);
    expect(result.verdict).toBe("no_listing_required");
    expect(result.estimate).toBeUndefined();
    expect(assessEligibility(rules, { ...ELIGIBLE, service_model: "iaas" }, LATER).verdict).toBe(
      "full_ismap_required",
    );
  });

  it("treats an operator-added row like the known one, quoting its own citation", () => {
    const extended = structuredClone(eligibility);
    extended.targetBusinesses.push({
      id: "another-row",
      source: "portal",
      confidence: "tbc",
      label: { ja: "別の業務", en: "Another business" },
    });
    const result = assessEligibility(
      { eligibility: extended, meta },
      { ...ELIGIBLE, target_business: "another-row" },
      LATER,
    );
    expect(result.verdict).toBe("liu_eligible");
    expect(result.reasons.find((r) => r.ruleId === "another-row")?.text.en).toContain("Another business");
    expect(result.caveats.find((c) => c.ruleId === "another-row")?.confidence).toBe("tbc");
  });

  it("does not change the answers or the rules", () => {
    const answers = { ...ELIGIBLE, personal_data: "yes" };
    const before = JSON.stringify([answers, eligibility]);
    const first = assessEligibility(rules, answers, LATER);
    expect(JSON.stringify([answers, eligibility])).toBe(before);
    expect(assessEligibility(rules, answers, LATER)).toEqual(first);
  });

  it("refuses an invalid date", () => {
    expect(() => assessEligibility(rules, ELIGIBLE, new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe("assessEligibility: the pre-application and the reported 2025-04 change", () => {
  it("quotes the pre-application and the conflicting change side by side, before and after 2025-04-01 JST", () => {
    for (const at of [BEFORE, SWITCH, LATER]) {
      const result = assessEligibility(rules, ELIGIBLE, at);
      expect(ids(result.reasons)).toContain("elig.notice.result-with-pre-application");
      expect(ids(result.reasons)).toContain("elig.notice.pre-application-abolished");
      const caveat = result.caveats.find((c) => c.ruleId === "elig.notice.pre-application-abolished");
      expect(caveat?.confidence).toBe("conflicting");
    }
  });

  it("never drops the pre-application step from the next steps after 2025-04-01 JST", () => {
    for (const at of [BEFORE, SWITCH, LATER]) {
      expect(ids(assessEligibility(rules, ELIGIBLE, at).nextSteps)).toEqual([
        "elig.eligible.gbizid-and-ipa",
        "elig.eligible.pre-application",
        "elig.eligible.after-2025-04",
        "elig.eligible.statement-and-audits",
      ]);
      const pending = { ...ELIGIBLE, impact_assessment: "not_yet" };
      const result = assessEligibility(rules, pending, at);
      expect(ids(result.nextSteps)).toEqual([
        "elig.not-assessed.request-assessment",
        "elig.not-assessed.check-at-procurement",
      ]);
      expect(ids(result.caveats)).toContain("elig.not-assessed.check-at-procurement");
    }
    const step = assessEligibility(rules, ELIGIBLE, LATER).nextSteps[1];
    expect(step?.text.ja).toContain("事前申請");
    expect(step?.text.ja).toContain("第3章");
  });

  it("quotes no pre-application notice with verdicts it does not apply to", () => {
    for (const answers of [
      { service_model: "paas", confidentiality: "c2" },
      { ...ELIGIBLE, impact_assessment: "higher" },
    ]) {
      for (const at of [BEFORE, SWITCH]) {
        const reasons = ids(assessEligibility(rules, answers, at).reasons);
        expect(reasons.some((id) => id.startsWith("elig.notice."))).toBe(false);
      }
    }
  });
});

describe("assessEligibility: the pre-screen estimate", () => {
  const estimate = (extra: Record<string, string>) =>
    assessEligibility(rules, { ...ELIGIBLE, impact_assessment: "not_yet", ...extra }, LATER).estimate;

  it("is absent without pre-screen answers", () => {
    expect(estimate({})).toBeUndefined();
  });

  it("suggests likely_low when every signal points that way", () => {
    const e = estimate({ personal_data: "no", integrity_availability: "no", public_by_design: "yes" });
    expect(e?.suggests).toBe("likely_low");
    expect(ids(e?.signals ?? [])).toEqual([
      "elig.signal.personal-data-no",
      "elig.signal.integrity-availability-no",
      "elig.signal.public-by-design",
    ]);
  });

  it("suggests likely_not_low, mixed or unknown", () => {
    expect(estimate({ personal_data: "yes" })?.suggests).toBe("likely_not_low");
    expect(estimate({ personal_data: "yes", integrity_availability: "no" })?.suggests).toBe("mixed");
    const unknown = estimate({ personal_data: "unsure", public_by_design: "no" });
    expect(unknown?.suggests).toBe("unknown");
    expect(unknown?.signals).toEqual([]);
  });

  it("always carries the disclaimer, and lists the disclaimer and signals as caveats", () => {
    const result = assessEligibility(rules, { ...ELIGIBLE, personal_data: "yes" }, LATER);
    expect(result.estimate?.disclaimer).toEqual(eligibility.prescreenDisclaimer.text);
    expect(ids(result.caveats)).toContain("elig.prescreen-estimate");
    expect(ids(result.caveats)).toContain("elig.signal.personal-data-yes");
    expect(result.verdict).toBe("liu_eligible");
  });

  it("never changes the verdict", () => {
    for (const value of ["yes", "no", "unsure"]) {
      const result = assessEligibility(rules, { ...ELIGIBLE, integrity_availability: value }, LATER);
      expect(result.verdict).toBe("liu_eligible");
    }
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
