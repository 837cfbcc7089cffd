/**
 * `/ismap` end to end: the real Bolt app over HTTP, signed slash commands, replies read from the response_url the
 * fake Slack recorded. Every reply is private, valid Block Kit and (for answers) carries a share button.
 *
 * Long because: one command; its subcommands share the app over HTTP and its helpers, and read best side by side.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_IDS } from "../../dev/slack-emulator/index.js";
import { slashCommand } from "../../dev/slack-requests/index.js";
import {
  appCalls,
  expectEphemeralReply,
  expectNoInternals,
  readable,
  shareButtonValue,
} from "../support/commands.js";
import { type Harness, startHarness, useHarness } from "../support/harness.js";

const JA = DEFAULT_IDS.member;
const EN = DEFAULT_IDS.owner;

const h = useHarness();

/** Sends `/ismap <text>` and returns the reply's body after the checks every reply must pass. */
async function ask(text: string, userId: string, options: { share?: boolean } = {}) {
  const { response, reply } = await h.command(text, userId);
  expect(response.status).toBe(200);
  const body = expectEphemeralReply(reply, options);
  return { body, text: readable(body) };
}

function shareOf(body: Record<string, unknown>): { cmd: string; args: string } {
  return JSON.parse(shareButtonValue(body) as string);
}

interface Case {
  text: string;
  cmd: string;
  args?: string;
  ja: string[];
  en: string[];
}

const ANSWERS: Case[] = [
  {
    text: "help",
    cmd: "help",
    ja: ["ISMAP-LIUアシスタントの使い方"],
    en: ["How to use the ISMAP-LIU assistant"],
  },
  {
    text: "",
    cmd: "help",
    ja: ["ISMAP-LIUアシスタントの使い方"],
    en: ["How to use the ISMAP-LIU assistant"],
  },
  { text: "audits", cmd: "audits", ja: ["必要な監査"], en: ["Required audits"] },
  {
    text: "special",
    cmd: "special",
    ja: ["2025年4月1日以降、新たな受付は終了しています。", "受付終了"],
    en: ["Acceptance has been closed since 1 Apr 2025.", "Closed to new entries"],
  },
  { text: "plan", cmd: "plan", ja: ["内部監査の計画案"], en: ["Internal audit plan"] },
  { text: "status", cmd: "status", ja: ["ISMAP-LIU 対応状況"], en: ["ISMAP-LIU status"] },
  {
    text: "about",
    cmd: "about",
    ja: ["このアプリについて", "ルール版"],
    en: ["About this app", "Rules version"],
  },
  {
    text: "profile show",
    cmd: "profile_show",
    ja: ["サービスプロファイル", "まだ保存されていません"],
    en: ["Service profile", "Nothing saved yet"],
  },
];

