import { z } from "zod";
import type { Locale } from "../rules/schema.js";
import { type TeamKey, teamScope } from "../store/keys.js";
import type { Store } from "../store/keyv-factory.js";

const Preferences = z.object({ locale: z.enum(["ja", "en"]).optional() });
export type Preferences = z.infer<typeof Preferences>;

/** Per-person settings (the language chosen with `/ismap lang`), kept per team. */
export class PreferencesRepository {
  constructor(private readonly store: Store) {}

  #key(team: TeamKey, userId: string): string {
    if (!/^[A-Za-z0-9_]+$/.test(userId))
      throw new TypeError(`not a Slack user id: ${JSON.stringify(userId)}`);
    return `prefs:${teamScope(team)}:${userId}`;
  }

  async get(team: TeamKey, userId: string): Promise<Preferences> {
    const parsed = Preferences.safeParse(await this.store.get(this.#key(team, userId)));
    return parsed.success ? parsed.data : {};
  }

  async setLocale(team: TeamKey, userId: string, locale: Locale): Promise<void> {
    const current = await this.get(team, userId);
    await this.store.set(this.#key(team, userId), { ...current, locale });
  }
}
