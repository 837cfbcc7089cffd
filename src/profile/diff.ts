/**
 * A small structural diff of two JSON values, for profile history: one change per differing leaf, with a dotted
 * path. Arrays whose items all carry a string `id` (audits) are matched by id, so an added or removed audit is one
 * change `audits.external[id=A1]` rather than a shifted list.
 */

export interface Change {
  /** Dotted path, e.g. `service.name`, `audits.external[id=A1].date`, `editors`. */
  path: string;
  /** Absent when the value did not exist before (an addition). */
  before?: unknown;
  /** Absent when the value no longer exists (a removal). */
  after?: unknown;
}

type Json = Record<string, unknown>;

function isPlainObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hasIds(items: unknown[]): items is Array<Json & { id: string }> {
  return items.every((item) => isPlainObject(item) && typeof item.id === "string");
}

/** Deep equality of JSON values (key order ignored). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, index) => jsonEqual(item, b[index]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!jsonEqual(a[key], b[key])) return false;
    return true;
  }
  return false;
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}

function change(path: string, before: unknown, after: unknown): Change {
  const entry: Change = { path };
  if (before !== undefined) entry.before = before;
  if (after !== undefined) entry.after = after;
  return entry;
}

/** The changes that turn `before` into `after`; empty when they are equal. */
export function diffValues(before: unknown, after: unknown, path = ""): Change[] {
  if (jsonEqual(before, after)) return [];
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => diffValues(before[key], after[key], join(path, key)));
  }
  if (Array.isArray(before) && Array.isArray(after) && hasIds(before) && hasIds(after)) {
    return diffById(before, after, path);
  }
  return [change(path, before, after)];
}

function diffById(before: Array<Json & { id: string }>, after: Array<Json & { id: string }>, path: string) {
  const old = new Map(before.map((item) => [item.id, item]));
  const changes: Change[] = [];
  const seen = new Set<string>();
  for (const item of after) {
    seen.add(item.id);
    changes.push(...diffValues(old.get(item.id), item, `${path}[id=${item.id}]`));
  }
  for (const item of before)
    if (!seen.has(item.id)) changes.push(change(`${path}[id=${item.id}]`, item, undefined));
  return changes;
}
