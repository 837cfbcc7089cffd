/**
 * Saving a checked audit record: one append under the team's save lock, on whatever revision is current (a record
 * that landed first is kept, this one is applied after it). Shared by the record modal and the Workflow Builder
 * step, so both save the same way.
 */

import type { TeamKey } from "../../store/keys.js";
import type { RecordSubmission } from "../forms/record.js";
import type { Services } from "../runtime/services.js";

export type CheckedRecord = Extract<RecordSubmission, { ok: true }>;

/** Appends the audit; resolves with the new revision. Only a lock held past its wait fails (ProfileBusyError). */
export async function saveAuditRecord(
  services: Services,
  team: TeamKey,
  actor: string,
  at: Date,
  record: CheckedRecord,
): Promise<number> {
  const saved = await services.profiles.save(team, {
    baseRevision: "latest",
    actor,
    at,
    summary: record.note ? `audit: ${record.note}` : "audit",
    update: (profile) => {
      if (record.kind === "internal") profile.audits.internal.push(record.audit);
      else profile.audits.external.push(record.audit);
      return profile;
    },
  });
  if (!saved.ok) throw new Error("record audit: an append was refused as stale");
  return saved.revision;
}
