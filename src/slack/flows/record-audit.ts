/**
 * Saving audits: a checked record, or an imported file's audits, is one append under the team's save lock, on
 * whatever revision is current (a record that landed first is kept, this one is applied after it). Shared by the
 * record modal and the Workflow Builder step, so both save the same way.
 */

import type { PendingImport } from "../../records/pending.js";
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

/**
 * Appends every audit of an imported file in one revision (all of them, or on any failure none); resolves with the
 * new revision.
 */
export async function saveImportedAudits(
  services: Services,
  team: TeamKey,
  actor: string,
  at: Date,
  pending: PendingImport,
): Promise<number> {
  const count = pending.internal.length + pending.external.length;
  const saved = await services.profiles.save(team, {
    baseRevision: "latest",
    actor,
    at,
    summary: `imported ${count} audits from ${pending.fileName}`,
    update: (profile) => {
      for (const audit of pending.internal) profile.audits.internal.push({ id: services.newId(), ...audit });
      for (const audit of pending.external) profile.audits.external.push({ id: services.newId(), ...audit });
      return profile;
    },
  });
  if (!saved.ok) throw new Error("import: an append was refused as stale");
  return saved.revision;
}
