/**
 * The read-only answers of `/ismap`: which commands are one (and so cached), the cache key, the answer built with
 * its buttons, and the cached answer found again for the same question, team and language only.
 */
import { describe, expect, it, vi } from "vitest";
import { createTranslator } from "../../../src/i18n/translator.js";
import { parseCommand } from "../../../src/slack/contract/command-parser.js";
import { ACTION } from "../../../src/slack/contract/ids.js";
import {
  answerCommandQuestion,
  answerQuestionOf,
  cacheKey,
  readyAnswer,
} from "../../../src/slack/flows/command-answer.js";
import type { Requester } from "../../../src/slack/runtime/request.js";
import type { SlackMessage } from "../../../src/slack/views/messages/index.js";
import { CONTEXT, MEMBER, TEAM_ID, textIn, useWorld } from "../listeners/fakes.js";

const w = useWorld();

const who: Requester = { team: { teamId: TEAM_ID }, userId: MEMBER, locale: "en", t: createTranslator("en") };

/** Answers `text` as `/ismap` would, with the person's language remembered as requester() remembers it. */
async function answer(text: string): Promise<SlackMessage> {
  const question = answerQuestionOf(parseCommand(text));
  if (!question) throw new Error(`${text} is not a question`);
  w.services.answers.rememberLocale(w.services.answers.snapshot(who.team), MEMBER, "en", w.now);
  const reply = vi.fn(async (_message: SlackMessage) => {});
  await answerCommandQuestion(w.services, who, question, w.now, reply);
  expect(reply).toHaveBeenCalledTimes(1);
  return reply.mock.calls[0]?.[0] as SlackMessage;
}

describe("answerQuestionOf", () => {
  it.each([
    ["help", "help", ""],
    ["about", "about", ""],
    ["audits", "audits", ""],
    ["special", "special", ""],
    ["plan", "plan", ""],
    ["status", "status", ""],
    ["ask when is the audit", "ask", "when is the audit"],
    ["profile show", "profile_show", ""],
    ["", "help", ""],
  ])("`/ismap %s` is the cached question %s", (text, cmd, args) => {
    expect(answerQuestionOf(parseCommand(text))).toEqual({ cmd, args });
  });

  it.each([
    "ask",
    "check",
    "record",
    "import",
    "export",
    "lang en",
    "profile edit",
    "profile history",
    "remind",
    "remind settings",
    "nonsense",
  ])("`/ismap %s` is not a cached question", (text) => {
    expect(answerQuestionOf(parseCommand(text))).toBeUndefined();
  });
});

describe("cacheKey", () => {
  it("tells apart questions that differ in their command or their words", () => {
    const keys = [
      cacheKey({ cmd: "ask", args: "a" }),
      cacheKey({ cmd: "ask", args: "b" }),
      cacheKey({ cmd: "help", args: "" }),
      cacheKey({ cmd: "about", args: "" }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("answerCommandQuestion and readyAnswer", () => {
  it("builds the answer with a share button, and feedback buttons only under `ask`", async () => {
    const about = await answer("about");
    expect(textIn(about)).toContain(ACTION.share);
    expect(textIn(about)).not.toContain(ACTION.feedback);
    const ask = await answer("ask audit");
    expect(textIn(ask)).toContain(ACTION.share);
    expect(textIn(ask)).toContain(ACTION.feedback);
  });

  it("finds the answer again for the same question and team, not for another question", async () => {
    expect(readyAnswer(w.services, parseCommand("about"), CONTEXT, {}, MEMBER)).toBeUndefined();
    const built = await answer("about");
    expect(readyAnswer(w.services, parseCommand("about"), CONTEXT, {}, MEMBER)).toEqual(built);
    expect(readyAnswer(w.services, parseCommand("help"), CONTEXT, {}, MEMBER)).toBeUndefined();
    expect(
      readyAnswer(w.services, parseCommand("about"), { teamId: "T0OTHER001" }, {}, MEMBER),
    ).toBeUndefined();
  });

  it("has no ready answer for a command that is not a question, nor for a person whose language is unknown", async () => {
    await answer("about");
    expect(readyAnswer(w.services, parseCommand("export"), CONTEXT, {}, MEMBER)).toBeUndefined();
    expect(readyAnswer(w.services, parseCommand("about"), CONTEXT, {}, "U0SOMEONE9")).toBeUndefined();
  });

  it("returns nothing instead of throwing when the request names no team", async () => {
    await answer("about");
    expect(readyAnswer(w.services, parseCommand("about"), {}, {}, MEMBER)).toBeUndefined();
  });
});
