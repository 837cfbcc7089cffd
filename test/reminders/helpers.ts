/** Shared fixtures of the reminder tests: rules, profiles, settings and seeding of a store. */
import { type ProfileRepository, ProfileRepository as Profiles } from "../../src/profile/repository.js";
import {
  PROFILE_SCHEMA_VERSION,
  ServiceProfile,
  type ServiceProfileInput,
} from "../../src/profile/schema.js";
import type { DecideOptions } from "../../src/reminders/due.js";
import {
  type ReminderSettings,
  type ReminderSettingsInput,
  ReminderSettingsRepository,
  ReminderSettings as ReminderSettingsSchema,
} from "../../src/reminders/settings.js";
import { createSweeper, type ReminderLogger, type SweeperDependencies } from "../../src/reminders/sweeper.js";
import { createRulesEngine } from "../../src/rules/engine.js";
import { loadRules } from "../../src/rules/load.js";
import type { RuleSet } from "../../src/rules/schema.js";
import { profileKey, type TeamKey } from "../../src/store/keys.js";
import type { Store } from "../../src/store/keyv-factory.js";

export const rules: RuleSet = loadRules("rules");
export const engine = createRulesEngine(rules);
export const objectiveIds = rules.objectives.objectives.map((o) => o.id);

/** A JST instant: `jst("2026-12-01 10:00")`. */
export function jst(dayTime: string): Date {
  return new Date(`${dayTime.replace(" ", "T")}:00+09:00`);
}

export function profileOf(input: Omit<ServiceProfileInput, "schemaVersion"> = {}): ServiceProfile {
  return ServiceProfile.parse({ schemaVersion: PROFILE_SCHEMA_VERSION, ...input });
}

/**
 * The reference profile of these tests (registered service, audit period 2025-10-01 … 2026-09-30):
 * - external governance audit 2025-12-20 → due 2026-12-20; management 2026-03-10 → due 2027-03-10;
 * - internal audit 2023-12-10 of 5.1.1 and 5.1.2 → coverage lapses 2026-12-10, due 2026-12-09;
 * - audit report due 2026-12-30 (2026-09-30 + 3 months); validity until 2028-02-01 (2026-10-01 + 16 months);
 * - controls rotation anchored on the registration day 2025-12-01: year 2 runs 2026-12-01 … 2027-11-30.
 */
export function referenceProfile(editors: string[] = []): ServiceProfile {
  return profileOf({
    registration: {
      status: "registered",
      registeredOn: "2025-12-01",
      auditPeriodStart: "2025-10-01",
      auditPeriodEnd: "2026-09-30",
    },
    audits: {
      external: [
        { id: "gov-1", part: "governance", date: "2025-12-20" },
        { id: "man-1", part: "management", date: "2026-03-10" },
      ],
      internal: [{ id: "int-1", date: "2023-12-10", objectiveIds: ["5.1.1", "5.1.2"] }],
    },
    editors,
  });
}

export function settingsOf(input: ReminderSettingsInput = {}): ReminderSettings {
  return ReminderSettingsSchema.parse({ enabled: true, channel: "C0GENERAL1", ...input });
}

export const TEAM: TeamKey = { teamId: "T0FAKE0001" };

/** Writes a profile document as the repository would at revision 1 (fast: no claim, no history). */
export async function putProfile(store: Store, team: TeamKey, profile: ServiceProfile): Promise<void> {
  await store.set(profileKey(team), { revision: 1, updatedAt: new Date(0).toISOString(), profile });
}

/** A logger that keeps every line, for assertions on what was logged. */
export function memoryLogger(): ReminderLogger & { lines: string[]; at(level: string): string[] } {
  const lines: string[] = [];
  const push =
    (level: string) =>
    (...m: unknown[]) =>
      lines.push(`${level} ${m.map(String).join(" ")}`);
  return {
    lines,
    debug: push("debug"),
    info: push("info"),
    warn: push("warn"),
    error: push("error"),
    at: (level) => lines.filter((l) => l.startsWith(`${level} `)),
  };
}

export interface SweeperFixture {
  profiles: ProfileRepository;
  settings: ReminderSettingsRepository;
  sweeper: ReturnType<typeof createSweeper>;
  logger: ReturnType<typeof memoryLogger>;
}

export function sweeperFor(
  store: Store,
  clientFor: SweeperDependencies["clientFor"],
  extra: Partial<SweeperDependencies> & DecideOptions = {},
): SweeperFixture {
  const profiles = new Profiles(store);
  const settings = new ReminderSettingsRepository(store);
  const logger = memoryLogger();
  const sweeper = createSweeper({
    store,
    profiles,
    settings,
    engine,
    clientFor,
    logger,
    claimTtlMs: 10_000,
    ...extra,
  });
  return { profiles, settings, sweeper, logger };
}
