import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { crossCheck } from "../../src/rules/cross-check.js";
import { unrealDate } from "../../src/rules/cross-check-dates.js";
import { checkRules, formatProblem, loadRules, RulesError, readRules } from "../../src/rules/load.js";
import { one, problemsOf, removeWrittenDirs, write } from "./load-fixture.js";

afterAll(removeWrittenDirs);

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
      one("meta.yml", "", /^not valid YAML: .* at line 2, column 1$/),
    );
  });

  it("reports duplicate YAML keys", () => {
    expect(problemsOf((f) => (f.meta = `version: "1"\nversion: "2"\n`))).toEqual(
      one("meta.yml", "", /^not valid YAML: duplicated mapping key at line 2, column 1$/),
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
