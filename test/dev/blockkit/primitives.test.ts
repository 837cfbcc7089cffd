/** Block Kit validator: text objects and string lengths (dev/blockkit/primitives.ts). */
import { describe } from "vitest";
import { type Case, describeCases, message, mrkdwn, plain, section, x } from "./builders.js";

const textCases: Case[] = [
  {
    name: "section text is at most 3000 characters",
    valid: message([section(x(3000))]),
    invalid: message([section(x(3001))]),
    expected: [["blocks.0.text.text", "max_length"]],
  },
  {
    name: "text objects are not empty",
    valid: message([section("a")]),
    invalid: message([section("")]),
    expected: [["blocks.0.text.text", "min_length"]],
  },
  {
    name: "text objects are plain_text or mrkdwn",
    valid: message([{ type: "section", text: plain("hi") }]),
    invalid: message([{ type: "section", text: { type: "markdown", text: "hi" } }]),
    expected: [["blocks.0.text.type", "one_of"]],
  },
  {
    name: "text objects are objects",
    valid: message([{ type: "section", text: mrkdwn("hi") }]),
    invalid: message([{ type: "section", text: "hi" }]),
    expected: [["blocks.0.text", "type"]],
  },
  {
    name: "a section needs text or fields",
    valid: message([{ type: "section", fields: [mrkdwn("a")] }]),
    invalid: message([{ type: "section" }]),
    expected: [["blocks.0.text", "required"]],
  },
  {
    name: "section has at most 10 fields",
    valid: message([{ type: "section", fields: Array.from({ length: 10 }, () => mrkdwn("f")) }]),
    invalid: message([{ type: "section", fields: Array.from({ length: 11 }, () => mrkdwn("f")) }]),
    expected: [["blocks.0.fields", "max_items"]],
  },
  {
    name: "each section field is at most 2000 characters",
    valid: message([{ type: "section", fields: [mrkdwn(x(2000))] }]),
    invalid: message([{ type: "section", fields: [mrkdwn("ok"), mrkdwn(x(2001))] }]),
    expected: [["blocks.0.fields.1.text", "max_length"]],
  },
  {
    name: "header text is at most 150 characters",
    valid: message([{ type: "header", text: plain(x(150)) }]),
    invalid: message([{ type: "header", text: plain(x(151)) }]),
    expected: [["blocks.0.text.text", "max_length"]],
  },
  {
    name: "header text is plain_text only",
    valid: message([{ type: "header", text: plain("Title") }]),
    invalid: message([{ type: "header", text: mrkdwn("*Title*") }]),
    expected: [["blocks.0.text.type", "plain_text_only"]],
  },
  {
    name: "header text is required",
    valid: message([{ type: "header", text: plain("Title") }]),
    invalid: message([{ type: "header" }]),
    expected: [["blocks.0.text", "required"]],
  },
];

describe("validateSurface", () => {
  describeCases("text", textCases);
});
