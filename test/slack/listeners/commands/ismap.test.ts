/**
 * The /ismap callback called directly with fake Bolt arguments: it acks before any work, answers privately, answers
 * a repeated question in the ack itself, and turns a failure into a sentence (the stack stays in the log).
 */
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../../../src/i18n/translator.js";
import { ismapCommand } from "../../../../src/slack/listeners/commands/ismap.js";
import { expectNoInternals } from "../../../support/commands.js";
import {
  argsFor,
  CONTEXT,
  fakeClient,
  internalError,
  MEMBER,
  replies,
  TEAM_ID,
  textIn,
  useWorld,
} from "../fakes.js";

const en = createTranslator("en");
const w = useWorld();

function slash(text: string) {
  const log: string[] = [];
  const client = fakeClient(log);
  const { ack, respond } = replies(log);
  const command = {
    command: "/ismap",
    text,
    team_id: TEAM_ID,
    user_id: MEMBER,
    channel_id: "C0GENERAL1",
    trigger_id: "1.2.3",
    response_url: "https://hooks.slack.com/commands/T0FAKE0001/1/x",
  };
  const callback = ismapCommand(w.services);
  const run = () =>
    callback(argsFor(callback, { ack, respond, client, command, body: command, context: CONTEXT }));
  return { log, client, ack, respond, run };
}

describe("ismapCommand", () => {
  it("acks with nothing before any work, then answers privately in the person's language", async () => {
    const s = slash("help");
    await s.run();
    expect(s.log[0]).toBe("ack");
    expect(s.ack).toHaveBeenCalledWith();
    expect(s.respond).toHaveBeenCalledTimes(1);
    const reply = s.respond.mock.calls[0]?.[0] as { response_type: string; replace_original: boolean };
    expect(reply).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(textIn(reply)).toContain("/ismap");
    expect(s.log.indexOf("respond")).toBeGreaterThan(s.log.indexOf("ack"));
  });

  it("answers the same question asked again in the ack itself, with no second reply", async () => {
    await slash("about").run();
    const again = slash("about");
    await again.run();
    expect(again.respond).not.toHaveBeenCalled();
    expect(again.ack).toHaveBeenCalledTimes(1);
    expect(again.ack.mock.calls[0]?.[0]).toMatchObject({ response_type: "ephemeral" });
    expect(textIn(again.ack.mock.calls[0]?.[0])).not.toBe("");
  });

  it("`lang ja` saves the person's choice and confirms it in Japanese", async () => {
    const s = slash("lang ja");
    await s.run();
    expect(s.log[0]).toBe("ack");
    expect((await w.services.preferences.get({ teamId: TEAM_ID }, MEMBER)).locale).toBe("ja");
    expect(textIn(s.respond.mock.calls[0]?.[0])).toContain(createTranslator("ja")("app.langSet"));
  });

  it("a failure after the ack is a sentence for the person; the stack goes to the log only", async () => {
    w.services.profiles.get = async () => {
      throw internalError();
    };
    const s = slash("status");
    await s.run();
    expect(s.log[0]).toBe("ack");
    const text = textIn(s.respond.mock.calls.at(-1)?.[0]);
    expect(text).toContain(en("errors.internal"));
    expect(text).not.toContain("SECRET");
    expectNoInternals(text);
    expect(w.errors.join("\n")).toContain("secret.ts");
  });
});
