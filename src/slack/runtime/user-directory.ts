import type { WebClient } from "@slack/web-api";
import type { TeamKey } from "../../store/keys.js";
import { teamScope } from "../../store/keys.js";
import { withinDeadline } from "./deadline.js";

/** What the app needs to know about a person: their Slack locale and whether they administer the workspace. */
export interface UserFacts {
  locale?: string;
  isAdmin: boolean;
  isOwner: boolean;
}

interface Entry {
  facts: UserFacts;
  expiresAt: number;
}

/** Slack did not answer `users.info` in time (the client may still be retrying it in the background). */
export class UserLookupTimeoutError extends Error {
  override readonly name = "UserLookupTimeoutError";
}

/**
 * `users.info` (with `include_locale`) behind a small time-bounded cache, per team and user. A lookup gives up after
 * `waitMs`: the Web API client retries an HTTP 5xx for up to half an hour, and no reply may wait for that.
 */
export class UserDirectory {
  readonly #cache = new Map<string, Entry>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = 10 * 60 * 1000,
    private readonly maxEntries = 10_000,
    private readonly waitMs = 1_500,
  ) {}

  async lookup(client: WebClient, team: TeamKey, userId: string): Promise<UserFacts> {
    const key = `${teamScope(team)}:${userId}`;
    const hit = this.#cache.get(key);
    if (hit && hit.expiresAt > this.now()) return hit.facts;
    const response = await withinDeadline(
      client.users.info({ user: userId, include_locale: true }),
      this.waitMs,
      () => new UserLookupTimeoutError(`users.info gave no answer within ${this.waitMs} ms`),
    );
    const user = response.user;
    const facts: UserFacts = {
      locale: user?.locale,
      isAdmin: user?.is_admin === true,
      isOwner: user?.is_owner === true || user?.is_primary_owner === true,
    };
    if (this.#cache.size >= this.maxEntries) {
      const oldest = this.#cache.keys().next().value;
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
    this.#cache.set(key, { facts, expiresAt: this.now() + this.ttlMs });
    return facts;
  }

  forget(team: TeamKey, userId: string): void {
    this.#cache.delete(`${teamScope(team)}:${userId}`);
  }
}
