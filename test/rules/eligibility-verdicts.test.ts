import { describe, expect, it } from "vitest";
import { assessEligibility } from "../../src/rules/eligibility.js";
import { Verdict } from "../../src/rules/schema-eligibility.js";
import {
  BEFORE,
  ELIGIBLE,
  eligibility,
  expectCaveatsCoverUncertain,
  ids,
  LATER,
  meta,
  ROW,
  rules,
  SAAS_C2,
  SWITCH,
} from "./eligibility-fixture.js";

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
