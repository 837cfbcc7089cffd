/** App Home and questions by mention, called directly with fake Bolt arguments (events are acked by Bolt). */
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../../../src/i18n/translator.js";
import { appHomeOpened } from "../../../../src/slack/listeners/events/app-home-opened.js";
import { answerMention } from "../../../../src/slack/listeners/events/questions.js";
import { expectNoInternals } from "../../../support/commands.js";
import { argsFor, BOT_USER, fakeClient, internalError, MEMBER, TEAM_ID, textOf, useWorld } from "../fakes.js";

const en = createTranslator("en");
const w = useWorld();

function eventArgs<F extends (args: never) => unknown>(callback: F, event: Record<string, unknown>) {
  const log: string[] = [];
  const client = fakeClient(log);
  const body = { type: "event_callback", team_id: TEAM_ID, authorizations: [{ team_id: TEAM_ID }], event };
  return { log, client, args: argsFor(callback, { event, payload: event, body, client }) };
}

describe("appHomeOpened", () => {
  it("publishes App Home for the person who opened it", async () => {
    const callback = appHomeOpened(w.services);
    const e = eventArgs(callback, { type: "app_home_opened", user: MEMBER, channel: "D1", tab: "home" });
    await callback(e.args);
    expect(e.client.views.publish).toHaveBeenCalledTimes(1);
    expect(e.client.views.publish.mock.calls[0]?.[0]).toMatchObject({
      user_id: MEMBER,
      view: { type: "home" },
    });
  });

  it("publishes nothing for the Messages tab", async () => {
    const callback = appHomeOpened(w.services);
    const e = eventArgs(callback, { type: "app_home_opened", user: MEMBER, channel: "D1", tab: "messages" });
    await callback(e.args);
    expect(e.client.views.publish).not.toHaveBeenCalled();
  });
});

describe("answerMention", () => {
  const mention = {
    type: "app_mention",
    user: MEMBER,
    channel: "C0GENERAL1",
    ts: "1.1",
    text: `<@${BOT_USER}> ISMAP-LIUとは`,
  };

  it("answers in the mention's thread", async () => {
    const callback = answerMention(w.services);
    const e = eventArgs(callback, mention);
    await callback(e.args);
    expect(e.client.chat.postMessage).toHaveBeenCalledTimes(1);
    expect(e.client.chat.postMessage.mock.calls[0]?.[0]).toMatchObject({
      channel: "C0GENERAL1",
      thread_ts: "1.1",
    });
  });

  it("a failure is answered in the thread with a sentence, the stack only in the log", async () => {
    w.services.newId = () => {
      throw internalError();
    };
    const callback = answerMention(w.services);
    const e = eventArgs(callback, mention);
    await callback(e.args);
    const text = textOf(e.client.chat.postMessage.mock.calls.at(-1)?.[0]);
    expect(text).toBe(en("errors.internal"));
    expectNoInternals(text);
    expect(w.errors.join("\n")).toContain("secret.ts");
  });
});
