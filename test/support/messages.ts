import type { KnownBlock } from "@slack/types";
import { expect } from "vitest";
import { assertValidSurface } from "../../dev/blockkit/validate.js";
import { createTranslator, type Locale, type Translator } from "../../src/i18n/translator.js";
import { addMonths } from "../../src/lib/time.js";
import type { HistoryEntry } from "../../src/profile/repository.js";
import { subsetGroups } from "../../src/rules/audits.js";
import type { Caveat } from "../../src/rules/citations.js";
import type {
  EligibilityAnswers,
  ServiceProfile,
  ServiceProfileInput,
} from "../../src/rules/service-profile.js";
import { ACTION } from "../../src/slack/contract/ids.js";
import { caveatListMessage } from "../../src/slack/views/messages/caveats.js";
import type { MessageContext, SlackMessage } from "../../src/slack/views/messages/index.js";
import { escapeMrkdwn } from "../../src/slack/views/parts.js";
import { profileOf, rules } from "./fixtures.js";

export const LOCALES: readonly Locale[] = ["ja", "en"];
/** A fixed instant: 26 Nov 2026, 10:00 JST. */
export const AS_OF = new Date("2026-11-26T10:00:00+09:00");
export const OBJECTIVE_IDS = rules.objectives.objectives.map((o) => o.id);

export function ctxFor(locale: Locale, asOf: Date = AS_OF): MessageContext & { t: Translator } {
  return { rules, t: createTranslator(locale), asOf };
}

/** Every text a person can read in a message (block texts, fields, elements) and its fallback text. */
export function allText(message: SlackMessage): string {
  const out: string[] = [message.text];
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) walk(v);
    } else if (typeof value === "object" && value !== null) {
      for (const [k, v] of Object.entries(value)) {
        if (k === "text" && typeof v === "string") out.push(v);
        else walk(v);
      }
    }
  };
  walk(message.blocks);
  return out.join("\n");
}

/** A JST instant: `jst("2026-12-03T10:00:00")`. */
const TARGET_ROW = rules.eligibility.targetBusinesses[0]?.id ?? "";

/** Questionnaire answers reaching each verdict. */
export const VERDICT_ANSWERS: Record<string, EligibilityAnswers> = {
  full_ismap_required: { service_model: "iaas", confidentiality: "c2" },
  no_listing_required: { service_model: "iaas", confidentiality: "c1" },
  outside_ismap: { service_model: "saas", confidentiality: "c3" },
  liu_pending_target_list: { service_model: "saas", confidentiality: "c2", target_business: "unsure" },
  liu_pending_assessment: {
    service_model: "saas",
    confidentiality: "c2",
    target_business: TARGET_ROW,
    impact_assessment: "not_yet",
  },
  liu_eligible: {
    service_model: "saas",
    confidentiality: "c2",
    target_business: TARGET_ROW,
    impact_assessment: "low",
    personal_data: "no",
    integrity_availability: "no",
    public_by_design: "yes",
  },
};

export const jst = (at: string) => new Date(`${at}+09:00`);

/**
 * The registered example of issue 10: registered on 2026-07-15 with the audit period 2025-04-01 – 2026-03-31 and
 * nothing recorded, so at 2026-12-03 that period's audits and report (due 2026-06-30) are overdue, the current
 * period is 2026-04-01 – 2027-03-31 and the registration is valid until 2027-07-31.
 */
export function registeredProfile(input: Omit<ServiceProfileInput, "schemaVersion"> = {}): ServiceProfile {
  return profileOf({
    service: { name: "ミライ勤怠", vendor: "株式会社ミライ" },
    registration: {
      status: "registered",
      registeredOn: "2026-07-15",
      auditPeriodStart: "2025-04-01",
      auditPeriodEnd: "2026-03-31",
    },
    ...input,
  });
}

/** A team preparing its first registration with a planned first audit period 2027-01-01 – 2027-03-31. */
export function plannedProfile(): ServiceProfile {
  return profileOf({
    service: { name: "ミライ勤怠" },
    registration: { status: "preparing", auditPeriodStart: "2027-01-01", auditPeriodEnd: "2027-03-31" },
  });
}

/** An internal audit of 5.1.1 on the leap day 2024-02-29: covered until 2027-02-27. */
export const LEAP_DAY_AUDIT = { id: "leap", date: "2024-02-29", objectiveIds: ["5.1.1"] };

/** The mrkdwn of the section (or section field) that starts with the bold heading, in a message or a Home view. */
export function sectionText(surface: { blocks: readonly unknown[] }, heading: string): string {
  for (const block of surface.blocks as KnownBlock[]) {
    if (block.type !== "section") continue;
    for (const text of [block.text?.text ?? "", ...(block.fields ?? []).map((f) => f.text)]) {
      if (text.startsWith(`*${heading}*`)) return text;
    }
  }
  throw new Error(`no section starting with *${heading}*`);
}

/** The main text of an answer: what its blocks say before the sources, caveats and footer. */
export function mainText(message: SlackMessage): string {
  const tail = message.blocks.findIndex(
    (b, i) => i > 0 && b.type === "divider" && message.blocks[i - 1]?.type === "actions",
  );
  return allText({ text: "", blocks: tail < 0 ? message.blocks : message.blocks.slice(0, tail) }).trim();
}

/** The message passes Slack's limits, keeps a block free for the share button and its fallback text is sane. */
export function expectValidMessage(message: SlackMessage): void {
  assertValidSurface({ type: "message", blocks: message.blocks, text: message.text });
  expect(message.blocks.length).toBeLessThanOrEqual(49);
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(40_000);
}

/** The message never renders a mention a user typed. */
export function expectNoInjectedMention(message: SlackMessage): void {
  const text = allText(message);
  expect(text).not.toContain("<!channel>");
  expect(text).not.toContain("<!here>");
  expect(text).not.toContain("<@U999EVIL>");
}

