/**
 * Each team's service profile in the store: revisions, optimistic concurrency (a save names the revision it was
 * based on and is refused as stale otherwise, under a claim so concurrent saves cannot both pass the check), and a
 * bounded change history. Every document is validated by zod when read and before it is written.
 */
import { z } from "zod";
import { emptyProfile, ServiceProfile, type ServiceProfileInput } from "../rules/service-profile.js";
import { type ClaimStore, pause } from "../store/claims.js";
import { StoredDocumentInvalidError } from "../store/errors.js";
import { historyKey, profileKey, profileLockKey, type TeamKey } from "../store/keys.js";
import type { Store } from "../store/store.js";
import { type Change, diffValues } from "./diff.js";
import { migrateProfile } from "./migrations.js";

export type { TeamKey } from "../store/keys.js";
export type { Change } from "./diff.js";

/** History keeps the newest 200 saves per team; older entries are dropped on the next save. */
export const DEFAULT_HISTORY_LIMIT = 200;

export interface StoredProfile {
  /** 0 for a team that never saved; each successful save adds 1. */
  revision: number;
  profile: ServiceProfile;
  /** ISO instant and Slack user id of the last save; absent at revision 0. */
  updatedAt?: string;
  updatedBy?: string;
}

export interface HistoryEntry {
  revision: number;
  /** Slack user id of whoever saved. */
  actor: string;
  /** ISO instant of the save. */
  at: string;
  summary?: string;
  changes: Change[];
}

export interface SaveRequest {
  /**
   * The revision the edit was based on; the save is refused as stale if the profile has moved on since.
   * `"latest"`: an append that cannot overwrite anything (an audit record) and is applied to whatever revision is
   * current when the lock is held, after any save that landed first; it is never stale.
   */
  baseRevision: number | "latest";
  actor: string;
  at: Date;
  /** The new profile, or a function of the current one (which it may modify: it receives a copy). */
  update: ServiceProfileInput | ((current: ServiceProfile) => ServiceProfileInput);
  summary?: string;
}

export type SaveResult =
  | { ok: true; revision: number; profile: ServiceProfile }
  | { ok: false; reason: "stale"; current: StoredProfile };

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `audits.external.0.date`; "" for the profile itself. */
  path: string;
  message: string;
}

/** The new profile of a save does not match the schema; nothing was written. */
export class ProfileValidationError extends Error {
  override readonly name = "ProfileValidationError";
  constructor(readonly issues: FieldIssue[]) {
    const first = issues[0];
    super(
      first
        ? `invalid profile: ${first.path || "(profile)"}: ${first.message}${issues.length > 1 ? ` (+${issues.length - 1} more)` : ""}`
        : "invalid profile",
    );
  }
}

/** Another save of the same team held the lock for longer than the wait allows. */
export class ProfileBusyError extends Error {
  override readonly name = "ProfileBusyError";
}

const StoredProfileDocument = z.object({
  revision: z.int().nonnegative(),
  updatedAt: z.string().optional(),
  updatedBy: z.string().optional(),
  profile: z.unknown(),
});

const ChangeSchema = z.object({
  path: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});

const HistoryEntrySchema = z.object({
  revision: z.int().positive(),
  actor: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
  summary: z.string().optional(),
  changes: z.array(ChangeSchema),
});

/** Oldest first, as appended. */
const HistoryDocument = z.object({ entries: z.array(HistoryEntrySchema) });

function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
}

function describeIssues(error: z.ZodError): string {
  return fieldIssues(error)
    .map((issue) => `${issue.path || "(root)"}: ${issue.message}`)
    .join("; ");
}

export interface ProfileRepositoryOptions {
  /** Entries kept per team (default 200). */
  historyLimit?: number;
  /** How long a save's claim lasts if its holder dies (default 15 s: beyond four store deadlines). */
  lockTtlMs?: number;
  /** How long a save waits for another save of the same team to finish (default 5 s). */
  lockWaitMs?: number;
}

export class ProfileRepository {
  readonly #store: Store;
  readonly #claims: ClaimStore;
  readonly #historyLimit: number;
  readonly #lockTtlMs: number;
  readonly #lockWaitMs: number;

  constructor(store: Store, options: ProfileRepositoryOptions = {}) {
    this.#store = store;
    this.#claims = store.claims;
    this.#historyLimit = options.historyLimit ?? DEFAULT_HISTORY_LIMIT;
    this.#lockTtlMs = options.lockTtlMs ?? 15_000;
    this.#lockWaitMs = options.lockWaitMs ?? 5_000;
  }

  /** The team's profile; a team that never saved gets `emptyProfile()` at revision 0. */
  async get(team: TeamKey): Promise<StoredProfile> {
    const key = profileKey(team);
    return this.#parse(key, await this.#store.get(key));
  }