describe("/ismap answers every read-only subcommand privately, with a share button", () => {
  for (const c of ANSWERS) {
    it(`"${c.text}" in Japanese for a ja member and in English for an en owner`, async () => {
      const ja = await ask(c.text, JA);
      for (const s of c.ja) expect(ja.text).toContain(s);
      expect(shareOf(ja.body)).toEqual({ cmd: c.cmd, args: c.args ?? "" });

      const en = await ask(c.text, EN);
      for (const s of c.en) expect(en.text).toContain(s);
      expect(shareOf(en.body)).toEqual({ cmd: c.cmd, args: c.args ?? "" });
      // The English reply is English: none of the Japanese headline is in it.
      for (const s of c.ja) expect(en.text).not.toContain(s);
    });
  }

  it("about names the rules version and every source", async () => {
    const { rules } = h.assistant.services.engine;
    for (const user of [JA, EN]) {
      const { text } = await ask("about", user);
      expect(text).toContain(rules.meta.version);
      // Each source's title in the reader's language.
      for (const source of rules.sources.sources) {
        expect(text).toContain(
          source.title[user === JA ? "ja" : "en"]
            .replace(/&/g, "&amp;")
            .replace(/</g, "&lt;")
            .replace(/>/g, "&gt;"),
        );
      }
    }
  });

  it("ask gives a real FAQ answer with its topic and citation, in each language", async () => {
    const ja = await ask("ask 内部監査の3年ルールとは", JA);
    expect(ja.text).toContain("内部監査の3年ルール");
    expect(ja.text).toContain("直近3年間に少なくとも1回は内部監査");
    expect(ja.text).toContain("出典");
    expect(shareOf(ja.body)).toEqual({ cmd: "ask", args: "内部監査の3年ルールとは" });

    const en = await ask("ask What is ISMAP-LIU?", EN);
    expect(en.text).toContain("What ISMAP-LIU is");
    expect(en.text).toContain("ISMAP for Low-Impact Use");
    expect(en.text).toContain("Sources");
    expect(shareOf(en.body)).toEqual({ cmd: "ask", args: "What is ISMAP-LIU?" });
  });

  it("an empty ask prompts for the question, without a share button", async () => {
    const ja = await ask("ask", JA, { share: false });
    expect(ja.text).toContain("質問を続けて入力してください");
    const ja2 = await ask("質問   ", JA, { share: false });
    expect(ja2.text).toContain("質問を続けて入力してください");
    const en = await ask("ask", EN, { share: false });
    expect(en.text).toContain("Please type your question after the command");
  });

  it("an off-topic question gets an honest 'no confident answer' with the closest topics", async () => {
    const ja = await ask("ask 明日の東京の天気は？", JA);
    expect(ja.text).toContain("はっきりした答えが見つかりませんでした。");
    expect(ja.text).toContain("近いトピック");
    expect(ja.text).toMatch(/\n• \S/);
    expect(ja.text).not.toContain(":bulb:");

    const en = await ask("ask What's the weather like tomorrow?", EN);
    expect(en.text).toContain("I could not find a clear answer to that.");
    expect(en.text).toContain("Closest topics");
    expect(en.text).toMatch(/\n• \S/);
  });
});

describe("/ismap understands the Japanese words", () => {
  const WORDS: Array<{ word: string; cmd?: string; expected: string }> = [
    { word: "ヘルプ", cmd: "help", expected: "ISMAP-LIUアシスタントの使い方" },
    { word: "監査", cmd: "audits", expected: "必要な監査" },
    { word: "特別措置", cmd: "special", expected: "2025年4月1日以降、新たな受付は終了しています。" },
    { word: "計画", cmd: "plan", expected: "内部監査の計画案" },
    { word: "状況", cmd: "status", expected: "ISMAP-LIU 対応状況" },
    { word: "質問 ISMAPとは何ですか", cmd: "ask", expected: "ISMAPとは" },
    { word: "情報", cmd: "about", expected: "このアプリについて" },
    { word: "プロファイル 表示", cmd: "profile_show", expected: "サービスプロファイル" },
  ];
  for (const { word, cmd, expected } of WORDS) {
    it(`「${word}」`, async () => {
      const { body, text } = await ask(word, JA);
      expect(text).toContain(expected);
      expect(shareOf(body).cmd).toBe(cmd);
    });
  }

  it("「プロファイル 履歴」 and 「言語」 answer too", async () => {
    const history = await ask("プロファイル 履歴", JA, { share: false });
    expect(history.text).toContain("プロファイルの変更履歴");
    const lang = await ask("言語", JA, { share: false });
    expect(lang.text).toContain("/ismap lang ja");
    const en = await ask("言語 英語", JA, { share: false });
    expect(en.text).toContain("Your language is now English.");
  });

  it("full-width letters and spaces are read as ASCII", async () => {
    const { text } = await ask("ＡＵＤＩＴＳ", JA);
    expect(text).toContain("必要な監査");
    const profile = await ask("プロファイル　表示", JA);
    expect(profile.text).toContain("サービスプロファイル");
  });
});

