import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { runCheck } from "../../src/rules/check-cli.js";
import { checkRules, formatProblem, type RulesProblem } from "../../src/rules/load.js";
import { RULE_FILES } from "../../src/rules/schema.js";

/**
 * The real rules/ copied to a temporary directory and broken one way per test. Each break must add exactly the
 * expected problem to whatever the copy reports unbroken (which is nothing once rules/ is clean: see the first
 * test), so these tests pin down the checks even while the rules data is being edited.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const RULES = join(ROOT, "rules");
const dirs: string[] = [];
let baseline: RulesProblem[] = [];

function copyRules(): string {
  const dir = mkdtempSync(join(tmpdir(), "rules-check-"));
  dirs.push(dir);
  cpSync(RULES, dir, { recursive: true });
  return dir;
}

// biome-ignore lint/suspicious/noExplicitAny: the parsed YAML is changed freely; the checks under test validate it
function edit(dir: string, file: string, change: (data: any) => void): void {
  const path = join(dir, file);
  const data = parse(readFileSync(path, "utf8"));
  change(data);
  writeFileSync(path, stringify(data));
}

/** The problems a broken copy has beyond those of the unbroken rules. */
function added(dir: string): RulesProblem[] {
  const before = new Set(baseline.map(formatProblem));
  return checkRules(dir).filter((p) => !before.has(formatProblem(p)));
}

const problem = (file: string, path: string, reason: string | RegExp) => ({
  file,
  path,
  reason: typeof reason === "string" ? expect.stringContaining(reason) : expect.stringMatching(reason),
});

