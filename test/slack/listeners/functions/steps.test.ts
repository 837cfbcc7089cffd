/** The Workflow Builder steps, called directly with fake Bolt arguments: ack first, then complete or fail. */
import { describe, expect, it, vi } from "vitest";
import { createTranslator } from "../../../../src/i18n/translator.js";
import { STEP } from "../../../../src/slack/contract/ids.js";
import { recordAuditStep, whatIsDueStep } from "../../../../src/slack/listeners/functions/steps.js";
import { expectNoInternals } from "../../../support/commands.js";
import { profileOf, putProfile, TEAM } from "../../../support/fixtures.js";
import { ADMIN, argsFor, fakeClient, internalError, replies, TEAM_ID, useWorld } from "../fakes.js";

const ja = createTranslator("ja");
const w = useWorld((fresh) => putProfile(fresh.store, TEAM, profileOf()));

function step<F extends (args: never) => unknown>(
  callback: F,
  callbackId: string,
  inputs: Record<string, unknown>,
) {
  const log: string[] = [];
  const client = fakeClient(log);
  const { ack } = replies(log);
  const complete = vi.fn(async (_: unknown) => void log.push("complete"));
  const fail = vi.fn(async (_: { error: string }) => void log.push("fail"));
  const event = {
    type: "function_executed",
    function: { callback_id: callbackId },
    inputs,
    function_execution_id: "Fx1",
  };
  const body = { type: "event_callback", team_id: TEAM_ID, authorizations: [{ team_id: TEAM_ID }], event };
  const args = argsFor(callback, { ack, complete, fail, inputs, event, payload: event, body, client });
  return { log, ack, complete, fail, run: () => callback(args) };
}

describe("whatIsDueStep", () => {
  it("acks first, then completes with the count and the list", async () => {
    const s = step(whatIsDueStep(w.services), STEP.whatIsDue, { days_ahead: 30 });
    await s.run();
    expect(s.log).toEqual(["ack", "complete"]);
    expect(s.complete.mock.calls[0]?.[0]).toMatchObject({ outputs: { count: 0 } });
  });

  it("fails with what to fix when the number of days is not one", async () => {
    const s = step(whatIsDueStep(w.services), STEP.whatIsDue, { days_ahead: "soon" });
    await s.run();
    expect(s.log[0]).toBe("ack");
    expect(s.complete).not.toHaveBeenCalled();
    expect(s.fail.mock.calls[0]?.[0].error).toContain("soon");
  });
});

describe("recordAuditStep", () => {
  it("fails, after the ack, when the recorder is not a member", async () => {
    const s = step(recordAuditStep(w.services), STEP.recordAudit, { recorded_by: "not a user" });
    await s.run();
    expect(s.log[0]).toBe("ack");
    expect(s.fail).toHaveBeenCalledWith({ error: ja("steps.errors.user") });
  });

  it("a failure fails the step with a sentence, never the error itself", async () => {
    w.services.profiles.get = async () => {
      throw internalError();
    };
    const s = step(recordAuditStep(w.services), STEP.recordAudit, {
      recorded_by: ADMIN,
      audit_type: "external_governance",
      audit_date: "2026-11-01",
    });
    await s.run();
    expect(s.log[0]).toBe("ack");
    const error = s.fail.mock.calls[0]?.[0].error ?? "";
    expect(error).toBe(ja("steps.errors.failed", { reason: ja("errors.internal") }));
    expectNoInternals(error);
    expect(w.errors.join("\n")).toContain("secret.ts");
  });
});
