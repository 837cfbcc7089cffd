import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, NotConfiguredError } from "../src/config.js";

const http = { SLACK_BOT_TOKEN: "xoxb-1-2-3", SLACK_SIGNING_SECRET: "s3cret" };

function errorOf(env: Record<string, string>): Error {
  try {
    loadConfig(env);
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected loadConfig to throw");
}

describe("loadConfig", () => {
  it("reads a one-workspace HTTP setup with defaults", () => {
    const config = loadConfig(http);
    expect(config.transport).toEqual({ kind: "http", signingSecret: "s3cret", port: 3000 });
    expect(config.auth).toEqual({ kind: "token", botToken: "xoxb-1-2-3" });
    expect(config.storeUrl).toBe("sqlite://./data/ismap.sqlite");
    expect(config.rulesDir).toBe("rules");
    expect(config.slackApiUrl).toBeUndefined();
    expect(config.answerCacheSeconds).toBe(60);
  });

  it("reads ANSWER_CACHE_SECONDS, 0 turning answer reuse off", () => {
    expect(loadConfig({ ...http, ANSWER_CACHE_SECONDS: "0" }).answerCacheSeconds).toBe(0);
    expect(loadConfig({ ...http, ANSWER_CACHE_SECONDS: "300" }).answerCacheSeconds).toBe(300);
  });

  it("uses Socket Mode when SLACK_APP_TOKEN is set, without a signing secret", () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" });
    expect(config.transport.kind).toBe("socket");
  });

  it("reads OAuth settings for many workspaces", () => {
    const config = loadConfig({
      SLACK_CLIENT_ID: "1.2",
      SLACK_CLIENT_SECRET: "c",
      SLACK_STATE_SECRET: "st",
      SLACK_SIGNING_SECRET: "s",
      SLACK_API_URL: "http://127.0.0.1:9999/api/",
      PORT: "4000",
      STORE_URL: "redis://127.0.0.1:6379",
    });
    expect(config.auth.kind).toBe("oauth");
    expect(config.transport).toMatchObject({ kind: "http", port: 4000 });
    expect(config.slackApiUrl).toBe("http://127.0.0.1:9999/api/");
  });

  it("says how to get started when nothing is configured", () => {
    expect(errorOf({})).toBeInstanceOf(NotConfiguredError);
    expect(errorOf({ PATH: "/usr/bin", PORT: "" })).toBeInstanceOf(NotConfiguredError);
  });

  it.each([
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, "SLACK_SIGNING_SECRET"],
    [{ ...http, PORT: "70000" }, "PORT"],
    [{ ...http, PORT: "web" }, "PORT"],
    [{ ...http, STORE_URL: "postgres://x" }, "STORE_URL"],
    [{ ...http, SLACK_API_URL: "not a url" }, "SLACK_API_URL"],
    [{ ...http, SLACK_BOT_TOKEN: "xoxp-user" }, "SLACK_BOT_TOKEN"],
    [{ ...http, SLACK_CLIENT_ID: "1.2" }, "SLACK_CLIENT_ID"],
    [{ SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "c", SLACK_SIGNING_SECRET: "s" }, "SLACK_STATE_SECRET"],
    [{ SLACK_SIGNING_SECRET: "s" }, "SLACK_BOT_TOKEN"],
    [{ ...http, ANSWER_CACHE_SECONDS: "-1" }, "ANSWER_CACHE_SECONDS"],
    [{ ...http, ANSWER_CACHE_SECONDS: "a minute" }, "ANSWER_CACHE_SECONDS"],
    [{ ...http, ANSWER_CACHE_SECONDS: "86400" }, "ANSWER_CACHE_SECONDS"],
  ])("names the bad setting in one line: %j → %s", (env, setting) => {
    const error = errorOf(env);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).setting).toBe(setting);
    expect(error.message.startsWith(`${setting}: `)).toBe(true);
    expect(error.message).not.toContain("\n");
  });
});
