/** Interactive elements: one check per element type, where each may be placed, unique action_ids per block. */
import {
  ELEMENT_SLOTS,
  type ElementSlot,
  KNOWN_ELEMENT_TYPES,
  type KnownElementType,
  LIMITS,
  MODAL_ONLY_ELEMENTS,
  PLAIN_TEXT_OPTION_ELEMENTS,
} from "../../src/slack/blockkit/limits.js";
import {
  checkConfirm,
  checkInitialOptions,
  checkOption,
  checkOptionList,
  type OptionRule,
} from "./composition.js";
import { checkArray, checkIntegerRange, checkString, checkText } from "./primitives.js";
import { at, type Context, isObject, type Json, report } from "./problems.js";

function checkPlaceholder(ctx: Context, element: Json, path: string): void {
  checkText(ctx, element, "placeholder", path, "placeholder", { max: LIMITS.placeholder, plainOnly: true });
}

function checkButton(ctx: Context, element: Json, path: string): void {
  const limits = LIMITS.button;
  checkText(ctx, element, "text", path, "button text", { max: limits.text, plainOnly: true, required: true });
  checkString(ctx, element, "value", path, "button value", { max: limits.value });
  checkString(ctx, element, "url", path, "button url", { max: limits.url });
  checkString(ctx, element, "accessibility_label", path, "button accessibility_label", {
    max: limits.accessibilityLabel,
  });
  const style = element.style;
  if (style !== undefined && style !== "primary" && style !== "danger") {
    report(ctx, at(path, "style"), "one_of", "button style must be primary or danger");
  }
}

function checkStaticSelect(ctx: Context, element: Json, path: string, type: KnownElementType): void {
  const hasOptions = element.options !== undefined;
  const hasGroups = element.option_groups !== undefined;
  if (hasOptions && hasGroups) {
    report(ctx, path, "exclusive_fields", "use options or option_groups, not both");
  } else if (!hasOptions && !hasGroups) {
    report(ctx, at(path, "options"), "required", "a static select needs options or option_groups");
  }
  const rule: OptionRule = { plainOnly: PLAIN_TEXT_OPTION_ELEMENTS.includes(type), allowUrl: false };
  const seen = new Set<string>();
  const offered: unknown[] = [];
  const options = checkArray(ctx, element, "options", path, "select options", { max: LIMITS.select.options });
  if (options) {
    checkOptionList(ctx, options, at(path, "options"), rule, seen);
    offered.push(...options);
  }
  const groups = checkArray(ctx, element, "option_groups", path, "option_groups", {
    max: LIMITS.select.optionGroups,
  });
  groups?.forEach((group, i) => {
    const here = at(at(path, "option_groups"), i);
    if (!isObject(group)) {
      report(ctx, here, "type", "an option group must be an object with label and options");
      return;
    }
    checkText(ctx, group, "label", here, "option group label", {
      max: LIMITS.optionGroup.label,
      plainOnly: true,
      required: true,
    });
    const inGroup = checkArray(ctx, group, "options", here, "option group options", {
      max: LIMITS.optionGroup.options,
      required: true,
    });
    if (inGroup) {
      checkOptionList(ctx, inGroup, at(here, "options"), rule, seen);
      offered.push(...inGroup);
    }
  });
  checkInitialOptions(ctx, element, path, offered);
  if (type === "multi_static_select") checkMaxSelected(ctx, element, path);
}

function checkMaxSelected(ctx: Context, element: Json, path: string): void {
  checkIntegerRange(ctx, element, "max_selected_items", path, "max_selected_items", {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
  });
}

function checkExternalSelect(ctx: Context, element: Json, path: string, type: KnownElementType): void {
  const rule: OptionRule = { plainOnly: PLAIN_TEXT_OPTION_ELEMENTS.includes(type), allowUrl: false };
  if (element.initial_option !== undefined)
    checkOption(ctx, element.initial_option, at(path, "initial_option"), rule);
  const initial = checkArray(ctx, element, "initial_options", path, "initial_options", {
    max: LIMITS.select.options,
  });
  initial?.forEach((option, i) => {
    checkOption(ctx, option, at(at(path, "initial_options"), i), rule);
  });
  checkIntegerRange(ctx, element, "min_query_length", path, "min_query_length", {
    min: 0,
    max: Number.MAX_SAFE_INTEGER,
  });
  if (type === "multi_external_select") checkMaxSelected(ctx, element, path);
}

function checkOverflow(ctx: Context, element: Json, path: string): void {
  const { minOptions, maxOptions } = LIMITS.overflow;
  const options = checkArray(ctx, element, "options", path, "overflow options", {
    min: minOptions,
    max: maxOptions,
    required: true,
  });
  const rule: OptionRule = { plainOnly: PLAIN_TEXT_OPTION_ELEMENTS.includes("overflow"), allowUrl: true };
  if (options) checkOptionList(ctx, options, at(path, "options"), rule, new Set());
}

