/** One function per block type (BLOCKS); a type not listed is drawn as "unsupported", never dropped. */
import { el, unsupported } from "./dom.js";
import { imageElement, imageTag, renderElement } from "./elements.js";
import { richText } from "./rich-text.js";
import { renderText } from "./text.js";

export function renderBlocks(blocks, ctx) {
  const root = el("div", `bk-blocks bk-surface-${ctx.surface}`);
  (Array.isArray(blocks) ? blocks : []).forEach((block, index) => {
    root.append(renderBlock(block, ctx, index));
  });
  return root;
}

export function renderBlock(block, ctx, index = 0) {
  const render = BLOCKS[block?.type];
  const node = render
    ? render(block, ctx, block.block_id ?? `sandbox_block_${index}`)
    : unsupported("block", block?.type);
  if (block?.block_id) node.dataset.blockId = block.block_id;
  node.dataset.blockType = block?.type ?? "unknown";
  return node;
}

function header(block) {
  const node = el("div", "bk-block bk-header");
  node.append(renderText(block.text, {}, "h3"));
  return node;
}

function section(block, ctx, blockId) {
  const node = el("div", "bk-block bk-section");
  const main = el("div", "bk-section-main");
  if (block.text) main.append(renderText(block.text, ctx, "div"));
  if (Array.isArray(block.fields) && block.fields.length > 0) {
    const fields = el("div", "bk-fields");
    for (const field of block.fields) fields.append(renderText(field, ctx, "div"));
    main.append(fields);
  }
  node.append(main);
  if (block.accessory) {
    const accessory = el("div", "bk-accessory");
    accessory.append(renderElement(block.accessory, ctx, { kind: "section", blockId }));
    node.append(accessory);
  }
  return node;
}

function context(block, ctx) {
  const node = el("div", "bk-block bk-context");
  for (const element of block.elements || []) {
    if (element.type === "image") node.append(imageElement(element, ctx));
    else if (element.type === "mrkdwn" || element.type === "plain_text")
      node.append(renderText(element, ctx));
    else node.append(unsupported("element", element.type));
  }
  return node;
}

function divider() {
  const node = el("div", "bk-block bk-divider");
  node.append(el("hr"));
  return node;
}

function image(block) {
  const node = el("figure", "bk-block bk-image");
  if (block.title) {
    const caption = renderText(block.title, {}, "figcaption");
    node.append(caption);
  }
  node.append(imageTag(block.image_url ?? block.slack_file?.url, block.alt_text, "bk-image-img"));
  return node;
}

function actions(block, ctx, blockId) {
  const node = el("div", "bk-block bk-actions");
  for (const element of block.elements || []) {
    node.append(renderElement(element, ctx, { kind: "actions", blockId }));
  }
  return node;
}

function input(block, ctx, blockId) {
  const node = el("div", "bk-block bk-input");
  const id = `bk-${blockId}-${block.element?.action_id ?? "input"}`.replace(/[^\w-]/g, "_");
  const label = el("label", "bk-label", { for: id });
  label.append(renderText(block.label, ctx));
  if (block.optional) {
    const optional = el("span", "bk-optional");
    optional.textContent = ` ${ctx.t("optional")}`;
    label.append(optional);
  }
  node.append(label);
  const element = renderElement(block.element || {}, ctx, {
    kind: "input",
    blockId,
    dispatch: block.dispatch_action === true,
    inputId: id,
  });
  node.append(element);
  if (block.hint) {
    const hint = renderText(block.hint, ctx, "div");
    hint.classList.add("bk-hint");
    node.append(hint);
  }
  const error = ctx.errors[blockId];
  if (error) {
    node.classList.add("bk-has-error");
    const message = el("div", "bk-error", { role: "alert" });
    message.textContent = error;
    node.append(message);
  }
  return node;
}

/** Slack's context actions block: here only its feedback buttons (👍 / 👎 under an answer). */
function contextActions(block, ctx, blockId) {
  const node = el("div", "bk-block bk-context-actions");
  for (const element of block.elements || []) {
    node.append(renderElement(element, ctx, { kind: "context_actions", blockId }));
  }
  return node;
}

export const BLOCKS = {
  header,
  section,
  context,
  divider,
  image,
  actions,
  input,
  rich_text: richText,
  context_actions: contextActions,
};
