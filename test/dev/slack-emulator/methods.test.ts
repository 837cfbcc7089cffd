import { describe, expect, it } from "vitest";
import { EMULATOR_DEFAULTS } from "../../../dev/slack-emulator/defaults.js";
import { callMethod } from "../../../dev/slack-emulator/methods.js";
import { createContext, resolveConfig } from "../../../dev/slack-emulator/state.js";

const token = EMULATOR_DEFAULTS.botToken;

describe("emulator method routing", () => {
  it("answers a known method with ok: true and its result", () => {
    const ctx = createContext(resolveConfig({}));
    expect(callMethod(ctx, "auth.test", token, {})).toMatchObject({
      ok: true,
      team_id: EMULATOR_DEFAULTS.teamId,
      user_id: EMULATOR_DEFAULTS.botUserId,
    });
  });

  it("checks the method before the token, and a missing token before an unknown one", () => {
    const ctx = createContext(resolveConfig({}));
    expect(callMethod(ctx, "chat.noSuchMethod", undefined, {})).toEqual({
      ok: false,
      error: "unknown_method",
    });
    expect(callMethod(ctx, "constructor", token, {})).toEqual({ ok: false, error: "unknown_method" });
    expect(callMethod(ctx, "auth.test", undefined, {})).toEqual({ ok: false, error: "not_authed" });
    expect(callMethod(ctx, "auth.test", "xoxb-other", {})).toEqual({ ok: false, error: "invalid_auth" });
  });

  it("turns a handler's Slack error into ok: false with its code and metadata", () => {
    const ctx = createContext(resolveConfig({}));
    expect(callMethod(ctx, "users.info", token, { user: "U0NOBODY01" })).toEqual({
      ok: false,
      error: "user_not_found",
    });
    expect(callMethod(ctx, "users.info", token, {})).toEqual({
      ok: false,
      error: "user_not_found",
      response_metadata: { messages: ["missing `user`"] },
    });
  });
});