describe("/ismap with an unknown word", () => {
  // A correction of a typo, so (like other notices) it has no share button; `/ismap help` has one.
  it("shows help led by a line naming the unknown command, in the person's language", async () => {
    const ja = await ask("frobnicate", JA, { share: false });
    expect(ja.text).toContain("「frobnicate」というコマンドはありません。");
    expect(ja.text).toContain("ISMAP-LIUアシスタントの使い方");
    expect(ja.text.indexOf("frobnicate")).toBeLessThan(ja.text.indexOf("/ismap 監査"));

    const en = await ask("frobnicate now", EN, { share: false });
    expect(en.text).toContain("There is no command “frobnicate”.");
    expect(en.text).toContain("How to use the ISMAP-LIU assistant");
  });

  it("never echoes a mention or a link the person typed as such", async () => {
    const { body } = await ask("<!channel>", JA, { share: false });
    expect(JSON.stringify(body)).not.toContain("<!channel>");
    expect(readable(body)).toContain("&lt;!channel&gt;");
    const profile = await ask("profile <!here>", JA, { share: false });
    expect(JSON.stringify(profile.body)).not.toContain("<!here>");
  });
});

describe("/ismap lang", () => {
  it("switches a ja member to English, and the choice sticks for later commands", async () => {
    const before = await ask("audits", JA);
    expect(before.text).toContain("必要な監査");

    const set = await ask("lang en", JA, { share: false });
    expect(set.text).toContain("Your language is now English.");

    const audits = await ask("audits", JA);
    expect(audits.text).toContain("Required audits");
    expect(audits.text).not.toContain("必要な監査");
    const help = await ask("", JA);
    expect(help.text).toContain("How to use the ISMAP-LIU assistant");
    const special = await ask("特別措置", JA);
    expect(special.text).toContain("Acceptance has been closed since 1 Apr 2025.");

    // Only that person: another Japanese user still reads Japanese.
    const admin = await ask("audits", DEFAULT_IDS.admin);
    expect(admin.text).toContain("必要な監査");

    const back = await ask("言語 日本語", JA, { share: false });
    expect(back.text).toContain("表示言語を日本語にしました。");
    const again = await ask("audits", JA);
    expect(again.text).toContain("必要な監査");
  });

  it("switches an en owner to Japanese", async () => {
    await ask("lang ja", EN, { share: false });
    const { text } = await ask("special", EN);
    expect(text).toContain("2025年4月1日以降、新たな受付は終了しています。");
  });

  it("with a bad or missing argument shows the usage and changes nothing", async () => {
    const bad = await ask("lang klingon", JA, { share: false });
    expect(bad.text).toContain("`/ismap lang ja`");
    expect(bad.text).toContain("`/ismap lang en`");
    const missing = await ask("lang", EN, { share: false });
    expect(missing.text).toContain("Switch the language with `/ismap lang ja`");
    const still = await ask("audits", JA);
    expect(still.text).toContain("必要な監査");
  });
});

describe("/ismap special follows the clock (JST deadline 2025-04-01 00:00)", () => {
  it("is closed on any day after 2025-04-01 JST", async () => {
    h.now = new Date("2025-04-01T00:00:00+09:00");
    expect((await ask("special", JA)).text).toContain("2025年4月1日以降、新たな受付は終了しています。");
    expect((await ask("special", EN)).text).toContain("Acceptance has been closed since 1 Apr 2025.");
  });

  it("is accepting one second before midnight JST on 31 March 2025", async () => {
    h.now = new Date("2025-03-31T23:59:59+09:00");
    const ja = await ask("special", JA);
    expect(ja.text).toContain("受付中です。締切は2025年3月31日(日本時間)です。");
    expect(ja.text).not.toContain("受付は終了しています");
    const en = await ask("special", EN);
    expect(en.text).toContain("Accepting entries until 31 Mar 2025 (JST).");
    expect(en.text).not.toContain("Acceptance has been closed");
  });

  it("is closed at 2025-03-31T15:00:00Z, which is already 1 April in Tokyo", async () => {
    h.now = new Date("2025-03-31T15:00:00Z");
    expect((await ask("special", JA)).text).toContain("2025年4月1日以降、新たな受付は終了しています。");
    expect((await ask("special", EN)).text).toContain("Acceptance has been closed since 1 Apr 2025.");
  });
});

