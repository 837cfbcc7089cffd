/**
 * The profile modal's view_submission as an update of the service profile, or errors keyed by block_id in the
 * reader's language. Only fields the person changed (compared with the profile the form was built from) are
 * written, so an update applied to a newer profile keeps other people's changes to the other fields.
 */

import { type JstDate, lastDayBefore, toJstDate } from "../../lib/time.js";
import { auditPeriodBounds } from "../../rules/obligations.js";
import { RegistrationStatus, type ServiceProfile } from "../../rules/service-profile.js";
import { CALLBACK } from "../contract/ids.js";
import type { ViewContext } from "../contract/modal-context.js";
import { ModalMetadataError, ProfileMetadata, parseMetadata } from "../contract/modal-metadata.js";
import { checkDay } from "./dates.js";
import { CHECKED, PROFILE_FIELDS, type ProfileField, TEXT_LIMITS } from "./fields.js";
import {
  dateValue,
  hasBlock,
  selectedValue,
  selectedValues,
  textValue,
  usersValue,
  type ViewStateValues,
} from "./state.js";

export type ProfileSubmission =
  | {
      ok: true;
      /** Applies the form to a profile (a copy is returned; the argument is not modified). */
      update: (profile: ServiceProfile) => ServiceProfile;
      baseRevision: number;
    }
  | { ok: false; errors: Record<string, string> };

export interface ProfileParseOptions {
  /** Whether the submitter may change the editors (admins and owners); otherwise the editors input is ignored. */
  canEditEditors?: boolean;
}

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,30}$/;

/**
 * Checks: text lengths (after trimming), the URL's shape (http or https, a host name), dates as real days in
 * 2000–2100, the audit period (both ends or neither; start ≤ end; between rules.program.auditPeriod's minimum and
 * maximum months, counted as every period is), listedOn only when listed, relief ids of the rules, Slack user ids.
 * And the checks that keep the obligations timeline honest: a registration date not in the future; "registered"
 * only with its registration date and audit period; a pre-application to the special measure before its deadline;
 * a listing date not before the pre-application; reliefs marked used only by a listed service.
 * `current` is the profile the form was built from. Throws ModalMetadataError for unreadable metadata.
 */
