/**
 * The length budget of every answer (issue 13, README "Answers a person reads in ten seconds"): how many characters
 * a person reads, counted as `readableLength` counts them. The verdict and `/ismap status` fit on one screen as a
 * whole; the other answers lead with a one-screen summary (their blocks before the first divider) and keep the rest
 * within `whole`, leaving longer lists to a button (`details`, caveats) or a follow-up command. Enforced by
 * test/messages/budget.test.ts over generated profiles in both languages.
 */
import type { KnownBlock } from "@slack/types";
import type { Locale } from "../../../i18n/translator.js";

export interface Budget {
  /** Characters of the whole answer. */
  whole: Record<Locale, number>;
  /** Characters of its lead, before the first divider; absent when the whole is one screen. */
  lead?: Record<Locale, number>;
}

/** One screen: what a person reads in about ten seconds. */
export const ONE_SCREEN: Record<Locale, number> = { ja: 800, en: 1200 };

export const ANSWER_BUDGETS = {
  status: { whole: ONE_SCREEN },
  /** The verdict message and the result modal of `/ismap check`. */
  verdict: { whole: ONE_SCREEN },
  ask: { whole: ONE_SCREEN },
  profile_show: { whole: ONE_SCREEN },
  /** What "share in channel" posts. */
  share: { whole: { ja: 400, en: 600 } },
  special: { lead: ONE_SCREEN, whole: { ja: 1000, en: 2000 } },
  plan: { lead: ONE_SCREEN, whole: { ja: 1300, en: 2000 } },
  remind_list: { whole: { ja: 1100, en: 2000 } },
  /** A reference of every word the parser takes (its test lists them); it grew by export and import. */
  help: { whole: { ja: 1400, en: 2200 } },
  about: { lead: ONE_SCREEN, whole: { ja: 2200, en: 3500 } },
  /** The follow-up command for every obligation: a one-screen summary first, then each part in full. */
  audits: { lead: ONE_SCREEN, whole: { ja: 3500, en: 6000 } },
} as const satisfies Record<string, Budget>;

export type BudgetedAnswer = keyof typeof ANSWER_BUDGETS;

/** What a person reads of one mrkdwn text: link labels instead of URLs, an emoji as one character, no markup. */
export function readableText(text: string): string {
  return text
    .replace(/<([^|>]+)\|([^>]+)>/g, "$2")
    .replace(/<[@#!][^>]+>/g, "@name")
    .replace(/:[a-z0-9_+-]+:/g, "■")
    .replace(/[*_~`]/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/\u2060/g, "");
}

/** The texts a person reads in blocks: headers, section texts and fields, context elements (not button labels). */
export function readTexts(blocks: readonly KnownBlock[]): string[] {
  const out: string[] = [];
  for (const b of blocks) {
    if (b.type === "header") out.push(b.text.text);
    else if (b.type === "section") {
      if (b.text) out.push(b.text.text);
      for (const f of b.fields ?? []) out.push(f.text);
    } else if (b.type === "context") {
      for (const e of b.elements) if ("text" in e) out.push(e.text);
    }
  }
  return out;
}

/** Characters a person reads in blocks (code points, after readableText). */
export function readableLength(blocks: readonly KnownBlock[]): number {
  return readTexts(blocks).reduce((n, text) => n + [...readableText(text)].length, 0);
}

/** The lead of an answer: its blocks before the first divider. */
export function leadBlocks(blocks: readonly KnownBlock[]): KnownBlock[] {
  const cut = blocks.findIndex((b) => b.type === "divider");
  return cut < 0 ? [...blocks] : blocks.slice(0, cut);
}
