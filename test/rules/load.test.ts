import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { crossCheck } from "../../src/rules/cross-check.js";
import { unrealDate } from "../../src/rules/cross-check-dates.js";
import {
  checkRules,
  formatProblem,
  loadRules,
  RulesError,
  type RulesProblem,
  readRules,
} from "../../src/rules/load.js";
import { RULE_FILES } from "../../src/rules/schema.js";

/**
 * A small, complete and valid rule set written here (not the real rules/, which other tests cover), so that
 * each test changes one thing and sees exactly the problem it causes.
 */
const text = (en: string) => ({ ja: `${en}(日本語)`, en });
const cite = { source: "seed", confidence: "seed" };

// biome-ignore lint/suspicious/noExplicitAny: test fixtures are mutated freely, then validated by the code under test
type Files = Record<keyof typeof RULE_FILES, any>;

function validFiles(): Files {
  return {
    meta: { version: "test.1", updated: "2025-01-01", disclaimer: text("Guidance only") },
    sources: {
      sources: [
        {
          id: "seed",
          title: text("Seed page"),
          url: "https://example.org/seed",
          publisher: "Digital Agency",
          seen: "2025-01-01",
        },
        {
          id: "criteria",
          title: text("Control criteria"),
          noUrlReason: text("Not public"),
          publisher: "ISMAP",
          seen: "2025-01-01",
        },
      ],
    },
    program: {
      facts: [{ id: "liu-is-saas", ...cite, text: text("LIU is for SaaS") }],
      registrationSteps: [
        { id: "step-gbiz", ...cite, title: text("GBizID"), detail: text("Get an account") },
      ],
      auditPeriod: { id: "audit-period", ...cite, minMonths: 3, maxMonths: 12, text: text("3 to 12 months") },
      reportDue: { id: "report-due", ...cite, monthsAfterPeriod: 3, text: text("3 months after") },
      validity: { id: "validity", ...cite, monthsAfterDayAfterPeriod: 16, text: text("16 months") },
    },
    eligibility: {
      questions: [
        {
          id: "model",
          text: text("Service model?"),
          required: true,
          options: [
            { value: "saas", label: text("SaaS") },
            { value: "iaas", label: text("IaaS") },
          ],
          step: 1,
        },
        {
          id: "business",
          text: text("Which business?"),
          required: true,
          askIf: { q: "model", in: ["saas"] },
          options: [{ value: "other", label: text("Other") }],
          optionsFromTargetBusinesses: true,
          step: 2,
        },
      ],
      decision: [
        {
          id: "not-saas",
          ...cite,
          when: { q: "model", notIn: ["saas"] },
          verdict: "full_ismap_required",
          reason: text("Not SaaS"),
        },
        {
          id: "listed-business",
          ...cite,
          when: {
            all: [
              { q: "model", in: ["saas"] },
              { q: "business", in: ["policy-work"] },
            ],
          },
          verdict: "liu_eligible",
          reason: text("On the list"),
        },
      ],
      contradictions: [
        {
          id: "iaas-business",
          ...cite,
          when: { q: "model", in: ["iaas"] },
          question: "business",
          message: text("No"),
        },
      ],
      targetBusinessList: {
        id: "target-list",
        ...cite,
        text: text("Partly known"),
        matchedText: { ja: "{label}に該当", en: "Matches {label}" },
      },
      targetBusinesses: [{ id: "policy-work", ...cite, label: text("Policy work with the private sector") }],
      prescreenDisclaimer: { id: "prescreen-disclaimer", ...cite, text: text("An estimate") },
      notices: [
        {
          id: "pre-application-change",
          source: "seed",
          confidence: "conflicting",
          validFrom: "2025-04-01T00:00:00+09:00",
          appliesTo: ["liu_eligible"],
          text: text("The pre-application may have changed"),
        },
      ],
    },
    audits: {
      everyYear: {
        id: "every-year",
        ...cite,
        parts: ["governance", "management"],
        intervalMonths: 12,
        text: text("Every year"),
      },
      controlsSubset: {
        id: "controls-subset",
        ...cite,
        text: text("A subset"),
        cycleYears: { id: "cycle-years", source: "seed", confidence: "tbc", value: 3, text: text("3 years") },
        areas: [
          {
            id: "access",
            source: ["seed", "criteria"],
            confidence: "inferred",
            label: text("Access"),
            objectiveIds: ["5.1.1", "6.3.1.P"],
          },
        ],
      },
      internalAudit: {
        id: "internal-audit",
        ...cite,
        windowYears: 3,
        expiringWithinDays: {
          id: "expiring-within",
          source: "seed",
          confidence: "inferred",
          value: 90,
          text: text("90 days"),
        },
        text: text("Every objective in 3 years"),
      },
    },
    objectives: {
      source: "criteria",
      confidence: "stated",
      objectives: [
        {
          id: "5.1.1",
          domainId: "5",
          domain: "Information security policies",
          categoryId: "5.1",
          category: "Management direction",
          cloudSpecific: false,
          label: text("Policies"),
        },
        {
          id: "6.3.1.P",
          domainId: "6",
          domain: "Organization of information security",
          categoryId: "6.3",
          category: "Customer and provider (cloud)",
          cloudSpecific: true,
          label: text("Shared duties"),
        },
      ],
    },
    specialMeasure: {
      name: text("Special measure"),
      inForceFrom: { id: "in-force", ...cite, at: "2023-05-19T00:00:00+09:00", text: text("In force") },
      deadline: { id: "deadline", ...cite, at: "2025-04-01T00:00:00+09:00", text: text("End of March 2025") },
      acceptanceClosed: { id: "closed", ...cite, text: text("Closed") },
      periodEnd: { id: "period-end", source: "seed", confidence: "tbc", at: null, text: text("Unknown") },
      afterPeriod: {
        reliefs: {
          id: "after-reliefs",
          source: "seed",
          confidence: "tbc",
          text: text("Reliefs after: unknown"),
        },
        list: { id: "after-list", source: "seed", confidence: "tbc", text: text("List after: unknown") },
      },
      benefits: [{ id: "shared-list", ...cite, text: text("Shared list") }],
      reliefs: [{ id: "design-only", ...cite, text: text("Design assessment"), once: true }],
    },
    faq: {
      threshold: 0.3,
      entries: [
        {
          id: "what-is-liu",
          ...cite,
          topic: text("What is LIU"),
          phrasings: { ja: ["LIUとは", "ISMAP-LIUって何"], en: ["what is liu", "what is ismap-liu"] },
          answer: text("The low-impact track"),
        },
      ],
    },
    dates: {
      periods: { id: "dates.period-end", ...cite, text: text("Periods end the day before") },
      internalCoverage: {
        id: "dates.internal-coverage",
        ...cite,
        text: text("Covered until the day before"),
      },
      nextPeriods: {
        id: "dates.next-period-length",
        ...cite,
        months: 12,
        text: text("Next period 12 months"),
      },
      neverCovered: { id: "dates.never-covered", ...cite, text: text("Never covered: by the period's end") },
    },
  };
}

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Writes the fixture (changed by `change`) to a fresh directory; returns the directory. */
function write(change: (files: Files) => void = () => {}): string {
  const dir = mkdtempSync(join(tmpdir(), "rules-load-"));
  dirs.push(dir);
  const files = validFiles();
  change(files);
  for (const [key, { file }] of Object.entries(RULE_FILES)) {
    const data = files[key as keyof Files];
    if (data !== undefined) writeFileSync(join(dir, file), typeof data === "string" ? data : stringify(data));
  }
  return dir;
}

