/**
 * Prints how many characters a person reads in each answer (answer-kinds.ts, `readLength`), for the named profiles
 * and as the maximum over generated ones, in Japanese and English: `npx tsx test/messages/answer-lengths.ts`.
 */
import fc from "fast-check";
import type { Locale } from "../../src/i18n/translator.js";
import {
  answersFor,
  asOfArb,
  leadOf,
  MEASURE_AT,
  NAMED_PROFILES,
  profileArb,
  readLength,
} from "./answer-kinds.js";

const LOCALES: Locale[] = ["ja", "en"];
const rows = new Map<string, Record<string, number>>();
const put = (kind: string, column: string, n: number) => {
  const row = rows.get(kind) ?? {};
  row[column] = Math.max(row[column] ?? 0, n);
  rows.set(kind, row);
};
for (const locale of LOCALES) {
  for (const [name, profile] of Object.entries(NAMED_PROFILES)) {
    for (const [kind, message] of answersFor(profile, locale, MEASURE_AT))
      put(kind, `${name} ${locale}`, readLength(message));
  }
  const samples = fc.sample(fc.tuple(profileArb, asOfArb), { numRuns: 150, seed: 13 });
  for (const [profile, asOf] of samples) {
    for (const [kind, message] of answersFor(profile, locale, asOf))
      put(kind, `max lead ${locale}`, readLength(leadOf(message)));
    for (const [kind, message] of answersFor(profile, locale, asOf))
      put(kind, `max gen ${locale}`, readLength(message));
  }
}
const columns = [...new Set([...rows.values()].flatMap((r) => Object.keys(r)))];
console.log(["kind", ...columns].join("\t"));
for (const [kind, row] of rows) console.log([kind, ...columns.map((c) => row[c] ?? "")].join("\t"));
