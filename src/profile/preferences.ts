import { z } from "zod";
import type { Locale } from "../i18n/locale.js";
import { preferencesKey, type TeamKey } from "../store/keys.js";
import type { Store } from "../store/store.js";

const Preferences = z.object({ locale: z.enum(["ja", "en"]).optional() });
export type Preferences = z.infer<typeof Preferences>;

/** Per-person settings (the language chosen with `/ismap lang`), kept per team. */
export class PreferencesRepository {
  constructor(private readonly store: Store) {}

  async get(team: TeamKey, userId: string): Promise<Preferences> {
    const parsed = Preferences.safeParse(await this.store.get(preferencesKey(team, userId)));
    return parsed.success ? parsed.data : {};
  }

  async setLocale(team: TeamKey, userId: string, locale: Locale): Promise<void> {
    const current = await this.get(team, userId);
    const key = preferencesKey(team, userId);
    try {
      await this.store.set(key, { ...current, locale });
    } finally {
      this.store.changes.publish(key);
    }
  }
}
