/**
 * `npm run rules:check [dir]`: validates a rules directory (the argument, else RULES_DIR, else rules/ under the
 * current directory). Prints a summary and exits 0 when the rules are fine; prints every problem as
 * `file: path: reason` on stderr and exits 1 otherwise; exits 2 on a usage or unexpected error. No stack traces.
 */
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { formatProblem, readRules } from "./load.js";
import { RULE_FILES } from "./schema.js";

export interface CheckOutput {
  code: 0 | 1 | 2;
  stdout: string[];
  stderr: string[];
}

const USAGE = "usage: rules:check [rules-dir]   (default: $RULES_DIR, else rules/)";

/** The whole CLI as a function of its arguments, environment and working directory. */
export function runCheck(args: readonly string[], env: NodeJS.ProcessEnv, cwd: string): CheckOutput {
  if (args.includes("-h") || args.includes("--help")) return { code: 0, stdout: [USAGE], stderr: [] };
  if (args.length > 1) return { code: 2, stdout: [], stderr: [USAGE] };
  const dir = resolve(cwd, args[0] || env.RULES_DIR || "rules");
  const { rules, problems } = readRules(dir);
  if (!rules) {
    const n = problems.length;
    return {
      code: 1,
      stdout: [],
      stderr: [...problems.map(formatProblem), `${n} problem${n === 1 ? "" : "s"} in ${dir}`],
    };
  }
  const counts = [
    `${rules.sources.sources.length} sources`,
    `${rules.eligibility.questions.length} questions`,
    `${rules.objectives.objectives.length} objectives`,
    `${rules.faq.entries.length} faq entries`,
  ];
  return {
    code: 0,
    stdout: [
      `ok: ${Object.keys(RULE_FILES).length} files, rules version ${rules.meta.version}`,
      `  ${counts.join(", ")} (${dir})`,
    ],
    stderr: [],
  };
}

function main(): void {
  let out: CheckOutput;
  try {
    out = runCheck(process.argv.slice(2), process.env, process.cwd());
  } catch (error) {
    out = {
      code: 2,
      stdout: [],
      stderr: [`rules:check: ${error instanceof Error ? error.message : String(error)}`],
    };
  }
  for (const line of out.stdout) process.stdout.write(`${line}\n`);
  for (const line of out.stderr) process.stderr.write(`${line}\n`);
  process.exitCode = out.code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
