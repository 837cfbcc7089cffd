/** Cross-checks of questionnaire conditions: real questions and options; askIf never on itself, later or in a cycle. */

import { quoteList, type Report, records } from "./cross-check-walk.js";
import type { RuleSet } from "./schema.js";

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
export function checkConditions(data: unknown, eligibility: Eligibility, report: Report): void {
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
export function checkQuestionnaire(eligibility: Eligibility, report: Report): void {
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
