import { describe, expect, it } from "vitest";
import { userText } from "../../../../src/slack/views/messages/common.js";
import { historyMessage, profileMessage } from "../../../../src/slack/views/messages/index.js";
import { mention } from "../../../../src/slack/views/messages/profile.js";
import { escapeMrkdwn } from "../../../../src/slack/views/parts.js";
import { engine, profileOf } from "../../../support/fixtures.js";
import {
  AS_OF,
  allText,
  ctxFor,
  expectFooter,
  expectNoInjectedMention,
  expectValidMessage,
  jst,
  LOCALES,
  LONG_JA_NAME,
  largestProfile,
  longHistory,
  OBJECTIVE_IDS,
  plannedProfile,
  registeredProfile,
} from "../../../support/messages.js";

describe.each(LOCALES)("profileMessage (%s)", (locale) => {
  const ctx = ctxFor(locale);
  const { t } = ctx;

  it("shows the service facts, registration, verdict, special measure, editors and audit counts", () => {
    const profile = largestProfile();
    const message = profileMessage(
      { profile, revision: 42, timeline: engine.obligations(profile, AS_OF) },
      ctx,
    );
    expectValidMessage(message);
    expectFooter(message, locale);
    expectNoInjectedMention(message);
    const text = allText(message);
    expect(text).toContain(escapeMrkdwn("<!channel> <@U999EVIL> クラウド型業務管理サービス"));
    expect(text).toContain(t("msg.profile.vendor", { vendor: escapeMrkdwn("株式会社ミライ <!here>") }));
    expect(text).toContain(t("msg.profile.url", { url: escapeMrkdwn("https://example.com/mirai") }));
    expect(text).toContain(t("msg.status.revision", { revision: 42 }));
    expect(text).toContain(t("msg.registration.registered"));
    expect(text).toContain(t("verdict.full_ismap_required"));
    expect(text).toContain(
      t("msg.special.listedOn", { date: locale === "ja" ? "2024年5月1日" : "1 May 2024" }),
    );
    expect(text).toContain(t("msg.profile.reliefsUsed", { count: 1 }));
    expect(text).toContain("<@U00000000>");
    expect(text).toContain(t("msg.common.more", { count: 10 }));
    expect(text).toContain(t("msg.profile.externalAudits", { count: 30 }));
    expect(text).toContain(t("msg.profile.internalAudits", { count: 120 }));
    expect(text).toContain(
      t("msg.profile.latest", { date: locale === "ja" ? "2026年11月15日" : "15 Nov 2026" }),
    );
  });

  it("says when nothing was saved yet", () => {
    const blank = profileOf();
    const message = profileMessage(
      { profile: blank, revision: 0, timeline: engine.obligations(blank, AS_OF) },
      ctx,
    );
    expectValidMessage(message);
    const text = allText(message);
    expect(text).toContain(t("msg.profile.neverSaved"));
    // No period: no key date is invented, the hint says what would anchor them.
    expect(text).toContain(t("obligation.hint.enter_audit_period"));
    expect(text).not.toContain(t("obligation.title.report"));
    expect(text).toContain(t("msg.status.noName"));
    expect(text).toContain(t("msg.profile.editorsNone"));
    expect(text).toContain(t("msg.status.notChecked"));
  });
});

describe.each(LOCALES)("profileMessage key dates (%s)", (locale) => {
  const asOf = jst("2026-12-03T10:00:00");
  const ctx = ctxFor(locale, asOf);
  const { t } = ctx;
  const day = (iso: string) => t.date(iso);
  const show = (p: ReturnType<typeof profileOf>) =>
    profileMessage({ profile: p, revision: 3, timeline: engine.obligations(p, asOf) }, ctx);

  it("shows the entered period, the current one, the overdue report and the validity from the timeline", () => {
    const message = show(registeredProfile());
    expectValidMessage(message);
    const text = allText(message);
    expect(text).toContain(
      t("msg.status.auditPeriod", {
        range: t("msg.common.dateRange", { start: day("2025-04-01"), end: day("2026-03-31") }),
      }),
    );
    const current = t("msg.common.dateRange", { start: day("2026-04-01"), end: day("2027-03-31") });
    expect(text).toContain(
      t("obligation.currentPeriod", {
        range: t("msg.common.withNote", { text: current, note: t("obligation.assumed") }),
      }),
    );
    expect(text).toContain(
      `:red_circle: ${t("obligation.title.report")} — ${t("msg.common.withNote", {
        text: t("obligation.due", { date: locale === "ja" ? "2026年6月30日" : "30 Jun 2026" }),
        note: t("msg.common.daysOverdue", { count: 156 }),
      })}`,
    );
    expect(text).toContain(
      `${t("obligation.title.validity")} — ${t("msg.common.withNote", {
        text: t("obligation.validUntil", { date: locale === "ja" ? "2027年7月31日" : "31 Jul 2027" }),
        note: t("date.daysLeft", { count: 240 }),
      })}`,
    );
  });

  it("a planned first period: its report as a target, no validity yet", () => {
    const text = allText(show(plannedProfile()));
    expect(text).toContain(
      t("obligation.plannedPeriod", {
        range: t("msg.common.dateRange", { start: day("2027-01-01"), end: day("2027-03-31") }),
      }),
    );
    expect(text).toContain(`${t("obligation.due", { date: day("2027-06-30") })}`);
    expect(text).toContain(`_${t("obligation.planned")}_`);
    expect(text).not.toContain(t("obligation.title.validity"));
  });
});

