/**
 * One vocabulary (issue 13): the product's terms in each language, with the variants that must not appear instead.
 * test/i18n/vocabulary.test.ts checks every message of locales/*.json against it; add a term here before using a
 * new word for something the product already names.
 */
import type { Locale } from "./locale.js";

export interface GlossaryTerm {
  /** The word every screen uses. */
  term: string;
  /** What it means, for translators and reviewers. */
  meaning: string;
  /** Words that must not stand in for it. */
  forbidden: readonly string[];
}

export const GLOSSARY: Record<Locale, readonly GlossaryTerm[]> = {
  ja: [
    { term: "プロファイル", meaning: "the team's saved service profile", forbidden: ["プロフィール"] },
    {
      term: "統制目標",
      meaning: "one of the 121 control objectives",
      forbidden: ["管理目的", "統制目的", "コントロール目標", "管理目標"],
    },
    { term: "言明", meaning: "the statement against the control criteria", forbidden: ["ステートメント"] },
    {
      term: "監査対象期間",
      meaning: "the period an external audit covers",
      forbidden: ["監査期間", "対象監査期間", "監査対象年度"],
    },
    {
      term: "特別措置",
      meaning: "the Digital Agency's special measure",
      forbidden: ["特例措置", "特別処置"],
    },
    { term: "外部監査", meaning: "the audit by a listed audit body", forbidden: ["外部審査"] },
    { term: "内部監査", meaning: "the team's own audit", forbidden: ["内部審査"] },
    {
      term: "編集者",
      meaning: "a member named in the profile who may edit it",
      forbidden: ["編集権限者", "エディター"],
    },
    { term: "リマインダー", meaning: "a reminder before a due day", forbidden: ["リマインド通知"] },
  ],
  en: [
    { term: "profile", meaning: "the team's saved service profile", forbidden: ["service record"] },
    {
      term: "control objective",
      meaning: "one of the 121 control objectives",
      forbidden: ["control goal", "control target", "control purpose"],
    },
    { term: "statement", meaning: "the statement against the control criteria", forbidden: ["declaration"] },
    {
      term: "audit period",
      meaning: "the period an external audit covers",
      forbidden: ["audit term", "audited period"],
    },
    {
      term: "special measure",
      meaning: "the Digital Agency's special measure",
      forbidden: ["special treatment", "special arrangement", "special scheme"],
    },
    { term: "editor", meaning: "a member named in the profile who may edit it", forbidden: ["maintainer"] },
  ],
};
