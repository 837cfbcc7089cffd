/** The schema of each file of rules/ (eligibility.yml's in schema-eligibility.ts), and the rule set they make. */
import { z } from "zod";
import { LocalizedText } from "../i18n/locale.js";
import { cited, Fact, id, isoDate, isoInstant, ObjectiveId } from "./schema-base.js";
import { EligibilityFile } from "./schema-eligibility.js";

export const Source = z.object({
  id,
  /** The title in both languages; screens show the reader's (a Japanese document keeps its own title in `ja`). */
  title: LocalizedText,
  /** The most precise public address known. */
  url: z.url().optional(),
  /** Why a source has no URL; rules:check reports a source with neither (cross-check.ts). */
  noUrlReason: LocalizedText.optional(),
  publisher: z.string().min(1),
  /** The day we last read the source. */
  seen: isoDate,
});
export type Source = z.infer<typeof Source>;

export const MetaFile = z.object({
  version: z.string().min(1),
  updated: isoDate,
  disclaimer: LocalizedText,
});

export const SourcesFile = z.object({ sources: z.array(Source).min(1) });

export const RegistrationStep = cited({ id, title: LocalizedText, detail: LocalizedText });
export type RegistrationStep = z.infer<typeof RegistrationStep>;

export const ProgramFile = z.object({
  facts: z.array(Fact).min(1),
  registrationSteps: z.array(RegistrationStep).min(1),
  auditPeriod: cited({
    id,
    minMonths: z.int().positive(),
    maxMonths: z.int().positive(),
    text: LocalizedText,
  }),
  /** Audit report due this many months after the audit period ends. */
  reportDue: cited({ id, monthsAfterPeriod: z.int().positive(), text: LocalizedText }),
  /** Registration valid until this many months after the day following the audit period's last day. */
  validity: cited({ id, monthsAfterDayAfterPeriod: z.int().positive(), text: LocalizedText }),
});

// ---- audits ----------------------------------------------------------------------------------

export const CriteriaPart = z.enum(["governance", "management", "controls"]);
export type CriteriaPart = z.infer<typeof CriteriaPart>;

export const ImportantArea = cited({ id, label: LocalizedText, objectiveIds: z.array(ObjectiveId).min(1) });
export type ImportantArea = z.infer<typeof ImportantArea>;

export const AuditsFile = z
  .object({
    /** Governance and management criteria: every control, externally audited at this interval. */
    everyYear: cited({
      id,
      parts: z.array(CriteriaPart).min(1),
      intervalMonths: z.int().positive(),
      text: LocalizedText,
    }),
    /** Controls criteria: the important subset, spread evenly over `cycleYears` of external audits. */
    controlsSubset: cited({
      id,
      text: LocalizedText,
      cycleYears: cited({ id, value: z.int().positive(), text: LocalizedText }),
      areas: z.array(ImportantArea).min(1),
    }),
    /** Internal audit: every objective covered at least once within the window. */
    internalAudit: cited({
      id,
      windowYears: z.int().positive(),
      /**
       * Coverage lapsing (or an audit falling due) within this many days is reported as expiring / due soon.
       * A cited value of its own: the window is the programme's, the threshold is our default.
       */
      expiringWithinDays: cited({ id, value: z.int().positive(), text: LocalizedText }),
      text: LocalizedText,
    }),
    /** What full ISMAP requires, for comparison answers. */
    fullIsmapComparison: z.array(Fact).default([]),
  })
  .superRefine((file, ctx) => {
    // Each objective belongs to one area at most, so the yearly groups of the subset are well defined.
    const seen = new Map<string, string>();
    file.controlsSubset.areas.forEach((area, a) => {
      area.objectiveIds.forEach((objectiveId, i) => {
        const other = seen.get(objectiveId);
        if (other !== undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["controlsSubset", "areas", a, "objectiveIds", i],
            message: `objective ${objectiveId} is already in area ${other}`,
          });
        }
        seen.set(objectiveId, area.id);
      });
    });
  });

export const ControlObjective = z.object({
  id: ObjectiveId,
  domainId: z.string().regex(/^\d{1,2}$/),
  domain: z.string().min(1),
  categoryId: z.string().regex(/^\d{1,2}\.\d{1,2}$/),
  category: z.string().min(1),
  cloudSpecific: z.boolean(),
  label: LocalizedText,
});
export type ControlObjective = z.infer<typeof ControlObjective>;

export const ObjectivesFile = cited({ objectives: z.array(ControlObjective).min(1) }).superRefine(
  (file, ctx) => {
    const seen = new Set<string>();
    file.objectives.forEach((objective, i) => {
      if (seen.has(objective.id)) {
        ctx.addIssue({
          code: "custom",
          path: ["objectives", i, "id"],
          message: `duplicate objective ${objective.id}`,
        });
      }
      seen.add(objective.id);
    });
  },
);

// ---- special measure -------------------------------------------------------------------------