const problemsOf = (change: (files: Files) => void): RulesProblem[] => checkRules(write(change));
const one = (file: string, path: string, reason: string | RegExp) => [
  {
    file,
    path,
    reason: typeof reason === "string" ? expect.stringContaining(reason) : expect.stringMatching(reason),
  },
];

describe("loadRules on a valid directory", () => {
  it("returns the parsed rule set with schema defaults and no problems", () => {
    const dir = write();
    expect(checkRules(dir)).toEqual([]);
    const rules = loadRules(dir);
    expect(rules.meta.version).toBe("test.1");
    expect(rules.eligibility.prescreen).toEqual([]);
    expect(rules.eligibility.questions[0]?.optionsFromTargetBusinesses).toBe(false);
    expect(readRules(dir)).toEqual({ rules, problems: [] });
  });

  it("cross-checks a parsed rule set directly (crossCheck is pure)", () => {
    const rules = loadRules(write());
    expect(crossCheck(rules)).toEqual([]);
    const entry = rules.faq.entries[0];
    if (entry) entry.source = "nowhere";
    expect(crossCheck(rules)).toEqual(one("faq.yml", "entries.0.source", 'unknown source "nowhere"'));
  });
});

describe("loadRules on a broken directory", () => {
  it("throws RulesError carrying every problem of every file, in file order", () => {
    const dir = write((f) => {
      f.faq.entries[0].source = "nowhere";
      f.program.facts[0].text.en = "";
      f.audits.controlsSubset.areas[0].objectiveIds.push("99.9.9");
      f.sources.sources[0].seen = "1 Jan 2025";
    });
    let error: unknown;
    try {
      loadRules(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RulesError);
    const problems = (error as RulesError).problems;
    expect(problems.map((p) => `${p.file} ${p.path}`)).toEqual([
      "sources.yml sources.0.seen",
      "program.yml facts.0.text.en",
      "audits.yml controlsSubset.areas.0.objectiveIds.2",
      "faq.yml entries.0.source",
    ]);
    expect((error as RulesError).message).toContain("4 problems");
    expect((error as RulesError).message).toContain("program.yml: facts.0.text.en: missing English text");
    expect(checkRules(dir)).toEqual(problems);
  });

  it("reports a missing directory once", () => {
    const dir = join(tmpdir(), "no-such-rules-dir-for-tests");
    expect(checkRules(dir)).toEqual([{ file: dir, path: "", reason: "rules directory not found" }]);
  });

  it("reports a missing file and still checks the others", () => {
    expect(
      problemsOf((f) => {
        f.faq = undefined;
        f.program.facts[0].source = "nowhere";
      }),
    ).toEqual([
      ...one("program.yml", "facts.0.source", "unknown source"),
      ...one("faq.yml", "", "file not found"),
    ]);
  });

  it("reports YAML syntax errors with their line", () => {
    expect(problemsOf((f) => (f.meta = "version: [1\nupdated: x\n"))).toEqual(
      one("meta.yml", "", /^not valid YAML: .*line \d+/),
    );
  });

  it("reports duplicate YAML keys", () => {
    expect(problemsOf((f) => (f.meta = `version: "1"\nversion: "2"\n`))).toEqual(
      one("meta.yml", "", /not valid YAML: .*unique/i),
    );
  });
});

describe("schema problems have precise paths and plain reasons", () => {
  it("a missing en key says missing English text", () => {
    expect(problemsOf((f) => delete f.program.facts[0].text.en)).toEqual([
      { file: "program.yml", path: "facts.0.text.en", reason: "missing English text" },
    ]);
  });

  it("an en key with no value (YAML null) says missing English text", () => {
    expect(problemsOf((f) => (f.eligibility.questions[1].options[0].label.en = null))).toEqual([
      { file: "eligibility.yml", path: "questions.1.options.0.label.en", reason: "missing English text" },
    ]);
  });

  it("a missing ja key says missing Japanese text", () => {
    expect(problemsOf((f) => delete f.faq.entries[0].answer.ja)).toEqual([
      { file: "faq.yml", path: "entries.0.answer.ja", reason: "missing Japanese text" },
    ]);
  });

  it("other missing keys say what was expected", () => {
    expect(problemsOf((f) => delete f.meta.version)).toEqual([
      { file: "meta.yml", path: "version", reason: "missing (expected string)" },
    ]);
  });

  it("a condition that nearly matches one shape reports that shape's problem", () => {
    expect(problemsOf((f) => (f.eligibility.decision[0].when = { q: "model", in: "saas" }))).toEqual(
      one("eligibility.yml", "decision.0.when.in", "expected array"),
    );
  });

  it("a condition matching no shape says so", () => {
    expect(problemsOf((f) => (f.eligibility.decision[0].when = { question: "model" }))).toEqual([
      { file: "eligibility.yml", path: "decision.0.when", reason: "matches none of the allowed shapes" },
    ]);
  });

  it("an instant without an offset is refused", () => {
    expect(problemsOf((f) => (f.specialMeasure.deadline.at = "2025-04-01"))).toEqual(
      one("special-measure.yml", "deadline.at", "instant must be ISO 8601 with offset"),
    );
  });
});

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

describe("helpers", () => {
  it("formatProblem is file: path: reason, (root) for the whole file", () => {
    expect(formatProblem({ file: "faq.yml", path: "entries.3.id", reason: "duplicate" })).toBe(
      "faq.yml: entries.3.id: duplicate",
    );
    expect(formatProblem({ file: "faq.yml", path: "", reason: "file not found" })).toBe(
      "faq.yml: (root): file not found",
    );
  });

  it("unrealDate accepts real dates and instants and ignores other text", () => {
    expect(unrealDate("2024-02-29")).toBeUndefined();
    expect(unrealDate("2025-04-01T00:00:00+09:00")).toBeUndefined();
    expect(unrealDate("2025-04-01T00:00Z")).toBeUndefined();
    expect(unrealDate("hello")).toBeUndefined();
    expect(unrealDate("2023-02-29")).toMatch(/no such calendar day/);
    expect(unrealDate("2025-13-01")).toMatch(/no such calendar day/);
    expect(unrealDate("2025-04-01T12:60:00+09:00")).toMatch(/no such time/);
    expect(unrealDate("2025-04-01T12:00:00+15:00")).toMatch(/no such UTC offset/);
  });

  it("other entries in the rules directory are ignored", () => {
    const dir = write();
    mkdirSync(join(dir, "extra"));
    expect(checkRules(dir)).toEqual([]);
  });
});
