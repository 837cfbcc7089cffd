/**
 * Each team's reminder settings (`reminders:<teamScope>`) and the index of teams whose reminders are on, which is
 * what the sweeper walks. The index is split into shards (`reminders-index:<n>`) so that one change rewrites a
 * small document; every change of a team's settings and of a shard happens under a claim, and the index is
 * written so that it is never missing an active team (it may briefly hold an inactive one, which the sweeper
 * skips because the settings document is the truth).
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { withClaim } from "../store/claims.js";
import { StoredDocumentInvalidError } from "../store/errors.js";
import { type TeamKey, teamScope } from "../store/keys.js";
import type { Store } from "../store/store.js";
import { ITEM_KINDS, teamFromScope } from "./occurrence.js";

export const DEFAULT_LEAD_DAYS: readonly number[] = [60, 30, 7, 1];
export const DEFAULT_TIME_OF_DAY = "10:00";
/** Leads are whole days between 0 (on the due day) and a year. */
export const MAX_LEAD_DAYS = 366;
export const MAX_LEADS = 8;
/** Number of index shards. Changing it orphans the old shards: re-save every team's settings afterwards. */
export const INDEX_SHARDS = 16;

/** Why the sweeper stopped a team's reminders: the Slack error that made posting hopeless. */
export const PAUSE_REASONS = [
  "not_in_channel",
  "channel_not_found",
  "is_archived",
  "invalid_auth",
  "token_revoked",
  "account_inactive",
] as const;
export type PauseReason = (typeof PAUSE_REASONS)[number];

const slackUserId = z.string().regex(/^[UW][A-Z0-9]+$/, "not a Slack user id");

export const ReminderSettings = z
  .object({
    /** Reminders on or off for the whole team. */
    enabled: z.boolean().default(false),
    /** Where reminders are posted (public or private channel id). */
    channel: z
      .string()
      .regex(/^[CG][A-Z0-9]+$/, "not a Slack channel id")
      .optional(),
    /** Which kinds of dated items are reminded (the weekly digest lists the same kinds). */
    kinds: z
      .array(z.enum(ITEM_KINDS))
      .default(() => [...ITEM_KINDS])
      .transform((kinds) => ITEM_KINDS.filter((k) => kinds.includes(k))),
    /** Days before each due day a reminder goes out; kept unique, largest first. */
    leadDays: z
      .array(z.int().min(0).max(MAX_LEAD_DAYS))
      .min(1)
      .max(MAX_LEADS)
      .default(() => [...DEFAULT_LEAD_DAYS])
      .transform((leads) => [...new Set(leads)].sort((a, b) => b - a)),
    /** JST time of day (HH:MM, 24 h) reminders and the digest go out. */
    timeOfDay: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, "time of day must be HH:MM (00:00–23:59)")
      .default(DEFAULT_TIME_OF_DAY),
    /** The Monday digest of everything due in the next 90 days. */
    weeklyDigest: z.boolean().default(true),
    /** Language of the team's reminder messages. */
    locale: z.enum(["ja", "en"]).default("ja"),
    /** Set by the sweeper when Slack refused in a way retrying cannot fix; cleared by saving the settings. */
    paused: z
      .object({
        reason: z.enum(PAUSE_REASONS),
        at: z.iso.datetime({ offset: true }),
        /** The occurrence whose post failed, for the log and the operator. */
        key: z.string().optional(),
      })
      .optional(),
    /**
     * When reminders last went from not active (off, paused, never set) to active. Items already past due by then
     * are not reminded, dropped or counted: they were never this team's reminders.
     */
    activeSince: z.iso.datetime({ offset: true }).optional(),
    updatedAt: z.iso.datetime({ offset: true }).optional(),
    /** Who saved the settings last; told (besides the profile's editors) when reminders are paused. */
    updatedBy: slackUserId.optional(),
  })
  .superRefine((settings, ctx) => {
    if (settings.enabled && settings.channel === undefined) {
      ctx.addIssue({ code: "custom", path: ["channel"], message: "reminders need a channel to post to" });
    }
  });
export type ReminderSettings = z.infer<typeof ReminderSettings>;
export type ReminderSettingsInput = z.input<typeof ReminderSettings>;

/** Settings of a team that never set anything: reminders off, the default leads, time and kinds. */
export function defaultReminderSettings(): ReminderSettings {
  return ReminderSettings.parse({});
}

/** On, with a channel, and not paused: the sweeper posts for this team. */
export function isActive(settings: ReminderSettings | undefined): boolean {
  return settings?.enabled === true && settings.channel !== undefined && !settings.paused;
}

export function settingsKey(team: TeamKey): string {
  return `reminders:${teamScope(team)}`;
}

