/**
 * Checks a message, modal or Home tab against Slack's published Block Kit limits (src/slack/blockkit/limits.ts) and reports every
 * problem with a dotted path such as `blocks.3.text.text`, so a test or the sandbox can say exactly what Slack
 * would reject with `invalid_blocks`.
 */
import {
  BLOCKS_BY_SURFACE,
  ELEMENT_SLOTS,
  type ElementSlot,
  KNOWN_BLOCK_TYPES,
  KNOWN_ELEMENT_TYPES,
  type KnownBlockType,
  type KnownElementType,
  LIMITS,
  MODAL_ONLY_ELEMENTS,
  PLAIN_TEXT_OPTION_ELEMENTS,
  type SurfaceType,
} from "../../src/slack/blockkit/limits.js";

export type BlockKitRule =
  | "required"
  | "type"
  | "one_of"
  | "min_length"
  | "max_length"
  | "min_items"
  | "max_items"
  | "range"
  | "format"
  | "plain_text_only"
  | "unknown_block"
  | "unknown_element"
  | "block_placement"
  | "element_placement"
  | "element_surface"
  | "duplicate_block_id"
  | "duplicate_action_id"
  | "duplicate_option_value"
  | "initial_option_mismatch"
  | "exclusive_fields"
  | "submit_required"
  | "focus_on_load_multiple";

export interface BlockKitProblem {
  /** Dotted path from the surface root, e.g. `blocks.3.text.text`. */
  path: string;
  rule: BlockKitRule;
  message: string;
}

interface SurfaceHead {
  type: SurfaceType;
}

/**
 * What can be validated: a message (`{ type: "message", text, blocks }`) or a view (`modal` or `home`) as sent to
 * Slack. Typed views (e.g. @slack/types `ModalView`) and plain object literals are both accepted.
 */
export type Surface = SurfaceHead | (SurfaceHead & Record<string, unknown>);

type Json = Record<string, unknown>;

interface Context {
  surface: SurfaceType;
  problems: BlockKitProblem[];
  blockIds: Map<string, string>;
  focusOnLoad: string[];
}

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const at = (path: string, key: string | number): string => (path === "" ? String(key) : `${path}.${key}`);

const report = (ctx: Context, path: string, rule: BlockKitRule, message: string): void => {
  ctx.problems.push({ path, rule, message });
};

// ---------------------------------------------------------------- primitives

interface StringRule {
  max?: number;
  required?: boolean;
}

function checkString(
  ctx: Context,
  owner: Json,
  key: string,
  path: string,
  what: string,
  rule: StringRule,
): void {
  const value = owner[key];
  const here = at(path, key);
  if (value === undefined || value === null) {
    if (rule.required) report(ctx, here, "required", `${what} is required`);
    return;
  }
  if (typeof value !== "string") {
    report(ctx, here, "type", `${what} must be a string`);
    return;
  }
  if (rule.max !== undefined && value.length > rule.max) {
    report(
      ctx,
      here,
      "max_length",
      `${what} is ${value.length} characters; Slack allows at most ${rule.max}`,
    );
  }
}

function checkArray(
  ctx: Context,
  owner: Json,
  key: string,
  path: string,
  what: string,
  rule: { min?: number; max: number; required?: boolean },
): unknown[] | undefined {
  const value = owner[key];
  const here = at(path, key);
  if (value === undefined || value === null) {
    if (rule.required) report(ctx, here, "required", `${what} is required`);
    return undefined;
  }
  if (!Array.isArray(value)) {
    report(ctx, here, "type", `${what} must be an array`);
    return undefined;
  }
  if (rule.min !== undefined && value.length < rule.min) {
    report(ctx, here, "min_items", `${what} has ${value.length} items; Slack needs at least ${rule.min}`);
  }
  if (value.length > rule.max) {
    report(ctx, here, "max_items", `${what} has ${value.length} items; Slack allows at most ${rule.max}`);
  }
  return value;
}

