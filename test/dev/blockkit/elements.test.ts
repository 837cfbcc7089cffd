/** Block Kit validator: each interactive element, where it may go, action_ids (dev/blockkit/elements.ts). */
import { describe } from "vitest";
import {
  actions,
  button,
  type Case,
  describeCases,
  input,
  message,
  modal,
  mrkdwn,
  plain,
  section,
  x,
} from "./builders.js";

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

describe("validateSurface", () => {
  describeCases("elements", elementCases);
});
