/**
 * The text `npm run faq:report` prints: the questions people marked unhelpful, per language, the most often
 * marked first, with how many times, on which surfaces and under which rules versions. Pure.
 */
import type { UnhelpfulAnswer } from "./repository.js";

interface Row {
  question: string;
  count: number;
  versions: Set<string>;
  surfaces: Set<string>;
  last: string;
}

function key(question: string): string {
  return question.normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase();
}

export function unhelpfulReport(entries: readonly UnhelpfulAnswer[]): string {
  if (entries.length === 0) return "No answers have been marked unhelpful.\n";
  const out: string[] = [];
  for (const locale of ["ja", "en"] as const) {
    const rows = new Map<string, Row>();
    for (const e of entries) {
      if (e.locale !== locale) continue;
      const k = key(e.question);
      const row = rows.get(k) ?? {
        question: e.question,
        count: 0,
        versions: new Set(),
        surfaces: new Set(),
        last: e.at,
      };
      row.count += 1;
      row.versions.add(e.rulesVersion);
      row.surfaces.add(e.surface);
      if (e.at > row.last) row.last = e.at;
      rows.set(k, row);
    }
    const sorted = [...rows.values()].sort((a, b) => b.count - a.count || b.last.localeCompare(a.last));
    const total = sorted.reduce((n, r) => n + r.count, 0);
    out.push(
      `## ${locale} — ${total} unhelpful mark${total === 1 ? "" : "s"}, ${sorted.length} question${sorted.length === 1 ? "" : "s"}`,
    );
    for (const r of sorted) {
      // One line per question: line breaks and control characters a person typed (a terminal escape sequence)
      // must neither break the report's layout nor reach the operator's terminal.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed here
      const question = r.question.replace(/[\u0000-\u001f\u007f-\u009f]+/g, " ").replace(/ {2,}/g, " ");
      out.push(
        `${String(r.count).padStart(4)}×  ${question}  [rules ${[...r.versions].sort().join(", ")}; ${[...r.surfaces].sort().join(", ")}; last ${r.last.slice(0, 10)}]`,
      );
    }
    out.push("");
  }
  return `${out.join("\n")}\n`.replace(/\n\n\n$/, "\n\n");
}
