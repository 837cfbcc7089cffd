/**
 * Fixtures shared by the tests and the benchmarks: the repository's rules and engine, profiles and reminder settings
 * built through their schemas, a profile written straight into a store, and a Web API logger that prints nothing.
 */
import { type Logger, LogLevel } from "@slack/web-api";
import {
  type ReminderSettings,
  type ReminderSettingsInput,
  ReminderSettings as ReminderSettingsSchema,
} from "../../src/reminders/settings.js";
import { createRulesEngine } from "../../src/rules/engine.js";
import { loadRules } from "../../src/rules/load.js";
import type { RuleSet } from "../../src/rules/schema.js";
import {
  PROFILE_SCHEMA_VERSION,
  ServiceProfile,
  type ServiceProfileInput,
} from "../../src/rules/service-profile.js";
import { profileKey, type TeamKey } from "../../src/store/keys.js";
import type { Store } from "../../src/store/store.js";

/** The rules data under rules/, loaded once per test file. */
export const rules: RuleSet = loadRules("rules");
export const engine = createRulesEngine(rules);

/** A valid profile of the current schema version from the parts a test cares about. */
export function profileOf(input: Omit<ServiceProfileInput, "schemaVersion"> = {}): ServiceProfile {
  return ServiceProfile.parse({ schemaVersion: PROFILE_SCHEMA_VERSION, ...input });
}

/** Reminder settings, on in the fake workspace's #general unless `input` says otherwise. */
export function settingsOf(input: ReminderSettingsInput = {}): ReminderSettings {
  return ReminderSettingsSchema.parse({ enabled: true, channel: "C0GENERAL1", ...input });
}

/** The fake Slack's workspace (dev/slack-emulator/, DEFAULT_IDS.team). */
export const TEAM: TeamKey = { teamId: "T0FAKE0001" };

/** Writes a profile document as the repository would at revision 1 (fast: no claim, no history). */
export async function putProfile(store: Store, team: TeamKey, profile: ServiceProfile): Promise<void> {
  await store.set(profileKey(team), { revision: 1, updatedAt: new Date(0).toISOString(), profile });
}

/** A @slack/web-api logger that prints nothing (the tests assert on results, not on the client's log). */
export const silentLogger: Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => LogLevel.ERROR,
  setName: () => {},
};
