import { describe, expect, it } from "vitest";
import {
  assertValidSurface,
  BlockKitValidationError,
  type Surface,
  toSlackErrorMessages,
  validateSurface,
} from "../../../dev/blockkit/validate.js";

type Obj = Record<string, unknown>;

const x = (n: number): string => "x".repeat(n);
const plain = (text: string): Obj => ({ type: "plain_text", text });
const mrkdwn = (text: string): Obj => ({ type: "mrkdwn", text });
const option = (text: string, value: string): Obj => ({ text: plain(text), value });
const options = (n: number, prefix = "o"): Obj[] =>
  Array.from({ length: n }, (_, i) => option(`${prefix}${i}`, `${prefix}${i}`));
const section = (text: string, extra: Obj = {}): Obj => ({ type: "section", text: mrkdwn(text), ...extra });
const button = (text: string, actionId: string, extra: Obj = {}): Obj => ({
  type: "button",
  text: plain(text),
  action_id: actionId,
  ...extra,
});
const actions = (...elements: Obj[]): Obj => ({ type: "actions", elements });
const input = (element: Obj, extra: Obj = {}): Obj => ({
  type: "input",
  label: plain("Label"),
  element,
  ...extra,
});
const divider: Obj = { type: "divider" };
const dividers = (n: number): Obj[] => Array.from({ length: n }, () => divider);

const message = (blocks: Obj[], extra: Obj = {}): Surface => ({
  type: "message",
  text: "fallback",
  blocks,
  ...extra,
});
const modal = (blocks: Obj[], extra: Obj = {}): Surface => ({
  type: "modal",
  title: plain("ISMAP-LIU"),
  submit: plain("Save"),
  close: plain("Cancel"),
  blocks,
  ...extra,
});
const home = (blocks: Obj[], extra: Obj = {}): Surface => ({ type: "home", blocks, ...extra });

/** [path, rule] of every problem, so a failing case proves it fails for exactly the expected reason. */
const found = (surface: Surface): Array<[string, string]> =>
  validateSurface(surface).map((p) => [p.path, p.rule]);

interface Case {
  name: string;
  valid: Surface;
  invalid: Surface;
  expected: Array<[string, string]>;
}

const surfaceCases: Case[] = [
  {
    name: "message holds at most 50 blocks",
    valid: message(dividers(50)),
    invalid: message(dividers(51)),
    expected: [["blocks", "max_items"]],
  },
  {
    name: "modal holds at most 100 blocks",
    valid: modal(dividers(100)),
    invalid: modal(dividers(101)),
    expected: [["blocks", "max_items"]],
  },
  {
    name: "home holds at most 100 blocks",
    valid: home(dividers(100)),
    invalid: home(dividers(101)),
    expected: [["blocks", "max_items"]],
  },
  {
    name: "views need blocks",
    valid: home([]),
    invalid: { type: "home" },
    expected: [["blocks", "required"]],
  },
  {
    name: "blocks must be an array",
    valid: home([divider]),
    invalid: home([], { blocks: "nope" }),
    expected: [["blocks", "type"]],
  },
  {
    name: "modal title is at most 24 characters",
    valid: modal([], { title: plain(x(24)) }),
    invalid: modal([], { title: plain(x(25)) }),
    expected: [["title.text", "max_length"]],
  },
  {
    name: "modal title is required",
    valid: modal([]),
    invalid: modal([], { title: undefined }),
    expected: [["title", "required"]],
  },
  {
    name: "modal title is plain_text",
    valid: modal([], { title: plain("Title") }),
    invalid: modal([], { title: mrkdwn("Title") }),
    expected: [["title.type", "plain_text_only"]],
  },
  {
    name: "modal submit is at most 24 characters",
    valid: modal([], { submit: plain(x(24)) }),
    invalid: modal([], { submit: plain(x(25)) }),
    expected: [["submit.text", "max_length"]],
  },
  {
    name: "modal close is at most 24 characters",
    valid: modal([], { close: plain(x(24)) }),
    invalid: modal([], { close: plain(x(25)) }),
    expected: [["close.text", "max_length"]],
  },
  {
    name: "callback_id is at most 255 characters",
    valid: modal([], { callback_id: x(255) }),
    invalid: modal([], { callback_id: x(256) }),
    expected: [["callback_id", "max_length"]],
  },
  {
    name: "private_metadata is at most 3000 characters",
    valid: home([], { private_metadata: x(3000) }),
    invalid: home([], { private_metadata: x(3001) }),
    expected: [["private_metadata", "max_length"]],
  },
  {
    name: "external_id is at most 255 characters",
    valid: modal([], { external_id: x(255) }),
    invalid: modal([], { external_id: x(256) }),
    expected: [["external_id", "max_length"]],
  },
  {
    name: "a modal with an input block needs submit",
    valid: modal([input({ type: "plain_text_input", action_id: "a" })]),
    invalid: modal([input({ type: "plain_text_input", action_id: "a" })], { submit: undefined }),
    expected: [["submit", "submit_required"]],
  },
  {
    name: "message text fallback is at most 40000 characters",
    valid: message([], { text: x(40_000) }),
    invalid: message([], { text: x(40_001) }),
    expected: [["text", "max_length"]],
  },
  {
    name: "a message needs text or blocks",
    valid: { type: "message", blocks: [divider] },
    invalid: { type: "message" },
    expected: [["text", "required"]],
  },
  {
    name: "surface type is message, modal or home",
    valid: home([]),
    invalid: { type: "workflow_step" } as unknown as Surface,
    expected: [["type", "one_of"]],
  },
];

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

