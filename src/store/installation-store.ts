/**
 * Bolt's InstallationStore over the app's key-value store: one record per installation, holding the latest
 * installation (bot token, refresh token and expiry as Bolt provides them) and the user tokens by user id.
 */
import type { Installation, InstallationQuery, InstallationStore, Logger } from "@slack/bolt";
import { z } from "zod";
import { withClaim } from "./claims.js";
import { StoredDocumentInvalidError, StoreUnavailableError } from "./errors.js";
import { type InstallationKey, installationKey } from "./keys.js";
import type { Store } from "./store.js";

type AnyInstallation = Installation<"v1" | "v2", boolean>;
type InstallationUser = AnyInstallation["user"];

const InstallationRecord = z.object({
  installation: z.looseObject({ user: z.looseObject({ id: z.string() }) }),
  users: z.record(z.string(), z.looseObject({ id: z.string(), token: z.string() })),
});
interface InstallationRecord {
  installation: AnyInstallation;
  /** User tokens by user id: every user who authorised the app with user scopes. */
  users: Record<string, InstallationUser>;
}

/** No installation is stored for the query (Bolt then fails the request's authorization). */
export class InstallationNotFoundError extends Error {
  override readonly name = "InstallationNotFoundError";
}

/** What a `tokens_revoked` event revoked; omit it (app_uninstalled) to forget the whole installation. */
export interface RevokedTokens {
  /** Users whose user tokens were revoked (`event.tokens.oauth`). */
  userIds?: string[];
  /** Whether the bot token was revoked (`event.tokens.bot` is not empty). */
  bot?: boolean;
}

function keyOf(installation: AnyInstallation): string {
  const enterpriseId = installation.enterprise?.id;
  return installationKey({
    enterpriseId,
    teamId: installation.team?.id,
    isEnterpriseInstall: installation.isEnterpriseInstall === true || (!installation.team && !!enterpriseId),
  });
}

function describe(query: InstallationKey & { userId?: string | undefined }): string {
  return JSON.stringify({
    enterpriseId: query.enterpriseId,
    teamId: query.teamId,
    isEnterpriseInstall: query.isEnterpriseInstall,
    userId: query.userId,
  });
}

/** The user part of an installation for a user who never authorised user scopes: an id and no token. */
function userWithoutToken(id: string): InstallationUser {
  return {
    id,
    token: undefined,
    refreshToken: undefined,
    expiresAt: undefined,
    scopes: undefined,
  } as InstallationUser;
}

export class KeyvInstallationStore implements InstallationStore {
  readonly #store: Store;
  readonly #lock: { ttlMs: number; waitMs: number };

  constructor(store: Store, options: { lockTtlMs?: number; lockWaitMs?: number } = {}) {
    this.#store = store;
    this.#lock = { ttlMs: options.lockTtlMs ?? 10_000, waitMs: options.lockWaitMs ?? 5_000 };
  }

  async storeInstallation<AuthVersion extends "v1" | "v2">(
    installation: Installation<AuthVersion, boolean>,
    logger?: Logger,
  ): Promise<void> {
    const given = structuredClone(installation) as AnyInstallation;
    const key = keyOf(given);
    logger?.debug(`storing installation ${key} (user ${given.user.id})`);
    await this.#update(key, (record) => {
      const users = { ...record?.users };
      if (given.user.token) users[given.user.id] = given.user;
      // A user part without a token says nothing new; keep the one we had (Bolt's token rotation writes back
      // what fetchInstallation returned, which for a user without user scopes has no token).
      const user = !given.user.token && record ? record.installation.user : given.user;
      return { installation: { ...given, user }, users };
    });
  }

  async fetchInstallation(query: InstallationQuery<boolean>, logger?: Logger): Promise<AnyInstallation> {
    const key = installationKey(query);
    const record = await this.#read(key);
    if (!record) throw new InstallationNotFoundError(`no installation stored for ${describe(query)}`);
    logger?.debug(`fetched installation ${key}`);
    const { installation, users } = record;
    if (query.userId === undefined) return installation;
    const user =
      users[query.userId] ??
      (installation.user.id === query.userId ? installation.user : userWithoutToken(query.userId));
    return { ...installation, user };
  }

  /** Forgets the installation, or only the user token of `query.userId` when given. */
  async deleteInstallation(query: InstallationQuery<boolean>, logger?: Logger): Promise<void> {
    logger?.debug(`deleting installation for ${describe(query)}`);
    await this.deleteTeamTokens(query, query.userId === undefined ? undefined : { userIds: [query.userId] });
  }

  /**
   * For `app_uninstalled` (no `revoked`: the whole installation goes) and `tokens_revoked` (the listed user
   * tokens go; `bot: true` removes the bot token). An installation left with no token at all is removed.
   */
  async deleteTeamTokens(key: InstallationKey, revoked?: RevokedTokens): Promise<void> {
    const storeKey = installationKey(key);
    if (!revoked) {
      await this.#store.delete(storeKey);
      return;
    }
    await this.#update(storeKey, (record) => {
      if (!record) return undefined;
      const installation: AnyInstallation = { ...record.installation };
      const users = { ...record.users };
      for (const userId of revoked.userIds ?? []) {
        delete users[userId];
        if (installation.user.id === userId) installation.user = userWithoutToken(userId);
      }
      if (revoked.bot) {
        delete installation.bot;
        delete installation.tokenType;
      }
      const anyToken =
        installation.bot !== undefined || Object.keys(users).length > 0 || !!installation.user.token;
      return anyToken ? { installation, users } : undefined;
    });
  }

  async #read(key: string): Promise<InstallationRecord | undefined> {
    const raw = await this.#store.get(key);
    if (raw === undefined || raw === null) return undefined;
    const parsed = InstallationRecord.safeParse(raw);
    if (!parsed.success) {
      const detail = parsed.error.issues
        .map((issue) => `${issue.path.join(".")}: ${issue.message}`)
        .join("; ");
      throw new StoredDocumentInvalidError(key, detail);
    }
    return parsed.data as unknown as InstallationRecord;
  }

  /** Read-modify-write under a claim; `change` returning undefined deletes the record. */
  async #update(
    key: string,
    change: (record: InstallationRecord | undefined) => InstallationRecord | undefined,
  ): Promise<void> {
    const done = await withClaim(this.#store.claims, `lock:${key}`, this.#lock, async () => {
      const next = change(await this.#read(key));
      if (next === undefined) await this.#store.delete(key);
      else await this.#store.set(key, InstallationRecord.parse(next));
    });
    if (!done)
      throw new StoreUnavailableError(`${key} stayed locked by another writer for ${this.#lock.waitMs} ms`);
  }
}
