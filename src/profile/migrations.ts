/**
 * Lifts a stored profile written by an older version of the app to the current shape (PROFILE_SCHEMA_VERSION),
 * one version step at a time. Migrations reshape; the zod schema validates afterwards.
 */
import { PROFILE_SCHEMA_VERSION } from "../rules/service-profile.js";

export class ProfileMigrationError extends Error {
  override readonly name = "ProfileMigrationError";
}

type Raw = Record<string, unknown>;

function isRecord(value: unknown): value is Raw {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Version 0: profiles saved before `schemaVersion` existed. The service name and vendor were top-level fields,
 * and audits were one flat list, each entry tagged `kind: "external" | "internal"`:
 *
 *     { serviceName, vendorName, audits: [{ id, kind: "external", part, date, objectiveIds, ... }], ... }
 *
 * Every other field already had its version-1 shape.
 */
export interface ProfileV0 {
  serviceName?: string;
  vendorName?: string;
  audits?: Array<{
    id: string;
    kind: "external" | "internal";
    part?: string;
    date: string;
    objectiveIds?: string[];
    periodStart?: string;
    periodEnd?: string;
  }>;
  [field: string]: unknown;
}

function v0ToV1(raw: Raw): Raw {
  const { serviceName, vendorName, audits, schemaVersion: _absent, ...rest } = raw;
  const next: Raw = { ...rest, schemaVersion: 1 };
  if (!isRecord(rest.service) && (serviceName !== undefined || vendorName !== undefined)) {
    next.service = { name: serviceName ?? "", vendor: vendorName ?? "" };
  }
  if (Array.isArray(audits)) {
    const external: unknown[] = [];
    const internal: unknown[] = [];
    audits.forEach((audit: unknown, index) => {
      if (!isRecord(audit)) throw new ProfileMigrationError(`v0 audits[${index}] is not an object`);
      const { kind, ...fields } = audit;
      if (kind === "external") {
        external.push(fields);
      } else if (kind === "internal") {
        // Internal audits never had a part or an audit period; drop them if an old editor left them behind.
        const { part: _part, periodStart: _start, periodEnd: _end, ...internalFields } = fields;
        internal.push(internalFields);
      } else {
        throw new ProfileMigrationError(
          `v0 audits[${index}] has kind ${JSON.stringify(kind)}, expected "external" or "internal"`,
        );
      }
    });
    next.audits = { external, internal };
  } else if (audits !== undefined) {
    next.audits = audits;
  }
  return next;
}

/** `MIGRATIONS[n]` lifts a version-n profile to version n + 1. */
const MIGRATIONS: Record<number, (raw: Raw) => Raw> = { 0: v0ToV1 };

/** The version a stored profile was written at; a profile without `schemaVersion` is version 0. */
export function profileSchemaVersion(raw: unknown): number {
  if (!isRecord(raw)) throw new ProfileMigrationError("a stored profile must be an object");
  const version = raw.schemaVersion ?? 0;
  if (typeof version !== "number" || !Number.isInteger(version) || version < 0) {
    throw new ProfileMigrationError(`schemaVersion ${JSON.stringify(version)} is not a version number`);
  }
  return version;
}

/**
 * Returns `raw` lifted to PROFILE_SCHEMA_VERSION (not yet validated). A profile from a newer app version, or one
 * a migration cannot reshape, throws ProfileMigrationError. `raw` itself is never modified.
 */
export function migrateProfile(raw: unknown): unknown {
  let version = profileSchemaVersion(raw);
  if (version > PROFILE_SCHEMA_VERSION) {
    throw new ProfileMigrationError(
      `profile schemaVersion ${version} is newer than this app understands (${PROFILE_SCHEMA_VERSION})`,
    );
  }
  let current = raw as Raw;
  while (version < PROFILE_SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) throw new ProfileMigrationError(`no migration from profile schemaVersion ${version}`);
    current = step(structuredClone(current));
    version++;
  }
  return current;
}
