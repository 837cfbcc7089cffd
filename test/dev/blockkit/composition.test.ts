/** Block Kit validator: options, option lists, initial options and confirm dialogs (dev/blockkit/composition.ts). */
import { describe } from "vitest";
import {
  actions,
  type Case,
  describeCases,
  input,
  message,
  modal,
  mrkdwn,
  type Obj,
  option,
  options,
  plain,
  x,
} from "./builders.js";

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
  describeCases("options", optionCases);
});
