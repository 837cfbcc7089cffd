/**
 * Seeding of the store benchmarks (shared with bench/reminders.bench.ts): `n` teams, each with a profile document at
 * revision 1 (seedProfile: the governance audit of its audit period due on 2026-12-20, so one reminder is due 30 days
 * before) and reminder settings on (external audits, 30 days before, #general).
 */

import type { ServiceProfile } from "../../src/rules/service-profile.js";
import type { TeamKey } from "../../src/store/keys.js";
import type { Store } from "../../src/store/store.js";
import { profileOf, putProfile } from "../../test/support/fixtures.js";
import { enableExternalReminders } from "../../test/support/reminders.js";

/** The instant at which every seeded team has exactly one reminder due. */
export const SWEEP_AT = new Date("2026-11-20T10:00:00+09:00");

/**
 * Registered, audit period 2025-09-21 – 2026-09-20 with its management audit on record: the period's governance
 * audit is the one external audit due, on 2026-12-20 (3 months after the period, src/rules/obligations.ts), so its
 * reminder 30 days before goes out at SWEEP_AT.
 */
export const seedProfile = profileOf({
  registration: {
    status: "registered",
    registeredOn: "2025-06-01",
    auditPeriodStart: "2025-09-21",
    auditPeriodEnd: "2026-09-20",
  },
  audits: {
    external: [
      { id: "m", part: "management", date: "2026-10-15", periodStart: "2025-09-21", periodEnd: "2026-09-20" },
    ],
  },
});

export function benchTeams(n: number): TeamKey[] {
  return Array.from({ length: n }, (_, i) => ({ teamId: `T${String(i).padStart(7, "0")}` }));
}

/** Writes the teams' profiles and reminder settings; returns the milliseconds it took. */
export async function seed(store: Store, teams: TeamKey[]): Promise<number> {
  const started = Date.now();
  for (let i = 0; i < teams.length; i += 200) {
    await Promise.all(teams.slice(i, i + 200).map((team) => putProfile(store, team, seedProfile)));
  }
  await enableExternalReminders(store, teams);
  return Date.now() - started;
}

/** The fake workspace's profile in the modal benchmark: registered, with audits, so answers have content. */
export const registeredProfile = profileOf({
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

/** Every objective id of rules/objectives.yml would be too long to list; a spread of real ids across domains. */
const SOME_OBJECTIVES = [
  "5.1.1",
  "5.1.2",
  "6.1.1",
  "6.1.2",
  "8.1.1",
  "8.2.1",
  "9.1.1",
  "9.2.1",
  "12.1.1",
  "12.4.1",
];

/**
 * The profiles of the first-question benchmark (bench/ack.ts), one per kind of team, so that `/ismap status` and
 * `audits` do the work they do for real teams: a team that has entered nothing yet (no profile stored), a
 * registered team with audits, one with a long record (eligibility answered, controls audits with objectives,
 * internal audits over three years, on the special measure list), one preparing under the special measure with a
 * planned first period, one whose period ended with nothing recorded (overdue), and an applicant that answered the
 * questionnaire. `undefined`: no profile stored.
 */
export const profileMix: (ServiceProfile | undefined)[] = [
  undefined,
  registeredProfile,
  profileOf({
    service: {
      name: "Long Record Cloud",
      vendor: "Record KK",
      description: "HR SaaS",
      url: "https://example.com",
    },
    eligibility: {
      answers: {
        service_model: "saas",
        confidentiality: "c2",
        target_business: "none",
        impact_assessment: "low",
      },
      result: { verdict: "liu_eligible", rulesVersion: "2025.01.01", asOf: "2025-06-01T00:00:00.000Z" },
    },
    registration: {
      status: "registered",
      registeredOn: "2024-11-01",
      auditPeriodStart: "2025-04-01",
      auditPeriodEnd: "2026-03-31",
    },
    specialMeasure: { listed: true, listedOn: "2024-06-01", preApplicationSubmittedOn: "2024-05-01" },
    audits: {
      external: [
        {
          id: "g24",
          part: "governance",
          date: "2024-06-20",
          periodStart: "2023-04-01",
          periodEnd: "2024-03-31",
        },
        {
          id: "m24",
          part: "management",
          date: "2024-06-21",
          periodStart: "2023-04-01",
          periodEnd: "2024-03-31",
        },
        {
          id: "c24",
          part: "controls",
          date: "2024-06-22",
          objectiveIds: SOME_OBJECTIVES.slice(0, 5),
          periodStart: "2023-04-01",
          periodEnd: "2024-03-31",
        },
        {
          id: "g25",
          part: "governance",
          date: "2025-06-20",
          periodStart: "2024-04-01",
          periodEnd: "2025-03-31",
        },
        {
          id: "c25",
          part: "controls",
          date: "2025-06-22",
          objectiveIds: SOME_OBJECTIVES.slice(5),
          periodStart: "2024-04-01",
          periodEnd: "2025-03-31",
        },
      ],
      internal: [
        { id: "i1", date: "2024-01-15", objectiveIds: SOME_OBJECTIVES.slice(0, 4) },
        { id: "i2", date: "2025-02-10", objectiveIds: SOME_OBJECTIVES.slice(4, 8) },
        { id: "i3", date: "2026-01-20", objectiveIds: SOME_OBJECTIVES.slice(2) },
      ],
    },
    editors: ["U0MEMBER01"],
  }),
  profileOf({
    service: { name: "Starter", vendor: "Starter GK" },
    registration: { status: "pre_applied", auditPeriodStart: "2026-04-01", auditPeriodEnd: "2027-03-31" },
    specialMeasure: { listed: false, preApplicationSubmittedOn: "2025-03-15" },
  }),
  profileOf({
    service: { name: "Overdue Service", vendor: "Late KK" },
    registration: {
      status: "registered",
      registeredOn: "2024-09-01",
      auditPeriodStart: "2025-04-01",
      auditPeriodEnd: "2026-03-31",
    },
  }),
  profileOf({
    service: { name: "Applicant", vendor: "Apply KK" },
    eligibility: {
      answers: { service_model: "paas", confidentiality: "c1" },
      result: {
        verdict: "full_ismap_required",
        rulesVersion: "2025.01.01",
        asOf: "2026-02-01T00:00:00.000Z",
      },
    },
    registration: { status: "applied", auditPeriodStart: "2026-01-01", auditPeriodEnd: "2026-12-31" },
  }),
];
