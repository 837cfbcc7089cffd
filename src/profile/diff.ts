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

/** What a history entry did, in the profile's own terms: the changes of one save grouped by what they are about. */
export type HistoryEvent =
  | { kind: "audit_added" | "audit_removed"; list: "internal" | "external"; audit: Json }
  | { kind: "audit_changed"; list: "internal" | "external"; id: string; changes: Change[] }
  /** The saved verdict: before and after (undefined when there was none / it was removed). */
  | { kind: "verdict"; before?: string; after?: string }
  | { kind: "editors"; added: string[]; removed: string[] }
  | { kind: "field"; field: string; before?: unknown; after?: unknown };

const AUDIT_PATH = /^audits\.(internal|external)\[id=([^\]]*)\](?:\.(.*))?$/;

function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The verdict a value at `path` (eligibility, eligibility.result or eligibility.result.verdict) holds. */
function verdictAt(path: string, value: unknown): string | undefined {
  let v = value;
  if (path === "eligibility") v = isPlainObject(v) ? v.result : undefined;
  if (path === "eligibility" || path === "eligibility.result") v = isPlainObject(v) ? v.verdict : undefined;
  return typeof v === "string" ? v : undefined;
}

/**
 * Groups the changes of one save into events: an audit added or removed (whole), an audit changed (its field
 * changes together), the verdict saved or changed (answers and result together, as one event), editors added or
 * removed, and every other field on its own.
 */
export function historyEvents(changes: readonly Change[]): HistoryEvent[] {
  const events: HistoryEvent[] = [];
  const changed = new Map<string, Extract<HistoryEvent, { kind: "audit_changed" }>>();
  let verdict: Extract<HistoryEvent, { kind: "verdict" }> | undefined;
  for (const c of changes) {
    const audit = AUDIT_PATH.exec(c.path);
    if (audit) {
      const list = audit[1] as "internal" | "external";
      const id = audit[2] ?? "";
      if (audit[3] === undefined && c.before === undefined && isPlainObject(c.after)) {
        events.push({ kind: "audit_added", list, audit: c.after });
      } else if (audit[3] === undefined && c.after === undefined && isPlainObject(c.before)) {
        events.push({ kind: "audit_removed", list, audit: c.before });
      } else {
        const key = `${list}:${id}`;
        let event = changed.get(key);
        if (!event) {
          event = { kind: "audit_changed", list, id, changes: [] };
          changed.set(key, event);
          events.push(event);
        }
        event.changes.push(c);
      }
      continue;
    }
    if (c.path === "eligibility" || c.path.startsWith("eligibility.")) {
      if (!verdict) {
        verdict = { kind: "verdict" };
        events.push(verdict);
      }
      const was = verdictAt(c.path, c.before);
      const is = verdictAt(c.path, c.after);
      if (was !== undefined) verdict.before = was;
      if (is !== undefined) verdict.after = is;
      continue;
    }
    if (c.path === "editors") {
      const was = stringsOf(c.before);
      const is = stringsOf(c.after);
      events.push({
        kind: "editors",
        added: is.filter((u) => !was.includes(u)),
        removed: was.filter((u) => !is.includes(u)),
      });
      continue;
    }
    events.push({
      kind: "field",
      field: c.path,
      ...(c.before !== undefined ? { before: c.before } : {}),
      ...(c.after !== undefined ? { after: c.after } : {}),
    });
  }
  return events;
}
