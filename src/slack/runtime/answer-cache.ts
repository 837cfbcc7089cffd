/**
 * Finished answers to read-only `/ismap` subcommands, kept in memory so that a question asked again is answered in
 * the acknowledgement itself, with no store read and no call to Slack. An answer depends on the team's profile, the
 * person's language, the rules loaded and the day in Japan. It is dropped when the JST day ends, when the profile
 * or the person's preferences change (the store's change feed, from any instance), and at the latest `maxAgeMs`
 * after it was built: the bound on how long a change notice lost between instances can leave an answer stale.
 * While the feed cannot vouch for other instances' changes (Redis subscription down), nothing is served from here.
 */
import type { Locale } from "../../i18n/locale.js";
import { startOfJstDay, toJstDate } from "../../lib/time.js";
import { type ChangeFeed, EVERYTHING } from "../../store/change-feed.js";
import { type TeamKey, teamScope } from "../../store/keys.js";
import type { SlackMessage } from "../views/messages/index.js";

export const DEFAULT_ANSWER_CACHE_SECONDS = 60;
export const DEFAULT_MAX_AGE_MS = DEFAULT_ANSWER_CACHE_SECONDS * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_LOCALES_PER_TEAM = 1_000;

interface Entry<T> {
  value: T;
  /** Valid from (inclusive) and until (exclusive), as epoch milliseconds on the app's clock. */
  from: number;
  until: number;
}

interface TeamEntries {
  /** The change count when the team last changed: a value computed from a snapshot before it is not kept. */
  changedAt: number;
  answers: Map<string, Entry<SlackMessage>>;
  locales: Map<string, Entry<Locale>>;
}

/** What a value was computed from: pass it back to `remember…` so a change in between is not overwritten. */
export interface Snapshot {
  readonly scope: string;
  /** Changes seen (of any team) when the snapshot was taken. */
  readonly changes: number;
}

export interface AnswerCacheOptions {
  clock: () => Date;
  changes: ChangeFeed;
  maxAgeMs?: number;
  /** Teams kept at most; the least recently used go first. */
  maxTeams?: number;
  /** Answers kept per team at most (questions asked with `ask` differ); the least recently used go first. */
  maxAnswersPerTeam?: number;
}

export class AnswerCache {
  readonly #teams = new Map<string, TeamEntries>();
  readonly #clock: () => Date;
  readonly #changes: ChangeFeed;
  readonly #maxAgeMs: number;
  readonly #maxTeams: number;
  readonly #maxAnswers: number;
  readonly #unsubscribe: () => void;
  /** Changes seen so far, of any team. */
  #changeCount = 0;
  /** The latest change of a team no longer held (evicted, or everything dropped): a snapshot before it stores nothing. */
  #forgottenChangeAt = 0;

  constructor(options: AnswerCacheOptions) {
    this.#clock = options.clock;
    this.#changes = options.changes;
    this.#maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    // An answer is 2–4 KB and lives at most a minute: 500 teams × 16 answers is at most about 32 MB.
    this.#maxTeams = options.maxTeams ?? 500;
    this.#maxAnswers = options.maxAnswersPerTeam ?? 16;
    this.#unsubscribe = this.#changes.subscribe((topic) => this.#onChange(topic));
  }

  /** The person's language as last resolved, if still trusted. */
  locale(team: TeamKey, userId: string): Locale | undefined {
    return this.#read(team, (entries) => entries.locales, userId);
  }

  /** The finished answer to `question` (a subcommand and its arguments) in `locale`, if still trusted. */
  answer(team: TeamKey, locale: Locale, question: string): SlackMessage | undefined {
    return this.#read(team, (entries) => entries.answers, `${locale}\u0000${question}`);
  }

  /** Take before reading what a value is computed from. */
  snapshot(team: TeamKey): Snapshot {
    return { scope: teamScope(team), changes: this.#changeCount };
  }

  rememberLocale(snapshot: Snapshot, userId: string, locale: Locale, computedAt: Date): void {
    const entries = this.#writable(snapshot);
    if (entries) remember(entries.locales, userId, this.#entry(locale, computedAt), MAX_LOCALES_PER_TEAM);
  }

  rememberAnswer(
    snapshot: Snapshot,
    locale: Locale,
    question: string,
    message: SlackMessage,
    computedAt: Date,
  ): void {
    const entries = this.#writable(snapshot);
    if (entries) {
      remember(
        entries.answers,
        `${locale}\u0000${question}`,
        this.#entry(message, computedAt),
        this.#maxAnswers,
      );
    }
  }

  close(): void {
    this.#unsubscribe();
    this.#teams.clear();
  }

  #entry<T>(value: T, computedAt: Date): Entry<T> {
    const at = computedAt.getTime();
    const nextDay = startOfJstDay(toJstDate(computedAt)).getTime() + DAY_MS;
    return { value, from: at, until: Math.min(nextDay, at + this.#maxAgeMs) };
  }

  #read<T>(team: TeamKey, pick: (entries: TeamEntries) => Map<string, Entry<T>>, key: string): T | undefined {
    if (!this.#changes.reliable) return undefined;
    const scope = teamScope(team);
    const entries = this.#teams.get(scope);
    if (!entries) return undefined;
    const map = pick(entries);
    const entry = map.get(key);
    if (!entry) return undefined;
    const now = this.#clock().getTime();
    if (now < entry.from || now >= entry.until) return undefined;
    touch(this.#teams, scope, entries);
    touch(map, key, entry);
    return entry.value;
  }

  /** The team's entries if nothing changed since `snapshot` (and the feed is trusted); marks them recently used. */
  #writable(snapshot: Snapshot): TeamEntries | undefined {
    if (this.#maxAgeMs <= 0 || !this.#changes.reliable) return undefined;
    const held = this.#teams.get(snapshot.scope);
    const changedAt = held ? held.changedAt : this.#forgottenChangeAt;
    if (changedAt > snapshot.changes) return undefined;
    // A team taken up again inherits the latest change it may have missed, so an older snapshot cannot write to it.
    const entries = held ?? { changedAt, answers: new Map(), locales: new Map() };
    this.#hold(snapshot.scope, entries);
    return entries;
  }

  #hold(scope: string, entries: TeamEntries): void {
    if (!this.#teams.has(scope) && this.#teams.size >= this.#maxTeams) {
      const [oldest, evicted] = this.#teams.entries().next().value ?? [];
      if (oldest !== undefined && evicted) {
        this.#teams.delete(oldest);
        this.#forgottenChangeAt = Math.max(this.#forgottenChangeAt, evicted.changedAt);
      }
    }
    touch(this.#teams, scope, entries);
  }

  #onChange(topic: string): void {
    const changeAt = ++this.#changeCount;
    if (topic === EVERYTHING) {
      this.#teams.clear();
      this.#forgottenChangeAt = changeAt;
      return;
    }
    // Topics are store keys: `profile:<scope>` and `prefs:<scope>:<user>`; either one drops the team's answers.
    const scope = /^(?:profile|prefs):([^:]+:[^:]+)(?::[^:]+)?$/.exec(topic)?.[1];
    if (!scope) return;
    this.#hold(scope, { changedAt: changeAt, answers: new Map(), locales: new Map() });
  }
}

/** Moves `key` to the end of the map's order (most recently used). */
function touch<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
}

/** Sets `key`, first evicting the least recently used entry if the map is full and `key` is new. */
function remember<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  if (!map.has(key) && map.size >= max) {
    const oldest = map.keys().next().value;
    if (oldest !== undefined) map.delete(oldest);
  }
  touch(map, key, value);
}
