import type { Locale } from "../i18n/locale.js";
import type { ControlObjective, RuleSet } from "./schema.js";

/**
 * The control objective catalogue (rules/objectives.yml): lookup by id, ordering, and the search behind the
 * Slack objective picker. Indexes are built once per loaded rules object and cached.
 */

type ObjectivesRules = Pick<RuleSet, "objectives">;

export interface ObjectiveCatalogue {
  /** Every objective, in catalogue (criteria) order. */
  readonly all: readonly ControlObjective[];
  /** Every objective id, in catalogue order. */
  readonly ids: readonly string[];
  readonly byId: ReadonlyMap<string, ControlObjective>;
  /** Position of each id in catalogue order, for sorting. */
  readonly position: ReadonlyMap<string, number>;
}

interface SearchEntry {
  objective: ControlObjective;
  id: string;
  ja: string;
  en: string;
  /** Labels, category and domain, for multi-word queries. */
  text: string;
  /** Category and domain names. */
  groups: string;
}

interface Index extends ObjectiveCatalogue {
  readonly entries: readonly SearchEntry[];
  /** Normalised id (lower case) → objective. */
  readonly byNormalizedId: ReadonlyMap<string, ControlObjective>;
}

const indexes = new WeakMap<object, Index>();

function indexOf(rules: ObjectivesRules): Index {
  const cached = indexes.get(rules.objectives);
  if (cached) return cached;
  const all = rules.objectives.objectives;
  const entries = all.map((objective): SearchEntry => {
    const id = normalizeQuery(objective.id);
    const ja = normalizeQuery(objective.label.ja);
    const en = normalizeQuery(objective.label.en);
    const groups = normalizeQuery(`${objective.category} ${objective.domain}`);
    return { objective, id, ja, en, groups, text: `${ja} ${en} ${groups}` };
  });
  const index: Index = {
    all,
    ids: all.map((o) => o.id),
    byId: new Map(all.map((o) => [o.id, o])),
    position: new Map(all.map((o, i) => [o.id, i])),
    entries,
    byNormalizedId: new Map(entries.map((e) => [e.id, e.objective])),
  };
  indexes.set(rules.objectives, index);
  return index;
}

/** The catalogue with its indexes (cached per rules object: do not mutate loaded rules). */
export function objectiveCatalogue(rules: ObjectivesRules): ObjectiveCatalogue {
  return indexOf(rules);
}

/**
 * Normalises text for matching: NFKC (full-width digits and dots, half-width kana), lower case, single spaces.
 * "９．２．３" → "9.2.3", "Ａｃｃｅｓｓ" → "access".
 */
export function normalizeQuery(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
}

/** A query or id in normalised form with an ISO Annex A style prefix ("A.9.2.3") removed. */
function normalizeIdLike(text: string): string {
  return normalizeQuery(text)
    .replace(/^a\.(?=\d)/, "")
    .replace(/\s*\.\s*/g, ".");
}

/** Looks an objective up by id; tolerant of width, case and an "A." prefix ("６.３.１.p" finds 6.3.1.P). */
export function findObjective(rules: ObjectivesRules, id: string): ControlObjective | undefined {
  const index = indexOf(rules);
  return index.byId.get(id) ?? index.byNormalizedId.get(normalizeIdLike(id));
}

/** Orders objective ids as the criteria do: numerically by part, the cloud-specific ".P" after the plain one. */
export function compareObjectiveIds(a: string, b: string): number {
  const pa = a.split(".");
  const pb = b.split(".");
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === y) continue;
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = Number(x);
    const ny = Number(y);
    if (Number.isInteger(nx) && Number.isInteger(ny)) return nx - ny;
    if (Number.isInteger(nx)) return -1;
    if (Number.isInteger(ny)) return 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

/** "9.2.3 特権IDの割当てと管理": the id and the short label, as a picker option shows it. */
export function objectiveText(objective: ControlObjective, locale: Locale): string {
  return `${objective.id} ${objective.label[locale]}`;
}