const elementCases: Case[] = [
  {
    name: "only known element types",
    valid: message([actions(button("B", "b"))]),
    invalid: message([actions({ type: "workflow_button", action_id: "w" })]),
    expected: [["blocks.0.elements.0.type", "unknown_element"]],
  },
  {
    name: "plain_text_input only goes in an input block",
    valid: modal([input({ type: "plain_text_input" })]),
    invalid: modal([actions({ type: "plain_text_input" })]),
    expected: [["blocks.0.elements.0.type", "element_placement"]],
  },
  {
    name: "a button cannot be an input element",
    valid: modal([section("s", { accessory: button("B", "b") })]),
    invalid: modal([input(button("B", "b"))]),
    expected: [["blocks.0.element.type", "element_placement"]],
  },
  {
    name: "email/url/number inputs are for modals only",
    valid: modal([input({ type: "email_text_input" })]),
    invalid: message([input({ type: "email_text_input" })]),
    expected: [["blocks.0.element.type", "element_surface"]],
  },
  {
    name: "action_id is at most 255 characters",
    valid: message([actions(button("B", x(255)))]),
    invalid: message([actions(button("B", x(256)))]),
    expected: [["blocks.0.elements.0.action_id", "max_length"]],
  },
  {
    name: "action_id is unique within a block (reusing it in another block is fine)",
    valid: message([actions(button("A", "same")), actions(button("B", "same"))]),
    invalid: message([actions(button("A", "same"), button("B", "same"))]),
    expected: [["blocks.0.elements.1.action_id", "duplicate_action_id"]],
  },
  {
    name: "button text is at most 75 characters",
    valid: message([actions(button(x(75), "b"))]),
    invalid: message([actions(button(x(76), "b"))]),
    expected: [["blocks.0.elements.0.text.text", "max_length"]],
  },
  {
    name: "button text is plain_text",
    valid: message([actions(button("B", "b"))]),
    invalid: message([actions({ type: "button", action_id: "b", text: mrkdwn("*B*") })]),
    expected: [["blocks.0.elements.0.text.type", "plain_text_only"]],
  },
  {
    name: "button value is at most 2000 characters",
    valid: message([actions(button("B", "b", { value: x(2000) }))]),
    invalid: message([actions(button("B", "b", { value: x(2001) }))]),
    expected: [["blocks.0.elements.0.value", "max_length"]],
  },
  {
    name: "button url is at most 3000 characters",
    valid: message([actions(button("B", "b", { url: `https://e.x/${x(2988)}` }))]),
    invalid: message([actions(button("B", "b", { url: `https://e.x/${x(2989)}` }))]),
    expected: [["blocks.0.elements.0.url", "max_length"]],
  },
  {
    name: "button style is primary or danger",
    valid: message([actions(button("B", "b", { style: "danger" }))]),
    invalid: message([actions(button("B", "b", { style: "green" }))]),
    expected: [["blocks.0.elements.0.style", "one_of"]],
  },
  {
    name: "placeholder is plain_text of at most 150 characters",
    valid: modal([input({ type: "plain_text_input", placeholder: plain(x(150)) })]),
    invalid: modal([input({ type: "plain_text_input", placeholder: plain(x(151)) })]),
    expected: [["blocks.0.element.placeholder.text", "max_length"]],
  },
  {
    name: "plain_text_input max_length is 1..3000",
    valid: modal([input({ type: "plain_text_input", max_length: 3000 })]),
    invalid: modal([input({ type: "plain_text_input", max_length: 3001 })]),
    expected: [["blocks.0.element.max_length", "range"]],
  },
  {
    name: "plain_text_input min_length is 0..3000 and not above max_length",
    valid: modal([input({ type: "plain_text_input", min_length: 0, max_length: 10 })]),
    invalid: modal([input({ type: "plain_text_input", min_length: 11, max_length: 10 })]),
    expected: [["blocks.0.element.min_length", "range"]],
  },
  {
    name: "number_input needs is_decimal_allowed",
    valid: modal([input({ type: "number_input", is_decimal_allowed: false })]),
    invalid: modal([input({ type: "number_input" })]),
    expected: [["blocks.0.element.is_decimal_allowed", "required"]],
  },
  {
    name: "datepicker initial_date is YYYY-MM-DD",
    valid: modal([input({ type: "datepicker", initial_date: "2025-03-31" })]),
    invalid: modal([input({ type: "datepicker", initial_date: "2025/03/31" })]),
    expected: [["blocks.0.element.initial_date", "format"]],
  },
  {
    name: "timepicker initial_time is HH:mm",
    valid: modal([input({ type: "timepicker", initial_time: "09:30" })]),
    invalid: modal([input({ type: "timepicker", initial_time: "9:30" })]),
    expected: [["blocks.0.element.initial_time", "format"]],
  },
  {
    name: "only one element may set focus_on_load",
    valid: modal([input({ type: "plain_text_input", focus_on_load: true }, { block_id: "a" })]),
    invalid: modal([
      input({ type: "plain_text_input", focus_on_load: true }, { block_id: "a" }),
      input({ type: "plain_text_input", focus_on_load: true }, { block_id: "b" }),
    ]),
    expected: [["blocks.1.element.focus_on_load", "focus_on_load_multiple"]],
  },
  {
    name: "confirm dialog texts respect their limits",
    valid: message([
      actions(
        button("B", "b", {
          confirm: { title: plain(x(100)), text: mrkdwn(x(300)), confirm: plain(x(30)), deny: plain(x(30)) },
        }),
      ),
    ]),
    invalid: message([
      actions(
        button("B", "b", {
          confirm: { title: plain("T"), text: mrkdwn(x(301)), confirm: plain("Y"), deny: plain("N") },
        }),
      ),
    ]),
    expected: [["blocks.0.elements.0.confirm.text.text", "max_length"]],
  },
];

