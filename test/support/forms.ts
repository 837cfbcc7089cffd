import type { KnownBlock, ModalView, View } from "@slack/types";
import { type BlockKitProblem, type Surface, validateSurface } from "../../dev/blockkit/validate.js";
import type { Locale } from "../../src/i18n/locale.js";
import { createTranslator, type Translator } from "../../src/i18n/translator.js";
import { addMonths } from "../../src/lib/time.js";
import { emptyProfile, type ServiceProfile } from "../../src/rules/service-profile.js";
import type { ViewContext } from "../../src/slack/contract/modal-context.js";
import type { ViewStateValues } from "../../src/slack/forms/state.js";
import { rules } from "./fixtures.js";
import { type Entry, valuesFor } from "./view-state.js";

export const LOCALES: readonly Locale[] = ["ja", "en"];
/** 2026-06-15 10:00 JST. */
export const AS_OF = new Date("2026-06-15T01:00:00Z");

export function ctxFor(locale: Locale, asOf: Date = AS_OF): ViewContext & { t: Translator } {
  return { rules, t: createTranslator(locale), asOf };
}

type InputElement = { type: string; action_id?: string } & Record<string, unknown>;

function inputs(view: View): { blockId: string; element: InputElement }[] {
  return (view.blocks as KnownBlock[]).flatMap((block) => {
    if (block.type !== "input" || !block.block_id) return [];
    return [{ blockId: block.block_id, element: block.element as unknown as InputElement }];
  });
}

/**
 * What a view_submission of `view` carries: every input block of the view with its initial value, then `changes`
 * (by block_id) as the person made them. A change to a block the view does not have fails the test.
 */
export function submit(view: ModalView, changes: Record<string, Entry> = {}): ViewStateValues {
  return valuesFor(view, changes) as unknown as ViewStateValues;
}

/** The input block ids of a view, in order. */
export function inputBlockIds(view: View): string[] {
  return inputs(view).map((i) => i.blockId);
}

/**
 * A new empty profile that shares nothing with any other: emptyProfile() hands out zod's default objects, whose
 * nested arrays (audits.external, audits.internal) are the same on every call, so pushing into one leaks.
 */
export function blankProfile(): ServiceProfile {
  return structuredClone(emptyProfile());
}

/** A 200-character Japanese service name (the schema's maximum). */
export const LONG_NAME = "国産クラウド型文書共有・電子決裁サービス".repeat(10).slice(0, 200);

/**
 * The largest realistic profile: maximum text lengths, listed with both reliefs used, 30 editors, and ten years of
 * monthly audits (each month an internal audit of 12 objectives, a controls-criteria external audit of 10, and
 * yearly governance and management audits) ending at `asOf`.
 */
export function largestProfile(asOfDay = "2026-06-01"): ServiceProfile {
  const profile = blankProfile();
  profile.service = {
    name: LONG_NAME,
    vendor: "株式会社".padEnd(200, "テ"),
    description: "説明".repeat(1000),
    url: `https://example.co.jp/${"a".repeat(470)}`,
  };
  profile.registration = {
    status: "registered",
    registeredOn: "2023-04-01",
    auditPeriodStart: "2025-04-01",
    auditPeriodEnd: "2026-03-31",
  };
  profile.specialMeasure = {
    listed: true,
    listedOn: "2024-01-10",
    preApplicationSubmittedOn: "2023-12-01",
    reliefsUsed: rules.specialMeasure.reliefs.map((r) => r.id),
  };
  profile.editors = Array.from({ length: 30 }, (_, i) => `U${String(i).padStart(9, "0")}`);
  const ids = rules.objectives.objectives.map((o) => o.id);
  for (let m = 0; m < 120; m++) {
    const date = addMonths(asOfDay, m - 119);
    profile.audits.internal.push({
      id: `int-${m}`,
      date,
      objectiveIds: Array.from({ length: 12 }, (_, k) => ids[(m * 12 + k) % ids.length] as string),
    });
    profile.audits.external.push({
      id: `ctl-${m}`,
      part: "controls",
      date,
      objectiveIds: Array.from({ length: 10 }, (_, k) => ids[(m * 10 + k) % ids.length] as string),
    });
    if (m % 12 === 0) {
      profile.audits.external.push({ id: `gov-${m}`, part: "governance", date, objectiveIds: [] });
      profile.audits.external.push({ id: `mgt-${m}`, part: "management", date, objectiveIds: [] });
    }
  }
  return profile;
}

/** Every problem Slack's limits find in a surface. */
export function problemsOf(surface: Surface): BlockKitProblem[] {
  return validateSurface(surface);
}

/** All the text a person can read in a view (labels, hints, options, sections, contexts), for `toContain`. */
export function textOf(view: unknown): string {
  const out: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if ((record.type === "plain_text" || record.type === "mrkdwn") && typeof record.text === "string") {
        out.push(record.text);
      }
      for (const [key, value] of Object.entries(record)) if (key !== "private_metadata") visit(value);
    }
  };
  visit(view);
  return out.join("\n");
}

/** The block with this block_id. */
export function blockById(view: View, blockId: string): KnownBlock {
  const block = (view.blocks as KnownBlock[]).find((b) => b.block_id === blockId);
  if (!block) throw new Error(`no block ${blockId}`);
  return block;
}
