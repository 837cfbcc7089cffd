/**
 * Imports read and checked but not yet confirmed: the audits of a preview, kept in the store for
 * PENDING_IMPORT_TTL_MS under a random id that the confirmation modal carries (a preview may hold more audits than
 * a modal's 3000-character metadata). Only the person who read the file, in the same team, can confirm it.
 */
import { z } from "zod";
import { ExternalAudit, InternalAudit } from "../rules/service-profile.js";
import { type TeamKey, teamScope } from "../store/keys.js";
import type { Store } from "../store/store.js";

export const PENDING_IMPORT_TTL_MS = 30 * 60 * 1000;

const PendingImportSchema = z.object({
  userId: z.string().min(1),
  fileName: z.string().max(300),
  internal: z.array(InternalAudit.omit({ id: true })),
  external: z.array(ExternalAudit.omit({ id: true })),
});
export type PendingImport = z.infer<typeof PendingImportSchema>;

const ID = /^[A-Za-z0-9-]{8,64}$/;

function pendingKey(team: TeamKey, id: string): string {
  if (!ID.test(id)) throw new TypeError("not a pending import id");
  return `import:${teamScope(team)}:${id}`;
}

export class PendingImports {
  constructor(private readonly store: Pick<Store, "get" | "set" | "delete">) {}

  async put(team: TeamKey, id: string, pending: PendingImport): Promise<void> {
    await this.store.set(pendingKey(team, id), PendingImportSchema.parse(pending), PENDING_IMPORT_TTL_MS);
  }

  /** The pending import if it exists, is well formed and belongs to `userId`; it is removed either way. */
  async take(team: TeamKey, id: string, userId: string): Promise<PendingImport | undefined> {
    if (!ID.test(id)) return undefined;
    const key = pendingKey(team, id);
    const parsed = PendingImportSchema.safeParse(await this.store.get(key));
    if (!parsed.success || parsed.data.userId !== userId) return undefined;
    await this.store.delete(key);
    return parsed.data;
  }
}
