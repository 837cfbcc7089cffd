/**
 * Checks the rules files against each other after each passed its own schema: cited sources exist, referenced
 * control objectives are in the catalogue, ids are unique, dates are real and in order, and questionnaire
 * conditions name real questions and options. Pure: data in, every problem found out.
 */
import { checkDates, checkFaqDates, unrealDate } from "./cross-check-dates.js";
import {
  checkDuplicateIds,
  checkObjectiveRefs,
  checkSourceRefs,
  checkTexts,
  checkUnknownKeys,
} from "./cross-check-every-file.js";
import { checkConditions, checkQuestionnaire } from "./cross-check-questions.js";
import { catalogue, type Path, type Report, records } from "./cross-check-walk.js";
import { RULE_FILES, type RuleSet } from "./schema.js";

/** One thing wrong with the rules data: the file, the path inside it, and why. */
export interface RulesProblem {
  file: string;
  path: string;
  reason: string;
}

export type RuleKey = keyof RuleSet;

const FILE_ORDER = Object.keys(RULE_FILES) as RuleKey[];

/**
 * Every cross-file and within-file problem of a rule set.
 * @param rules the files that passed their schema (a missing key means the file failed and is not checked)
 * @param raw the same files as parsed from YAML, before the schema; used to find keys the schema ignores and to
 *   read the source and objective catalogues even when those files failed their own schema. Defaults to `rules`.
 */
export function crossCheck(
  rules: Partial<RuleSet>,
  raw: Partial<Record<RuleKey, unknown>> = rules,
): RulesProblem[] {
  const problems: RulesProblem[] = [];
  const reporter =
    (key: RuleKey): Report =>
    (path, reason) =>
      problems.push({ file: RULE_FILES[key].file, path: path.join("."), reason });

  const sourceIds = catalogue(raw.sources, "sources");
  const objectiveIds = catalogue(raw.objectives, "objectives");
  const ruleIds = new Map<string, { key: RuleKey; path: Path }>();

  for (const key of FILE_ORDER) {
    const data = rules[key];
    if (data === undefined) continue;
    const report = reporter(key);
    if (key in raw) checkUnknownKeys(raw[key], data, [], report);
    checkDuplicateIds(data, report);
    checkRuleIdsAcrossLists(key, data, ruleIds, report);
    checkTexts(data, report);
    checkDates(data, report);
    if (sourceIds) checkSourceRefs(data, sourceIds, report);
    if (objectiveIds && key !== "objectives") checkObjectiveRefs(data, objectiveIds, report);
    if (rules.eligibility) checkConditions(data, rules.eligibility, report);
  }
  if (rules.eligibility) checkQuestionnaire(rules.eligibility, reporter("eligibility"));
  if (rules.objectives) checkObjectiveCatalogue(rules.objectives, reporter("objectives"));
  if (rules.program) checkProgram(rules.program, reporter("program"));
  if (rules.specialMeasure) checkSpecialMeasure(rules.specialMeasure, reporter("specialMeasure"));
  if (rules.sources) checkSourceLinks(rules.sources, reporter("sources"));
  if (rules.faq) checkFaqDates(rules.faq, rules.specialMeasure, reporter("faq"));
  return problems;
}

/**
 * Answers cite rules by id (caveats are collected per rule id, saved verdicts quote them), so the id of a cited
 * entry (one with a `confidence`) is unique across the whole rules directory. Repeats within one list are left to
 * checkDuplicateIds.
 */
function checkRuleIdsAcrossLists(
  key: RuleKey,
  data: unknown,
  seen: Map<string, { key: RuleKey; path: Path }>,
  report: Report,
): void {
  for (const { value, path } of records(data)) {
    if (typeof value.id !== "string" || !("confidence" in value)) continue;
    const before = seen.get(value.id);
    if (!before) {
      seen.set(value.id, { key, path });
      continue;
    }
    const sameList =
      before.key === key &&
      typeof path[path.length - 1] === "number" &&
      before.path.length === path.length &&
      before.path.slice(0, -1).join(".") === path.slice(0, -1).join(".");
    if (sameList) continue;
    const where = `${RULE_FILES[before.key].file} ${before.path.join(".") || "(root)"}`;
    report(
      [...path, "id"],
      `rule id "${value.id}" is already used at ${where} (cited ids are unique across rules/)`,
    );
  }
}

// ---- file-specific consistency ------------------------------------------------------------------------

/** Every source can be looked up: it has a URL, or says why it has none. */
function checkSourceLinks(file: RuleSet["sources"], report: Report): void {
  file.sources.forEach((source, i) => {
    if (source.url === undefined && source.noUrlReason === undefined) {
      report(["sources", i], `source "${source.id}" has neither a url nor a noUrlReason`);
    }
  });
}

/** An objective's id agrees with its domain, category and cloud-specific mark (`5.1.1` is in 5 and 5.1). */
function checkObjectiveCatalogue(objectives: RuleSet["objectives"], report: Report): void {
  objectives.objectives.forEach((o, i) => {
    const [domain, category] = o.id.split(".");
    if (o.domainId !== domain) {
      report(
        ["objectives", i, "domainId"],
        `"${o.domainId}" does not match objective ${o.id} (expected ${domain})`,
      );
    }
    if (o.categoryId !== `${domain}.${category}`) {
      report(
        ["objectives", i, "categoryId"],
        `"${o.categoryId}" does not match objective ${o.id} (expected ${domain}.${category})`,
      );
    }
    if (o.cloudSpecific !== o.id.endsWith(".P")) {
      report(
        ["objectives", i, "cloudSpecific"],
        `cloudSpecific is ${o.cloudSpecific} but objective ${o.id} ${o.id.endsWith(".P") ? "ends" : "does not end"} in ".P"`,
      );
    }
  });
}

function checkProgram(program: RuleSet["program"], report: Report): void {
  const { minMonths, maxMonths } = program.auditPeriod;
  if (minMonths > maxMonths) {
    report(["auditPeriod", "minMonths"], `minMonths (${minMonths}) must not exceed maxMonths (${maxMonths})`);
  }
}

function checkSpecialMeasure(measure: RuleSet["specialMeasure"], report: Report): void {
  const from = measure.inForceFrom.at;
  const later: [Path, string | null][] = [
    [["deadline", "at"], measure.deadline.at],
    [["periodEnd", "at"], measure.periodEnd.at],
  ];
  if (unrealDate(from)) return;
  for (const [path, at] of later) {
    if (at === null || unrealDate(at)) continue;
    if (Date.parse(at) <= Date.parse(from)) report(path, `${at} must be after inForceFrom.at (${from})`);
  }
}