export function indexShardKey(shard: number): string {
  return `reminders-index:${shard}`;
}

/** The shard a team's scope lives in: a stable hash, so every instance agrees. */
export function shardOf(scope: string): number {
  return createHash("sha1").update(scope).digest().readUInt32BE(0) % INDEX_SHARDS;
}

const IndexShard = z.object({ teams: z.array(z.string()) });

export interface ReminderSettingsRepositoryOptions {
  /** How long a change's claim lasts if its holder dies (default 15 s). */
  lockTtlMs?: number;
  /** How long a change waits for another change of the same team or shard (default 5 s). */
  lockWaitMs?: number;
}

/** Another change held the claim for longer than the wait allows; nothing was written. */
export class ReminderSettingsBusyError extends Error {
  override readonly name = "ReminderSettingsBusyError";
}

export class ReminderSettingsValidationError extends Error {
  override readonly name = "ReminderSettingsValidationError";
  constructor(readonly issues: { path: string; message: string }[]) {
    super(
      `invalid reminder settings: ${issues.map((i) => `${i.path || "(settings)"}: ${i.message}`).join("; ")}`,
    );
  }
}

export class ReminderSettingsRepository {
  readonly #store: Store;
  readonly #lock: { ttlMs: number; waitMs: number };

  constructor(store: Store, options: ReminderSettingsRepositoryOptions = {}) {
    this.#store = store;
    this.#lock = { ttlMs: options.lockTtlMs ?? 15_000, waitMs: options.lockWaitMs ?? 5_000 };
  }

  /** The team's settings, or undefined when it never saved any. Throws StoredDocumentInvalidError if corrupt. */
  async get(team: TeamKey): Promise<ReminderSettings | undefined> {
    const key = settingsKey(team);
    return this.#parse(key, await this.#store.get(key));
  }

  /**
   * The settings of many teams in one store round trip, in the order of `teams`; a corrupt document is an error
   * for its team only. A failing store rejects the whole call (StoreUnavailableError).
   */
  async getMany(
    teams: readonly TeamKey[],
  ): Promise<({ settings: ReminderSettings | undefined } | { error: Error })[]> {
    const keys = teams.map(settingsKey);
    const raws = await this.#store.getMany(keys);
    return raws.map((raw, i) => {
      try {
        return { settings: this.#parse(keys[i] as string, raw) };
      } catch (error) {
        return { error: error instanceof Error ? error : new Error(String(error)) };
      }
    });
  }

  #parse(key: string, raw: unknown): ReminderSettings | undefined {
    if (raw === undefined || raw === null) return undefined;
    const parsed = ReminderSettings.safeParse(raw);
    if (!parsed.success) {
      throw new StoredDocumentInvalidError(
        key,
        parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; "),
      );
    }
    return parsed.data;
  }

  /** The team's settings, or the defaults (reminders off). */
  async getOrDefault(team: TeamKey): Promise<ReminderSettings> {
    return (await this.get(team)) ?? defaultReminderSettings();
  }