const staticSelect = (extra: Obj): Obj => ({ type: "static_select", action_id: "s", ...extra });

const optionCases: Case[] = [
  {
    name: "static_select holds at most 100 options",
    valid: modal([input(staticSelect({ options: options(100) }))]),
    invalid: modal([input(staticSelect({ options: options(101) }))]),
    expected: [["blocks.0.element.options", "max_items"]],
  },
  {
    name: "option text is at most 75 characters",
    valid: modal([input(staticSelect({ options: [option(x(75), "v")] }))]),
    invalid: modal([input(staticSelect({ options: [option(x(76), "v")] }))]),
    expected: [["blocks.0.element.options.0.text.text", "max_length"]],
  },
  {
    name: "option value is at most 150 characters",
    valid: modal([input(staticSelect({ options: [option("t", x(150))] }))]),
    invalid: modal([input(staticSelect({ options: [option("t", x(151))] }))]),
    expected: [["blocks.0.element.options.0.value", "max_length"]],
  },
  {
    name: "option description is at most 75 characters",
    valid: modal([input(staticSelect({ options: [{ ...option("t", "v"), description: plain(x(75)) }] }))]),
    invalid: modal([input(staticSelect({ options: [{ ...option("t", "v"), description: plain(x(76)) }] }))]),
    expected: [["blocks.0.element.options.0.description.text", "max_length"]],
  },
  {
    name: "select option text is plain_text",
    valid: modal([input(staticSelect({ options: [option("t", "v")] }))]),
    invalid: modal([input(staticSelect({ options: [{ text: mrkdwn("*t*"), value: "v" }] }))]),
    expected: [["blocks.0.element.options.0.text.type", "plain_text_only"]],
  },
  {
    name: "option values are unique within a menu",
    valid: modal([input(staticSelect({ options: [option("a", "1"), option("b", "2")] }))]),
    invalid: modal([input(staticSelect({ options: [option("a", "1"), option("b", "1")] }))]),
    expected: [["blocks.0.element.options.1.value", "duplicate_option_value"]],
  },
  {
    name: "option url is only for overflow menus",
    valid: message([
      actions({ type: "overflow", action_id: "o", options: [{ ...option("t", "v"), url: "https://e.x" }] }),
    ]),
    invalid: modal([input(staticSelect({ options: [{ ...option("t", "v"), url: "https://e.x" }] }))]),
    expected: [["blocks.0.element.options.0.url", "one_of"]],
  },
  {
    name: "static_select holds at most 100 option_groups",
    valid: modal([
      input(
        staticSelect({
          option_groups: Array.from({ length: 100 }, (_, i) => ({
            label: plain("g"),
            options: [option("t", `v${i}`)],
          })),
        }),
      ),
    ]),
    invalid: modal([
      input(
        staticSelect({
          option_groups: Array.from({ length: 101 }, (_, i) => ({
            label: plain("g"),
            options: [option("t", `v${i}`)],
          })),
        }),
      ),
    ]),
    expected: [["blocks.0.element.option_groups", "max_items"]],
  },
  {
    name: "option group label is plain_text of at most 75 characters",
    valid: modal([input(staticSelect({ option_groups: [{ label: plain(x(75)), options: options(1) }] }))]),
    invalid: modal([input(staticSelect({ option_groups: [{ label: plain(x(76)), options: options(1) }] }))]),
    expected: [["blocks.0.element.option_groups.0.label.text", "max_length"]],
  },
  {
    name: "option group holds at most 100 options",
    valid: modal([input(staticSelect({ option_groups: [{ label: plain("g"), options: options(100) }] }))]),
    invalid: modal([input(staticSelect({ option_groups: [{ label: plain("g"), options: options(101) }] }))]),
    expected: [["blocks.0.element.option_groups.0.options", "max_items"]],
  },
  {
    name: "options and option_groups are exclusive",
    valid: modal([input(staticSelect({ options: options(1) }))]),
    invalid: modal([
      input(
        staticSelect({
          options: options(1),
          option_groups: [{ label: plain("g"), options: options(1, "g") }],
        }),
      ),
    ]),
    expected: [["blocks.0.element", "exclusive_fields"]],
  },
  {
    name: "a static select needs options or option_groups",
    valid: modal([input(staticSelect({ options: options(1) }))]),
    invalid: modal([input(staticSelect({}))]),
    expected: [["blocks.0.element.options", "required"]],
  },
  {
    name: "initial_option matches an offered option",
    valid: modal([input(staticSelect({ options: options(3), initial_option: option("o1", "o1") }))]),
    invalid: modal([input(staticSelect({ options: options(3), initial_option: option("zz", "zz") }))]),
    expected: [["blocks.0.element.initial_option", "initial_option_mismatch"]],
  },
  {
    name: "multi_static_select max_selected_items is at least 1",
    valid: modal([input({ type: "multi_static_select", options: options(2), max_selected_items: 1 })]),
    invalid: modal([input({ type: "multi_static_select", options: options(2), max_selected_items: 0 })]),
    expected: [["blocks.0.element.max_selected_items", "range"]],
  },
  {
    name: "overflow holds at most 5 options",
    valid: message([actions({ type: "overflow", action_id: "o", options: options(5) })]),
    invalid: message([actions({ type: "overflow", action_id: "o", options: options(6) })]),
    expected: [["blocks.0.elements.0.options", "max_items"]],
  },
  {
    name: "overflow holds at least 1 option",
    valid: message([actions({ type: "overflow", action_id: "o", options: options(1) })]),
    invalid: message([actions({ type: "overflow", action_id: "o", options: [] })]),
    expected: [["blocks.0.elements.0.options", "min_items"]],
  },
  {
    name: "checkboxes hold at most 10 options (mrkdwn allowed)",
    valid: modal([
      input({ type: "checkboxes", options: [{ text: mrkdwn("*a*"), value: "a" }, ...options(9)] }),
    ]),
    invalid: modal([input({ type: "checkboxes", options: options(11) })]),
    expected: [["blocks.0.element.options", "max_items"]],
  },
  {
    name: "checkboxes initial_options match offered options",
    valid: modal([input({ type: "checkboxes", options: options(2), initial_options: [option("o0", "o0")] })]),
    invalid: modal([
      input({ type: "checkboxes", options: options(2), initial_options: [option("o9", "o9")] }),
    ]),
    expected: [["blocks.0.element.initial_options.0", "initial_option_mismatch"]],
  },
  {
    name: "radio_buttons hold at most 10 options",
    valid: modal([input({ type: "radio_buttons", options: options(10) })]),
    invalid: modal([input({ type: "radio_buttons", options: options(11) })]),
    expected: [["blocks.0.element.options", "max_items"]],
  },
  {
    name: "external select initial_option is a well-formed option",
    valid: modal([input({ type: "external_select", action_id: "e", initial_option: option("t", "v") })]),
    invalid: modal([input({ type: "external_select", action_id: "e", initial_option: option("t", x(151)) })]),
    expected: [["blocks.0.element.initial_option.value", "max_length"]],
  },
];

