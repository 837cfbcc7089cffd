import { describe, expect, it } from "vitest";
import { hostAllowed } from "../../../dev/sandbox/page-http.js";
import { missingRequired } from "../../../dev/sandbox/routes/interactions.js";

const input = (blockId: string, extra: Record<string, unknown> = {}) => ({
  type: "input",
  block_id: blockId,
  label: { type: "plain_text", text: blockId },
  element: { type: "plain_text_input", action_id: `${blockId}_value` },
  ...extra,
});

describe("sandbox: the Slack client's required-input check", () => {
  const view = {
    blocks: [
      { type: "section", text: { type: "mrkdwn", text: "intro" } },
      input("name"),
      input("tags"),
      input("note", { optional: true }),
    ],
  };

  it("lists the required inputs that have no value, in the view's order", () => {
    expect(missingRequired(view, {})).toEqual(["name", "tags"]);
  });

  it("treats empty strings, nulls and empty selections as no value", () => {
    const values = {
      name: { name_value: { type: "plain_text_input", value: "" } },
      tags: { tags_value: { type: "multi_static_select", selected_options: [] } },
    };
    expect(missingRequired(view, values)).toEqual(["name", "tags"]);
  });

  it("accepts a typed value or a selection, and never asks for an optional input", () => {
    const values = {
      name: { name_value: { type: "plain_text_input", value: "Mei" } },
      tags: { tags_value: { type: "multi_static_select", selected_options: [{ value: "a" }] } },
    };
    expect(missingRequired(view, values)).toEqual([]);
  });
});

describe("sandbox: the Host check", () => {
  it("accepts the loopback names on the page's port only", () => {
    for (const host of ["127.0.0.1:3000", "localhost:3000", "[::1]:3000", "LOCALHOST:3000"]) {
      expect(hostAllowed(host, 3000)).toBe(true);
    }
    for (const host of [undefined, "127.0.0.1:3001", "evil.example:3000", "127.0.0.1"]) {
      expect(hostAllowed(host, 3000)).toBe(false);
    }
  });
});
