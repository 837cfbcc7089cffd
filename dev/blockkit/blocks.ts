/** Blocks: one check per block type, where each may be placed, block_ids unique per surface. */
import {
  BLOCKS_BY_SURFACE,
  KNOWN_BLOCK_TYPES,
  type KnownBlockType,
  LIMITS,
} from "../../src/slack/blockkit/limits.js";
import { checkElement, checkUniqueActionIds, isKnownElement } from "./elements.js";
import { checkArray, checkString, checkText, checkTextObject } from "./primitives.js";
import { at, type Context, isObject, type Json, report } from "./problems.js";

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

export function checkBlocks(ctx: Context, surface: Json, required: boolean): unknown[] {
  const blocks = checkArray(ctx, surface, "blocks", "", "blocks", {
    max: LIMITS.blocksPerSurface[ctx.surface],
    required,
  });
  blocks?.forEach((block, i) => {
    checkBlock(ctx, block, at("blocks", i));
  });
  return blocks ?? [];
}
