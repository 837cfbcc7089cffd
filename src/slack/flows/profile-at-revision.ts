/**
 * The profile as the profile editor showed it: rebuilt from the newest revision and its history, so that a save
 * writes only what the person changed, not every field someone else saved meanwhile.
 */
import type { StoredProfile, TeamKey } from "../../profile/repository.js";
import { ServiceProfile } from "../../rules/service-profile.js";
import type { Services } from "../runtime/services.js";

/** The sections of the profile the form edits; history changes elsewhere (audits, eligibility) do not matter here. */
const FORM_SECTIONS = new Set(["service", "registration", "specialMeasure", "editors"]);

/**
 * The profile as it was at `revision`, rebuilt from the newest one by undoing the form sections' changes of every
 * later save (newest first); undefined when the history does not reach back that far.
 */
export async function profileAt(
  services: Services,
  team: TeamKey,
  stored: StoredProfile,
  revision: number,
): Promise<ServiceProfile | undefined> {
  if (revision === stored.revision) return stored.profile;
  if (revision > stored.revision) return undefined;
  const entries = await services.profiles.history(team, { limit: stored.revision - revision });
  if (entries.length !== stored.revision - revision) return undefined;
  const profile: Record<string, unknown> = structuredClone(stored.profile);
  for (const [index, entry] of entries.entries()) {
    if (entry.revision !== stored.revision - index) return undefined;
    for (const change of entry.changes) {
      const keys = change.path.split(".");
      if (!FORM_SECTIONS.has(keys[0] ?? "") || change.path.includes("[")) continue;
      let target = profile;
      for (const key of keys.slice(0, -1)) {
        const next = target[key];
        if (typeof next !== "object" || next === null || Array.isArray(next)) target[key] = {};
        target = target[key] as Record<string, unknown>;
      }
      const last = keys.at(-1) as string;
      if (change.before === undefined) delete target[last];
      else target[last] = structuredClone(change.before);
    }
  }
  const parsed = ServiceProfile.safeParse(profile);
  return parsed.success ? parsed.data : undefined;
}
