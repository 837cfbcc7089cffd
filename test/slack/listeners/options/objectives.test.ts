/** The objective search behind the record modal's external select, called directly with fake Bolt arguments. */
import { describe, expect, it } from "vitest";
import { searchObjectives } from "../../../../src/slack/listeners/options/objectives.js";
import { ADMIN, argsFor, fakeClient, replies, TEAM_ID, useWorld } from "../fakes.js";

const w = useWorld();

function suggest(value: unknown, team = TEAM_ID) {
  const log: string[] = [];
  const client = fakeClient(log);
  const { ack } = replies(log);
  const body = { type: "block_suggestion", team: { id: team }, user: { id: ADMIN, team_id: team }, value };
  const callback = searchObjectives(w.services);
  const run = () => callback(argsFor(callback, { ack, body, payload: body, options: body, client }));
  return { ack, run };
}

function optionsOf(ack: ReturnType<typeof suggest>["ack"]): { value: string }[] {
  const response = ack.mock.calls[0]?.[0] as { options: { value: string }[] } | undefined;
  if (!response) throw new Error("the listener did not ack");
  return response.options;
}

describe("searchObjectives", () => {
  it("acks with the objectives matching the typed text", async () => {
    const s = suggest("9.2.3");
    await s.run();
    expect(s.ack).toHaveBeenCalledTimes(1);
    expect(optionsOf(s.ack).map((o) => o.value)).toContain("9.2.3");
  });

  it("acks with no options for a value that is not text", async () => {
    const s = suggest(42);
    await s.run();
    expect(optionsOf(s.ack)).toEqual([]);
  });

  it("acks with no options when the request fails (another workspace in the body), and logs it", async () => {
    const s = suggest("9.2.3", "T0OTHER001");
    await s.run();
    expect(s.ack).toHaveBeenCalledTimes(1);
    expect(optionsOf(s.ack)).toEqual([]);
    expect(w.errors.join("\n")).toContain("objective options");
  });
});