  /**
   * The profiles of many teams in one store round trip, in the order of `teams`; a document that fails validation
   * is an error for its team only. A failing store rejects the whole call (StoreUnavailableError).
   */
  async getMany(teams: readonly TeamKey[]): Promise<({ profile: StoredProfile } | { error: Error })[]> {
    const keys = teams.map(profileKey);
    const raws = await this.#store.getMany(keys);
    return raws.map((raw, i) => {
      try {
        return { profile: this.#parse(keys[i] as string, raw) };
      } catch (error) {
        return { error: error instanceof Error ? error : new Error(String(error)) };
      }
    });
  }

  #parse(key: string, raw: unknown): StoredProfile {
    if (raw === undefined || raw === null) return { revision: 0, profile: emptyProfile() };
    const document = StoredProfileDocument.safeParse(raw);
    if (!document.success) throw new StoredDocumentInvalidError(key, describeIssues(document.error));
    let migrated: unknown;
    try {
      migrated = migrateProfile(document.data.profile);
    } catch (error) {
      throw new StoredDocumentInvalidError(key, error instanceof Error ? error.message : String(error), {
        cause: error,
      });
    }
    const profile = ServiceProfile.safeParse(migrated);
    if (!profile.success) {
      throw new StoredDocumentInvalidError(key, `profile: ${describeIssues(profile.error)}`, {
        cause: profile.error,
      });
    }
    const stored: StoredProfile = { revision: document.data.revision, profile: profile.data };
    if (document.data.updatedAt !== undefined) stored.updatedAt = document.data.updatedAt;
    if (document.data.updatedBy !== undefined) stored.updatedBy = document.data.updatedBy;
    return stored;
  }

  /**
   * Saves a new profile if `baseRevision` is still the current revision, else returns `stale` with the current
   * profile. Throws ProfileValidationError (nothing written) for an invalid profile, StoreUnavailableError when the
   * store fails, ProfileBusyError when another save of the team holds the lock for too long.
   */
  async save(team: TeamKey, request: SaveRequest): Promise<SaveResult> {
    const lockKey = profileLockKey(team);
    const deadline = Date.now() + this.#lockWaitMs;
    for (;;) {
      // Revisions only grow, so a base that is already behind is stale without waiting for the lock.
      if (request.baseRevision !== "latest") {
        const current = await this.get(team);
        if (current.revision !== request.baseRevision) return { ok: false, reason: "stale", current };
      }
      if (await this.#claims.claim(lockKey, this.#lockTtlMs)) break;
      if (Date.now() >= deadline) {
        throw new ProfileBusyError(
          `another save of ${profileKey(team)} held the lock for ${this.#lockWaitMs} ms`,
        );
      }
      await pause();
    }
    try {
      return await this.#saveLocked(team, request);
    } finally {
      // If this fails the claim lapses after its ttl.
      await this.#claims.release(lockKey).catch(() => undefined);
    }
  }

  async #saveLocked(team: TeamKey, request: SaveRequest): Promise<SaveResult> {
    const current = await this.get(team);
    if (request.baseRevision !== "latest" && current.revision !== request.baseRevision) {
      return { ok: false, reason: "stale", current };
    }

    const candidate =
      typeof request.update === "function"
        ? request.update(structuredClone(current.profile))
        : request.update;
    const parsed = ServiceProfile.safeParse(candidate);
    if (!parsed.success) throw new ProfileValidationError(fieldIssues(parsed.error));
    const profile = parsed.data;

    // A save that changes nothing (the check run again with the same answers) makes no revision: the history is
    // an audit trail of changes.
    const changes = diffValues(current.profile, profile);
    if (changes.length === 0 && current.revision > 0) {
      return { ok: true, revision: current.revision, profile: current.profile };
    }
    const revision = current.revision + 1;
    const at = request.at.toISOString();
    const entry: HistoryEntry = { revision, actor: request.actor, at, changes };
    if (request.summary !== undefined) entry.summary = request.summary;
    HistoryEntrySchema.parse(entry);

    // History first, the profile last: the profile write is what makes the revision exist. An entry left by a
    // save whose profile write failed is hidden by history() and replaced when that revision is saved again.
    const entries = (await this.#readHistory(team)).filter((old) => old.revision < revision);
    entries.push(entry);
    await this.#store.set(historyKey(team), { entries: entries.slice(-this.#historyLimit) });

    const document = StoredProfileDocument.parse({
      revision,
      updatedAt: at,
      updatedBy: request.actor,
      profile,
    });
    try {
      await this.#store.set(profileKey(team), document);
    } finally {
      // Also after a failed write: a Redis write that timed out may still land.
      this.#store.changes.publish(profileKey(team));
    }
    return { ok: true, revision, profile };
  }

  /** Saves, newest first; at most `limit` (default: all kept, which is at most the history limit). */
  async history(team: TeamKey, options: { limit?: number } = {}): Promise<HistoryEntry[]> {
    const [current, entries] = await Promise.all([this.get(team), this.#readHistory(team)]);
    const visible = entries.filter((entry) => entry.revision <= current.revision).reverse();
    return options.limit === undefined ? visible : visible.slice(0, Math.max(0, options.limit));
  }

  async #readHistory(team: TeamKey): Promise<HistoryEntry[]> {
    const key = historyKey(team);
    const raw = await this.#store.get(key);
    if (raw === undefined || raw === null) return [];
    const document = HistoryDocument.safeParse(raw);
    if (!document.success) throw new StoredDocumentInvalidError(key, describeIssues(document.error));
    return document.data.entries as HistoryEntry[];
  }
}
