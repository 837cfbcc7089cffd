/** Builders for the Block Kit validator's tests: small surfaces, blocks and elements, and the valid/invalid case table. */
import { describe, expect, it } from "vitest";
import { type Surface, validateSurface } from "../../../dev/blockkit/validate.js";

export type Obj = Record<string, unknown>;

export const x = (n: number): string => "x".repeat(n);
export const plain = (text: string): Obj => ({ type: "plain_text", text });
export const mrkdwn = (text: string): Obj => ({ type: "mrkdwn", text });
export const option = (text: string, value: string): Obj => ({ text: plain(text), value });
export const options = (n: number, prefix = "o"): Obj[] =>
  Array.from({ length: n }, (_, i) => option(`${prefix}${i}`, `${prefix}${i}`));
export const section = (text: string, extra: Obj = {}): Obj => ({
  type: "section",
  text: mrkdwn(text),
  ...extra,
});
export const button = (text: string, actionId: string, extra: Obj = {}): Obj => ({
  type: "button",
  text: plain(text),
  action_id: actionId,
  ...extra,
});
export const actions = (...elements: Obj[]): Obj => ({ type: "actions", elements });
export const input = (element: Obj, extra: Obj = {}): Obj => ({
  type: "input",
  label: plain("Label"),
  element,
  ...extra,
});
export const divider: Obj = { type: "divider" };
export const dividers = (n: number): Obj[] => Array.from({ length: n }, () => divider);

export const message = (blocks: Obj[], extra: Obj = {}): Surface => ({
  type: "message",
  text: "fallback",
  blocks,
  ...extra,
});
export const modal = (blocks: Obj[], extra: Obj = {}): Surface => ({
  type: "modal",
  title: plain("ISMAP-LIU"),
  submit: plain("Save"),
  close: plain("Cancel"),
  blocks,
  ...extra,
});
export const home = (blocks: Obj[], extra: Obj = {}): Surface => ({ type: "home", blocks, ...extra });

/** [path, rule] of every problem, so a failing case proves it fails for exactly the expected reason. */
export const found = (surface: Surface): Array<[string, string]> =>
  validateSurface(surface).map((p) => [p.path, p.rule]);

export interface Case {
  name: string;
  valid: Surface;
  invalid: Surface;
  expected: Array<[string, string]>;
}

/** Each case: its valid surface has no problem, its invalid one exactly the expected [path, rule] pairs. */
export function describeCases(group: string, cases: Case[]): void {
  describe(group, () => {
    it.each(cases)("$name", ({ valid, invalid, expected }) => {
      expect(found(valid)).toEqual([]);
      expect(found(invalid)).toEqual(expected);
    });
  });
}
