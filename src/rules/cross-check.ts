/**
 * Checks the rules files against each other after each passed its own schema: cited sources exist, referenced
 * control objectives are in the catalogue, ids are unique, dates are real and in order, and questionnaire
 * conditions name real questions and options. Pure: data in, every problem found out.
 */
import { FAQ_DATE_PLACEHOLDERS, RULE_FILES, type RuleSet } from "./schema.js";

/** One thing wrong with the rules data: the file, the path inside it, and why. */
export interface RulesProblem {
  file: string;
  path: string;
  reason: string;
}

export type RuleKey = keyof RuleSet;
type Path = readonly (string | number)[];
type Report = (path: Path, reason: string) => void;

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

// ---- generic walking ----------------------------------------------------------------------------

interface Node {
  value: unknown;
  path: Path;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Every value inside `value`, depth first, with its path; the root included. */
function* walk(value: unknown, path: Path = []): Generator<Node> {
  yield { value, path };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* walk(value[i], [...path, i]);
  } else if (isRecord(value)) {
    for (const [k, v] of Object.entries(value)) yield* walk(v, [...path, k]);
  }
}

/** Every object inside `value` with its path. */
function* records(value: unknown): Generator<{ value: Record<string, unknown>; path: Path }> {
  for (const node of walk(value)) if (isRecord(node.value)) yield { value: node.value, path: node.path };
}

/** The string ids of `file[listKey][]`, read leniently from raw YAML; undefined when the list is unusable. */
function catalogue(file: unknown, listKey: string): Set<string> | undefined {
  if (!isRecord(file)) return undefined;
  const list = file[listKey];
  if (!Array.isArray(list)) return undefined;
  const ids = new Set<string>();
  for (const item of list) if (isRecord(item) && typeof item.id === "string") ids.add(item.id);
  return ids.size > 0 ? ids : undefined;
}

function quoteList(values: Iterable<string>, max = 12): string {
  const all = [...values];
  const shown = all.slice(0, max).join(", ");
  return all.length > max ? `${shown}, … (${all.length} in all)` : shown;
}

// ---- checks on every file -----------------------------------------------------------------------

/** Keys present in the YAML that the schema does not know: they would be silently dropped (usually a typo). */
function checkUnknownKeys(raw: unknown, parsed: unknown, path: Path, report: Report): void {
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    for (let i = 0; i < Math.min(raw.length, parsed.length); i++) {
      checkUnknownKeys(raw[i], parsed[i], [...path, i], report);
    }
  } else if (isRecord(raw) && isRecord(parsed)) {
    for (const [k, v] of Object.entries(raw)) {
      if (k in parsed) checkUnknownKeys(v, parsed[k], [...path, k], report);
      else report([...path, k], `unknown key "${k}" (the schema ignores it; a typo?)`);
    }
  }
}

/** Within one list, no two entries share an `id` (or, for lists of options, a `value`). */
function checkDuplicateIds(data: unknown, report: Report): void {
  for (const { value, path } of walk(data)) {
    if (!Array.isArray(value)) continue;
    const field = value.some((item) => isRecord(item) && typeof item.id === "string")
      ? "id"
      : value.some((item) => isRecord(item) && typeof item.value === "string" && "label" in item)
        ? "value"
        : undefined;
    if (!field) continue;
    const first = new Map<string, number>();
    value.forEach((item, i) => {
      if (!isRecord(item) || typeof item[field] !== "string") return;
      const id = item[field];
      const at = first.get(id);
      if (at === undefined) first.set(id, i);
      else report([...path, i, field], `duplicate ${field} "${id}" (first at ${[...path, at].join(".")})`);
    });
  }
  // Lists of plain strings that are sets (objectiveIds, appliesTo, …) hold each value once.
  for (const { value, path } of walk(data)) {
    const key = path[path.length - 1];
    if (!Array.isArray(value) || typeof key !== "string" || !STRING_SET_KEYS.has(key)) continue;
    const seen = new Set<unknown>();
    value.forEach((item, i) => {
      if (seen.has(item)) report([...path, i], `"${String(item)}" is listed twice`);
      seen.add(item);
    });
  }
}
const STRING_SET_KEYS = new Set(["objectiveIds", "appliesTo", "parts", "in", "notIn", "source"]);

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