export const SpecialMeasureFile = z.object({
  name: LocalizedText,
  inForceFrom: cited({ id, at: isoInstant, text: LocalizedText }),
  /** Pre-application documents had to reach the operating support body before this instant. */
  deadline: cited({ id, at: isoInstant, text: LocalizedText }),
  acceptanceClosed: cited({ id, text: LocalizedText }),
  /** When the measure's operating period ends (exclusive); null while unknown. */
  periodEnd: cited({ id, at: isoInstant.nullable(), text: LocalizedText }),
  /**
   * What is not known about the time after the period: whether listed services can still use the once-only
   * reliefs, and what became of the list. Quoted (as caveats) once the period is over.
   */
  afterPeriod: z.object({
    reliefs: cited({ id, text: LocalizedText }),
    list: cited({ id, text: LocalizedText }),
  }),
  benefits: z.array(cited({ id, text: LocalizedText })).min(1),
  /** Reliefs usable once within the measure period. */
  reliefs: z.array(cited({ id, text: LocalizedText, once: z.boolean() })).min(1),
  steps: z.array(cited({ id, text: LocalizedText })).default([]),
  /** Background facts (what the list is, why the measure exists). */
  facts: z.array(cited({ id, text: LocalizedText })).default([]),
});

// ---- date conventions ------------------------------------------------------------------------

export const DatesFile = z.object({
  /** How a period of n months starting on a day is counted (its last day). */
  periods: cited({ id, text: LocalizedText }),
  /** How "covered at least once within the most recent n years" turns into a last covered day. */
  internalCoverage: cited({ id, text: LocalizedText }),
  /** The assumed length of the audit periods after the one a team entered. */
  nextPeriods: cited({ id, months: z.int().positive(), text: LocalizedText }),
  /** When objectives never covered by an internal audit are due. */
  neverCovered: cited({ id, text: LocalizedText }),
});

// ---- FAQ -------------------------------------------------------------------------------------

/** Placeholders an `answerAt` text may use; filled from special-measure.yml, so no date is written twice. */
export const FAQ_DATE_PLACEHOLDERS = ["{inForceFrom}", "{acceptanceLastDay}", "{periodLastDay}"] as const;

/**
 * An answer whose truth depends on the date, picked at `asOf` by a dated fact of special-measure.yml: `before`
 * inForceFrom, `during` from then until the fact's end (the deadline for "acceptance", periodEnd for "period"; an
 * unknown end never comes), `after` from the end on. Texts may use FAQ_DATE_PLACEHOLDERS.
 */
export const FaqAnswerAt = z.object({
  fact: z.enum(["acceptance", "period"]),
  before: LocalizedText,
  during: LocalizedText,
  after: LocalizedText,
});
export type FaqAnswerAt = z.infer<typeof FaqAnswerAt>;

export const FaqEntry = cited({
  id,
  topic: LocalizedText,
  phrasings: z.object({ ja: z.array(z.string().min(1)).min(2), en: z.array(z.string().min(1)).min(2) }),
  /** The answer; an entry whose answer depends on the date has `answerAt` instead. */
  answer: LocalizedText.optional(),
  answerAt: FaqAnswerAt.optional(),
}).superRefine((entry, ctx) => {
  if ((entry.answer === undefined) === (entry.answerAt === undefined)) {
    ctx.addIssue({ code: "custom", path: ["answer"], message: "give exactly one of answer and answerAt" });
  }
});
export type FaqEntry = z.infer<typeof FaqEntry>;

const terms = z.array(z.string().trim().min(1));

/**
 * What a question must mention for the FAQ to answer it confidently (see src/rules/faq.ts). Each term is matched
 * in the normalised question: a term with Japanese characters anywhere in it, a Latin-script term as whole words
 * (spaces and hyphens alike), a trailing `*` allowing any ending ("audit*": audits, auditor).
 */
export const FaqDomain = cited({
  id,
  /** Names that mean this programme and nothing else (ISMAP, LIU): a question naming one is in the domain. */
  names: terms.min(1),
  /** Other assurance schemes: a question naming one and none of `names` is about that scheme, not ours. */
  otherSchemes: terms.default([]),
  /** Words that in a workplace mostly mean this programme's matters (監査, control objective). */
  terms: terms.min(1),
  /**
   * Programme words with everyday meanings too (登録, renew): a question whose only domain words are these is
   * trusted only if it says nothing else, or if it still matches the entry without them.
   */
  broadTerms: terms.default([]),
});
export type FaqDomain = z.infer<typeof FaqDomain>;

export const FaqFile = z.object({
  /** Below this score an answer is not confident. */
  threshold: z.number().min(0).max(1),
  /** When present, a question that mentions nothing of the domain is never answered confidently. */
  domain: FaqDomain.optional(),
  entries: z.array(FaqEntry).min(1),
});

/** The files of rules/ and the schema of each. */
export const RULE_FILES = {
  meta: { file: "meta.yml", schema: MetaFile },
  sources: { file: "sources.yml", schema: SourcesFile },
  program: { file: "program.yml", schema: ProgramFile },
  eligibility: { file: "eligibility.yml", schema: EligibilityFile },
  audits: { file: "audits.yml", schema: AuditsFile },
  objectives: { file: "objectives.yml", schema: ObjectivesFile },
  specialMeasure: { file: "special-measure.yml", schema: SpecialMeasureFile },
  faq: { file: "faq.yml", schema: FaqFile },
  dates: { file: "dates.yml", schema: DatesFile },
} as const;

type RuleFiles = typeof RULE_FILES;
/** The whole rule set, as loaded and cross-checked from rules/. */
export type RuleSet = { [K in keyof RuleFiles]: z.infer<RuleFiles[K]["schema"]> };