describe.each(LOCALES)("historyMessage (%s)", (locale) => {
  const ctx = ctxFor(locale);
  const { t } = ctx;

  it("shows the newest saves first, capped, with who, when in JST and what changed", () => {
    const entries = longHistory(200);
    const message = historyMessage(entries, ctx);
    expectValidMessage(message);
    expectFooter(message, locale);
    expectNoInjectedMention(message);
    const text = allText(message);
    const header = (revision: number, actor: string) =>
      t("msg.history.entry", {
        revision,
        actor,
        date: t.dateTime(new Date(entries[revision - 1]?.at ?? "")),
      });
    const newest = text.indexOf(header(200, "<@U00000004>"));
    const next = text.indexOf(header(199, "<@U00000003>"));
    expect(newest).toBeGreaterThan(0);
    expect(next).toBeGreaterThan(newest);
    expect(text).toContain(header(186, "<@U00000000>"));
    expect(text).not.toContain(header(185, "<@U00000004>"));
    expect(text).toContain(t("msg.history.moreEntries", { count: 185 }));
    // Revision 200 was saved at 2026-01-09T08:00Z = 17:00 JST.
    expect(t.dateTime(new Date(entries[199]?.at ?? ""))).toBe(
      locale === "ja" ? "2026年1月9日 17:00 JST" : "9 Jan 2026, 17:00 JST",
    );
    // Sentences in the reader's language: field names as the profile form has them, values as every screen shows
    // them; never a raw key, JSON or a UTC instant.
    expect(text).toContain(
      `• ${t("concise.history.fieldChanged", {
        field: t("modal.profile.fields.name"),
        before: t("concise.history.quoted", { text: "旧サービス名199" }),
        after: t("concise.history.quoted", { text: userText(`${LONG_JA_NAME}199`, 60) }),
      })}`,
    );
    expect(text).toContain(
      t("concise.history.fieldChanged", {
        field: t("modal.profile.fields.listed"),
        before: t("concise.history.no"),
        after: t("concise.history.yes"),
      }),
    );
    expect(text).toContain(
      t("concise.history.auditAdded", {
        audit: t("concise.history.internalAudit"),
        details: `${t.date("2026-01-01")}${t("concise.history.joiner")}${OBJECTIVE_IDS[0]}, `,
      }).slice(0, -2),
    );
    expect(text).toContain(t("msg.history.moreChanges", { count: 2 }));
    for (const raw of ["service.name", "audits.internal[", "specialMeasure.", '{"id"', "T01:00", ".000Z"]) {
      expect(text).not.toContain(raw);
    }
  });

  it("never mentions a stored actor that is not a user id", () => {
    const message = historyMessage(longHistory(8), ctx);
    const text = allText(message);
    expect(text).toContain("&lt;!channel&gt;");
    expectNoInjectedMention(message);
  });

  it("says when there is no history", () => {
    const message = historyMessage([], ctx);
    expectValidMessage(message);
    expect(allText(message)).toContain(t("msg.history.empty"));
  });
});

describe("mention", () => {
  it("mentions stored user ids and escapes anything else", () => {
    expect(mention("U0123ABCD")).toBe("<@U0123ABCD>");
    expect(mention("W0123ABCD")).toBe("<@W0123ABCD>");
    expect(mention("<!channel>")).toBe("&lt;!channel&gt;");
    expect(mention("u123")).toBe("u123");
  });
});
