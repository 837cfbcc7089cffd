import { describe, expect, it } from "vitest";
import { GLOSSARY } from "../../../../src/i18n/glossary.js";
import { PROFILE_ACTIONS, SUBCOMMANDS } from "../../../../src/slack/contract/command-parser.js";
import { helpMessage } from "../../../../src/slack/views/messages/index.js";
import {
  allText,
  ctxFor,
  expectFooter,
  expectNoInjectedMention,
  expectValidMessage,
  LOCALES,
} from "../../../support/messages.js";

describe.each(LOCALES)("helpMessage (%s)", (locale) => {
  const ctx = ctxFor(locale);
  const { t } = ctx;

  it("lists every subcommand word in both languages, with a description each", () => {
    const message = helpMessage(ctx);
    expectValidMessage(message);
    const text = allText(message);
    expect(text).toContain(t("msg.help.title"));
    // Every word the parser accepts, except the variants the glossary retired (still accepted, not taught).
    const retired = [...GLOSSARY.ja, ...GLOSSARY.en].flatMap((term) => term.forbidden);
    for (const words of Object.values(SUBCOMMANDS)) {
      for (const word of words) {
        if (retired.some((r) => word.includes(r))) expect(text).not.toContain(word);
        else expect(text).toMatch(new RegExp(`(\`|/ismap )${word}[\` ]`));
      }
    }
    for (const action of ["edit", "show", "history"] as const) {
      for (const word of PROFILE_ACTIONS[action]) expect(text).toContain(word);
    }
    for (const key of [
      "help",
      "check",
      "audits",
      "special",
      "profileEdit",
      "profileShow",
      "profileHistory",
      "record",
      "plan",
      "status",
      "ask",
      "lang",
      "about",
    ] as const) {
      expect(text).toContain(t(`msg.help.cmd.${key}`));
    }
    expect(text).toContain("ja|en");
    // The argument placeholder of ask is escaped, not an unknown Slack tag.
    expect(text).toContain(`&lt;${t("msg.help.argQuestion")}&gt;`);
    expectFooter(message, locale);
  });

  it("leads with the reader's language", () => {
    const text = allText(helpMessage(ctx));
    expect(text).toContain(locale === "ja" ? "`/ismap 判定`" : "`/ismap check`");
    expect(text).toContain(locale === "ja" ? "`/ismap プロファイル 表示`" : "`/ismap profile show`");
  });

  it("starts with the unknown-command notice, the word escaped", () => {
    const message = helpMessage(ctx, { unknownWord: "<!channel>" });
    expectValidMessage(message);
    expectNoInjectedMention(message);
    const first = allText({ text: "", blocks: message.blocks.slice(0, 1) });
    expect(first).toContain(t("errors.unknownCommand", { command: "&lt;!channel&gt;", help: "/ismap help" }));
    expect(message.text).toContain("&lt;!channel&gt;");
  });

  it("has no notice without an unknown word", () => {
    const message = helpMessage(ctx, {});
    expect(message.blocks[0]?.type).toBe("header");
    expect(message.text).toBe(t("msg.help.title"));
  });
});
