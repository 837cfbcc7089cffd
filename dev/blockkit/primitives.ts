/** Checks of strings, arrays, text objects and integer ranges, the ground every block and element check stands on. */
import { LIMITS } from "../../src/slack/blockkit/limits.js";
import { at, type Context, isObject, type Json, report } from "./problems.js";

interface StringRule {
  max?: number;
  required?: boolean;
}

export function checkString(
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

export function checkArray(
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
export function checkText(
  ctx: Context,
  owner: Json,
  key: string,
  path: string,
  what: string,
  rule: TextRule,
): void {
  const value = owner[key];
  const here = at(path, key);
  if (value === undefined || value === null) {
    if (rule.required) report(ctx, here, "required", `${what} is required`);
    return;
  }
  checkTextObject(ctx, value, here, what, rule);
}

export function checkTextObject(
  ctx: Context,
  value: unknown,
  path: string,
  what: string,
  rule: TextRule,
): void {
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

export function checkIntegerRange(
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