/** Localized text is never blank (the schema already refuses empty strings). */
function checkTexts(data: unknown, report: Report): void {
  for (const { value, path } of records(data)) {
    for (const [locale, language] of [
      ["ja", "Japanese"],
      ["en", "English"],
    ] as const) {
      const text = value[locale];
      if (typeof text === "string" && text.length > 0 && text.trim() === "") {
        report([...path, locale], `missing ${language} text (only blanks)`);
      }
    }
  }
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-](\d{2}):(\d{2}))$/;

/** Whether y-m-d is a day of the calendar. */
function isCalendarDay(y: number, m: number, d: number): boolean {
  const at = new Date(Date.UTC(y, m - 1, d));
  return at.getUTCFullYear() === y && at.getUTCMonth() === m - 1 && at.getUTCDate() === d;
}

/** Why a date-shaped string is not a real date or instant, or undefined when it is one (or not date-shaped). */
export function unrealDate(text: string): string | undefined {
  const match = DATE_RE.exec(text) ?? INSTANT_RE.exec(text);
  if (!match) return undefined;
  // Groups: year, month, day, then for an instant hour, minute, second, offset, offset hours, offset minutes.
  const n = (group: number) => Number(match[group] ?? 0);
  if (!isCalendarDay(n(1), n(2), n(3))) return `no such calendar day: ${text}`;
  if (n(4) > 23 || n(5) > 59 || n(6) > 59) return `no such time of day: ${text}`;
  if (n(8) > 14 || n(9) > 59) return `no such UTC offset: ${text}`;
  return undefined;
}

/** Every date and instant is a real one, and validFrom comes before validTo. */
function checkDates(data: unknown, report: Report): void {
  for (const { value, path } of walk(data)) {
    if (typeof value !== "string") continue;
    const why = unrealDate(value);
    if (why) report(path, why);
  }
  for (const { value, path } of records(data)) {
    const { validFrom, validTo } = value;
    if (typeof validFrom !== "string" || typeof validTo !== "string") continue;
    if (unrealDate(validFrom) || unrealDate(validTo)) continue;
    if (Date.parse(validFrom) >= Date.parse(validTo)) {
      report([...path, "validTo"], `validTo (${validTo}) must be after validFrom (${validFrom})`);
    }
  }
}

/** Dated FAQ answers use only known placeholders, and none for a date the special measure does not give. */
function checkFaqDates(
  faq: RuleSet["faq"],
  measure: RuleSet["specialMeasure"] | undefined,
  report: Report,
): void {
  const known = new Set<string>(FAQ_DATE_PLACEHOLDERS);
  faq.entries.forEach((entry, e) => {
    if (!entry.answerAt) return;
    for (const variant of ["before", "during", "after"] as const) {
      for (const locale of ["ja", "en"] as const) {
        const path = ["entries", e, "answerAt", variant, locale];
        for (const p of entry.answerAt[variant][locale].match(/\{[A-Za-z]+\}/g) ?? []) {
          if (!known.has(p)) report(path, `unknown placeholder ${p} (known: ${[...known].join(", ")})`);
          else if (p === "{periodLastDay}" && measure && measure.periodEnd.at === null)
            report(path, `${p} is used but special-measure.yml has no periodEnd.at`);
        }
      }
    }
  });
}

/** Every source can be looked up: it has a URL, or says why it has none. */
function checkSourceLinks(file: RuleSet["sources"], report: Report): void {
  file.sources.forEach((source, i) => {
    if (source.url === undefined && source.noUrlReason === undefined) {
      report(["sources", i], `source "${source.id}" has neither a url nor a noUrlReason`);
    }
  });
}

/** Every `source` (a string or a list of strings, anywhere) names an entry of sources.yml. */
function checkSourceRefs(data: unknown, sourceIds: Set<string>, report: Report): void {
  for (const { value, path } of walk(data)) {
    if (path[path.length - 1] !== "source") continue;
    const refs: [string, Path][] =
      typeof value === "string"
        ? [[value, path]]
        : Array.isArray(value)
          ? value.flatMap((v, i): [string, Path][] => (typeof v === "string" ? [[v, [...path, i]]] : []))
          : [];
    for (const [ref, at] of refs) {
      if (!sourceIds.has(ref)) report(at, `unknown source "${ref}" (not in sources.yml)`);
    }
  }
}

