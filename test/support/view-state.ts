/**
 * The `view.state.values` Slack sends with a view_submission of a view we built: every input block with its initial
 * value, changed where the test says a person changed it. One implementation for the form unit tests and the modal
 * integration tests.
 */
import type { ViewStateValue } from "@slack/bolt";

type Json = Record<string, unknown>;

/** An input as a person leaves it: a value (text, day, single choice), several (multi choice) or empty. */
export type Entry = string | readonly string[] | null;

/** The input blocks of a view: block_id and element. */
function inputsOf(view: Json | undefined): { blockId: string; element: Json }[] {
  const blocks = Array.isArray(view?.blocks) ? (view.blocks as Json[]) : [];
  return blocks.flatMap((block) =>
    block.type === "input" && typeof block.block_id === "string"
      ? [{ blockId: block.block_id, element: block.element as Json }]
      : [],
  );
}

/** The value preselected in an input (initial_option / initial_options / initial_date / initial_value …). */
export function initialOf(view: object | undefined, blockId: string): Entry {
  const input = inputsOf(view as Json | undefined).find((i) => i.blockId === blockId);
  if (!input) throw new Error(`the view has no input block ${blockId}`);
  return initialEntry(input.element);
}

export function initialEntry(element: Json): Entry {
  const one = element.initial_option as { value?: string } | undefined;
  const many = element.initial_options as { value?: string }[] | undefined;
  switch (element.type) {
    case "plain_text_input":
      return (element.initial_value as string | undefined) ?? null;
    case "datepicker":
      return (element.initial_date as string | undefined) ?? null;
    case "radio_buttons":
    case "static_select":
    case "external_select":
      return one?.value ?? null;
    case "checkboxes":
    case "multi_static_select":
    case "multi_external_select":
      return (many ?? []).map((o) => String(o.value));
    case "multi_users_select":
      return (element.initial_users as string[] | undefined) ?? [];
    case "conversations_select":
      return (element.initial_conversation as string | undefined) ?? null;
    case "timepicker":
      return (element.initial_time as string | undefined) ?? null;
    default:
      throw new Error(`no initial value for ${String(element.type)}`);
  }
}

/** The option object of the element with this value (as Slack sends it back), or a bare one for a forged value. */
function optionOf(element: Json, value: string): Json {
  const options = (element.options as Json[] | undefined) ?? [];
  return options.find((o) => o.value === value) ?? { text: { type: "plain_text", text: value }, value };
}

/** The state Slack sends for one element (or an element of this type with no options of its own) holding `entry`. */
export function elementState(elementOrType: Json | string, entry: Entry): ViewStateValue {
  const element: Json = typeof elementOrType === "string" ? { type: elementOrType } : elementOrType;
  return stateOf(element, entry) as unknown as ViewStateValue;
}

function stateOf(element: Json, entry: Entry): Json {
  const type = String(element.type);
  const one = typeof entry === "string" ? entry : null;
  const many = entry === null ? [] : typeof entry === "string" ? [entry] : [...entry];
  switch (type) {
    case "plain_text_input":
      return { type, value: one };
    case "datepicker":
      return { type, selected_date: one };
    case "radio_buttons":
    case "static_select":
    case "external_select":
      return { type, selected_option: one === null ? null : optionOf(element, one) };
    case "checkboxes":
    case "multi_static_select":
    case "multi_external_select":
      return { type, selected_options: many.map((v) => optionOf(element, v)) };
    case "multi_users_select":
      return { type, selected_users: many };
    case "conversations_select":
      return { type, selected_conversation: one };
    case "timepicker":
      return { type, selected_time: one };
    default:
      throw new Error(`no state shape for ${type}`);
  }
}

/**
 * The `view.state.values` Slack sends for `view`: every input block with its initial value, then `changes` by
 * block_id. A change to a block the view does not show fails the test (the person could not have made it).
 */
export function valuesFor(
  view: object,
  changes: Record<string, Entry> = {},
): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  const known = new Set<string>();
  for (const { blockId, element } of inputsOf(view as Json)) {
    known.add(blockId);
    const entry = Object.hasOwn(changes, blockId) ? (changes[blockId] as Entry) : initialEntry(element);
    values[blockId] = { [String(element.action_id)]: stateOf(element, entry) };
  }
  for (const blockId of Object.keys(changes)) {
    if (!known.has(blockId)) {
      throw new Error(`the view has no input block ${blockId} (it has ${[...known].join(", ") || "none"})`);
    }
  }
  return values;
}

/** The block id of each field of a form (`PROFILE_FIELDS`, `RECORD_FIELDS`), by the field's name. */
export function blockIdsOf<Fields extends Record<string, { block: string }>>(
  fields: Fields,
): { [K in keyof Fields]: string } {
  return Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, field.block])) as {
    [K in keyof Fields]: string;
  };
}