export function parseProfileSubmission(
  state: ViewStateValues,
  metadata: ProfileMetadata | string,
  current: ServiceProfile,
  ctx: ViewContext,
  options: ProfileParseOptions = {},
): ProfileSubmission {
  const meta = readMetadata(metadata);
  const { t, rules } = ctx;
  const label = (field: ProfileField) => t(`modal.profile.fields.${field}`);
  const errors: Record<string, string> = {};
  const fail = (field: ProfileField, message: string) => {
    errors[PROFILE_FIELDS[field].block] ??= message;
  };
  const read = (field: ProfileField) => PROFILE_FIELDS[field];

  // Texts.
  const text = (field: keyof typeof TEXT_LIMITS): string => {
    const value = textValue(state, read(field).block, read(field).action) ?? "";
    if (value.length > TEXT_LIMITS[field])
      fail(field, t("modal.errors.tooLong", { field: label(field), max: TEXT_LIMITS[field] }));
    return value;
  };
  const name = text("name");
  const vendor = text("vendor");
  const description = text("description");
  const url = text("url");
  if (url !== "" && !isWebUrl(url)) fail("url", t("modal.errors.url", { field: label("url") }));

  // Registration status: a required select, so Slack always sends one; keep the current one if it did not.
  const statusValue = selectedValue(state, read("status").block, read("status").action);
  const statusParsed = statusValue === undefined ? undefined : RegistrationStatus.safeParse(statusValue);
  if (statusParsed && !statusParsed.success)
    fail("status", t("modal.errors.invalidOption", { field: label("status") }));
  const status = statusParsed?.success ? statusParsed.data : current.registration.status;

  // Dates.
  const day = (field: ProfileField): JstDate | undefined => {
    const value = dateValue(state, read(field).block, read(field).action);
    if (value === undefined) return undefined;
    const checked = checkDay(value, label(field), t);
    if ("error" in checked) {
      fail(field, checked.error);
      return undefined;
    }
    return checked.day;
  };
  const registeredOn = day("registeredOn");
  const auditPeriodStart = day("auditPeriodStart");
  const auditPeriodEnd = day("auditPeriodEnd");
  const listedOn = day("listedOn");
  const preApplicationSubmittedOn = day("preApplicationSubmittedOn");

  const startGiven =
    dateValue(state, read("auditPeriodStart").block, read("auditPeriodStart").action) !== undefined;
  const endGiven =
    dateValue(state, read("auditPeriodEnd").block, read("auditPeriodEnd").action) !== undefined;
  if (startGiven && !endGiven) {
    fail("auditPeriodEnd", t("modal.errors.periodIncomplete", { field: label("auditPeriodEnd") }));
  } else if (endGiven && !startGiven) {
    fail("auditPeriodStart", t("modal.errors.periodIncomplete", { field: label("auditPeriodStart") }));
  } else if (auditPeriodStart !== undefined && auditPeriodEnd !== undefined) {
    const { minMonths, maxMonths } = rules.program.auditPeriod;
    const { earliestEnd: earliest, latestEnd: latest } = auditPeriodBounds(rules, auditPeriodStart);
    const names = { start: label("auditPeriodStart"), end: label("auditPeriodEnd") };
    if (auditPeriodStart > auditPeriodEnd) {
      fail("auditPeriodEnd", t("modal.errors.periodOrder", names));
    } else if (auditPeriodEnd > latest) {
      fail(
        "auditPeriodEnd",
        t("modal.errors.periodTooLong", { ...names, max: maxMonths, latest: t.date(latest) }),
      );
    } else if (auditPeriodEnd < earliest) {
      fail(
        "auditPeriodEnd",
        t("modal.errors.periodTooShort", { ...names, min: minMonths, earliest: t.date(earliest) }),
      );
    }
  }

  // Registration: what the timeline anchors on must be there, and not in the future.
  const today = toJstDate(ctx.asOf);
  if (registeredOn !== undefined && registeredOn > today) {
    fail("registeredOn", t("modal.errors.future", { field: label("registeredOn"), today: t.date(today) }));
  }
  if (status === "registered") {
    const statusLabel = t(`msg.registration.${status}`);
    // fail keeps the first message of a field, so a bad date already reported stays the one shown.
    if (registeredOn === undefined) {
      fail(
        "registeredOn",
        t("modal.errors.registeredNeeds", { field: label("registeredOn"), status: statusLabel }),
      );
    }
    if (!startGiven && !endGiven) {
      fail(
        "auditPeriodStart",
        t("modal.errors.registeredNeeds", { field: label("auditPeriodStart"), status: statusLabel }),
      );
    }
  }

  // Special measure.
  const listed = selectedValues(state, read("listed").block, read("listed").action).includes(CHECKED);
  if (!listed && listedOn !== undefined) {
    fail(
      "listedOn",
      t("modal.errors.listedOnWithoutListed", { field: label("listedOn"), listed: label("listed") }),
    );
  }
  const lastDay = lastDayBefore(rules.specialMeasure.deadline.at);
  if (preApplicationSubmittedOn !== undefined && preApplicationSubmittedOn > lastDay) {
    fail(
      "preApplicationSubmittedOn",
      t("modal.errors.afterSpecialDeadline", {
        field: label("preApplicationSubmittedOn"),
        date: t.date(lastDay),
      }),
    );
  }
  if (
    listedOn !== undefined &&
    preApplicationSubmittedOn !== undefined &&
    listedOn < preApplicationSubmittedOn
  ) {
    fail(
      "listedOn",
      t("modal.errors.listedBeforePreApplication", {
        field: label("listedOn"),
        pre: label("preApplicationSubmittedOn"),
      }),
    );
  }
  const knownReliefs = new Set(rules.specialMeasure.reliefs.map((r) => r.id));
  const reliefs = selectedValues(state, read("reliefsUsed").block, read("reliefsUsed").action);
  if (reliefs.some((id) => !knownReliefs.has(id))) {
    fail("reliefsUsed", t("modal.errors.invalidOption", { field: label("reliefsUsed") }));
  } else if (!listed && reliefs.length > 0) {
    fail(
      "reliefsUsed",
      t("modal.errors.reliefsWithoutListed", { field: label("reliefsUsed"), listed: label("listed") }),
    );
  }

  // Editors: only from an admin's form that showed them.
  const canEditEditors = options.canEditEditors ?? true;
  const editorsShown = canEditEditors && hasBlock(state, read("editors").block);
  const editors = editorsShown
    ? unique(usersValue(state, read("editors").block, read("editors").action))
    : [];
  if (editors.some((id) => !SLACK_USER_ID.test(id))) {
    fail("editors", t("modal.errors.invalidOption", { field: label("editors") }));
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };

  const form = {
    service: { name, vendor, description, url },
    registration: { status, registeredOn, auditPeriodStart, auditPeriodEnd },
    specialMeasure: { listed, listedOn, preApplicationSubmittedOn },
  };
  const reliefsChanged = !sameSet(
    current.specialMeasure.reliefsUsed.filter((id) => knownReliefs.has(id)),
    reliefs,
  );
  const editorsChanged = editorsShown && !sameSet(current.editors, editors);

  const update = (profile: ServiceProfile): ServiceProfile => {
    const next = structuredClone(profile);
    for (const key of ["name", "vendor", "description", "url"] as const) {
      if (form.service[key] !== current.service[key]) next.service[key] = form.service[key];
    }
    if (form.registration.status !== current.registration.status)
      next.registration.status = form.registration.status;
    for (const key of ["registeredOn", "auditPeriodStart", "auditPeriodEnd"] as const) {
      if (form.registration[key] !== current.registration[key])
        setOptional(next.registration, key, form.registration[key]);
    }
    if (form.specialMeasure.listed !== current.specialMeasure.listed)
      next.specialMeasure.listed = form.specialMeasure.listed;
    for (const key of ["listedOn", "preApplicationSubmittedOn"] as const) {
      if (form.specialMeasure[key] !== current.specialMeasure[key]) {
        setOptional(next.specialMeasure, key, form.specialMeasure[key]);
      }
    }
    if (reliefsChanged) {
      // Relief ids the rules no longer know are kept: the form never showed them.
      const unknown = next.specialMeasure.reliefsUsed.filter((id) => !knownReliefs.has(id));
      next.specialMeasure.reliefsUsed = [...unique(reliefs), ...unknown];
    }
    if (editorsChanged) next.editors = editors;
    return next;
  };
  return { ok: true, update, baseRevision: meta.baseRevision };
}

function readMetadata(metadata: ProfileMetadata | string): ProfileMetadata {
  if (typeof metadata === "string") return parseMetadata(CALLBACK.profile, metadata);
  const parsed = ProfileMetadata.safeParse(metadata);
  if (!parsed.success)
    throw new ModalMetadataError(CALLBACK.profile, "invalid", parsed.error.issues[0]?.message);
  return parsed.data;
}

/** An http(s) URL with a host name that has a dot (or is localhost), no spaces and no credentials. */
export function isWebUrl(text: string): boolean {
  if (/\s/.test(text)) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return false;
  if (url.username !== "" || url.password !== "") return false;
  const host = url.hostname;
  return host === "localhost" || (/\.[a-z0-9-]{2,}$/i.test(host) && !host.startsWith("."));
}

function setOptional<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value === undefined) delete target[key];
  else target[key] = value;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((v) => right.has(v));
}
