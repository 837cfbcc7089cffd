import { describe, expect, it } from "vitest";
import { normalizeInput, parseCommand, SUBCOMMANDS } from "../../src/slack/contract/command-parser.js";

describe("parseCommand", () => {
  it("treats an empty command as help", () => {
    expect(parseCommand("")).toEqual({ kind: "subcommand", name: "help", args: "" });
    expect(parseCommand("   \u3000 ")).toEqual({ kind: "subcommand", name: "help", args: "" });
  });

  it.each(Object.entries(SUBCOMMANDS).filter(([name]) => name !== "profile" && name !== "remind"))(
    "accepts every word of %s",
    (name, words) => {
      for (const word of words) {
        expect(parseCommand(`${word} extra text`)).toEqual({ kind: "subcommand", name, args: "extra text" });
      }
    },
  );

  it("accepts full-width letters and ideographic spaces", () => {
    expect(parseCommand("ＡＵＤＩＴＳ")).toMatchObject({ name: "audits" });
    expect(parseCommand("質問\u3000内部監査とは")).toEqual({
      kind: "subcommand",
      name: "ask",
      args: "内部監査とは",
    });
    expect(parseCommand("Check")).toMatchObject({ name: "check" });
  });

  it("reads the profile actions in both languages", () => {
    expect(parseCommand("profile")).toEqual({
      kind: "subcommand",
      name: "profile",
      action: "edit",
      args: "",
    });
    expect(parseCommand("profile show")).toMatchObject({ action: "show" });
    expect(parseCommand("プロファイル 履歴")).toMatchObject({ action: "history" });
    expect(parseCommand("profile frobnicate")).toEqual({ kind: "unknown", word: "profile frobnicate" });
  });

  it("reads the remind actions in both languages", () => {
    expect(parseCommand("remind")).toEqual({
      kind: "subcommand",
      name: "remind",
      action: "settings",
      args: "",
    });
    expect(parseCommand("リマインダー 一覧")).toMatchObject({ name: "remind", action: "list" });
    expect(parseCommand("remind list")).toMatchObject({ action: "list" });
    expect(parseCommand("remind never")).toEqual({ kind: "unknown", word: "remind never" });
  });

  it("reports an unknown first word, cut to a readable length", () => {
    expect(parseCommand("delete everything")).toEqual({ kind: "unknown", word: "delete" });
    const long = parseCommand("x".repeat(5000));
    expect(long.kind).toBe("unknown");
    expect(long.kind === "unknown" && long.word.length).toBe(40);
  });
});

describe("normalizeInput", () => {
  it("strips control and bidi characters and collapses spaces", () => {
    expect(normalizeInput("a\u0000b\u202ec\t\td")).toBe("abc d");
  });
});
