/**
 * A store that fails while a modal is submitted: the person always gets an answer (before the ack as the ack's own
 * view, after it as an update of the modal), never a hang or a stack trace, and nothing is half-saved.
 */
import { describe, expect, it } from "vitest";
import { StoreUnavailableError } from "../../src/store/errors.js";
import { useHarness } from "../support/harness.js";
import { ja, mark, openByCommand, PEOPLE, textOf, waitForViewUpdate } from "../support/modals.js";

const h = useHarness();

const unavailable = async () => {
  throw new StoreUnavailableError("redis://127.0.0.1:6379 did not answer within 2000 ms (get)");
};

describe("the store fails during a submission", () => {
  it("before the ack: the submission is answered with the 'temporarily unavailable' view", async () => {
    const { modal } = await openByCommand(h, "record", PEOPLE.admin);
    h.assistant.services.profiles.get = unavailable;
    const { ack } = await modal.submit({ record_type: "external_governance" });
    expect(ack?.response_action).toBe("update");
    const text = textOf(ack?.view);
    expect(text).toContain(ja("app.storeUnavailable"));
    expect(text).not.toMatch(/StoreUnavailableError|at .*\.ts/);
  });

  it("after the ack: the modal is replaced by the message and no audit is saved", async () => {
    const { modal } = await openByCommand(h, "record", PEOPLE.admin);
    const profiles = h.assistant.services.profiles;
    profiles.save = unavailable;
    const since = mark(h);
    const { ack } = await modal.submit({ record_type: "external_governance" });
    expect(ack?.response_action).toBe("update");
    await waitForViewUpdate(h, modal.id, since);
    expect(textOf(h.fake.view(modal.id))).toContain(ja("app.storeUnavailable"));
    const stored = await profiles.get({ teamId: h.fake.teamId });
    expect(stored.revision).toBe(0);
    expect(stored.profile.audits.external).toEqual([]);
  });
});
