import { describe, expect, it } from "vitest";
import {
  dateValue,
  hasBlock,
  selectedValue,
  selectedValues,
  stateOf,
  textValue,
  usersValue,
  type ViewStateValues,
} from "../../../src/slack/forms/state.js";
import { elementState } from "../../support/view-state.js";

const state: ViewStateValues = {
  text: { a: elementState("plain_text_input", "  hello  ") },
  blank: { a: elementState("plain_text_input", "   ") },
  empty: { a: elementState("plain_text_input", null) },
  date: { a: elementState("datepicker", "2025-04-01") },
  noDate: { a: elementState("datepicker", null) },
  radio: { a: elementState("radio_buttons", "saas") },
  noRadio: { a: elementState("radio_buttons", null) },
  boxes: { a: elementState("checkboxes", ["x", "y"]) },
  users: { a: elementState("multi_users_select", ["U1", "U2"]) },
};

describe("view state readers", () => {
  it("read each element's value, trimming text", () => {
    expect(textValue(state, "text", "a")).toBe("hello");
    expect(dateValue(state, "date", "a")).toBe("2025-04-01");
    expect(selectedValue(state, "radio", "a")).toBe("saas");
    expect(selectedValues(state, "boxes", "a")).toEqual(["x", "y"]);
    expect(usersValue(state, "users", "a")).toEqual(["U1", "U2"]);
  });

  it("treat empty inputs, missing blocks and missing actions as no value", () => {
    expect(textValue(state, "blank", "a")).toBeUndefined();
    expect(textValue(state, "empty", "a")).toBeUndefined();
    expect(dateValue(state, "noDate", "a")).toBeUndefined();
    expect(selectedValue(state, "noRadio", "a")).toBeUndefined();
    expect(selectedValue(state, "missing", "a")).toBeUndefined();
    expect(selectedValue(state, "radio", "other")).toBeUndefined();
    expect(selectedValues(state, "missing", "a")).toEqual([]);
    expect(usersValue(state, "missing", "a")).toEqual([]);
    expect(hasBlock(state, "radio")).toBe(true);
    expect(hasBlock(state, "missing")).toBe(false);
  });

  it("never read inherited properties", () => {
    expect(stateOf(state, "__proto__", "a")).toBeUndefined();
    expect(stateOf(state, "toString", "a")).toBeUndefined();
    expect(hasBlock(state, "constructor")).toBe(false);
  });

  it("ignore values of the wrong type", () => {
    const odd = {
      t: { a: { type: "plain_text_input", value: 42 } },
      s: { a: { type: "static_select", selected_option: { value: 7 } } },
      m: { a: { type: "checkboxes", selected_options: "x" } },
    } as unknown as ViewStateValues;
    expect(textValue(odd, "t", "a")).toBeUndefined();
    expect(selectedValue(odd, "s", "a")).toBeUndefined();
    expect(selectedValues(odd, "m", "a")).toEqual([]);
  });
});
