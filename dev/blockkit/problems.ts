/** The problems the validator reports, and the run they are collected in. */
import type { SurfaceType } from "../../src/slack/blockkit/limits.js";

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

/** A Slack JSON object. */
export type Json = Record<string, unknown>;

/** One validation run: the surface checked, the problems found so far, what must be unique across it. */
export interface Context {
  surface: SurfaceType;
  problems: BlockKitProblem[];
  blockIds: Map<string, string>;
  focusOnLoad: string[];
}

export const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

export const at = (path: string, key: string | number): string =>
  path === "" ? String(key) : `${path}.${key}`;

export const report = (ctx: Context, path: string, rule: BlockKitRule, message: string): void => {
  ctx.problems.push({ path, rule, message });
};