interface TextRule {
  max: number;
  plainOnly?: boolean;
  required?: boolean;
}

/** A text object: `{ type: "plain_text" | "mrkdwn", text }`, 1..max characters. */
function checkText(ctx: Context, owner: Json, key: string, path: string, what: string, rule: TextRule): void {
  const value = owner[key];
  const here = at(path, key);
  if (value === undefined || value === null) {
    if (rule.required) report(ctx, here, "required", `${what} is required`);
    return;
  }
  checkTextObject(ctx, value, here, what, rule);
}

function checkTextObject(ctx: Context, value: unknown, path: string, what: string, rule: TextRule): void {
  if (!isObject(value)) {
    report(ctx, path, "type", `${what} must be a text object ({ type, text })`);
    return;
  }
  if (value.type !== "plain_text" && value.type !== "mrkdwn") {
    report(ctx, at(path, "type"), "one_of", `${what} type must be plain_text or mrkdwn`);
  } else if (rule.plainOnly && value.type !== "plain_text") {
    report(ctx, at(path, "type"), "plain_text_only", `${what} must be plain_text, not ${value.type}`);
  }
  const text = value.text;
  const here = at(path, "text");
  if (typeof text !== "string") {
    report(ctx, here, text === undefined ? "required" : "type", `${what} needs a text string`);
    return;
  }
  if (text.length < LIMITS.textObject.min) {
    report(
      ctx,
      here,
      "min_length",
      `${what} is empty; Slack needs at least ${LIMITS.textObject.min} character`,
    );
  }
  const max = Math.min(rule.max, LIMITS.textObject.max);
  if (text.length > max) {
    report(ctx, here, "max_length", `${what} is ${text.length} characters; Slack allows at most ${max}`);
  }
}

function checkIntegerRange(
  ctx: Context,
  owner: Json,
  key: string,
  path: string,
  what: string,
  range: { min: number; max: number },
): number | undefined {
  const value = owner[key];
  if (value === undefined || value === null) return undefined;
  const here = at(path, key);
  if (typeof value !== "number" || !Number.isInteger(value)) {
    report(ctx, here, "type", `${what} must be an integer`);
    return undefined;
  }
  if (value < range.min || value > range.max) {
    report(ctx, here, "range", `${what} is ${value}; Slack accepts ${range.min} to ${range.max}`);
  }
  return value;
}

// ---------------------------------------------------------------- composition objects

