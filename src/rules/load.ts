import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { RULE_FILES, type RuleSet } from "./schema.js";

/** One thing wrong with the rules data: which file, where in it, and why. */
export interface RulesProblem {
  file: string;
  path: string;
  reason: string;
}

export class RulesError extends Error {
  constructor(readonly problems: RulesProblem[]) {
    super(`rules data is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map(formatProblem).join("\n")}`);
    this.name = "RulesError";
  }
}

export function formatProblem(p: RulesProblem): string {
  return `${p.file}: ${p.path || "(root)"}: ${p.reason}`;
}

/** Reads and validates every file of a rules directory; throws RulesError listing every problem. */
export function loadRules(dir: string): RuleSet {
  const problems: RulesProblem[] = [];
  const loaded: Partial<Record<keyof RuleSet, unknown>> = {};
  for (const [key, { file, schema }] of Object.entries(RULE_FILES) as [keyof RuleSet, (typeof RULE_FILES)[keyof RuleSet]][]) {
    let raw: unknown;
    try {
      raw = parse(readFileSync(join(dir, file), "utf8"));
    } catch (error) {
      problems.push({ file, path: "", reason: error instanceof Error ? error.message.split("\n")[0] ?? "unreadable" : "unreadable" });
      continue;
    }
    const result = schema.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push({ file, path: issue.path.join("."), reason: issue.message });
      }
      continue;
    }
    loaded[key] = result.data;
  }
  if (problems.length > 0) throw new RulesError(problems);
  return loaded as RuleSet;
}