describe("validateSurface", () => {
  for (const [group, cases] of [
    ["surfaces", surfaceCases],
    ["text", textCases],
    ["blocks", blockCases],
    ["elements", elementCases],
    ["options", optionCases],
  ] as const) {
    describe(group, () => {
      it.each(cases)("$name", ({ valid, invalid, expected }) => {
        expect(found(valid)).toEqual([]);
        expect(found(invalid)).toEqual(expected);
      });
    });
  }

  it("allows input blocks in messages and Home tabs (docs list input for all three surfaces)", () => {
    const element = { type: "plain_text_input", action_id: "q", dispatch_action_config: {} };
    expect(found(message([input(element, { dispatch_action: true })]))).toEqual([]);
    expect(found(home([input(element, { dispatch_action: true })]))).toEqual([]);
  });

  it("reports every problem, not just the first", () => {
    const problems = validateSurface(
      modal([{ type: "header", text: plain(x(151)) }, section(x(3001)), actions(button(x(76), "b"))], {
        title: plain(x(25)),
      }),
    );
    expect(problems.map((p) => p.path)).toEqual([
      "title.text",
      "blocks.0.text.text",
      "blocks.1.text.text",
      "blocks.2.elements.0.text.text",
    ]);
    expect(problems[1]?.message).toContain("151 characters; Slack allows at most 150");
  });

  it("accepts a realistic, large ISMAP-LIU modal", () => {
    const serviceTypes = ["IaaS", "PaaS", "SaaS"].map((t) => option(t, t.toLowerCase()));
    const blocks: Obj[] = [
      { type: "header", text: plain("ISMAP-LIU 対象判定"), block_id: "hdr" },
      section("このウィザードでは、サービスが *ISMAP-LIU* の対象になるかを判定します。", {
        block_id: "intro",
      }),
      {
        type: "context",
        block_id: "src",
        elements: [mrkdwn("出典: ISMAP-LIU 制度規程 (2022)"), mrkdwn("確度: 高")],
      },
      divider,
      input(
        { type: "plain_text_input", action_id: "name", max_length: 200, focus_on_load: true },
        { block_id: "service_name", label: plain("サービス名"), hint: plain("正式名称を入力してください") },
      ),
      input(
        { type: "static_select", action_id: "type", options: serviceTypes, initial_option: serviceTypes[2] },
        { block_id: "service_type", label: plain("サービス種別") },
      ),
      input(
        {
          type: "radio_buttons",
          action_id: "impact",
          options: [
            { text: mrkdwn("*低* — 機密性2情報を扱わない"), value: "low" },
            { text: mrkdwn("*中* — 業務の一部で利用"), value: "mid" },
          ],
        },
        { block_id: "impact", label: plain("影響度") },
      ),
      input(
        {
          type: "checkboxes",
          action_id: "uses",
          options: Array.from({ length: 8 }, (_, i) => ({
            text: plain(`用途 ${i + 1}`),
            value: `use_${i + 1}`,
            description: mrkdwn("説明"),
          })),
        },
        { block_id: "uses", label: plain("用途"), optional: true },
      ),
      input(
        { type: "datepicker", action_id: "since", initial_date: "2025-04-01", placeholder: plain("日付") },
        { block_id: "since", label: plain("提供開始日") },
      ),
      input({ type: "users_select", action_id: "owner" }, { block_id: "owner", label: plain("担当者") }),
      input(
        { type: "conversations_select", action_id: "channel", default_to_current_conversation: true },
        { block_id: "channel", label: plain("通知チャンネル") },
      ),
      input(
        { type: "url_text_input", action_id: "url" },
        { block_id: "url", label: plain("URL"), optional: true },
      ),
      input(
        {
          type: "multi_static_select",
          action_id: "regions",
          option_groups: [
            { label: plain("国内"), options: [option("東京", "tokyo"), option("大阪", "osaka")] },
            { label: plain("海外"), options: [option("シンガポール", "sg")] },
          ],
          max_selected_items: 3,
        },
        { block_id: "regions", label: plain("リージョン") },
      ),
      input(
        { type: "plain_text_input", action_id: "notes", multiline: true, min_length: 0, max_length: 3000 },
        { block_id: "notes", label: plain("備考"), optional: true },
      ),
      section("監査の種類", {
        block_id: "audit",
        fields: Array.from({ length: 10 }, (_, i) => mrkdwn(`*項目 ${i + 1}*\n内容`)),
        accessory: {
          type: "overflow",
          action_id: "audit_more",
          options: [
            option("詳細", "detail"),
            { ...option("制度の文書", "docs"), url: "https://www.ismap.go.jp/" },
          ],
        },
      }),
      actions(
        button("戻る", "back", { value: "step:1" }),
        button("次へ", "next", { style: "primary", value: "step:3" }),
        button("リセット", "reset", {
          style: "danger",
          confirm: {
            title: plain("確認"),
            text: mrkdwn("入力を消去しますか？"),
            confirm: plain("消去"),
            deny: plain("やめる"),
          },
        }),
      ),
      {
        type: "image",
        image_url: "https://example.com/flow.png",
        alt_text: "判定フロー図",
        title: plain("判定フロー"),
      },
      {
        type: "rich_text",
        elements: [{ type: "rich_text_section", elements: [{ type: "text", text: "以上" }] }],
      },
    ];
    const wizard = modal(blocks, {
      title: plain("ISMAP-LIU 判定"),
      submit: plain("判定する"),
      close: plain("閉じる"),
      callback_id: "eligibility_wizard",
      private_metadata: JSON.stringify({ step: 2, teamId: "T0001", revision: 7 }),
    });
    expect(validateSurface(wizard)).toEqual([]);
    expect(() => assertValidSurface(wizard)).not.toThrow();
  });
});