function checkConfirm(ctx: Context, owner: Json, path: string): void {
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

interface OptionRule {
  plainOnly: boolean;
  allowUrl: boolean;
}

function checkOption(ctx: Context, option: unknown, path: string, rule: OptionRule): void {
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
function checkOptionList(
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
function checkInitialOptions(ctx: Context, element: Json, path: string, offered: unknown[]): void {
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

// ---------------------------------------------------------------- elements

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

const isKnownElement = (type: unknown): type is KnownElementType =>
  typeof type === "string" && (KNOWN_ELEMENT_TYPES as readonly string[]).includes(type);

/**
 * Checks one interactive element placed in `slot`; returns its action_id (if any) so the caller can check that
 * action_ids are unique within the block.
 */
function checkElement(ctx: Context, element: unknown, path: string, slot: ElementSlot): string | undefined {
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
function checkUniqueActionIds(ctx: Context, ids: Array<[string | undefined, string]>): void {
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

// ---------------------------------------------------------------- blocks

function checkHeader(ctx: Context, block: Json, path: string): void {
  checkText(ctx, block, "text", path, "header text", {
    max: LIMITS.header.text,
    plainOnly: true,
    required: true,
  });
}

function checkSection(ctx: Context, block: Json, path: string): void {
  const limits = LIMITS.section;
  if (block.text === undefined && block.fields === undefined) {
    report(ctx, at(path, "text"), "required", "a section needs text or fields");
  }
  checkText(ctx, block, "text", path, "section text", { max: limits.text });
  const fields = checkArray(ctx, block, "fields", path, "section fields", { min: 1, max: limits.fields });
  fields?.forEach((field, i) => {
    checkTextObject(ctx, field, at(at(path, "fields"), i), "section field", { max: limits.fieldText });
  });
  if (block.accessory !== undefined) checkAccessory(ctx, block.accessory, at(path, "accessory"));
}

/** A section accessory is an interactive element or an image element. */
function checkAccessory(ctx: Context, accessory: unknown, path: string): void {
  if (isObject(accessory) && accessory.type === "image") {
    checkImageElement(ctx, accessory, path);
    return;
  }
  checkElement(ctx, accessory, path, "section");
}

function checkImageElement(ctx: Context, image: Json, path: string): void {
  checkString(ctx, image, "alt_text", path, "image alt_text", { max: LIMITS.image.altText, required: true });
  checkImageSource(ctx, image, path);
}

function checkImageSource(ctx: Context, image: Json, path: string): void {
  if (image.image_url === undefined && image.slack_file === undefined) {
    report(ctx, at(path, "image_url"), "required", "an image needs image_url or slack_file");
  }
  checkString(ctx, image, "image_url", path, "image_url", { max: LIMITS.image.imageUrl });
}

function checkContext(ctx: Context, block: Json, path: string): void {
  const elements = checkArray(ctx, block, "elements", path, "context elements", {
    min: 1,
    max: LIMITS.context.elements,
    required: true,
  });
  elements?.forEach((element, i) => {
    const here = at(at(path, "elements"), i);
    if (isObject(element) && element.type === "image") {
      checkImageElement(ctx, element, here);
    } else if (isObject(element) && (element.type === "plain_text" || element.type === "mrkdwn")) {
      checkTextObject(ctx, element, here, "context text", { max: LIMITS.textObject.max });
    } else {
      const type = isObject(element) ? element.type : undefined;
      const rule = isKnownElement(type) ? "element_placement" : "unknown_element";
      report(
        ctx,
        at(here, "type"),
        rule,
        `a context block holds only images and text, not ${JSON.stringify(type)}`,
      );
    }
  });
}

function checkImageBlock(ctx: Context, block: Json, path: string): void {
  checkString(ctx, block, "alt_text", path, "image alt_text", { max: LIMITS.image.altText, required: true });
  checkImageSource(ctx, block, path);
  checkText(ctx, block, "title", path, "image title", { max: LIMITS.image.title, plainOnly: true });
}

function checkActions(ctx: Context, block: Json, path: string): void {
  const elements = checkArray(ctx, block, "elements", path, "actions elements", {
    min: 1,
    max: LIMITS.actions.elements,
    required: true,
  });
  if (!elements) return;
  const ids = elements.map((element, i): [string | undefined, string] => {
    const here = at(at(path, "elements"), i);
    return [checkElement(ctx, element, here, "actions"), here];
  });
  checkUniqueActionIds(ctx, ids);
}

/** A context_actions block: feedback buttons (the only element this app uses there), each button's text and value. */
function checkContextActions(ctx: Context, block: Json, path: string): void {
  const limits = LIMITS.contextActions;
  const elements = checkArray(ctx, block, "elements", path, "context_actions elements", {
    min: 1,
    max: limits.elements,
    required: true,
  });
  if (!elements) return;
  const ids = elements.map((element, i): [string | undefined, string] => {
    const here = at(at(path, "elements"), i);
    if (!isObject(element) || element.type !== "feedback_buttons") {
      report(
        ctx,
        at(here, "type"),
        "element_placement",
        "a context_actions block here holds feedback_buttons",
      );
      return [undefined, here];
    }
    checkString(ctx, element, "action_id", here, "action_id", { max: LIMITS.actionId });
    for (const side of ["positive_button", "negative_button"] as const) {
      const button = element[side];
      const where = at(here, side);
      if (!isObject(button)) {
        report(ctx, where, "required", `feedback_buttons needs a ${side}`);
        continue;
      }
      checkText(ctx, button, "text", where, `${side} text`, {
        max: limits.feedbackText,
        plainOnly: true,
        required: true,
      });
      checkString(ctx, button, "value", where, `${side} value`, {
        max: limits.feedbackValue,
        required: true,
      });
      checkString(ctx, button, "accessibility_label", where, `${side} accessibility_label`, {
        max: limits.accessibilityLabel,
      });
    }
    return [typeof element.action_id === "string" ? element.action_id : undefined, here];
  });
  checkUniqueActionIds(ctx, ids);
}

function checkInput(ctx: Context, block: Json, path: string): void {
  const limits = LIMITS.input;
  checkText(ctx, block, "label", path, "input label", { max: limits.label, plainOnly: true, required: true });
  checkText(ctx, block, "hint", path, "input hint", { max: limits.hint, plainOnly: true });
  if (block.element === undefined) {
    report(ctx, at(path, "element"), "required", "an input block needs an element");
    return;
  }
  checkElement(ctx, block.element, at(path, "element"), "input");
}

function checkRichText(ctx: Context, block: Json, path: string): void {
  checkArray(ctx, block, "elements", path, "rich_text elements", {
    max: Number.MAX_SAFE_INTEGER,
    required: true,
  });
}

const BLOCK_CHECKS: Record<KnownBlockType, (ctx: Context, block: Json, path: string) => void> = {
  header: checkHeader,
  section: checkSection,
  context: checkContext,
  divider: () => {},
  image: checkImageBlock,
  actions: checkActions,
  input: checkInput,
  rich_text: checkRichText,
  context_actions: checkContextActions,
};

const isKnownBlock = (type: unknown): type is KnownBlockType =>
  typeof type === "string" && (KNOWN_BLOCK_TYPES as readonly string[]).includes(type);

function checkBlockId(ctx: Context, block: Json, path: string): void {
  checkString(ctx, block, "block_id", path, "block_id", { max: LIMITS.blockId });
  const id = block.block_id;
  if (typeof id !== "string") return;
  const first = ctx.blockIds.get(id);
  if (first !== undefined) {
    report(ctx, at(path, "block_id"), "duplicate_block_id", `block_id "${id}" is already used by ${first}`);
  } else {
    ctx.blockIds.set(id, path);
  }
}

function checkBlock(ctx: Context, block: unknown, path: string): void {
  if (!isObject(block)) {
    report(ctx, path, "type", "a block must be an object");
    return;
  }
  const type = block.type;
  if (!isKnownBlock(type)) {
    report(ctx, at(path, "type"), "unknown_block", `unknown block type ${JSON.stringify(type)}`);
    return;
  }
  if (!BLOCKS_BY_SURFACE[ctx.surface].includes(type)) {
    report(ctx, at(path, "type"), "block_placement", `a ${type} block cannot be used in a ${ctx.surface}`);
  }
  checkBlockId(ctx, block, path);
  BLOCK_CHECKS[type](ctx, block, path);
}

function checkBlocks(ctx: Context, surface: Json, required: boolean): unknown[] {
  const blocks = checkArray(ctx, surface, "blocks", "", "blocks", {
    max: LIMITS.blocksPerSurface[ctx.surface],
    required,
  });
  blocks?.forEach((block, i) => {
    checkBlock(ctx, block, at("blocks", i));
  });
  return blocks ?? [];
}

// ---------------------------------------------------------------- surfaces

function checkMessage(ctx: Context, surface: Json): void {
  checkString(ctx, surface, "text", "", "message text", { max: LIMITS.messageText });
  if (surface.text === undefined && surface.blocks === undefined && surface.attachments === undefined) {
    report(ctx, "text", "required", "a message needs text or blocks");
  }
  checkBlocks(ctx, surface, false);
}

function checkViewFields(ctx: Context, surface: Json): void {
  const limits = LIMITS.view;
  checkString(ctx, surface, "callback_id", "", "callback_id", { max: limits.callbackId });
  checkString(ctx, surface, "private_metadata", "", "private_metadata", { max: limits.privateMetadata });
  checkString(ctx, surface, "external_id", "", "external_id", { max: limits.externalId });
}

function checkModal(ctx: Context, surface: Json): void {
  const limits = LIMITS.view;
  checkText(ctx, surface, "title", "", "modal title", {
    max: limits.titleText,
    plainOnly: true,
    required: true,
  });
  checkText(ctx, surface, "submit", "", "modal submit", { max: limits.submitText, plainOnly: true });
  checkText(ctx, surface, "close", "", "modal close", { max: limits.closeText, plainOnly: true });
  checkViewFields(ctx, surface);
  const blocks = checkBlocks(ctx, surface, true);
  // "submit is required when an input block is within the blocks array" (modal view reference).
  const hasInput = blocks.some((block) => isObject(block) && block.type === "input");
  if (hasInput && surface.submit === undefined) {
    report(ctx, "submit", "submit_required", "a modal with input blocks needs a submit button");
  }
}

function checkHome(ctx: Context, surface: Json): void {
  checkViewFields(ctx, surface);
  checkBlocks(ctx, surface, true);
}

/** "Only one element can be set to true" for focus_on_load, per view or message. */
function checkFocusOnLoad(ctx: Context): void {
  for (const path of ctx.focusOnLoad.slice(1)) {
    report(ctx, path, "focus_on_load_multiple", "only one element per surface may set focus_on_load");
  }
}

const SURFACE_CHECKS: Record<SurfaceType, (ctx: Context, surface: Json) => void> = {
  message: checkMessage,
  modal: checkModal,
  home: checkHome,
};

/** Every problem Slack's published limits find in `surface`; an empty array means it is valid. */
export function validateSurface(surface: Surface): BlockKitProblem[] {
  const raw: unknown = surface;
  if (!isObject(raw)) return [{ path: "", rule: "type", message: "a surface must be an object" }];
  const type = raw.type;
  if (type !== "message" && type !== "modal" && type !== "home") {
    return [
      { path: "type", rule: "one_of", message: `surface type must be message, modal or home, not ${type}` },
    ];
  }
  const ctx: Context = { surface: type, problems: [], blockIds: new Map(), focusOnLoad: [] };
  SURFACE_CHECKS[type](ctx, raw);
  checkFocusOnLoad(ctx);
  return ctx.problems;
}

/** One line per problem: `blocks.3.text.text: header text is 151 characters; … (max_length)`. */
export function formatProblems(problems: readonly BlockKitProblem[]): string {
  return problems.map((p) => `${p.path || "(surface)"}: ${p.message} (${p.rule})`).join("\n");
}

/**
 * Problems in the form Slack puts in `response_metadata.messages` of an `invalid_blocks` answer:
 * `[ERROR] <message> [json-pointer:/blocks/3/text/text]`. `pointerPrefix` is e.g. `/view` for views.* methods.
 */
export function toSlackErrorMessages(problems: readonly BlockKitProblem[], pointerPrefix = ""): string[] {
  return problems.map((p) => {
    const pointer = p.path === "" ? "" : `/${p.path.split(".").join("/")}`;
    return `[ERROR] ${p.message} [json-pointer:${pointerPrefix}${pointer}]`;
  });
}

export class BlockKitValidationError extends Error {
  readonly problems: readonly BlockKitProblem[];

  constructor(surfaceType: string, problems: readonly BlockKitProblem[]) {
    const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
    super(`Block Kit ${surfaceType} has ${count}:\n${formatProblems(problems)}`);
    this.name = "BlockKitValidationError";
    this.problems = problems;
  }
}

/** Throws a BlockKitValidationError listing every problem, or returns quietly when the surface is valid. */
export function assertValidSurface(surface: Surface): void {
  const problems = validateSurface(surface);
  if (problems.length > 0) throw new BlockKitValidationError(surface.type, problems);
}
