import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { CORE_SCHEMA, load as parseYaml } from "js-yaml";
import type { core } from "zod";
import { crossCheck, type RuleKey, type RulesProblem } from "./cross-check.js";
import { RULE_FILES, type RuleSet } from "./schema.js";

export type { RulesProblem } from "./cross-check.js";

/** One thing wrong with the rules data: which file, where in it (dotted path), and why. */
export class RulesError extends Error {
  constructor(readonly problems: RulesProblem[]) {
    super(
      `rules data is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n${problems.map(formatProblem).join("\n")}`,
    );
    this.name = "RulesError";
  }
}

/** `file: path: reason`, the one-line form the CLI prints. */
export function formatProblem(p: RulesProblem): string {
  return `${p.file}: ${p.path || "(root)"}: ${p.reason}`;
}

/** Reads, validates and cross-checks every file of a rules directory; throws RulesError listing every problem. */
export function loadRules(dir: string): RuleSet {
  const { rules, problems } = readRules(dir);
  if (!rules) throw new RulesError(problems);
  return rules;
}

/** Every problem of a rules directory: schema, then cross-file checks. Empty when the rules are fine. */
export function checkRules(dir: string): RulesProblem[] {
  return readRules(dir).problems;
}

/** Reads a rules directory; `rules` is set only when there is no problem at all. */
export function readRules(dir: string): { rules: RuleSet | undefined; problems: RulesProblem[] } {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return { rules: undefined, problems: [{ file: dir, path: "", reason: "rules directory not found" }] };
  }
  const problems: RulesProblem[] = [];
  const raw: Partial<Record<RuleKey, unknown>> = {};
  const parsed: Partial<Record<RuleKey, unknown>> = {};
  for (const [key, { file, schema }] of Object.entries(RULE_FILES) as [
    RuleKey,
    (typeof RULE_FILES)[RuleKey],
  ][]) {
    let text: string;
    try {
      text = readFileSync(join(dir, file), "utf8");
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
      problems.push({ file, path: "", reason: missing ? "file not found" : firstLine(error, "unreadable") });
      continue;
    }
    try {
      // YAML 1.2's core schema: dates and yes/no stay strings. js-yaml parses the rules about 5× faster than the
      // yaml package (50 against 250 ms at start, the same values for every file); tests still write YAML with it.
      raw[key] = parseYaml(text, { schema: CORE_SCHEMA, filename: file });
    } catch (error) {
      problems.push({ file, path: "", reason: `not valid YAML: ${yamlReason(error)}` });
      continue;
    }
    const result = schema.safeParse(raw[key], { reportInput: true });
    if (!result.success) {
      for (const issue of result.error.issues) problems.push(describeIssue(file, issue, []));
      continue;
    }
    parsed[key] = result.data;
  }
  problems.push(...crossCheck(parsed as Partial<RuleSet>, raw));
  if (problems.length > 0) return { rules: undefined, problems: sortProblems(dedupe(problems)) };
  return { rules: parsed as RuleSet, problems: [] };
}

/** js-yaml's reason and where (1-based line and column), without its excerpt of the file. */
function yamlReason(error: unknown): string {
  const { reason, mark } = error as { reason?: unknown; mark?: { line?: unknown; column?: unknown } };
  if (typeof reason !== "string" || typeof mark?.line !== "number" || typeof mark.column !== "number") {
    return firstLine(error, "unparsable");
  }
  return `${reason} at line ${mark.line + 1}, column ${mark.column + 1}`;
}

function firstLine(error: unknown, fallback: string): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]?.replace(/:$/, "") || fallback;
}

const LANGUAGE: Record<string, string> = { ja: "Japanese", en: "English" };

/**
 * One zod issue as a problem with a precise path. A missing `ja`/`en` says "missing Japanese/English text"
 * (zod itself only says so for an empty string; YAML's `en:` with nothing after it is null), and a value matching no branch of a union reports the branch
 * it nearly matched when there is one.
 */
function describeIssue(file: string, issue: core.$ZodIssue, base: PropertyKey[]): RulesProblem {
  const path = [...base, ...issue.path];
  const at = path.map(String).join(".");
  if (issue.code === "invalid_union" && issue.errors.length > 0) {
    const nearest = [...issue.errors].sort((a, b) => a.length - b.length)[0];
    if (nearest && nearest.length === 1 && nearest[0]) return describeIssue(file, nearest[0], path);
    return { file, path: at, reason: "matches none of the allowed shapes" };
  }
  if (issue.code === "invalid_type" && (issue.input === undefined || issue.input === null)) {
    const last = path[path.length - 1];
    const language = typeof last === "string" ? LANGUAGE[last] : undefined;
    const reason = language ? `missing ${language} text` : `missing (expected ${issue.expected})`;
    return { file, path: at, reason };
  }
  return { file, path: at, reason: issue.message };
}

function dedupe(problems: RulesProblem[]): RulesProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatProblem(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const FILE_RANK = new Map<string, number>(Object.values(RULE_FILES).map((f, i) => [f.file, i]));

/** In the order of RULE_FILES, keeping each file's problems in the order found. */
function sortProblems(problems: RulesProblem[]): RulesProblem[] {
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => (FILE_RANK.get(a.p.file) ?? -1) - (FILE_RANK.get(b.p.file) ?? -1) || a.i - b.i)
    .map(({ p }) => p);
}
