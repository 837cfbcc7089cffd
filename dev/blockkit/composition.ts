/** Composition objects: confirmation dialogs, options and option lists, initial options. */
import { LIMITS } from "../../src/slack/blockkit/limits.js";
import { checkString, checkText } from "./primitives.js";
import { at, type Context, isObject, type Json, report } from "./problems.js";

export function checkConfirm(ctx: Context, owner: Json, path: string): void {
  const confirm = owner.confirm;
  if (confirm === undefined || confirm === null) return;
  const here = at(path, "confirm");
  if (!isObject(confirm)) {
    report(ctx, here, "type", "confirm must be a confirmation dialog object");
    return;
  }
  const { title, text, confirm: yes, deny } = LIMITS.confirm;
  checkText(ctx, confirm, "title", here, "confirm title", { max: title, plainOnly: true, required: true });
  checkText(ctx, confirm, "text", here, "confirm text", { max: text, required: true });
  checkText(ctx, confirm, "confirm", here, "confirm button text", {
    max: yes,
    plainOnly: true,
    required: true,
  });
  checkText(ctx, confirm, "deny", here, "deny button text", { max: deny, plainOnly: true, required: true });
}

export interface OptionRule {
  plainOnly: boolean;
  allowUrl: boolean;
}

export function checkOption(ctx: Context, option: unknown, path: string, rule: OptionRule): void {
  if (!isObject(option)) {
    report(ctx, path, "type", "an option must be an object with text and value");
    return;
  }
  const limits = LIMITS.option;
  checkText(ctx, option, "text", path, "option text", {
    max: limits.text,
    plainOnly: rule.plainOnly,
    required: true,
  });
  checkString(ctx, option, "value", path, "option value", { max: limits.value, required: true });
  checkText(ctx, option, "description", path, "option description", {
    max: limits.description,
    plainOnly: rule.plainOnly,
  });
  if (rule.allowUrl) {
    checkString(ctx, option, "url", path, "option url", { max: limits.url });
  } else if (option.url !== undefined) {
    report(ctx, at(path, "url"), "one_of", "option url is only allowed in overflow menus");
  }
}

/** Checks each option and that values are unique; returns the values seen. */
export function checkOptionList(
  ctx: Context,
  options: unknown[],
  path: string,
  rule: OptionRule,
  seen: Set<string>,
): void {
  options.forEach((option, i) => {
    const here = at(path, i);
    checkOption(ctx, option, here, rule);
    const value = isObject(option) ? option.value : undefined;
    if (typeof value !== "string") return;
    if (seen.has(value)) {
      report(
        ctx,
        at(here, "value"),
        "duplicate_option_value",
        `option value "${value}" is used twice in one menu`,
      );
    }
    seen.add(value);
  });
}

const optionKey = (option: unknown): string | undefined => {
  if (!isObject(option) || typeof option.value !== "string") return undefined;
  const text = isObject(option.text) ? option.text.text : undefined;
  return `${option.value}\u0000${typeof text === "string" ? text : ""}`;
};

/** `initial_option(s)` must exactly match options offered by the element. */
export function checkInitialOptions(ctx: Context, element: Json, path: string, offered: unknown[]): void {
  const keys = new Set(offered.map(optionKey).filter((k): k is string => k !== undefined));
  const check = (option: unknown, here: string): void => {
    const key = optionKey(option);
    if (key === undefined || !keys.has(key)) {
      report(ctx, here, "initial_option_mismatch", "initial option must exactly match one of the options");
    }
  };
  if (element.initial_option !== undefined) check(element.initial_option, at(path, "initial_option"));
  if (Array.isArray(element.initial_options)) {
    element.initial_options.forEach((option, i) => {
      check(option, at(at(path, "initial_options"), i));
    });
  }
}
