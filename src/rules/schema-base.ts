/** What every rules file is built from: ids, dates, and the citation every rule and fact carries. */
import { z } from "zod";
import { LocalizedText } from "../i18n/locale.js";

/** How sure we are of a fact: seed, stated, inferred, tbc, conflicting (README, "How the rules data is organised"). */
export const Confidence = z.enum(["seed", "stated", "inferred", "tbc", "conflicting"]);
export type Confidence = z.infer<typeof Confidence>;

/** Confidence marks that every answer resting on them must disclose. */
export const UNCERTAIN: readonly Confidence[] = ["inferred", "tbc", "conflicting"];

export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be ISO YYYY-MM-DD");
/** An instant with an explicit offset, e.g. 2025-04-01T00:00:00+09:00. */
export const isoInstant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/,
    "instant must be ISO 8601 with offset",
  );
export const id = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, "id must be lower-case letters, digits, _ . -");
export const ObjectiveId = z
  .string()
  .regex(/^\d{1,2}\.\d{1,2}\.\d{1,2}(\.P)?$/, "not a control objective id");

/** Where a fact comes from and how sure we are; every rule and fact carries it. */
export const Citation = z.object({
  source: z.union([id, z.array(id).min(1)]),
  confidence: Confidence,
  /** The first instant the fact holds (inclusive), when it changed or may have. */
  validFrom: isoInstant.optional(),
  /** The instant the fact stops holding (exclusive). */
  validTo: isoInstant.optional(),
  note: LocalizedText.optional(),
});
export type Citation = z.infer<typeof Citation>;

export const cited = <T extends z.ZodRawShape>(shape: T) => Citation.extend(shape);

export const Fact = cited({ id, text: LocalizedText });
export type Fact = z.infer<typeof Fact>;
