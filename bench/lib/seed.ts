/**
 * Seeding of the store benchmarks (shared with bench/reminders.bench.ts): `n` teams, each with a profile document at
 * revision 1 (an external governance audit on 2025-12-20, so a governance reminder is due 30 days before
 * 2026-12-20) and reminder settings on (external audits, 30 days before, #general).
 */
import { PROFILE_SCHEMA_VERSION, ServiceProfile } from "../../src/profile/schema.js";
import { ReminderSettingsRepository } from "../../src/reminders/settings.js";
import { profileKey, type TeamKey } from "../../src/store/keys.js";
import type { Store } from "../../src/store/keyv-factory.js";
import { FAKE_IDS } from "../../test/helpers/fake-slack.js";

/** The instant at which every seeded team has exactly one reminder due. */
export const SWEEP_AT = new Date("2026-11-20T10:00:00+09:00");

export const seedProfile = ServiceProfile.parse({
  schemaVersion: PROFILE_SCHEMA_VERSION,
  audits: { external: [{ id: "g", part: "governance", date: "2025-12-20" }] },
});

export function benchTeams(n: number): TeamKey[] {
  return Array.from({ length: n }, (_, i) => ({ teamId: `T${String(i).padStart(7, "0")}` }));
}

/** Writes the teams' profiles and reminder settings; returns the milliseconds it took. */
export async function seed(store: Store, teams: TeamKey[]): Promise<number> {
  const started = Date.now();
  const document = { revision: 1, updatedAt: new Date(0).toISOString(), profile: seedProfile };
  for (let i = 0; i < teams.length; i += 200) {
    await Promise.all(teams.slice(i, i + 200).map((team) => store.set(profileKey(team), document)));
  }
  await new ReminderSettingsRepository(store).saveMany(
    teams.map((team) => ({
      team,
      settings: {
        enabled: true,
        channel: FAKE_IDS.general,
        kinds: ["external"],
        leadDays: [30],
        weeklyDigest: false,
      },
    })),
    new Date("2026-11-01T09:00:00+09:00"),
  );
  return Date.now() - started;
}

/** The fake workspace's profile in the ack and modal benchmarks: registered, with audits, so answers have content. */
export const registeredProfile = ServiceProfile.parse({
  schemaVersion: PROFILE_SCHEMA_VERSION,
  service: { name: "Bench Service", vendor: "Bench KK" },
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
});
