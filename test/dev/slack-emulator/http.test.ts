import { describe, expect, it } from "vitest";
import { bearer, parseBody } from "../../../dev/slack-emulator/http.js";

describe("emulator HTTP: request bodies", () => {
  it("reads a form body and decodes the fields @slack/web-api sends as JSON", () => {
    const raw = new URLSearchParams({
      channel: "C1",
      blocks: JSON.stringify([{ type: "divider" }]),
      view: JSON.stringify({ type: "modal" }),
      text: '{"not":"decoded"}',
    }).toString();
    expect(parseBody(raw, "application/x-www-form-urlencoded")).toEqual({
      channel: "C1",
      blocks: [{ type: "divider" }],
      view: { type: "modal" },
      text: '{"not":"decoded"}',
    });
  });

  it("leaves a JSON field that does not parse as it was sent", () => {
    const raw = new URLSearchParams({ blocks: "[not json" }).toString();
    expect(parseBody(raw, undefined)).toEqual({ blocks: "[not json" });
  });

  it("reads a JSON body; a JSON value that is no object is kept under payload", () => {
    expect(parseBody('{"user":"U1"}', "application/json; charset=utf-8")).toEqual({ user: "U1" });
    expect(parseBody("[1,2]", "application/json")).toEqual({ payload: [1, 2] });
  });

  it("reads an empty body as no arguments, and throws on broken JSON", () => {
    expect(parseBody("", "application/json")).toEqual({});
    expect(() => parseBody("{", "application/json")).toThrow();
  });
});

describe("emulator HTTP: bearer token", () => {
  it("takes the token of an Authorization: Bearer header, and nothing else", () => {
    expect(bearer({ headers: { authorization: "Bearer xoxb-1" } })).toBe("xoxb-1");
    expect(bearer({ headers: { authorization: "Basic abc" } })).toBeUndefined();
    expect(bearer({ headers: {} })).toBeUndefined();
  });
});