function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["--import", "tsx", "src/rules/check-cli.ts", ...args], {
    cwd: ROOT,
    env: { ...process.env, RULES_DIR: "", ...env },
    encoding: "utf8",
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

beforeAll(() => {
  baseline = checkRules(RULES);
});
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("the real rules/", () => {
  it("has every rules file", () => {
    const files = Object.values(RULE_FILES).map((f) => f.file);
    expect(files.filter((file) => !existsSync(join(RULES, file)))).toEqual([]);
  });

  it("passes every check", () => {
    expect(baseline.map(formatProblem)).toEqual([]);
  });

  it("a YAML round trip of every file (how these tests edit) changes no result", () => {
    const dir = copyRules();
    for (const { file } of Object.values(RULE_FILES)) edit(dir, file, () => {});
    expect(checkRules(dir)).toEqual(baseline);
  });
});

describe("a broken copy of rules/ reports exactly the problem made", () => {
  it("a rule citing an unknown source", () => {
    const dir = copyRules();
    edit(dir, "eligibility.yml", (d) => (d.decision[0].source = "no-such-source"));
    expect(added(dir)).toEqual([
      problem("eligibility.yml", "decision.0.source", 'unknown source "no-such-source" (not in sources.yml)'),
    ]);
  });

  it("a source list with one unknown id", () => {
    const dir = copyRules();
    edit(dir, "special-measure.yml", (d) => (d.benefits[0].source = ["seed", "no-such-source"]));
    expect(added(dir)).toEqual([
      problem("special-measure.yml", "benefits.0.source.1", 'unknown source "no-such-source"'),
    ]);
  });

  it("an objective id outside the catalogue in audits.yml", () => {
    const dir = copyRules();
    let at = -1;
    edit(dir, "audits.yml", (d) => {
      at = d.controlsSubset.areas[0].objectiveIds.push("99.9.9") - 1;
    });
    expect(added(dir)).toEqual([
      problem(
        "audits.yml",
        `controlsSubset.areas.0.objectiveIds.${at}`,
        'unknown control objective "99.9.9"',
      ),
    ]);
  });

  it("a missing English text", () => {
    const dir = copyRules();
    edit(dir, "program.yml", (d) => delete d.facts[0].text.en);
    expect(added(dir)).toEqual([
      { file: "program.yml", path: "facts.0.text.en", reason: "missing English text" },
    ]);
  });

  it("an empty Japanese text", () => {
    const dir = copyRules();
    edit(dir, "faq.yml", (d) => (d.entries[1].answer.ja = ""));
    expect(added(dir)).toEqual([
      { file: "faq.yml", path: "entries.1.answer.ja", reason: "missing Japanese text" },
    ]);
  });

  it("a duplicate id", () => {
    const dir = copyRules();
    let at = -1;
    edit(dir, "sources.yml", (d) => {
      at = d.sources.push({ ...d.sources[0] }) - 1;
    });
    expect(added(dir)).toEqual([
      problem("sources.yml", `sources.${at}.id`, `duplicate id "seed" (first at sources.0)`),
    ]);
  });

  it("a non-ISO date", () => {
    const dir = copyRules();
    edit(dir, "sources.yml", (d) => (d.sources[0].seen = "2026/11/26"));
    expect(added(dir)).toEqual([problem("sources.yml", "sources.0.seen", "date must be ISO YYYY-MM-DD")]);
  });

  it("an instant without its offset", () => {
    const dir = copyRules();
    edit(dir, "special-measure.yml", (d) => (d.deadline.at = "2025-04-01"));
    expect(added(dir)).toEqual([
      problem("special-measure.yml", "deadline.at", "instant must be ISO 8601 with offset"),
    ]);
  });

  it("unparsable YAML", () => {
    const dir = copyRules();
    appendFileSync(join(dir, "faq.yml"), "\n  broken: [unclosed\n");
    expect(added(dir)).toEqual([problem("faq.yml", "", /^not valid YAML: /)]);
  });

  it("a condition naming an unknown question", () => {
    const dir = copyRules();
    edit(dir, "eligibility.yml", (d) => (d.decision[0].when = { q: "no_such_question", answered: true }));
    expect(added(dir)).toEqual([
      problem("eligibility.yml", "decision.0.when.q", 'unknown question "no_such_question"'),
    ]);
  });

  it("a condition naming a value that is not an option of its question", () => {
    const dir = copyRules();
    let question = "";
    edit(dir, "eligibility.yml", (d) => {
      question = d.questions[0].id;
      d.decision[0].when = { q: question, in: ["not-an-option"] };
    });
    expect(added(dir)).toEqual([
      problem(
        "eligibility.yml",
        "decision.0.when.in.0",
        `"not-an-option" is not an option of question "${question}"`,
      ),
    ]);
  });

  it("validFrom after validTo", () => {
    const dir = copyRules();
    edit(dir, "program.yml", (d) => {
      d.facts[0].validFrom = "2025-04-01T00:00:00+09:00";
      d.facts[0].validTo = "2025-04-01T00:00:00+09:00";
    });
    expect(added(dir)).toEqual([problem("program.yml", "facts.0.validTo", "must be after validFrom")]);
  });

  it("a misspelt key", () => {
    const dir = copyRules();
    edit(dir, "faq.yml", (d) => (d.entries[0].confidance = "tbc"));
    expect(added(dir)).toEqual([problem("faq.yml", "entries.0.confidance", 'unknown key "confidance"')]);
  });

  it("several problems in several files are all reported", () => {
    const dir = copyRules();
    edit(dir, "eligibility.yml", (d) => (d.decision[0].source = "no-such-source"));
    edit(dir, "program.yml", (d) => delete d.facts[0].text.en);
    appendFileSync(join(dir, "faq.yml"), "\n  broken: [unclosed\n");
    expect(added(dir).map((p) => p.file)).toEqual(["program.yml", "eligibility.yml", "faq.yml"]);
  });
});

describe("npm run rules:check", () => {
  it("exits 0 on the real rules/ with a summary", () => {
    const { code, stdout, stderr } = cli([]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    expect(stdout).toMatch(/^ok: 9 files, rules version \S+\n/);
    expect(stdout).toMatch(/\d+ sources, \d+ questions, \d+ objectives, \d+ faq entries/);
  });

  it("exits 1 on a broken copy, one `file: path: reason` line per problem on stderr, no stack trace", () => {
    const dir = copyRules();
    edit(dir, "eligibility.yml", (d) => (d.decision[0].source = "no-such-source"));
    const { code, stdout, stderr } = cli([dir]);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.split("\n")).toContain(
      'eligibility.yml: decision.0.source: unknown source "no-such-source" (not in sources.yml)',
    );
    expect(stderr).toMatch(/\d+ problems? in /);
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("reads RULES_DIR when no directory is given", () => {
    const dir = copyRules();
    edit(dir, "sources.yml", (d) => (d.sources[0].seen = "2026/11/26"));
    const { code, stderr } = cli([], { RULES_DIR: dir });
    expect(code).toBe(1);
    expect(stderr).toContain("sources.yml: sources.0.seen: date must be ISO YYYY-MM-DD");
  });

  it("prefers the argument to RULES_DIR, and rules/ under the working directory to neither", () => {
    const broken = copyRules();
    writeFileSync(join(broken, "meta.yml"), "version: [1\n");
    const missing = join(tmpdir(), "no-such-rules-dir-for-tests");
    expect(runCheck([broken], { RULES_DIR: missing }, ROOT).stderr[0]).toMatch(
      /^meta\.yml: \(root\): not valid YAML/,
    );
    expect(runCheck([], { RULES_DIR: missing }, ROOT).stderr[0]).toBe(
      `${missing}: (root): rules directory not found`,
    );
    const fromCwd = runCheck([], {}, ROOT);
    expect([...fromCwd.stdout, ...fromCwd.stderr].join("\n")).toContain(join(ROOT, "rules"));
    expect(runCheck([], {}, tmpdir()).stderr[0]).toBe(
      `${join(tmpdir(), "rules")}: (root): rules directory not found`,
    );
  });

  it("prints usage for --help and refuses extra arguments", () => {
    expect(runCheck(["--help"], {}, ROOT)).toMatchObject({
      code: 0,
      stdout: [expect.stringContaining("usage")],
    });
    expect(runCheck(["a", "b"], {}, ROOT)).toMatchObject({
      code: 2,
      stderr: [expect.stringContaining("usage")],
    });
  });
});