function checkChoiceGroup(
  ctx: Context,
  element: Json,
  path: string,
  type: KnownElementType,
  max: number,
): void {
  const options = checkArray(ctx, element, "options", path, `${type} options`, {
    min: 1,
    max,
    required: true,
  });
  if (!options) return;
  const rule: OptionRule = { plainOnly: PLAIN_TEXT_OPTION_ELEMENTS.includes(type), allowUrl: false };
  checkOptionList(ctx, options, at(path, "options"), rule, new Set());
  checkInitialOptions(ctx, element, path, options);
}

function checkPlainTextInput(ctx: Context, element: Json, path: string): void {
  const limits = LIMITS.plainTextInput;
  const min = checkIntegerRange(ctx, element, "min_length", path, "min_length", {
    min: limits.minLengthMin,
    max: limits.minLengthMax,
  });
  const max = checkIntegerRange(ctx, element, "max_length", path, "max_length", {
    min: limits.maxLengthMin,
    max: limits.maxLengthMax,
  });
  if (min !== undefined && max !== undefined && min > max) {
    report(ctx, at(path, "min_length"), "range", `min_length ${min} is greater than max_length ${max}`);
  }
}

function checkPattern(
  ctx: Context,
  element: Json,
  key: string,
  path: string,
  pattern: RegExp,
  form: string,
): void {
  const value = element[key];
  if (value === undefined) return;
  if (typeof value !== "string" || !pattern.test(value)) {
    report(ctx, at(path, key), "format", `${key} must be in the form ${form}`);
  }
}

function checkNumberInput(ctx: Context, element: Json, path: string): void {
  if (typeof element.is_decimal_allowed !== "boolean") {
    report(
      ctx,
      at(path, "is_decimal_allowed"),
      "required",
      "number_input needs is_decimal_allowed (boolean)",
    );
  }
}

type ElementCheck = (ctx: Context, element: Json, path: string, type: KnownElementType) => void;

const ELEMENT_CHECKS: Partial<Record<KnownElementType, ElementCheck>> = {
  button: checkButton,
  static_select: checkStaticSelect,
  multi_static_select: checkStaticSelect,
  external_select: checkExternalSelect,
  multi_external_select: checkExternalSelect,
  overflow: checkOverflow,
  checkboxes: (ctx, element, path, type) =>
    checkChoiceGroup(ctx, element, path, type, LIMITS.checkboxes.options),
  radio_buttons: (ctx, element, path, type) =>
    checkChoiceGroup(ctx, element, path, type, LIMITS.radioButtons.options),
  plain_text_input: checkPlainTextInput,
  datepicker: (ctx, element, path) =>
    checkPattern(ctx, element, "initial_date", path, /^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD"),
  timepicker: (ctx, element, path) =>
    checkPattern(ctx, element, "initial_time", path, /^([01]\d|2[0-3]):[0-5]\d$/, "HH:mm"),
  number_input: checkNumberInput,
  // https://docs.slack.dev/reference/block-kit/block-elements/file-input-element: max_files 1–10 (default 10).
  file_input: (ctx, element, path) => {
    checkIntegerRange(ctx, element, "max_files", path, "max_files", { min: 1, max: 10 });
  },
};

export const isKnownElement = (type: unknown): type is KnownElementType =>
  typeof type === "string" && (KNOWN_ELEMENT_TYPES as readonly string[]).includes(type);

/**
 * Checks one interactive element placed in `slot`; returns its action_id (if any) so the caller can check that
 * action_ids are unique within the block.
 */
export function checkElement(
  ctx: Context,
  element: unknown,
  path: string,
  slot: ElementSlot,
): string | undefined {
  if (!isObject(element)) {
    report(ctx, path, "type", "an element must be an object");
    return undefined;
  }
  const type = element.type;
  if (!isKnownElement(type)) {
    report(ctx, at(path, "type"), "unknown_element", `unknown element type ${JSON.stringify(type)}`);
    return undefined;
  }
  if (!ELEMENT_SLOTS[type].includes(slot)) {
    report(ctx, at(path, "type"), "element_placement", `${type} cannot be used in a ${slot} block`);
  }
  if (ctx.surface !== "modal" && MODAL_ONLY_ELEMENTS.includes(type)) {
    report(
      ctx,
      at(path, "type"),
      "element_surface",
      `${type} is only available in modals, not in a ${ctx.surface}`,
    );
  }
  checkString(ctx, element, "action_id", path, "action_id", { max: LIMITS.actionId });
  if (element.focus_on_load === true) ctx.focusOnLoad.push(at(path, "focus_on_load"));
  checkConfirm(ctx, element, path);
  checkPlaceholder(ctx, element, path);
  ELEMENT_CHECKS[type]?.(ctx, element, path, type);
  return typeof element.action_id === "string" ? element.action_id : undefined;
}

/**
 * action_id "should be unique among all other action_ids in the containing block" (every element page); Slack
 * allows the same action_id in different blocks, so uniqueness is checked per block, not per surface.
 */
export function checkUniqueActionIds(ctx: Context, ids: Array<[string | undefined, string]>): void {
  const seen = new Set<string>();
  for (const [id, path] of ids) {
    if (id === undefined) continue;
    if (seen.has(id)) {
      report(
        ctx,
        at(path, "action_id"),
        "duplicate_action_id",
        `action_id "${id}" is used twice in one block`,
      );
    }
    seen.add(id);
  }
}