  /**
   * Replaces the team's settings (or applies `update` to the current ones) and clears a pause: saving is how a
   * person resumes reminders after fixing the channel. Returns what was stored. Throws
   * ReminderSettingsValidationError (nothing written) or ReminderSettingsBusyError.
   */
  async save(
    team: TeamKey,
    update: ReminderSettingsInput | ((current: ReminderSettings) => ReminderSettingsInput),
    meta: { actor?: string; at: Date },
  ): Promise<ReminderSettings> {
    return this.#locked(team, async () => {
      const stored = await this.get(team);
      const current = stored ?? defaultReminderSettings();
      const input = typeof update === "function" ? update(structuredClone(current)) : update;
      const parsed = ReminderSettings.safeParse({
        ...input,
        paused: undefined,
        activeSince: undefined,
        updatedAt: meta.at.toISOString(),
        ...(meta.actor === undefined ? {} : { updatedBy: meta.actor }),
      });
      if (!parsed.success) {
        throw new ReminderSettingsValidationError(
          parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message })),
        );
      }
      const settings = parsed.data;
      if (isActive(settings)) {
        settings.activeSince =
          isActive(stored) && stored?.activeSince !== undefined ? stored.activeSince : meta.at.toISOString();
      }
      await this.#write(team, settings);
      return settings;
    });
  }

  /**
   * Pauses the team's reminders for `reason`. Returns true only for the call that changed the settings from
   * active to paused, so that exactly one caller (across instances) tells the team's editors.
   */
  async pause(team: TeamKey, reason: PauseReason, at: Date, key?: string): Promise<boolean> {
    return this.#locked(team, async () => {
      const current = await this.get(team);
      if (!current || !isActive(current)) return false;
      const paused: ReminderSettings = {
        ...current,
        paused: { reason, at: at.toISOString(), ...(key === undefined ? {} : { key }) },
      };
      await this.#write(team, paused);
      return true;
    });
  }

  /** Forgets the team's settings (app uninstalled). */
  async delete(team: TeamKey): Promise<void> {
    await this.#locked(team, async () => {
      await this.#store.delete(settingsKey(team));
      await this.#setIndexed(teamScope(team), false);
    });
  }

  /** Every team in the index (teams with reminders on; possibly one just switched off). */
  async indexedTeams(): Promise<TeamKey[]> {
    const shards = await Promise.all(
      Array.from({ length: INDEX_SHARDS }, (_, shard) => this.#readShard(shard)),
    );
    const teams: TeamKey[] = [];
    for (const scopes of shards) {
      for (const scope of scopes) {
        const team = teamFromScope(scope);
        if (team) teams.push(team);
      }
    }
    return teams;
  }

  /**
   * Writes many teams' settings at once (seeding, migrations): one index update per shard instead of one per
   * team. Validates everything before writing anything.
   */
  async saveMany(
    entries: readonly { team: TeamKey; settings: ReminderSettingsInput }[],
    at: Date,
  ): Promise<void> {
    const parsed = entries.map(({ team, settings }) => {
      const result = ReminderSettings.safeParse({
        ...settings,
        updatedAt: at.toISOString(),
        activeSince: settings.activeSince ?? at.toISOString(),
      });
      if (!result.success) {
        throw new ReminderSettingsValidationError(
          result.error.issues.map((i) => ({
            path: `${teamScope(team)}.${i.path.map(String).join(".")}`,
            message: i.message,
          })),
        );
      }
      return { team, settings: result.data };
    });
    const byShard = new Map<number, { add: string[]; remove: string[] }>();
    for (const { team, settings } of parsed) {
      const scope = teamScope(team);
      const change = byShard.get(shardOf(scope)) ?? { add: [], remove: [] };
      (isActive(settings) ? change.add : change.remove).push(scope);
      byShard.set(shardOf(scope), change);
    }
    // Additions before the settings that make them active, removals after: the index never misses an active team.
    for (const [shard, { add }] of byShard) if (add.length > 0) await this.#changeShard(shard, add, []);
    for (let i = 0; i < parsed.length; i += 64) {
      await Promise.all(
        parsed.slice(i, i + 64).map(({ team, settings }) => this.#store.set(settingsKey(team), settings)),
      );
    }
    for (const [shard, { remove }] of byShard)
      if (remove.length > 0) await this.#changeShard(shard, [], remove);
  }

  async #locked<T>(team: TeamKey, work: () => Promise<T>): Promise<T> {
    const result = await withClaim(this.#store.claims, `lock:${settingsKey(team)}`, this.#lock, work);
    if (!result) throw new ReminderSettingsBusyError(`another change of ${settingsKey(team)} held the lock`);
    return result.value;
  }

  /** Settings and index membership; the caller holds the team's claim. */
  async #write(team: TeamKey, settings: ReminderSettings): Promise<void> {
    const scope = teamScope(team);
    if (isActive(settings)) {
      await this.#setIndexed(scope, true);
      await this.#store.set(settingsKey(team), settings);
    } else {
      await this.#store.set(settingsKey(team), settings);
      await this.#setIndexed(scope, false);
    }
  }

  async #setIndexed(scope: string, indexed: boolean): Promise<void> {
    await this.#changeShard(shardOf(scope), indexed ? [scope] : [], indexed ? [] : [scope]);
  }

  async #changeShard(shard: number, add: readonly string[], remove: readonly string[]): Promise<void> {
    const key = indexShardKey(shard);
    const result = await withClaim(this.#store.claims, `lock:${key}`, this.#lock, async () => {
      const current = await this.#readShard(shard);
      const gone = new Set(remove);
      const next = new Set(current.filter((scope) => !gone.has(scope)));
      for (const scope of add) next.add(scope);
      if (next.size === current.length && add.every((s) => current.includes(s))) return;
      await this.#store.set(key, { teams: [...next].sort() });
    });
    if (!result) throw new ReminderSettingsBusyError(`another change of ${key} held the lock`);
  }

  async #readShard(shard: number): Promise<string[]> {
    const key = indexShardKey(shard);
    const raw = await this.#store.get(key);
    if (raw === undefined || raw === null) return [];
    const parsed = IndexShard.safeParse(raw);
    if (!parsed.success) throw new StoredDocumentInvalidError(key, "not a list of team scopes");
    return parsed.data.teams;
  }
}
