/**
 * The state each modal carries in `private_metadata` (a string of at most 3000 characters that Slack hands back
 * with view_submission and block_actions payloads): one zod schema per callback_id, JSON encoding, and parsing
 * that throws a typed ModalMetadataError on anything that is not exactly what a builder wrote.
 */
import { z } from "zod";
import { LIMITS } from "../blockkit/limits.js";
import { CALLBACK } from "./ids.js";

/** The four kinds of audit the record modal offers, as radio values. */
export const RECORD_TYPES = [
  "external_governance",
  "external_management",
  "external_controls",
  "internal",
] as const;
export const RecordType = z.enum(RECORD_TYPES);
export type RecordType = z.infer<typeof RecordType>;

/** A Slack channel, DM or group id. */
export const CHANNEL_ID = /^[CDG][A-Z0-9]{2,30}$/;

const revision = z.int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const ruleId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_.-]*$/)
  .max(100);

export const EligibilityMetadata = z.strictObject({
  /** Answers so far by question id (the pre-screen's optional questions are simply absent when skipped). */
  answers: z.record(ruleId, z.string().min(1).max(150)),
  /** The rules `step` the modal shows. */
  step: z.int().min(1).max(99),
  /** The channel the check was started from, to share the verdict there. */
  channelId: z.string().regex(CHANNEL_ID).optional(),
  /** The profile revision the answers were started on (saving them to the profile is refused when stale). */
  baseRevision: revision,
});
export type EligibilityMetadata = z.infer<typeof EligibilityMetadata>;

export const ProfileMetadata = z.strictObject({ baseRevision: revision });
export type ProfileMetadata = z.infer<typeof ProfileMetadata>;

export const RecordMetadata = z.strictObject({ baseRevision: revision, presetType: RecordType.optional() });
export type RecordMetadata = z.infer<typeof RecordMetadata>;

const SCHEMAS = {
  [CALLBACK.eligibility]: EligibilityMetadata,
  [CALLBACK.profile]: ProfileMetadata,
  [CALLBACK.record]: RecordMetadata,
} as const;

/** Metadata type by callback_id. */
export type ModalMetadataMap = { [C in keyof typeof SCHEMAS]: z.infer<(typeof SCHEMAS)[C]> };
export type MetadataCallbackId = keyof ModalMetadataMap;

export type ModalMetadataErrorReason = "missing" | "too_long" | "not_json" | "invalid" | "unknown_callback";

/** private_metadata that no builder of ours wrote: garbage, tampered with, truncated, or for another modal. */
export class ModalMetadataError extends Error {
  override readonly name = "ModalMetadataError";
  constructor(
    readonly callbackId: string,
    readonly reason: ModalMetadataErrorReason,
    detail?: string,
  ) {
    super(`private_metadata of ${callbackId}: ${reason}${detail ? ` (${detail})` : ""}`);
  }
}

function schemaOf(callbackId: string): z.ZodType | undefined {
  return Object.hasOwn(SCHEMAS, callbackId) ? SCHEMAS[callbackId as MetadataCallbackId] : undefined;
}

/**
 * The JSON a builder puts in private_metadata. Throws (a programming error, not user input) when the value does
 * not match its schema or the JSON exceeds Slack's 3000 characters.
 */
export function encodeMetadata<C extends MetadataCallbackId>(
  callbackId: C,
  value: ModalMetadataMap[C],
): string {
  const schema = schemaOf(callbackId);
  if (!schema) throw new ModalMetadataError(callbackId, "unknown_callback");
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ModalMetadataError(callbackId, "invalid", parsed.error.issues[0]?.message);
  const json = JSON.stringify(parsed.data);
  if (json.length > LIMITS.view.privateMetadata) {
    throw new ModalMetadataError(callbackId, "too_long", `${json.length} characters`);
  }
  return json;
}

/**
 * Reads private_metadata back. Throws ModalMetadataError: `missing` (empty), `too_long`, `not_json`, `invalid`
 * (wrong shape, unknown or extra keys, out-of-range numbers) or `unknown_callback`.
 */
export function parseMetadata<C extends MetadataCallbackId>(
  callbackId: C,
  raw: string | null | undefined,
): ModalMetadataMap[C] {
  const schema = schemaOf(callbackId);
  if (!schema) throw new ModalMetadataError(String(callbackId), "unknown_callback");
  if (raw === null || raw === undefined || raw === "") throw new ModalMetadataError(callbackId, "missing");
  if (raw.length > LIMITS.view.privateMetadata) {
    throw new ModalMetadataError(callbackId, "too_long", `${raw.length} characters`);
  }
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ModalMetadataError(callbackId, "not_json");
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ModalMetadataError(callbackId, "invalid", issue && `${issue.path.join(".")}: ${issue.message}`);
  }
  return parsed.data as ModalMetadataMap[C];
}