/**
 * How a search result matched, best first:
 * - `id`: the query is the objective's id, or a detailed control id under it ("9.2.3.11.PB" → 9.2.3);
 * - `id_prefix`: the query is a leading part of the id ("9.2" → 9.2.1 … 9.2.6; "6.3.1" → 6.3.1.P);
 * - `id_start`: the id starts with the query's characters ("1" → 10.x, 11.x …);
 * - `label_start`: a label (ja or en) starts with the query;
 * - `label`: a label contains the query;
 * - `words`: category or domain name contains the query, or every word matches: a word that reads as an id
 *   ("9.2") must lead the id, any other word must appear in a label, category or domain ("9.2 review");
 * - `all`: empty query, everything in catalogue order.
 */
export type ObjectiveMatchKind = "id" | "id_prefix" | "id_start" | "label_start" | "label" | "words" | "all";

export interface ObjectiveMatch {
  objective: ControlObjective;
  match: ObjectiveMatchKind;
}

export interface SearchOptions {
  /** At most this many results (Slack option lists take 100). Default 100. */
  limit?: number;
  /** Labels in this language rank before equal matches in the other. Default "ja". */
  locale?: Locale;
}

const KIND_RANK: Record<ObjectiveMatchKind, number> = {
  id: 0,
  id_prefix: 1,
  id_start: 2,
  label_start: 3,
  label: 4,
  words: 5,
  all: 6,
};

/** A word of the query that reads as (part of) an objective id: "9", "9.2", "6.3.1.p". */
const ID_FRAGMENT = /^\d{1,2}(\.\d{1,2}){0,2}(\.p)?\.?$/;

const DETAILED_CONTROL = /^(\d{1,2}\.\d{1,2}\.\d{1,2})\.\d+(\.[a-z]+)?$/;

/**
 * Searches the catalogue by id or label text, case- and width-insensitively (NFKC). Results come ranked:
 * exact id, then id prefix, then label matches (the requested locale first), then looser word matches; ties keep
 * catalogue order. An empty query lists the catalogue.
 */
export function searchObjectives(
  rules: ObjectivesRules,
  query: string,
  options: SearchOptions = {},
): ObjectiveMatch[] {
  const index = indexOf(rules);
  const limit = options.limit ?? 100;
  const locale = options.locale ?? "ja";
  if (limit <= 0) return [];
  const q = normalizeQuery(query);
  if (q === "") return index.all.slice(0, limit).map((objective) => ({ objective, match: "all" }));

  const idQuery = normalizeIdLike(q);
  const detailed = DETAILED_CONTROL.exec(idQuery);
  const parentIds = detailed ? new Set([detailed[1], `${detailed[1]}.p`]) : undefined;
  // Each word: an id prefix ending in "." when it reads as an id, else text to find.
  const words = q.split(" ").map((word): { idPrefix?: string; text: string } => {
    const asId = normalizeIdLike(word);
    return ID_FRAGMENT.test(asId)
      ? { idPrefix: asId.endsWith(".") ? asId : `${asId}.`, text: word }
      : { text: word };
  });
  const wordsMatch = (entry: SearchEntry) =>
    words.every((w) =>
      w.idPrefix === undefined ? entry.text.includes(w.text) : `${entry.id}.`.startsWith(w.idPrefix),
    );

  const ranked: { match: ObjectiveMatch; rank: number; order: number }[] = [];
  index.entries.forEach((entry, order) => {
    let kind: ObjectiveMatchKind | undefined;
    let otherLocale = false;
    if (entry.id === idQuery || parentIds?.has(entry.id)) kind = "id";
    else if (entry.id.startsWith(idQuery.endsWith(".") ? idQuery : `${idQuery}.`)) kind = "id_prefix";
    else if (entry.id.startsWith(idQuery)) kind = "id_start";
    else {
      const mine = locale === "ja" ? entry.ja : entry.en;
      const theirs = locale === "ja" ? entry.en : entry.ja;
      if (mine.startsWith(q)) kind = "label_start";
      else if (theirs.startsWith(q)) [kind, otherLocale] = ["label_start", true];
      else if (mine.includes(q)) kind = "label";
      else if (theirs.includes(q)) [kind, otherLocale] = ["label", true];
      else if (entry.groups.includes(q) || wordsMatch(entry)) kind = "words";
    }
    if (kind === undefined) return;
    ranked.push({
      match: { objective: entry.objective, match: kind },
      rank: KIND_RANK[kind] * 2 + (otherLocale ? 1 : 0),
      order,
    });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.order - b.order);
  return ranked.slice(0, limit).map((r) => r.match);
}
