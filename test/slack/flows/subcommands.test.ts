/**
 * What `/ismap` subcommands do once acknowledged: the language words, where `export` shares its files, which
 * commands open a modal, and the replies of the subcommands that need no Slack call.
 */
import { describe, expect, it, vi } from "vitest";
import { createTranslator } from "../../../src/i18n/translator.js";
import { parseCommand } from "../../../src/slack/contract/command-parser.js";
import {
  exportChannelOf,
  localeOfWord,
  modalKindOf,
  type Replies,
  runSubcommand,
} from "../../../src/slack/flows/subcommands.js";
import type { Requester } from "../../../src/slack/runtime/request.js";
import type { SlackMessage } from "../../../src/slack/views/messages/index.js";
import { fakeClient, MEMBER, TEAM_ID, textIn, useWorld } from "../listeners/fakes.js";

const en = createTranslator("en");
const who: Requester = { team: { teamId: TEAM_ID }, userId: MEMBER, locale: "en", t: en };

describe("localeOfWord", () => {
  it.each([
    ["ja", "ja"],
    ["Japanese", "ja"],
    ["日本語", "ja"],
    ["EN", "en"],
    ["english", "en"],
    ["英語", "en"],
  ])("`/ismap lang %s` chooses %s", (word, locale) => {
    expect(localeOfWord(word)).toBe(locale);
  });

  it.each(["", "fr", "jp", "eng"])("`/ismap lang %s` chooses nothing", (word) => {
    expect(localeOfWord(word)).toBeUndefined();
  });
});

describe("exportChannelOf", () => {
  it.each(["channel", "HERE", "チャンネル", "ここ"])("`/ismap export %s` shares in the channel", (word) => {
    expect(exportChannelOf(word, "C0GENERAL1")).toBe("C0GENERAL1");
  });

  it("sends to the DM without a word, with another word, or when typed in a DM", () => {
    expect(exportChannelOf("", "C0GENERAL1")).toBeUndefined();
    expect(exportChannelOf("please", "C0GENERAL1")).toBeUndefined();
    expect(exportChannelOf("here", "D0DIRECT01")).toBeUndefined();
  });
});

describe("modalKindOf", () => {
  it.each([
    ["check", "check"],
    ["record", "record"],
    ["import", "import"],
    ["profile edit", "profile"],
    ["remind settings", "remind"],
  ])("`/ismap %s` opens the %s modal", (text, kind) => {
    expect(modalKindOf(parseCommand(text))).toBe(kind);
  });

  it.each(["help", "profile show", "profile history", "remind list", "export", "lang en", "nonsense"])(
    "`/ismap %s` opens no modal",
    (text) => {
      expect(modalKindOf(parseCommand(text))).toBeUndefined();
    },
  );
});

describe("runSubcommand", () => {
  const w = useWorld();

  function run(text: string) {
    const reply = vi.fn(async (_message: SlackMessage) => {});
    const replies: Replies = {
      reply,
      client: fakeClient([]) as unknown as Replies["client"],
      channelId: "C0GENERAL1",
      openModal: vi.fn(async () => {}),
      botMention: vi.fn(async () => "@ismap-liu"),
    };
    return { reply, replies, done: runSubcommand(w.services, who, parseCommand(text), replies) };
  }

  it("answers an unknown word with the help, naming the word", async () => {
    const r = run("frobnicate");
    await r.done;
    expect(r.reply).toHaveBeenCalledTimes(1);
    expect(textIn(r.reply.mock.calls[0]?.[0])).toContain("frobnicate");
  });

  it("asks what to ask when `ask` comes without a question", async () => {
    const r = run("ask");
    await r.done;
    expect(textIn(r.reply.mock.calls[0]?.[0])).toContain(en("app.askWhat"));
  });

  it("opens the modal of a modal command and replies nothing", async () => {
    const r = run("profile edit");
    await r.done;
    expect(r.replies.openModal).toHaveBeenCalledWith("profile");
    expect(r.reply).not.toHaveBeenCalled();
  });

  it("`lang` with an unknown word shows the usage and saves nothing", async () => {
    const r = run("lang fr");
    await r.done;
    expect(textIn(r.reply.mock.calls[0]?.[0])).toContain(en("app.langUsage"));
    expect((await w.services.preferences.get({ teamId: TEAM_ID }, MEMBER)).locale).toBeUndefined();
  });

  it("`lang english` saves English and confirms in it", async () => {
    const r = run("lang english");
    await r.done;
    expect((await w.services.preferences.get({ teamId: TEAM_ID }, MEMBER)).locale).toBe("en");
    expect(textIn(r.reply.mock.calls[0]?.[0])).toContain(en("app.langSet"));
  });
});
