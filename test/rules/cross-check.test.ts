/** The loader's cross-checks: what the schema alone cannot see (references, uniqueness, real dates, cycles). */
import { afterAll, describe, expect, it } from "vitest";
import { one, problemsOf, removeWrittenDirs, text } from "./load-fixture.js";

afterAll(removeWrittenDirs);

describe("cross-checks", () => {
  it("source ids: a string, and each item of a list", () => {
    expect(
      problemsOf((f) => {
        f.eligibility.decision[1].source = "nowhere";
        f.audits.controlsSubset.areas[0].source = ["seed", "elsewhere"];
        f.objectives.source = "gone";
      }),
    ).toEqual([
      ...one("eligibility.yml", "decision.1.source", 'unknown source "nowhere" (not in sources.yml)'),
      ...one("audits.yml", "controlsSubset.areas.0.source.1", 'unknown source "elsewhere"'),
      ...one("objectives.yml", "source", 'unknown source "gone"'),
    ]);
  });

  it("a source nested deep (a decision rule's next step) is checked too", () => {
    expect(
      problemsOf((f) => {
        f.eligibility.decision[0].nextSteps = [
          { id: "ask", source: "nowhere", confidence: "tbc", text: text("Ask") },
        ];
      }),
    ).toEqual(one("eligibility.yml", "decision.0.nextSteps.0.source", "unknown source"));
  });

  it("source ids are still checked when sources.yml fails its schema for another reason", () => {
    expect(
      problemsOf((f) => {
        f.sources.sources[1].url = "not a url";
        f.faq.entries[0].source = "nowhere";
      }),
    ).toEqual([
      ...one("sources.yml", "sources.1.url", ""),
      ...one("faq.yml", "entries.0.source", "unknown source"),
    ]);
  });

  it("a source needs a URL or a stated reason for having none", () => {
    expect(
      problemsOf((f) => {
        delete f.sources.sources[0].url;
        delete f.sources.sources[1].noUrlReason;
      }),
    ).toEqual([
      ...one("sources.yml", "sources.0", 'source "seed" has neither a url nor a noUrlReason'),
      ...one("sources.yml", "sources.1", 'source "criteria" has neither a url nor a noUrlReason'),
    ]);
    expect(problemsOf((f) => (f.sources.sources[0].title = "Only one language"))).toEqual(
      one("sources.yml", "sources.0.title", "expected object"),
    );
  });

  it("a dated FAQ answer uses only known placeholders, and none for a date the rules do not give", () => {
    const dated = (during: string) => ({
      fact: "period",
      before: text("Not yet"),
      during: text(during),
      after: text("Over since {periodLastDay}"),
    });
    expect(
      problemsOf((f) => {
        delete f.faq.entries[0].answer;
        f.faq.entries[0].answerAt = dated("Runs to {periodEnd}");
      }),
    ).toEqual([
      ...one("faq.yml", "entries.0.answerAt.during.ja", "unknown placeholder {periodEnd}"),
      ...one("faq.yml", "entries.0.answerAt.during.en", "unknown placeholder {periodEnd}"),
      ...one(
        "faq.yml",
        "entries.0.answerAt.after.ja",
        "{periodLastDay} is used but special-measure.yml has no periodEnd.at",
      ),
      ...one(
        "faq.yml",
        "entries.0.answerAt.after.en",
        "{periodLastDay} is used but special-measure.yml has no periodEnd.at",
      ),
    ]);
    expect(problemsOf((f) => (f.faq.entries[0].answerAt = dated("Runs")))).toEqual(
      one("faq.yml", "entries.0.answer", "give exactly one of answer and answerAt"),
    );
  });

  it("objective ids must be in the catalogue", () => {
    expect(problemsOf((f) => (f.audits.controlsSubset.areas[0].objectiveIds = ["5.1.1", "18.2.9"]))).toEqual(
      one("audits.yml", "controlsSubset.areas.0.objectiveIds.1", 'unknown control objective "18.2.9"'),
    );
  });

  it("an objective id listed twice in one area", () => {
    expect(problemsOf((f) => f.audits.controlsSubset.areas[0].objectiveIds.push("5.1.1"))).toEqual(
      one("audits.yml", "controlsSubset.areas.0.objectiveIds.2", "5.1.1"),
    );
  });

  it("a value listed twice in a set-like list", () => {
    expect(problemsOf((f) => f.audits.everyYear.parts.push("governance"))).toEqual(
      one("audits.yml", "everyYear.parts.2", '"governance" is listed twice'),
    );
  });

  it("duplicate ids within a list, wherever the list is", () => {
    expect(
      problemsOf((f) => {
        f.sources.sources.push({ ...f.sources.sources[0], title: text("Again") });
        f.objectives.objectives.push({ ...f.objectives.objectives[0] });
        f.eligibility.questions.push({ ...f.eligibility.questions[0] });
      }),
    ).toEqual([
      ...one("sources.yml", "sources.2.id", 'duplicate id "seed" (first at sources.0)'),
      ...one("eligibility.yml", "questions.2.id", 'duplicate id "model"'),
      ...one("objectives.yml", "objectives.2.id", /duplicate.*5\.1\.1/),
    ]);
  });

  it("a cited rule id is unique across the whole rules directory", () => {
    expect(
      problemsOf((f) => {
        f.faq.entries[0].id = "audit-period";
        f.specialMeasure.benefits[0].id = "in-force";
      }),
    ).toEqual([
      ...one(
        "special-measure.yml",
        "benefits.0.id",
        'rule id "in-force" is already used at special-measure.yml inForceFrom',
      ),
      ...one("faq.yml", "entries.0.id", 'rule id "audit-period" is already used at program.yml auditPeriod'),
    ]);
  });

  it("ids of uncited entries (questions, sources) may equal a rule id", () => {
    expect(
      problemsOf((f) => {
        f.eligibility.questions.push({
          id: "audit-period",
          text: text("Free text"),
          required: false,
          step: 3,
        });
        f.sources.sources.push({
          id: "validity",
          title: text("t"),
          url: "https://example.org/t",
          publisher: "p",
          seen: "2025-01-01",
        });
      }),
    ).toEqual([]);
  });

  it("duplicate option values within a question", () => {
    expect(
      problemsOf((f) =>
        f.eligibility.questions[0].options.push({ value: "saas", label: text("SaaS again") }),
      ),
    ).toEqual(one("eligibility.yml", "questions.0.options.2.value", 'duplicate value "saas"'));
  });

  it("validFrom must come before validTo", () => {
    expect(
      problemsOf((f) => {
        f.eligibility.notices[0].validTo = "2025-03-31T23:59:59+09:00";
        f.program.facts[0].validFrom = "2025-04-01T00:00:00+09:00";
        f.program.facts[0].validTo = "2025-03-31T15:00:00Z";
      }),
    ).toEqual([
      ...one("program.yml", "facts.0.validTo", "must be after validFrom"),
      ...one(
        "eligibility.yml",
        "notices.0.validTo",
        "validTo (2025-03-31T23:59:59+09:00) must be after validFrom",
      ),
    ]);
  });

  it("dates and instants must be real ones", () => {
    expect(
      problemsOf((f) => {
        f.meta.updated = "2025-02-29";
        f.program.facts[0].validFrom = "2025-04-31T00:00:00+09:00";
        f.specialMeasure.deadline.at = "2025-04-01T24:00:00+09:00";
      }),
    ).toEqual([
      ...one("meta.yml", "updated", "no such calendar day: 2025-02-29"),
      ...one("program.yml", "facts.0.validFrom", "no such calendar day"),
      ...one("special-measure.yml", "deadline.at", "no such time of day"),
    ]);
  });

  it("conditions name existing questions, in any rule that has one", () => {
    expect(
      problemsOf((f) => {
        f.eligibility.decision[1].when.all[1].q = "industry";
        f.eligibility.questions[1].askIf = { not: { q: "modell", answered: true } };
      }),
    ).toEqual([
      ...one("eligibility.yml", "questions.1.askIf.not.q", 'unknown question "modell"'),
      ...one("eligibility.yml", "decision.1.when.all.1.q", 'unknown question "industry"'),
    ]);
  });

  it("in / notIn values are options of the question", () => {
    expect(
      problemsOf((f) => {
        f.eligibility.decision[0].when = { q: "model", notIn: ["saas", "Saas"] };
        f.eligibility.contradictions[0].when = { q: "model", in: ["paas"] };
      }),
    ).toEqual([
      ...one(
        "eligibility.yml",
        "decision.0.when.notIn.1",
        '"Saas" is not an option of question "model" (options: saas, iaas)',
      ),
      ...one("eligibility.yml", "contradictions.0.when.in.0", '"paas" is not an option of question "model"'),
    ]);
  });

  it("target business ids are options only of questions that offer them", () => {
    expect(problemsOf((f) => (f.eligibility.decision[1].when.all[1].in = ["policy-work", "other"]))).toEqual(
      [],
    );
    expect(problemsOf((f) => (f.eligibility.decision[0].when = { q: "model", in: ["policy-work"] }))).toEqual(
      one("eligibility.yml", "decision.0.when.in.0", '"policy-work" is not an option of question "model"'),
    );
    expect(
      problemsOf((f) => {
        f.eligibility.decision[1].when.all[1].in = ["policy-work"];
        f.eligibility.questions[1].optionsFromTargetBusinesses = false;
      }),
    ).toEqual(one("eligibility.yml", "decision.1.when.all.1.in.0", "(options: other)"));
  });

  it("a contradiction points at an existing question", () => {
    expect(problemsOf((f) => (f.eligibility.contradictions[0].question = "busines"))).toEqual(
      one("eligibility.yml", "contradictions.0.question", 'unknown question "busines"'),
    );
  });

  it("askIf never depends on its own answer, a later step, or a cycle", () => {
    expect(problemsOf((f) => (f.eligibility.questions[1].askIf = { q: "business", answered: true }))).toEqual(
      one("eligibility.yml", "questions.1.askIf", "depends on its own answer"),
    );
    expect(
      problemsOf((f) => {
        f.eligibility.questions[1].step = 1;
        f.eligibility.questions[0].step = 2;
      }),
    ).toEqual(one("eligibility.yml", "questions.1.askIf", 'depends on "model", asked later (step 2)'));
    expect(
      problemsOf((f) => {
        f.eligibility.questions[1].step = 1;
        f.eligibility.questions[0].askIf = { q: "business", notIn: ["other"] };
      }),
    ).toEqual(
      one("eligibility.yml", "questions.0.askIf", "askIf conditions form a cycle: model → business → model"),
    );
  });

  it("unknown keys, which the schema would silently drop, are reported", () => {
    expect(
      problemsOf((f) => {
        f.program.facts[0].valdTo = "2026-01-01T00:00:00+09:00";
        f.sources.comment = "x";
      }),
    ).toEqual([
      ...one("sources.yml", "comment", 'unknown key "comment"'),
      ...one("program.yml", "facts.0.valdTo", 'unknown key "valdTo"'),
    ]);
  });

  it("blank text counts as missing", () => {
    expect(problemsOf((f) => (f.faq.entries[0].topic.en = "   "))).toEqual([
      { file: "faq.yml", path: "entries.0.topic.en", reason: "missing English text (only blanks)" },
    ]);
  });

  it("the objective catalogue agrees with its ids", () => {
    expect(
      problemsOf((f) => {
        f.objectives.objectives[0].categoryId = "5.2";
        f.objectives.objectives[1].domainId = "7";
        f.objectives.objectives[1].cloudSpecific = false;
      }),
    ).toEqual([
      ...one(
        "objectives.yml",
        "objectives.0.categoryId",
        '"5.2" does not match objective 5.1.1 (expected 5.1)',
      ),
      ...one("objectives.yml", "objectives.1.domainId", '"7" does not match objective 6.3.1.P (expected 6)'),
      ...one("objectives.yml", "objectives.1.cloudSpecific", 'ends in ".P"'),
    ]);
  });

  it("the audit period's minimum does not exceed its maximum", () => {
    expect(problemsOf((f) => (f.program.auditPeriod.minMonths = 13))).toEqual(
      one("program.yml", "auditPeriod.minMonths", "must not exceed maxMonths (12)"),
    );
  });

  it("the special measure's deadline and period end come after it came into force", () => {
    expect(
      problemsOf((f) => {
        f.specialMeasure.deadline.at = "2023-05-18T00:00:00+09:00";
        f.specialMeasure.periodEnd.at = "2023-05-19T00:00:00+09:00";
      }),
    ).toEqual([
      ...one("special-measure.yml", "deadline.at", "must be after inForceFrom.at"),
      ...one("special-measure.yml", "periodEnd.at", "must be after inForceFrom.at"),
    ]);
  });

  it("a file that fails its schema is not cross-checked (no second report for one mistake)", () => {
    expect(
      problemsOf((f) => {
        f.faq.entries[0].source = "Nowhere";
      }),
    ).toEqual(one("faq.yml", "entries.0.source", "id must be lower-case"));
  });
});