describe("assertValidSurface", () => {
  it("throws a BlockKitValidationError listing every problem", () => {
    const bad = modal([section(x(3001)), { type: "header", text: mrkdwn("h") }], { title: plain(x(30)) });
    let caught: unknown;
    try {
      assertValidSurface(bad);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(BlockKitValidationError);
    const error = caught as BlockKitValidationError;
    expect(error.problems).toHaveLength(3);
    expect(error.message).toMatch(/^Block Kit modal has 3 problems:/);
    expect(error.message).toContain(
      "title.text: modal title is 30 characters; Slack allows at most 24 (max_length)",
    );
    expect(error.message).toContain("blocks.0.text.text:");
    expect(error.message).toContain("blocks.1.text.type:");
  });

  it("returns quietly for a valid surface", () => {
    expect(() => assertValidSurface(message([section("ok")]))).not.toThrow();
  });
});

describe("toSlackErrorMessages", () => {
  it("formats problems like Slack's invalid_blocks response_metadata", () => {
    const problems = validateSurface(modal([section(x(3001))]));
    expect(toSlackErrorMessages(problems, "/view")).toEqual([
      "[ERROR] section text is 3001 characters; Slack allows at most 3000 [json-pointer:/view/blocks/0/text/text]",
    ]);
  });
});
