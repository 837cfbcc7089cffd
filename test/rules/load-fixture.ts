/**
 * The rule-set fixture for the loader's tests (load.test.ts, cross-check.test.ts): a small, complete and valid rule
 * set written to a temporary directory, so that each test changes one thing and sees exactly the problem it causes.
 * Long because: it is one whole rule set, every file of rules/ in miniature.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { stringify } from "yaml";
import { checkRules, type RulesProblem } from "../../src/rules/load.js";
import { RULE_FILES } from "../../src/rules/schema.js";

export const text = (en: string) => ({ ja: `${en}(日本語)`, en });
const cite = { source: "seed", confidence: "seed" };

// biome-ignore lint/suspicious/noExplicitAny: test fixtures are mutated freely, then validated by the code under test
export type Files = Record<keyof typeof RULE_FILES, any>;

export function validFiles(): Files {
  return {
    meta: { version: "test.1", updated: "2025-01-01", disclaimer: text("Guidance only") },
    sources: {
      sources: [
        {
          id: "seed",
          title: text("Seed page"),
          url: "https://example.org/seed",
          publisher: "Digital Agency",
          seen: "2025-01-01",
        },
        {
          id: "criteria",
          title: text("Control criteria"),
          noUrlReason: text("Not public"),
          publisher: "ISMAP",
          seen: "2025-01-01",
        },
      ],
    },
    program: {
      facts: [{ id: "liu-is-saas", ...cite, text: text("LIU is for SaaS") }],
      registrationSteps: [
        { id: "step-gbiz", ...cite, title: text("GBizID"), detail: text("Get an account") },
      ],
      auditPeriod: { id: "audit-period", ...cite, minMonths: 3, maxMonths: 12, text: text("3 to 12 months") },
      reportDue: { id: "report-due", ...cite, monthsAfterPeriod: 3, text: text("3 months after") },
      validity: { id: "validity", ...cite, monthsAfterDayAfterPeriod: 16, text: text("16 months") },
    },
    eligibility: {
      questions: [
        {
          id: "model",
          text: text("Service model?"),
          required: true,
          options: [
            { value: "saas", label: text("SaaS") },
            { value: "iaas", label: text("IaaS") },
          ],
          step: 1,
        },
        {
          id: "business",
          text: text("Which business?"),
          required: true,
          askIf: { q: "model", in: ["saas"] },
          options: [{ value: "other", label: text("Other") }],
          optionsFromTargetBusinesses: true,
          step: 2,
        },
      ],
      decision: [
        {
          id: "not-saas",
          ...cite,
          when: { q: "model", notIn: ["saas"] },
          verdict: "full_ismap_required",
          reason: text("Not SaaS"),
        },
        {
          id: "listed-business",
          ...cite,
          when: {
            all: [
              { q: "model", in: ["saas"] },
              { q: "business", in: ["policy-work"] },
            ],
          },
          verdict: "liu_eligible",
          reason: text("On the list"),
        },
      ],
      contradictions: [
        {
          id: "iaas-business",
          ...cite,
          when: { q: "model", in: ["iaas"] },
          question: "business",
          message: text("No"),
        },
      ],
      targetBusinessList: {
        id: "target-list",
        ...cite,
        text: text("Partly known"),
        matchedText: { ja: "{label}に該当", en: "Matches {label}" },
      },
      targetBusinesses: [{ id: "policy-work", ...cite, label: text("Policy work with the private sector") }],
      prescreenDisclaimer: { id: "prescreen-disclaimer", ...cite, text: text("An estimate") },
      notices: [
        {
          id: "pre-application-change",
          source: "seed",
          confidence: "conflicting",
          validFrom: "2025-04-01T00:00:00+09:00",
          appliesTo: ["liu_eligible"],
          text: text("The pre-application may have changed"),
        },
      ],
    },
    audits: {
      everyYear: {
        id: "every-year",
        ...cite,
        parts: ["governance", "management"],
        intervalMonths: 12,
        text: text("Every year"),
      },
      controlsSubset: {
        id: "controls-subset",
        ...cite,
        text: text("A subset"),
        cycleYears: { id: "cycle-years", source: "seed", confidence: "tbc", value: 3, text: text("3 years") },
        areas: [
          {
            id: "access",
            source: ["seed", "criteria"],
            confidence: "inferred",
            label: text("Access"),
            objectiveIds: ["5.1.1", "6.3.1.P"],
          },
        ],
      },
      internalAudit: {
        id: "internal-audit",
        ...cite,
        windowYears: 3,
        expiringWithinDays: {
          id: "expiring-within",
          source: "seed",
          confidence: "inferred",
          value: 90,
          text: text("90 days"),
        },
        text: text("Every objective in 3 years"),
      },
    },
    objectives: {
      source: "criteria",
      confidence: "stated",
      objectives: [
        {
          id: "5.1.1",
          domainId: "5",
          domain: "Information security policies",
          categoryId: "5.1",
          category: "Management direction",
          cloudSpecific: false,
          label: text("Policies"),
        },
        {
          id: "6.3.1.P",
          domainId: "6",
          domain: "Organization of information security",
          categoryId: "6.3",
          category: "Customer and provider (cloud)",
          cloudSpecific: true,
          label: text("Shared duties"),
        },
      ],
    },
    specialMeasure: {
      name: text("Special measure"),
      inForceFrom: { id: "in-force", ...cite, at: "2023-05-19T00:00:00+09:00", text: text("In force") },
      deadline: { id: "deadline", ...cite, at: "2025-04-01T00:00:00+09:00", text: text("End of March 2025") },
      acceptanceClosed: { id: "closed", ...cite, text: text("Closed") },
      periodEnd: { id: "period-end", source: "seed", confidence: "tbc", at: null, text: text("Unknown") },
      afterPeriod: {
        reliefs: {
          id: "after-reliefs",
          source: "seed",
          confidence: "tbc",
          text: text("Reliefs after: unknown"),
        },
        list: { id: "after-list", source: "seed", confidence: "tbc", text: text("List after: unknown") },
      },
      benefits: [{ id: "shared-list", ...cite, text: text("Shared list") }],
      reliefs: [{ id: "design-only", ...cite, text: text("Design assessment"), once: true }],
    },
    faq: {
      threshold: 0.3,
      entries: [
        {
          id: "what-is-liu",
          ...cite,
          topic: text("What is LIU"),
          phrasings: { ja: ["LIUとは", "ISMAP-LIUって何"], en: ["what is liu", "what is ismap-liu"] },
          answer: text("The low-impact track"),
        },
      ],
    },
    dates: {
      periods: { id: "dates.period-end", ...cite, text: text("Periods end the day before") },
      internalCoverage: {
        id: "dates.internal-coverage",
        ...cite,
        text: text("Covered until the day before"),
      },
      nextPeriods: {
        id: "dates.next-period-length",
        ...cite,
        months: 12,
        text: text("Next period 12 months"),
      },
      neverCovered: { id: "dates.never-covered", ...cite, text: text("Never covered: by the period's end") },
    },
  };
}

const dirs: string[] = [];

/** Removes every directory `write` made; each test file calls it in its afterAll. */
export function removeWrittenDirs(): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

/** Writes the fixture (changed by `change`) to a fresh directory; returns the directory. */
export function write(change: (files: Files) => void = () => {}): string {
  const dir = mkdtempSync(join(tmpdir(), "rules-load-"));
  dirs.push(dir);
  const files = validFiles();
  change(files);
  for (const [key, { file }] of Object.entries(RULE_FILES)) {
    const data = files[key as keyof Files];
    if (data !== undefined) writeFileSync(join(dir, file), typeof data === "string" ? data : stringify(data));
  }
  return dir;
}

export const problemsOf = (change: (files: Files) => void): RulesProblem[] => checkRules(write(change));
export const one = (file: string, path: string, reason: string | RegExp) => [
  {
    file,
    path,
    reason: typeof reason === "string" ? expect.stringContaining(reason) : expect.stringMatching(reason),
  },
];
