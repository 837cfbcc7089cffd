/** Shared fixtures of the reminder tests: rules, profiles, settings and seeding of a store. */

import { DEFAULT_IDS, type SlackEmulator } from "../../dev/slack-emulator/index.js";
import {
  createSweeper,
  type ReminderLogger,
  type SweeperDependencies,
} from "../../src/jobs/sweeper/sweeper.js";
import { type ProfileRepository, ProfileRepository as Profiles } from "../../src/profile/repository.js";
import type { DecideOptions } from "../../src/reminders/due.js";
import { ReminderSettingsRepository } from "../../src/reminders/settings.js";
import { subsetGroups } from "../../src/rules/audits.js";
import type { ServiceProfile } from "../../src/rules/service-profile.js";
import type { TeamKey } from "../../src/store/keys.js";
import type { Store } from "../../src/store/store.js";
import { engine, profileOf, rules } from "./fixtures.js";

export const objectiveIds = rules.objectives.objectives.map((o) => o.id);

/** A JST instant: `jst("2026-12-01 10:00")`. */
export function jst(dayTime: string): Date {
  return new Date(`${dayTime.replace(" ", "T")}:00+09:00`);
}

/** The controls-criteria group of cycle year 1 (the rotation's first 22 objectives). */
export const GROUP_1 = subsetGroups(rules)[0] ?? [];
/** The group of cycle year 2. */
export const GROUP_2 = subsetGroups(rules)[1] ?? [];

/**
 * The reference profile of these tests: a registered service (registered 2025-12-01) whose registration audit
 * covered the audit period 2024-10-01 … 2025-09-30, audited for all three parts on 2025-10-20; the next period's
 * controls group 2 was audited on 2026-10-20. Worked out by hand from rules/dates.yml (a period of n months from S
 * ends the day before the day corresponding to S n months later):
 * - periods: 2024-10-01 … 2025-09-30 (entered, cycle year 1, all done), then 2025-10-01 … 2026-09-30 (year 2,
 *   recorded with the controls audit) and the assumed 12-month 2026-10-01 … 2027-09-30 (year 3);
 * - the 2025-10-01 period's governance and management audits are due by its report day 2026-12-31 (3 months from
 *   2026-10-01 end on 2026-12-31), and so is its audit report: the report is done only once every part audited
 *   yearly (governance and management) is on record for the period, and only its controls group is (done); the
 *   2026-10-01 period's four obligations are due 2027-12-31;
 * - registration valid until 2027-01-31 (16 months from 2025-10-01 end on 2027-01-31);
 * - internal audit 2023-12-10 of 5.1.1 and 5.1.2 → covered until 2026-12-09 (the day before 2026-12-10), due then;
 *   the other 119 objectives were never covered: due by the current period's last day (2027-09-30 at 2026-12-01).
 */
export function referenceProfile(editors: string[] = []): ServiceProfile {
  const period = { periodStart: "2024-10-01", periodEnd: "2025-09-30" };
  return profileOf({
    registration: {
      status: "registered",
      registeredOn: "2025-12-01",
      auditPeriodStart: "2024-10-01",
      auditPeriodEnd: "2025-09-30",
    },
    audits: {
      external: [
        { id: "gov-1", part: "governance", date: "2025-10-20", ...period },
        { id: "man-1", part: "management", date: "2025-10-20", ...period },
        { id: "ctl-1", part: "controls", date: "2025-10-20", objectiveIds: [...GROUP_1], ...period },
        {
          id: "ctl-2",
          part: "controls",
          date: "2026-10-20",
          objectiveIds: [...GROUP_2],
          periodStart: "2025-10-01",
          periodEnd: "2026-09-30",
        },
      ],
      internal: [{ id: "int-1", date: "2023-12-10", objectiveIds: ["5.1.1", "5.1.2"] }],
    },
    editors,
  });
}

/**
 * A team preparing its first registration with a planned first audit period 2026-10-01 … 2027-03-31: its external
 * audits, controls group 1 and audit report are targets due 2027-06-30 (3 months from 2027-04-01), and every
 * objective's first internal audit a target by 2027-03-31.
 */
export function plannedProfile(): ServiceProfile {
  return profileOf({
    registration: { status: "preparing", auditPeriodStart: "2026-10-01", auditPeriodEnd: "2027-03-31" },
  });
}

/** Registered on `registeredOn` for the audit period 2025-09-21 … 2026-09-20, whose report day is 2026-12-20. */
export function registeredForPeriod2025(registeredOn = "2025-12-01") {
  return {
    status: "registered",
    registeredOn,
    auditPeriodStart: "2025-09-21",
    auditPeriodEnd: "2026-09-20",
  } as const;
}

/**
 * A registered team with the audit period 2025-09-21 … 2026-09-20 and only its management audit on record (done
 * after the period, on 2026-10-01): its governance audit is due by the report day 2026-12-20 (3 months from
 * 2026-09-21), and a 30-day lead reminder of it goes out 2026-11-20 10:00 JST.
 */
export function governanceDueProfile(): ServiceProfile {
  return profileOf({
    registration: registeredForPeriod2025(),
    audits: { external: [{ id: "m", part: "management", date: "2026-10-01" }] },
  });
}

/** Turns on external-audit reminders for every team: 30 days ahead, in #general, no weekly digest. */
export async function enableExternalReminders(
  store: Store,
  teams: readonly TeamKey[],
  savedAt: Date = jst("2026-11-01 09:00"),
): Promise<void> {
  await new ReminderSettingsRepository(store).saveMany(
    teams.map((team) => ({
      team,
      settings: {
        enabled: true,
        channel: DEFAULT_IDS.general,
        kinds: ["external"],
        leadDays: [30],
        weeklyDigest: false,
      },
    })),
    savedAt,
  );
}

/** Occurrence keys of the successful reminder posts the fake Slack answered, from the metadata each carries. */
export function postedKeys(fake: SlackEmulator): string[] {
  return fake
    .callsTo("chat.postMessage")
    .filter((c) => (c.response as { ok?: boolean } | undefined)?.ok === true)
    .map(
      (c) => (c.body.metadata as { event_payload?: { key?: string } } | undefined)?.event_payload?.key ?? "?",
    );
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