/** The last block is the footer: rules version and the as-of time in JST. */
export function expectFooter(message: SlackMessage, locale: Locale): void {
  const last = JSON.stringify(message.blocks.at(-1));
  expect(last).toContain(rules.meta.version);
  expect(last).toContain(locale === "ja" ? "2026年11月26日 10:00 JST" : "26 Nov 2026, 10:00 JST");
  expect(last).toContain(rules.meta.disclaimer[locale].slice(0, 20));
}

/** 200 characters of Japanese with a channel-wide mention and a user mention hidden in it. */
export const LONG_JA_NAME =
  `<!channel> <@U999EVIL> ${"クラウド型業務管理サービス「ミライ」".repeat(20)}`.slice(0, 200);

/**
 * The largest realistic profile: 10 years of monthly internal audits (each year covering all 121 objectives),
 * yearly external audits of all three parts with the controls subset rotating, a 200-character Japanese service
 * name, 30 editors, a listed special-measure entry with one relief used and a saved verdict.
 */
export function largestProfile(): ServiceProfile {
  const groups = subsetGroups(rules);
  const internal = Array.from({ length: 120 }, (_, i) => ({
    id: `ia-${i}`,
    date: addMonths("2016-12-15", i),
    objectiveIds: OBJECTIVE_IDS.filter((_, k) => k % 12 === i % 12),
  }));
  const external = Array.from({ length: 10 }, (_, y) => {
    const year = 2017 + y;
    const common = { date: `${year}-06-30`, periodStart: `${year - 1}-07-01`, periodEnd: `${year}-06-30` };
    return [
      { id: `eg-${year}`, part: "governance" as const, ...common },
      { id: `em-${year}`, part: "management" as const, ...common },
      {
        id: `ec-${year}`,
        part: "controls" as const,
        ...common,
        objectiveIds: groups[y % groups.length] ?? [],
      },
    ];
  }).flat();
  return profileOf({
    service: {
      name: LONG_JA_NAME,
      vendor: "株式会社ミライ <!here>",
      description: "自治体・府省庁向けのクラウド型業務管理サービスです。".repeat(30),
      url: "https://example.com/mirai",
    },
    eligibility: {
      answers: { service_model: "saas", confidentiality: "c2", target_business: "none" },
      result: {
        verdict: "full_ismap_required",
        rulesVersion: rules.meta.version,
        asOf: "2026-11-01T01:00:00.000Z",
      },
    },
    registration: {
      status: "registered",
      registeredOn: "2017-03-01",
      auditPeriodStart: "2025-07-01",
      auditPeriodEnd: "2026-06-30",
    },
    specialMeasure: {
      listed: true,
      listedOn: "2024-05-01",
      preApplicationSubmittedOn: "2025-03-15",
      reliefsUsed: ["relief.external-audit-design"],
    },
    audits: { external, internal },
    editors: Array.from({ length: 30 }, (_, i) => `U${String(i).padStart(8, "0")}`),
  });
}

/** A history of `count` saves, oldest first as the store keeps them, with long and hostile values. */
export function longHistory(count: number): HistoryEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    revision: i + 1,
    actor: i % 7 === 0 ? "<!channel>" : `U${String(i % 5).padStart(8, "0")}`,
    at: new Date(Date.UTC(2026, 0, 1, 1, 0) + i * 3_600_000).toISOString(),
    ...(i % 3 === 0 ? { summary: `保存 ${i} <!here>` } : {}),
    changes: [
      { path: "service.name", before: `旧サービス名${i}`, after: `${LONG_JA_NAME}${i}` },
      {
        path: `audits.internal[id=ia-${i}]`,
        after: { id: `ia-${i}`, date: "2026-01-01", objectiveIds: OBJECTIVE_IDS },
      },
      { path: "service.description", before: "x".repeat(3000) },
      { path: "specialMeasure.listed", before: false, after: true },
      { path: "editors", before: [], after: ["U00000001", "<@U999EVIL>"] },
      { path: "registration.registeredOn", after: "2026-01-01" },
    ].slice(0, 1 + (i % 6)),
  }));
}

/**
 * Caveats once (issue 13): every caveat of `expected` is either standing in the answer's text (once) or in the list
 * behind its button (`message.caveats`), never both; the answer counts the listed ones in one line with the button;
 * the list the button shows names each once, with its mark.
 */
export function expectCaveatsOnce(
  message: SlackMessage,
  expected: readonly Caveat[],
  ctx: MessageContext & { t: Translator },
): void {
  const { t } = ctx;
  const text = allText({ text: "", blocks: message.blocks });
  expect(text).not.toContain(t("confidence.caveatsTitle"));
  const listed = message.caveats ?? [];
  const listedIds = new Set(listed.map((c) => c.ruleId));
  for (const c of expected) {
    const shown = escapeMrkdwn(t.pick(c.text));
    const times = text.split(shown).length - 1;
    expect(times, shown).toBeLessThanOrEqual(1);
    if (times === 0)
      expect(listedIds.has(c.ruleId) || listed.some((l) => t.pick(l.text) === t.pick(c.text)), shown).toBe(
        true,
      );
    else expect(listedIds.has(c.ruleId), shown).toBe(false);
  }
  if (listed.length > 0) {
    expect(text).toContain(t("concise.caveats.summary", { count: listed.length }));
    expect(JSON.stringify(message.blocks)).toContain(`"action_id":"${ACTION.showCaveats}"`);
  }
  const list = allText(caveatListMessage(listed, ctx));
  for (const c of listed) {
    const shown = escapeMrkdwn(t.pick(c.text));
    expect(list.split(shown).length - 1, shown).toBe(1);
  }
}