describe("/ismap status, audits and profile show read the obligations timeline", () => {
  async function register() {
    const saved = await h.assistant.services.profiles.save(
      { teamId: h.fake.teamId },
      {
        baseRevision: 0,
        actor: DEFAULT_IDS.admin,
        at: new Date("2026-11-20T09:00:00+09:00"),
        update: (p) => ({
          ...p,
          registration: {
            status: "registered",
            registeredOn: "2026-07-15",
            auditPeriodStart: "2025-04-01",
            auditPeriodEnd: "2026-03-31",
          },
        }),
      },
    );
    expect(saved.ok).toBe(true);
  }

  it("a team that has not entered an audit period is told what would date it, never given an invented date", async () => {
    h.now = new Date("2026-12-03T10:00:00+09:00");
    const ja = await ask("status", JA);
    expect(ja.text).toContain("監査対象期間が未入力のため、期限はまだありません。");
    expect(ja.text).not.toContain("次回期限");
    expect(ja.text).not.toContain("2027年12月3日");
    const en = await ask("status", EN);
    expect(en.text).toContain("No audit period entered, so nothing has a due date yet.");
    expect(en.text).not.toContain("Next due:");
    expect(en.text).not.toContain("3 Dec 2027");
  });

  it("a registered team sees the overdue report of its period and its registration's validity everywhere", async () => {
    await register();
    h.now = new Date("2026-12-03T10:00:00+09:00");
    for (const cmd of ["status", "audits", "profile show"]) {
      const ja = await ask(cmd, JA);
      expect(ja.text).toContain("監査報告書の提出 — 期限 2026年6月30日(156日超過)");
      expect(ja.text).toContain("登録の有効期限 — 2027年7月31日まで有効(残り240日)");
      const en = await ask(cmd, EN);
      expect(en.text).toContain("Registration validity — valid until 31 Jul 2027 (240 days left)");
    }
    const audits = await ask("audits", EN);
    expect(audits.text).toContain(
      "Audit report — due 30 Jun 2026 (156 days overdue) (Period 1 Apr 2025 – 31 Mar 2026)",
    );
    expect((await ask("status", EN)).text).toContain("Audit report — due 30 Jun 2026 (156 days overdue)");
  });
});

describe("/ismap profile history and show", () => {
  it("lists the saves made through the repository, newest first, with who saved", async () => {
    const team = { teamId: h.fake.teamId };
    const { profiles } = h.assistant.services;
    const first = await profiles.save(team, {
      baseRevision: 0,
      actor: DEFAULT_IDS.admin,
      at: new Date("2026-11-20T09:00:00+09:00"),
      update: (p) => ({ ...p, service: { ...p.service, name: "Kumo Docs", vendor: "Kumo KK" } }),
    });
    expect(first.ok).toBe(true);
    const second = await profiles.save(team, {
      baseRevision: 1,
      actor: DEFAULT_IDS.owner,
      at: new Date("2026-11-25T09:00:00+09:00"),
      update: (p) => ({ ...p, registration: { status: "preparing" } }),
    });
    expect(second.ok).toBe(true);

    const ja = await ask("profile history", JA, { share: false });
    expect(ja.text).toContain("プロファイルの変更履歴");
    expect(ja.text).toContain("第2版");
    expect(ja.text).toContain("第1版");
    expect(ja.text).toContain(`<@${DEFAULT_IDS.owner}>`);
    expect(ja.text).toContain(`<@${DEFAULT_IDS.admin}>`);
    expect(ja.text.indexOf("第2版")).toBeLessThan(ja.text.indexOf("第1版"));
    expect(ja.text).not.toContain("変更履歴はまだありません");
    // What each save did, as sentences with JST times.
    expect(ja.text).toContain("サービス名を入力: 「Kumo Docs」");
    expect(ja.text).toContain("登録状況を変更: 未着手 → 準備中");
    expect(ja.text).toContain("2026年11月25日 9:00 JST");
    expect(ja.text).not.toContain("registration.status");

    const en = await ask("profile history", EN, { share: false });
    expect(en.text).toContain("Profile history");
    expect(en.text).toContain("Revision 2");
    expect(en.text).toContain("Revision 1");
    expect(en.text).toContain("Changed “Registration status”: Not started → Preparing");

    const show = await ask("profile show", EN);
    expect(show.text).toContain("Kumo Docs");
    expect(show.text).toContain("Kumo KK");
    expect(show.text).not.toContain("Nothing saved yet");
  });

  it("says there is no history yet for a team that never saved", async () => {
    const { text } = await ask("profile history", JA, { share: false });
    expect(text).toContain("変更履歴はまだありません。");
    const en = await ask("profile history", EN, { share: false });
    expect(en.text).toContain("No changes yet.");
  });
});