/** Every control objective referenced (any `objectiveIds` list) is in the objectives.yml catalogue. */
function checkObjectiveRefs(data: unknown, objectiveIds: Set<string>, report: Report): void {
  for (const { value, path } of walk(data)) {
    if (path[path.length - 1] !== "objectiveIds" || !Array.isArray(value)) continue;
    value.forEach((ref, i) => {
      if (typeof ref === "string" && !objectiveIds.has(ref)) {
        report([...path, i], `unknown control objective "${ref}" (not in objectives.yml)`);
      }
    });
  }
}

// ---- questionnaire conditions ---------------------------------------------------------------------

type Eligibility = RuleSet["eligibility"];

function questionOptions(eligibility: Eligibility): Map<string, { values: Set<string>; step: number }> {
  const targetIds = eligibility.targetBusinesses.map((b) => b.id);
  return new Map(
    eligibility.questions.map((q) => [
      q.id,
      {
        values: new Set([
          ...q.options.map((o) => o.value),
          ...(q.optionsFromTargetBusinesses ? targetIds : []),
        ]),
        step: q.step,
      },
    ]),
  );
}

/**
 * Every leaf condition (`{q, in}`, `{q, notIn}`, `{q, answered}`, in any file) names an existing question, and
 * its `in` / `notIn` values are options of that question (target business ids count when the question offers them).
 */
function checkConditions(data: unknown, eligibility: Eligibility, report: Report): void {
  const questions = questionOptions(eligibility);
  for (const { value, path } of records(data)) {
    if (typeof value.q !== "string" || !("in" in value || "notIn" in value || "answered" in value)) continue;
    const question = questions.get(value.q);
    if (!question) {
      report([...path, "q"], `unknown question "${value.q}" (not in eligibility.yml questions)`);
      continue;
    }
    for (const op of ["in", "notIn"] as const) {
      const values = value[op];
      if (!Array.isArray(values)) continue;
      values.forEach((v, i) => {
        if (typeof v !== "string" || question.values.has(v)) return;
        const options =
          question.values.size > 0 ? `options: ${quoteList(question.values)}` : "the question has no options";
        report([...path, op, i], `"${v}" is not an option of question "${value.q}" (${options})`);
      });
    }
  }
}

/** Contradictions point at a real question; askIf never depends on itself or on a later step. */
function checkQuestionnaire(eligibility: Eligibility, report: Report): void {
  const questions = questionOptions(eligibility);
  eligibility.contradictions.forEach((c, i) => {
    if (!questions.has(c.question)) {
      report(
        ["contradictions", i, "question"],
        `unknown question "${c.question}" (not in eligibility.yml questions)`,
      );
    }
  });

  const dependsOn = new Map<string, string[]>();
  eligibility.questions.forEach((q, i) => {
    if (!q.askIf) return;
    const refs = new Set<string>();
    for (const { value } of records(q.askIf)) if (typeof value.q === "string") refs.add(value.q);
    dependsOn.set(q.id, [...refs]);
    for (const ref of refs) {
      const other = questions.get(ref);
      if (ref === q.id) report(["questions", i, "askIf"], `askIf of "${q.id}" depends on its own answer`);
      else if (other && other.step > q.step) {
        report(
          ["questions", i, "askIf"],
          `askIf of "${q.id}" (step ${q.step}) depends on "${ref}", asked later (step ${other.step})`,
        );
      }
    }
  });
  // Cycles longer than one question (a → b → a).
  const state = new Map<string, "open" | "done">();
  const reported = new Set<string>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === "done") return;
    if (state.get(id) === "open") {
      const cycle = [...trail.slice(trail.indexOf(id)), id];
      const key = [...new Set(cycle)].sort().join(",");
      if (cycle.length > 2 && !reported.has(key)) {
        reported.add(key);
        const i = eligibility.questions.findIndex((q) => q.id === id);
        report(["questions", i, "askIf"], `askIf conditions form a cycle: ${cycle.join(" → ")}`);
      }
      return;
    }
    state.set(id, "open");
    for (const next of dependsOn.get(id) ?? []) if (next !== id) visit(next, [...trail, id]);
    state.set(id, "done");
  };
  for (const q of eligibility.questions) visit(q.id, []);
}

// ---- file-specific consistency ------------------------------------------------------------------------

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
