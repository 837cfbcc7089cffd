import type { ViewOutput, ViewStateValue } from "@slack/bolt";

/**
 * Reading `view.state.values` of a view_submission (or block_actions) payload: `values[blockId][actionId]`.
 * Every reader tolerates a missing block or action (an optional input left empty, or a block the view did not
 * show) and returns `undefined` / an empty list rather than throwing.
 */
export type ViewStateValues = ViewOutput["state"]["values"];
export type { ViewStateValue };

/** The state of one element, or undefined when the block or the action is absent. */
export function stateOf(
  state: ViewStateValues,
  blockId: string,
  actionId: string,
): ViewStateValue | undefined {
  const block = Object.hasOwn(state, blockId) ? state[blockId] : undefined;
  if (!block || !Object.hasOwn(block, actionId)) return undefined;
  return block[actionId];
}

/** Whether the view had the block at all (Slack sends every input block of the view, even when empty). */
export function hasBlock(state: ViewStateValues, blockId: string): boolean {
  return Object.hasOwn(state, blockId);
}

/** A plain_text_input value, trimmed; undefined when empty or absent. */
export function textValue(state: ViewStateValues, blockId: string, actionId: string): string | undefined {
  const value = stateOf(state, blockId, actionId)?.value;
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

/** The value of a static_select / radio_buttons / external_select choice. */
export function selectedValue(state: ViewStateValues, blockId: string, actionId: string): string | undefined {
  const option = stateOf(state, blockId, actionId)?.selected_option;
  return option && typeof option.value === "string" ? option.value : undefined;
}

/** The values of checkboxes / multi selects, in the order Slack sent them. */
export function selectedValues(state: ViewStateValues, blockId: string, actionId: string): string[] {
  const options = stateOf(state, blockId, actionId)?.selected_options;
  if (!Array.isArray(options)) return [];
  return options.map((o) => o?.value).filter((v): v is string => typeof v === "string");
}

/** A datepicker's selected day (YYYY-MM-DD as Slack sends it, unchecked); undefined when empty. */
export function dateValue(state: ViewStateValues, blockId: string, actionId: string): string | undefined {
  const value = stateOf(state, blockId, actionId)?.selected_date;
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** A multi_users_select's user ids. */
export function usersValue(state: ViewStateValues, blockId: string, actionId: string): string[] {
  const users = stateOf(state, blockId, actionId)?.selected_users;
  return Array.isArray(users) ? users.filter((u): u is string => typeof u === "string") : [];
}
