/**
 * The eligibility questionnaire's last step called directly with fake Bolt arguments: the verdict is the ack, the
 * save comes after it; a profile saved by someone else meanwhile brings the step back with the answers kept; a
 * person who may not edit sees the verdict unsaved; tampered metadata and failures get a sentence, never a stack.
 */
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../../../src/i18n/translator.js";
import { submitEligibility } from "../../../../src/slack/listeners/views/eligibility.js";
import { eligibilityStepModal } from "../../../../src/slack/views/modals/eligibility.js";
import { expectNoInternals } from "../../../support/commands.js";
import { engine, profileOf, putProfile, TEAM } from "../../../support/fixtures.js";
import { submit } from "../../../support/forms.js";
import {
  ADMIN,
  argsFor,
  fakeClient,
  internalError,
  MEMBER,
  replies,
  TEAM_ID,
  textIn,
  useWorld,
} from "../fakes.js";

const en = createTranslator("en");

const w = useWorld((fresh) => putProfile(fresh.store, TEAM, profileOf()));

/** Submits the last step (PaaS, class 2: "Get verdict") of a modal opened at `baseRevision`, as `userId`. */
function lastStep({
  userId = ADMIN,
  baseRevision = 1,
  metadata,
}: {
  userId?: string;
  baseRevision?: number;
  metadata?: string;
} = {}) {
  const log: string[] = [];
  const client = fakeClient(log);
  const { ack } = replies(log);
  const save = w.services.profiles.save.bind(w.services.profiles);
  w.services.profiles.save = async (...args) => {
    log.push("save");
    return save(...args);
  };
  const ctx = { rules: engine.rules, t: en, asOf: w.now };
  const view = eligibilityStepModal({ answers: { service_model: "paas" }, step: 2, baseRevision }, ctx);
  const body = {
    type: "view_submission",
    team: { id: TEAM_ID },
    user: { id: userId, team_id: TEAM_ID },
    view: {
      ...view,
      id: "V0ELIGIB01",
      hash: "h1",
      private_metadata: metadata ?? view.private_metadata,
      state: { values: submit(view, { confidentiality: "c2" }) },
    },
  };
  const callback = submitEligibility(w.services);
  const run = () => callback(argsFor(callback, { ack, body, payload: body.view, view: body.view, client }));
  return { log, client, ack, run };
}

describe("submitEligibility", () => {
  it("acks with the verdict, then saves answers and verdict to the profile", async () => {
    const s = lastStep();
    await s.run();
    expect(s.log.indexOf("ack")).toBeLessThan(s.log.indexOf("save"));
    expect(s.ack.mock.calls[0]?.[0]).toMatchObject({ response_action: "update" });
    const { profile, revision } = await w.services.profiles.get(TEAM);
    expect(revision).toBe(2);
    expect(profile.eligibility?.answers).toEqual({ service_model: "paas", confidentiality: "c2" });
    expect(profile.eligibility?.result?.verdict).toBe("full_ismap_required");
    expect(s.client.views.publish).toHaveBeenCalledTimes(1);
  });

  it("brings the last step back with the answers kept when someone saved meanwhile, overwriting nothing", async () => {
    await w.services.profiles.save(TEAM, {
      baseRevision: 1,
      actor: ADMIN,
      at: w.now,
      summary: "editors",
      update: (profile) => ({ ...profile, editors: ["U0EDITOR01"] }),
    });
    const s = lastStep({ baseRevision: 1 });
    await s.run();
    const { profile, revision } = await w.services.profiles.get(TEAM);
    expect(revision).toBe(2);
    expect(profile.eligibility).toBeUndefined();
    const again = s.client.views.update.mock.calls.at(-1)?.[0] as { view: { private_metadata: string } };
    expect(textIn(again)).toContain(en("app.staleEligibility", { revision: 2 }));
    expect(again.view.private_metadata).toContain("paas");
  });

  it("shows a person who may not edit the verdict, marked as not saved, and saves nothing", async () => {
    const s = lastStep({ userId: MEMBER });
    await s.run();
    expect(s.log).not.toContain("save");
    expect(textIn(s.client.views.update.mock.calls.at(-1)?.[0])).toContain(en("app.verdictNotSaved"));
    expect((await w.services.profiles.get(TEAM)).revision).toBe(1);
  });

  it("answers tampered metadata in the ack with the 'start again' view", async () => {
    const s = lastStep({ metadata: "{tampered" });
    await s.run();
    expect(s.ack).toHaveBeenCalledTimes(1);
    expect(textIn(s.ack.mock.calls[0]?.[0])).toContain(en("errors.staleView"));
    expect(s.log).not.toContain("save");
  });

  it("a failure after the ack replaces the modal with a sentence; the stack goes to the log only", async () => {
    const s = lastStep();
    w.services.profiles.get = async () => {
      throw internalError();
    };
    await s.run();
    expect(s.ack).toHaveBeenCalledTimes(1);
    const text = textIn(s.client.views.update.mock.calls.at(-1)?.[0]);
    expect(text).toContain(en("errors.internal"));
    expect(text).not.toContain("SECRET");
    expectNoInternals(text);
  });
});
