/**
 * escapeMrkdwn against a model of how Slack parses mrkdwn: its automatic parsing (bare URLs, www., domains and
 * e-mail addresses become links; @here/@channel/@everyone broadcast; #name links a channel), its `<…>` tokens,
 * its formatting markers and quotes; and bidi controls.
 */
import { describe, expect, it } from "vitest";
import { userText } from "../../src/slack/views/messages/common.js";
import { escapeMrkdwn } from "../../src/slack/views/parts.js";

/** What Slack would make of text in a non-verbatim mrkdwn object, as a list of findings. */
function slackWouldParse(text: string): string[] {
  const found: string[] = [];
  const rules: Array<[string, RegExp]> = [
    ["url", /\b[a-z][a-z0-9+.-]*:\/\/[^\s]/i],
    ["www", /\bwww\.[a-z0-9-]/i],
    ["domain", /\b[a-z0-9-]+\.[a-z]{2,}\b/i],
    ["email", /[a-z0-9._%+-]+@[a-z0-9-]+\./i],
    ["broadcast", /(^|[^\w])@(here|channel|everyone)\b/i],
    ["user mention", /(^|\s)@[a-z0-9._-]+/i],
    ["channel link", /(^|\s)#[a-z0-9_-]+/i],
    ["token", /<[^>]*>/],
    ["bold", /(^|[^A-Za-z0-9*])\*(?=\S)[^*\n]*?\S\*/],
    ["italic", /(^|[^A-Za-z0-9_])_(?=\S)[^_\n]*?\S_/],
    ["strike", /(^|[^A-Za-z0-9~])~(?=\S)[^~\n]*?\S~/],
    ["code", /`[^`\n]+`/],
    ["quote", /(^|\n)\s*(>|&gt;)/],
    ["bidi", /[\u202A-\u202E\u2066-\u2069]/],
  ];
  for (const [name, pattern] of rules) if (pattern.test(text)) found.push(name);
  return found;
}

const HOSTILE = [
  "https://evil.example/login",
  "see http://x.co and HTTPS://EVIL.COM/a?b=c",
  "www.evil.example",
  "evil.com/path",
  "mail me: attacker@evil.com",
  "@here @channel @everyone",
  "hi @aiko and #general",
  "<!here> <!channel> <@U0EVIL001> <#C0123|x> <https://evil.example|click>",
  "*bold* _italic_ ~strike~ `code` ```block```",
  "> quoted\n  > again",
  "\u202Eevil\u202C \u2066iso\u2069",
  "mixed: *PWNED* https://evil.example/login @here",
];

describe("escapeMrkdwn", () => {
  it.each(HOSTILE)("leaves nothing Slack would parse in %j", (text) => {
    expect(slackWouldParse(text).length).toBeGreaterThan(0);
    expect(slackWouldParse(escapeMrkdwn(text))).toEqual([]);
    // Asked again (answered from the escaped texts it keeps), and with one character more, the same holds.
    expect(slackWouldParse(escapeMrkdwn(text))).toEqual([]);
    expect(slackWouldParse(escapeMrkdwn(`${text}!`))).toEqual([]);
    expect(escapeMrkdwn(`${text}!`)).toBe(`${escapeMrkdwn(text)}!`);
  });

  it("reads as typed: only invisible word joiners, full-width markers and entities change", () => {
    const out = escapeMrkdwn("https://evil.example/login *x* a&b");
    expect(out.replace(/\u2060/g, "")).toBe("https://evil.example/login ＊x＊ a&amp;b");
  });

  it("keeps plain text, Japanese and ids untouched", () => {
    for (const text of [
      "クラウド型業務管理サービス",
      "株式会社ミライ",
      "5.1.1",
      "12.1.5.P",
      // A detailed control id is copied out of Slack into spreadsheets: no invisible character in it.
      "9.2.3.11.PB",
      "ISO/IEC 27002:2013",
      "e.g. this",
    ]) {
      expect(escapeMrkdwn(text)).toBe(text);
    }
  });

  it("userText cuts before escaping, so no entity or joiner is cut in half", () => {
    const out = userText(`${"a".repeat(10)}<https://evil.example>`, 12);
    expect(out).toBe("aaaaaaaaaa&lt;…");
    expect(slackWouldParse(userText("@here https://evil.example", 200))).toEqual([]);
  });
});