describe("/ismap when users.info fails", () => {
  it("still answers, in Japanese by default, when Slack says ratelimited", async () => {
    h.fake.failAlways("users.info", { error: "ratelimited" });
    const help = await ask("help", EN);
    expect(help.text).toContain("ISMAP-LIUアシスタントの使い方");
    const audits = await ask("audits", EN);
    expect(audits.text).toContain("必要な監査");
    expect(h.fake.callsTo("users.info").length).toBeGreaterThan(0);
  });

  it("still answers when users.info returns HTTP 500", async () => {
    h.fake.failAlways("users.info", { status: 500 });
    const special = await ask("special", EN);
    expect(special.text).toContain("2025年4月1日以降、新たな受付は終了しています。");
    const about = await ask("ask 内部監査の3年ルールとは", JA);
    expect(about.text).toContain("内部監査の3年ルール");
  });

  it("still honours a language chosen with /ismap lang", async () => {
    await ask("lang en", JA, { share: false });
    h.fake.failAlways("users.info", { status: 500 });
    const { text } = await ask("audits", JA);
    expect(text).toContain("Required audits");
  });
});

describe("/ismap acknowledges at once", () => {
  it("answers the slash command request itself with an empty 200, the reply going to response_url", async () => {
    const request = slashCommand(h.fake, { text: "help", user_id: JA });
    const response = await h.send(request);
    expect(response.status).toBe(200);
    expect(response.body).toBe("");
    const url = request.payload.response_url;
    const reply = await h.fake.waitForCall("response_url", (call) => url.endsWith(call.path), 5000);
    expectEphemeralReply(reply);
    expect(appCalls(h.fake).filter((c) => c.method === "chat.postMessage")).toEqual([]);
  });
});

describe("/ismap when the store is unavailable", () => {
  let down: Harness;
  beforeEach(async () => {
    // Nothing listens on port 1: every store operation fails after its deadline.
    down = await startHarness({ storeUrl: "redis://127.0.0.1:1" });
  });
  afterEach(async () => {
    await down.close();
  });

  async function send(text: string, userId: string, timeoutMs: number) {
    const request = slashCommand(down.fake, { text, user_id: userId });
    const response = await down.send(request);
    expect(response.status).toBe(200);
    const url = request.payload.response_url;
    return down.fake.waitForCall("response_url", (call) => url.endsWith(call.path), timeoutMs);
  }

  it("says 'temporarily unavailable, nothing was changed' within about 3 s, never a stack trace", async () => {
    // The store's deadline is 2 s; the reply must not wait for it twice.
    const reply = await send("audits", JA, 3_500);
    const body = expectEphemeralReply(reply, { share: false });
    const text = readable(body);
    expect(text).toContain("データの保存先に一時的に接続できません。変更は行われていません。");
    expectNoInternals(text);

    const en = expectEphemeralReply(await send("status", EN, 3_500), { share: false });
    expect(readable(en)).toContain("The data store is temporarily unavailable. Nothing was changed.");
    expectNoInternals(readable(en));
  });

  it("keeps running: help, which needs no store, still works afterwards", async () => {
    const failed = expectEphemeralReply(await send("plan", JA, 3_500), { share: false });
    expect(readable(failed)).toContain("データの保存先に一時的に接続できません");

    const help = expectEphemeralReply(await send("help", EN, 3_500));
    expect(readable(help)).toContain("How to use the ISMAP-LIU assistant");
    const ask = expectEphemeralReply(await send("ask 内部監査の3年ルールとは", JA, 3_500));
    expect(readable(ask)).toContain("内部監査の3年ルール");
  });

  it("refuses a language change with the same message rather than pretending it was saved", async () => {
    const reply = expectEphemeralReply(await send("lang en", JA, 3_500), { share: false });
    const text = readable(reply);
    expect(text).toContain("データの保存先に一時的に接続できません。変更は行われていません。");
    expect(text).not.toContain("Your language is now English.");
    expectNoInternals(text);
  });
});
