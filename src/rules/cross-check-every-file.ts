/** Cross-checks run on every rules file: unknown keys, repeated ids, blank texts, source and objective references. */
import { isRecord, type Path, type Report, records, walk } from "./cross-check-walk.js";

/** Keys present in the YAML that the schema does not know: they would be silently dropped (usually a typo). */
export function checkUnknownKeys(raw: unknown, parsed: unknown, path: Path, report: Report): void {
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
export function checkDuplicateIds(data: unknown, report: Report): void {
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

/** Localized text is never blank (the schema already refuses empty strings). */
export function checkTexts(data: unknown, report: Report): void {
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

/** Every `source` (a string or a list of strings, anywhere) names an entry of sources.yml. */
export function checkSourceRefs(data: unknown, sourceIds: Set<string>, report: Report): void {
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
export function checkObjectiveRefs(data: unknown, objectiveIds: Set<string>, report: Report): void {
  for (const { value, path } of walk(data)) {
    if (path[path.length - 1] !== "objectiveIds" || !Array.isArray(value)) continue;
    value.forEach((ref, i) => {
      if (typeof ref === "string" && !objectiveIds.has(ref)) {
        report([...path, i], `unknown control objective "${ref}" (not in objectives.yml)`);
      }
    });
  }
}
