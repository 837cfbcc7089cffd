import { z } from "zod";
import { LOCALES, LocalizedText } from "../i18n/locale.js";

/** How sure we are of a fact: seed, stated, inferred, tbc, conflicting (README, "How the rules data is organised"). */
export const Confidence = z.enum(["seed", "stated", "inferred", "tbc", "conflicting"]);
export type Confidence = z.infer<typeof Confidence>;

/** Confidence marks that every answer resting on them must disclose. */
export const UNCERTAIN: readonly Confidence[] = ["inferred", "tbc", "conflicting"];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be ISO YYYY-MM-DD");
/** An instant with an explicit offset, e.g. 2025-04-01T00:00:00+09:00. */
const isoInstant = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/,
    "instant must be ISO 8601 with offset",
  );
const id = z.string().regex(/^[a-z0-9][a-z0-9_.-]*$/, "id must be lower-case letters, digits, _ . -");
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

const cited = <T extends z.ZodRawShape>(shape: T) => Citation.extend(shape);

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

export const Fact = cited({ id, text: LocalizedText });
export type Fact = z.infer<typeof Fact>;

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

// ---- eligibility ---------------------------------------------------------------------------

/** A condition over questionnaire answers. `answered` is true when the question has an answer. */
export type Condition =
  | { q: string; in: string[] }
  | { q: string; notIn: string[] }
  | { q: string; answered: boolean }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };
export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ q: id, in: z.array(z.string()).min(1) }),
    z.strictObject({ q: id, notIn: z.array(z.string()).min(1) }),
    z.strictObject({ q: id, answered: z.boolean() }),
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
  ]),
);

export const Option = z.object({ value: id, label: LocalizedText, help: LocalizedText.optional() });
export type Option = z.infer<typeof Option>;

export const Question = z.object({
  id,
  text: LocalizedText,
  help: LocalizedText.optional(),
  /** Questions the official flow needs; optional ones (the self-check pre-screen) never block a verdict. */
  required: z.boolean(),
  /** Asked only when this holds; a required question whose condition fails is not needed. */
  askIf: Condition.optional(),
  options: z.array(Option).default([]),
  /** Also offer every row of the target business list as an option. */
  optionsFromTargetBusinesses: z.boolean().default(false),
  /** Which step of the questionnaire shows the question (1-based). */
  step: z.int().positive(),
});
export type Question = z.infer<typeof Question>;

export const Verdict = z.enum([
  "liu_eligible",
  "liu_pending_assessment",
  /** The business may or may not be on the target list: the verdict waits for that answer (and then the assessment). */
  "liu_pending_target_list",
  "full_ismap_required",
  "no_listing_required",
  "outside_ismap",
]);
export type Verdict = z.infer<typeof Verdict>;

export const NextStep = cited({ id, text: LocalizedText });
export type NextStep = z.infer<typeof NextStep>;

/** One rule of the decision order: the first rule whose `when` holds gives the verdict. */
export const DecisionRule = cited({
  id,
  when: Condition,
  verdict: Verdict,
  reason: LocalizedText,
  /** Ids of `facts` on the path to this verdict, quoted after the reason (each with its own citation). */
  facts: z.array(id).default([]),
  nextSteps: z.array(NextStep).default([]),
});
export type DecisionRule = z.infer<typeof DecisionRule>;

/** Answers that cannot both be true; the questionnaire refuses them. */
export const Contradiction = cited({ id, when: Condition, question: id, message: LocalizedText });
export type Contradiction = z.infer<typeof Contradiction>;

export const TargetBusiness = cited({ id, label: LocalizedText, examples: LocalizedText.optional() });
export type TargetBusiness = z.infer<typeof TargetBusiness>;

/** The target business list as a whole: how complete it is, and how a matched row is quoted. */
export const TargetBusinessList = cited({
  id,
  /** What the list holds and how complete it is; quoted as a caveat when an answer relies on a row's absence. */
  text: LocalizedText,
  /** A reason quoting the row the business matched; `{label}` is replaced by the row's label. */
  matchedText: LocalizedText,
});
export type TargetBusinessList = z.infer<typeof TargetBusinessList>;

/** Self-check pre-screen: an estimate of the impact level, never the official assessment. */
export const PrescreenSignal = cited({
  id,
  when: Condition,
  /** What the signal suggests about the official impact assessment. */
  suggests: z.enum(["likely_low", "likely_not_low"]),
  text: LocalizedText,
});
export type PrescreenSignal = z.infer<typeof PrescreenSignal>;

export const EligibilityFile = z
  .object({
    questions: z.array(Question).min(1),
    decision: z.array(DecisionRule).min(1),
    contradictions: z.array(Contradiction).default([]),
    /** Facts on the path to a verdict, referenced by id from `decision[].facts`. */
    facts: z.array(Fact).default([]),
    targetBusinessList: TargetBusinessList,
    targetBusinesses: z.array(TargetBusiness).min(1),
    prescreen: z.array(PrescreenSignal).default([]),
    /** Shown with every pre-screen estimate: it is an estimate, never the official assessment. */
    prescreenDisclaimer: cited({ id, text: LocalizedText }),
    /** Notes that apply to every verdict during a time range (e.g. the 2025-04 pre-application change). */
    notices: z.array(cited({ id, appliesTo: z.array(Verdict).min(1), text: LocalizedText })).default([]),
  })
  .superRefine((file, ctx) => {
    const factIds = new Set(file.facts.map((f) => f.id));
    file.decision.forEach((rule, i) => {
      rule.facts.forEach((ref, j) => {
        if (!factIds.has(ref)) {
          ctx.addIssue({
            code: "custom",
            path: ["decision", i, "facts", j],
            message: `unknown fact "${ref}" (not in facts)`,
          });
        }
      });
    });
    for (const locale of LOCALES) {
      if (!file.targetBusinessList.matchedText[locale].includes("{label}")) {
        ctx.addIssue({
          code: "custom",
          path: ["targetBusinessList", "matchedText", locale],
          message: "must contain {label}",
        });
      }
    }
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
