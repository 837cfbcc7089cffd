/** The service profile: what the rules engine reads about one cloud service (its input), and how it is stored. */
import { z } from "zod";
import { CriteriaPart } from "./schema.js";
import { ObjectiveId } from "./schema-base.js";
import { Verdict } from "./schema-eligibility.js";

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD");

/** The current shape of a stored profile; migrations lift older ones to it. */
export const PROFILE_SCHEMA_VERSION = 1;

export const RegistrationStatus = z.enum([
  "not_started",
  "preparing",
  "pre_applied",
  "applied",
  "registered",
  "lapsed",
  "withdrawn",
]);
export type RegistrationStatus = z.infer<typeof RegistrationStatus>;

export const ExternalAudit = z.object({
  id: z.string().min(1),
  part: CriteriaPart,
  /** The day the audit was performed or its report issued (JST calendar day). */
  date: isoDate,
  /** For controls-criteria audits: the objectives audited. Governance/management cover every control. */
  objectiveIds: z.array(ObjectiveId).default([]),
  periodStart: isoDate.optional(),
  periodEnd: isoDate.optional(),
});
export type ExternalAudit = z.infer<typeof ExternalAudit>;

export const InternalAudit = z.object({
  id: z.string().min(1),
  date: isoDate,
  objectiveIds: z.array(ObjectiveId).min(1, "an internal audit covers at least one objective"),
});
export type InternalAudit = z.infer<typeof InternalAudit>;

export const EligibilityAnswers = z.record(z.string(), z.union([z.string(), z.array(z.string())]));
export type EligibilityAnswers = z.infer<typeof EligibilityAnswers>;

export const ServiceProfile = z.object({
  schemaVersion: z.literal(PROFILE_SCHEMA_VERSION),
  service: z
    .object({
      name: z.string().max(200).default(""),
      vendor: z.string().max(200).default(""),
      description: z.string().max(2000).default(""),
      url: z.string().max(500).default(""),
    })
    .default(() => ({ name: "", vendor: "", description: "", url: "" })),
  eligibility: z
    .object({
      answers: EligibilityAnswers,
      result: z.object({ verdict: Verdict, rulesVersion: z.string(), asOf: z.string() }).optional(),
    })
    .optional(),
  registration: z
    .object({
      status: RegistrationStatus.default("not_started"),
      registeredOn: isoDate.optional(),
      /** The audit period of the most recent external audit (監査対象期間). */
      auditPeriodStart: isoDate.optional(),
      auditPeriodEnd: isoDate.optional(),
    })
    .default(() => ({ status: "not_started" as const })),
  specialMeasure: z
    .object({
      listed: z.boolean().default(false),
      listedOn: isoDate.optional(),
      preApplicationSubmittedOn: isoDate.optional(),
      /** Ids of the once-only reliefs (rules/special-measure.yml) already used. */
      reliefsUsed: z.array(z.string()).default([]),
    })
    .default(() => ({ listed: false, reliefsUsed: [] })),
  audits: z
    .object({
      external: z.array(ExternalAudit).default([]),
      internal: z.array(InternalAudit).default([]),
    })
    .default(() => ({ external: [], internal: [] })),
  /** Slack user ids allowed to edit besides workspace admins and owners. */
  editors: z.array(z.string()).default([]),
});
export type ServiceProfile = z.infer<typeof ServiceProfile>;
export type ServiceProfileInput = z.input<typeof ServiceProfile>;

/** A profile with nothing filled in, as a new team starts. */
export function emptyProfile(): ServiceProfile {
  return ServiceProfile.parse({ schemaVersion: PROFILE_SCHEMA_VERSION });
}
