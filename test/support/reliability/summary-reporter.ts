/**
 * Prints the reliability summary after the run: per category, cases tried, handled as specified, crashed, lost
 * (and answered other than specified, and known limitations), from the counts the tests leave in their `meta`.
 * Sets a failing exit code if any case crashed or was lost, even if its test somehow passed.
 */
import type { Reporter, TestModule } from "vitest/node";
import { emptyCounts, type TallyCounts } from "./tally.js";

const ORDER = [
  "Requests",
  "Bad input",
  "Store faults",
  "Slack faults",
  "Concurrency",
  "Restart",
  "Isolation",
  "Safe text",
];

export default class ReliabilitySummary implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const byCategory = new Map<string, TallyCounts>();
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        for (const counts of test.meta().reliability ?? []) {
          const into = byCategory.get(counts.category) ?? emptyCounts(counts.category);
          for (const key of ["tried", "handled", "other", "crashed", "lost", "known"] as const) {
            into[key] += counts[key];
          }
          into.problems.push(...counts.problems);
          for (const note of counts.notes) if (!into.notes.includes(note)) into.notes.push(note);
          byCategory.set(counts.category, into);
        }
      }
    }
    if (byCategory.size === 0) return;
    const rows = [...byCategory.values()].sort(
      (a, b) => rank(a.category) - rank(b.category) || a.category.localeCompare(b.category),
    );
    const total = rows.reduce(
      (sum, r) => ({
        tried: sum.tried + r.tried,
        handled: sum.handled + r.handled,
        other: sum.other + r.other,
        crashed: sum.crashed + r.crashed,
        lost: sum.lost + r.lost,
        known: sum.known + r.known,
      }),
      { tried: 0, handled: 0, other: 0, crashed: 0, lost: 0, known: 0 },
    );
    const header = ["category", "tried", "handled", "crashed", "lost", "not as specified", "known limits"];
    const lines = [
      ...rows.map((r) => [r.category, r.tried, r.handled, r.crashed, r.lost, r.other, r.known].map(String)),
      ["total", total.tried, total.handled, total.crashed, total.lost, total.other, total.known].map(String),
    ];
    const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? "").length)));
    const format = (cells: string[]) =>
      `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" | ")} |`;
    const out = [
      "",
      "Reliability summary",
      format(header),
      `| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`,
      ...lines.map(format),
    ];
    const notes = rows.flatMap((r) => r.notes.map((n) => `- ${r.category}: ${n}`));
    if (notes.length > 0) out.push("", "Known limitations (counted, not failing):", ...notes);
    const problems = rows.flatMap((r) => r.problems.map((p) => `- ${r.category}: ${p}`));
    if (problems.length > 0) out.push("", "Problems:", ...problems);
    const failed = total.crashed > 0 || total.lost > 0 || total.other > 0;
    out.push("", failed ? "RELIABILITY: FAILED" : "RELIABILITY: every case handled as specified", "");
    console.log(out.join("\n"));
    if (failed) process.exitCode = 1;
  }
}

function rank(category: string): number {
  const i = ORDER.indexOf(category);
  return i < 0 ? ORDER.length : i;
}
