/** Block Kit validator: each block type, where it may go, block_ids (dev/blockkit/blocks.ts). */
import { describe } from "vitest";
import {
  actions,
  button,
  type Case,
  describeCases,
  divider,
  input,
  message,
  modal,
  mrkdwn,
  type Obj,
  plain,
  x,
} from "./builders.js";

const blockCases: Case[] = [
  {
    name: "only known block types",
    valid: message([divider]),
    invalid: message([{ type: "video" }]),
    expected: [["blocks.0.type", "unknown_block"]],
  },
  {
    name: "a block is an object",
    valid: message([divider]),
    invalid: message(["divider" as unknown as Obj]),
    expected: [["blocks.0", "type"]],
  },
  {
    name: "block_id is at most 255 characters",
    valid: message([{ type: "divider", block_id: x(255) }]),
    invalid: message([{ type: "divider", block_id: x(256) }]),
    expected: [["blocks.0.block_id", "max_length"]],
  },
  {
    name: "block_id is unique within a surface",
    valid: message([
      { type: "divider", block_id: "a" },
      { type: "divider", block_id: "b" },
    ]),
    invalid: message([
      { type: "divider", block_id: "a" },
      { type: "divider", block_id: "a" },
    ]),
    expected: [["blocks.1.block_id", "duplicate_block_id"]],
  },
  {
    name: "context holds at most 10 elements",
    valid: message([{ type: "context", elements: Array.from({ length: 10 }, () => mrkdwn("c")) }]),
    invalid: message([{ type: "context", elements: Array.from({ length: 11 }, () => mrkdwn("c")) }]),
    expected: [["blocks.0.elements", "max_items"]],
  },
  {
    name: "context holds only images and text",
    valid: message([
      { type: "context", elements: [{ type: "image", image_url: "https://e.x/i.png", alt_text: "i" }] },
    ]),
    invalid: message([{ type: "context", elements: [button("B", "b")] }]),
    expected: [["blocks.0.elements.0.type", "element_placement"]],
  },
  {
    name: "context elements must be known",
    valid: message([{ type: "context", elements: [plain("ok")] }]),
    invalid: message([{ type: "context", elements: [{ type: "emoji" }] }]),
    expected: [["blocks.0.elements.0.type", "unknown_element"]],
  },
  {
    name: "actions holds at most 25 elements",
    valid: message([actions(...Array.from({ length: 25 }, (_, i) => button("B", `b${i}`)))]),
    invalid: message([actions(...Array.from({ length: 26 }, (_, i) => button("B", `b${i}`)))]),
    expected: [["blocks.0.elements", "max_items"]],
  },
  {
    name: "actions holds at least 1 element",
    valid: message([actions(button("B", "b"))]),
    invalid: message([actions()]),
    expected: [["blocks.0.elements", "min_items"]],
  },
  {
    name: "image block alt_text is at most 2000 characters",
    valid: message([{ type: "image", image_url: "https://e.x/i.png", alt_text: x(2000) }]),
    invalid: message([{ type: "image", image_url: "https://e.x/i.png", alt_text: x(2001) }]),
    expected: [["blocks.0.alt_text", "max_length"]],
  },
  {
    name: "image block needs alt_text",
    valid: message([{ type: "image", image_url: "https://e.x/i.png", alt_text: "a" }]),
    invalid: message([{ type: "image", image_url: "https://e.x/i.png" }]),
    expected: [["blocks.0.alt_text", "required"]],
  },
  {
    name: "image_url is at most 3000 characters",
    valid: message([{ type: "image", image_url: `https://e.x/${x(2988)}`, alt_text: "a" }]),
    invalid: message([{ type: "image", image_url: `https://e.x/${x(2989)}`, alt_text: "a" }]),
    expected: [["blocks.0.image_url", "max_length"]],
  },
  {
    name: "image needs image_url or slack_file",
    valid: message([{ type: "image", slack_file: { id: "F1" }, alt_text: "a" }]),
    invalid: message([{ type: "image", alt_text: "a" }]),
    expected: [["blocks.0.image_url", "required"]],
  },
  {
    name: "image title is plain_text of at most 2000 characters",
    valid: message([{ type: "image", image_url: "https://e.x/i.png", alt_text: "a", title: plain(x(2000)) }]),
    invalid: message([
      { type: "image", image_url: "https://e.x/i.png", alt_text: "a", title: plain(x(2001)) },
    ]),
    expected: [["blocks.0.title.text", "max_length"]],
  },
  {
    name: "rich_text needs elements",
    valid: message([{ type: "rich_text", elements: [{ type: "rich_text_section", elements: [] }] }]),
    invalid: message([{ type: "rich_text" }]),
    expected: [["blocks.0.elements", "required"]],
  },
  {
    name: "input label is at most 2000 characters",
    valid: modal([input({ type: "plain_text_input" }, { label: plain(x(2000)) })]),
    invalid: modal([input({ type: "plain_text_input" }, { label: plain(x(2001)) })]),
    expected: [["blocks.0.label.text", "max_length"]],
  },
  {
    name: "input label is plain_text",
    valid: modal([input({ type: "plain_text_input" })]),
    invalid: modal([input({ type: "plain_text_input" }, { label: mrkdwn("*L*") })]),
    expected: [["blocks.0.label.type", "plain_text_only"]],
  },
  {
    name: "input hint is at most 2000 characters",
    valid: modal([input({ type: "plain_text_input" }, { hint: plain(x(2000)) })]),
    invalid: modal([input({ type: "plain_text_input" }, { hint: plain(x(2001)) })]),
    expected: [["blocks.0.hint.text", "max_length"]],
  },
  {
    name: "input needs an element",
    valid: modal([input({ type: "plain_text_input" })]),
    invalid: modal([{ type: "input", label: plain("L") }]),
    expected: [["blocks.0.element", "required"]],
  },
];

describe("validateSurface", () => {
  describeCases("blocks", blockCases);
});
