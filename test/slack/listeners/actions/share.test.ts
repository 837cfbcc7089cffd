/**
 * "Share in channel" called directly with fake Bolt arguments: ack first, the channel version posted where the
 * question was asked, an invite hint when the app is not in the channel, and no stack trace on failure.
 */
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../../../src/i18n/translator.js";
import { ACTION } from "../../../../src/slack/contract/ids.js";
import { shareInChannel } from "../../../../src/slack/listeners/actions/share.js";
import { expectNoInternals } from "../../../support/commands.js";
import {
  argsFor,
  BOT_USER,
  fakeClient,
  internalError,
  MEMBER,
  replies,
  slackError,
  TEAM_ID,
  textOf,
  useWorld,
} from "../fakes.js";

const en = createTranslator("en");
const w = useWorld();

function press(value: string, options: { respond?: boolean } = {}) {
  const log: string[] = [];
  const client = fakeClient(log);
  const { ack, respond } = replies(log);
  const action = { type: "button", action_id: ACTION.share, block_id: "b", value, action_ts: "1" };
  const body = {
    type: "block_actions",
    team: { id: TEAM_ID },
    user: { id: MEMBER, team_id: TEAM_ID },
    channel: { id: "C0GENERAL1" },
    actions: [action],
    trigger_id: "1.2.3",
    response_url: "https://hooks.slack.com/actions/T0FAKE0001/1/x",
  };
  const callback = shareInChannel(w.services);
  const run = () =>
    callback(
      argsFor(callback, {
        ack,
        body,
        action,
        client,
        payload: action,
        respond: options.respond === false ? undefined : respond,
      }),
    );
  return { log, client, ack, respond, run };
}

const about = JSON.stringify({ cmd: "about", args: "" });

describe("shareInChannel", () => {
  it("acks first, then posts the channel version of the answer in the channel it was asked in", async () => {
    const s = press(about);
    await s.run();
    expect(s.log[0]).toBe("ack");
    expect(s.client.chat.postMessage).toHaveBeenCalledTimes(1);
    const posted = s.client.chat.postMessage.mock.calls[0]?.[0] as { channel: string; text: string };
    expect(posted.channel).toBe("C0GENERAL1");
    expect(posted.text).not.toBe("");
    expect(s.respond).not.toHaveBeenCalled();
  });

  it("tells the person, privately, how to invite the app when it is not in the channel", async () => {
    const s = press(about);
    s.client.chat.postMessage.mockRejectedValueOnce(slackError("not_in_channel"));
    await s.run();
    expect(s.respond).toHaveBeenCalledTimes(1);
    expect(s.respond.mock.calls[0]?.[0]).toMatchObject({
      response_type: "ephemeral",
      replace_original: false,
    });
    expect(textOf(s.respond.mock.calls[0]?.[0])).toBe(en("app.inviteBot", { bot: `<@${BOT_USER}>` }));
  });

  it("a tampered value gets the 'start again' message and posts nothing", async () => {
    const s = press("{not json");
    await s.run();
    expect(s.log[0]).toBe("ack");
    expect(s.client.chat.postMessage).not.toHaveBeenCalled();
    expect(textOf(s.respond.mock.calls[0]?.[0])).toBe(en("errors.staleView"));
  });

  it("a failure is a sentence for the person, never the error itself", async () => {
    w.services.profiles.get = async () => {
      throw internalError();
    };
    const s = press(JSON.stringify({ cmd: "status", args: "" }));
    await s.run();
    expect(s.log[0]).toBe("ack");
    expect(s.client.chat.postMessage).not.toHaveBeenCalled();
    const text = textOf(s.respond.mock.calls.at(-1)?.[0]);
    expect(text).toBe(en("errors.internal"));
    expectNoInternals(text);
    expect(w.errors.join("\n")).toContain("secret.ts");
  });

  it("a payload without a response_url (no respond function) fails quietly, after the ack", async () => {
    w.services.profiles.get = async () => {
      throw internalError();
    };
    const s = press(JSON.stringify({ cmd: "status", args: "" }), { respond: false });
    await expect(s.run()).resolves.toBeUndefined();
    expect(s.ack).toHaveBeenCalledTimes(1);
  });
});
