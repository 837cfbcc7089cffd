/**
 * block_ids and action_ids of the inputs of the profile and record modals, shared by the builders (which write
 * them) and the parsers (which read `view.state.values[block_id][action_id]` and key `response_action: "errors"`
 * by block_id). The eligibility modal uses each question's id as its block_id and ACTION.eligibilityAnswer as the
 * action_id.
 */
import { ACTION } from "../contract/ids.js";

export const PROFILE_FIELDS = {
  name: { block: "profile_name", action: "value" },
  vendor: { block: "profile_vendor", action: "value" },
  description: { block: "profile_description", action: "value" },
  url: { block: "profile_url", action: "value" },
  status: { block: "profile_status", action: "value" },
  registeredOn: { block: "profile_registered_on", action: "value" },
  auditPeriodStart: { block: "profile_audit_period_start", action: "value" },
  auditPeriodEnd: { block: "profile_audit_period_end", action: "value" },
  listed: { block: "profile_sm_listed", action: "value" },
  listedOn: { block: "profile_sm_listed_on", action: "value" },
  preApplicationSubmittedOn: { block: "profile_sm_pre_application", action: "value" },
  reliefsUsed: { block: "profile_sm_reliefs", action: "value" },
  editors: { block: "profile_editors", action: "value" },
} as const;
export type ProfileField = keyof typeof PROFILE_FIELDS;

export const RECORD_FIELDS = {
  type: { block: "record_type", action: "value" },
  date: { block: "record_date", action: "value" },
  objectives: { block: "record_objectives", action: ACTION.objectiveSelect },
  all: { block: "record_all", action: "value" },
  note: { block: "record_note", action: "value" },
} as const;
export type RecordField = keyof typeof RECORD_FIELDS;

/** The value of the single checkbox of "listed" and of "all objectives". */
export const CHECKED = "yes";

/** Profile text limits: those of the ServiceProfile schema (src/rules/service-profile.ts). */
export const TEXT_LIMITS = { name: 200, vendor: 200, description: 2000, url: 500 } as const;

/** The record modal's note. */
export const NOTE_MAX = 500;

/** Dates outside these years are typing accidents, not audit or registration days. */
export const YEAR_RANGE = { from: 2000, to: 2100 } as const;
