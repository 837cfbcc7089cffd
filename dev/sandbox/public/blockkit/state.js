/** Input state as Slack sends it (`view.state.values`), values kept across updates, and block_actions. */

/** `view.state.values` for every input the last render drew: block_id → action_id → value. */
export function collectState(ctx) {
  const values = {};
  for (const input of ctx.inputs) {
    values[input.blockId] ??= {};
    values[input.blockId][input.actionId] = input.read();
  }
  return values;
}

export function preserved(ctx, slot, element) {
  const byBlock = ctx.state[slot.blockId];
  const value = byBlock ? byBlock[element.action_id] : undefined;
  return value && value.type === element.type ? value : undefined;
}

/** Registers an input block's element so collectState can read it; dispatches when the block asks for it. */
export function registerInput(ctx, slot, element, read) {
  if (slot.kind === "input") {
    ctx.inputs.push({ blockId: slot.blockId, actionId: element.action_id, type: element.type, read });
  }
}

/** Whether a change of this element is sent at once (outside input blocks, or dispatch_action). */
export const firesOnChange = (slot) => slot.kind !== "input" || slot.dispatch === true;

export function fire(ctx, slot, element, fields) {
  const action = { type: element.type, action_id: element.action_id, block_id: slot.blockId, ...fields };
  return ctx.dispatch(action, slot.blockId, element);
}

export function optionJson(option) {
  const out = { text: option.text, value: option.value };
  if (option.description) out.description = option.description;
  return out;
}
