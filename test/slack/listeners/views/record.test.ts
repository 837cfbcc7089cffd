/**
 * The record-audit submission called directly with fake Bolt arguments: the ack (a "saving" view, or the field
 * errors, or a refusal) comes before anything is saved; the record is appended to the newest profile even when
 * another save landed after the modal opened; a failure after the ack replaces the modal with a sentence.
 */
import { describe, expect, it } from "vitest";
import { createTranslator } from "../../../../src/i18n/translator.js";
import { ProfileBusyError } from "../../../../src/profile/repository.js";
import { RECORD_FIELDS } from "../../../../src/slack/forms/fields.js";
import { recordAudit } from "../../../../src/slack/listeners/views/record.js";
import { recordAuditModal } from "../../../../src/slack/views/modals/record.js";
import { expectNoInternals } from "../../../support/commands.js";
import { engine, profileOf, putProfile, TEAM } from "../../../support/fixtures.js";
import { submit } from "../../../support/forms.js";
import type { Entry } from "../../../support/view-state.js";
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
const TYPE = RECORD_FIELDS.type.block;
const DATE = RECORD_FIELDS.date.block;

const w = useWorld((fresh) => putProfile(fresh.store, TEAM, profileOf()));

/** Submits the record modal (built at `baseRevision`) as `userId`; saves are written to the log too. */
function submitRecord(changes: Record<string, Entry>, { userId = ADMIN, baseRevision = 1 } = {}) {
  const log: string[] = [];
  const client = fakeClient(log);
  const { ack } = replies(log);
  const save = w.services.profiles.save.bind(w.services.profiles);
  w.services.profiles.save = async (...args) => {
    log.push("save");
    return save(...args);
  };
  const view = recordAuditModal({ rules: engine.rules, t: en, asOf: w.now }, { baseRevision });
  const body = {
    type: "view_submission",
    team: { id: TEAM_ID },
    user: { id: userId, team_id: TEAM_ID },
    view: { ...view, id: "V0RECORD1", hash: "h1", state: { values: submit(view, changes) } },
  };
  const callback = recordAudit(w.services);
  const run = () => callback(argsFor(callback, { ack, body, payload: body.view, view: body.view, client }));
  return { log, client, ack, run };
}

describe("recordAudit", () => {
  it("acks with a 'saving' view before saving, then shows the new revision and refreshes App Home", async () => {
    const s = submitRecord({ [TYPE]: "external_governance" });
    await s.run();
    expect(s.log.indexOf("ack")).toBeLessThan(s.log.indexOf("save"));
    expect(s.ack.mock.calls[0]?.[0]).toMatchObject({ response_action: "update" });
    const stored = await w.services.profiles.get(TEAM);
    expect(stored.revision).toBe(2);
    expect(stored.profile.audits.external).toHaveLength(1);
    expect(textIn(s.client.views.update.mock.calls.at(-1)?.[0])).toContain(
      en("app.auditSaved", { revision: 2 }),
    );
    expect(s.client.views.publish).toHaveBeenCalledWith(expect.objectContaining({ user_id: ADMIN }));
  });

  it("is appended to the newest profile when another save landed after the modal opened", async () => {
    await w.services.profiles.save(TEAM, {
      baseRevision: 1,
      actor: ADMIN,
      at: w.now,
      summary: "editors",
      update: (profile) => ({ ...profile, editors: ["U0EDITOR01"] }),
    });
    const s = submitRecord({ [TYPE]: "external_governance" }, { baseRevision: 1 });
    await s.run();
    const stored = await w.services.profiles.get(TEAM);
    expect(stored.revision).toBe(3);
    expect(stored.profile.editors).toEqual(["U0EDITOR01"]);
    expect(stored.profile.audits.external).toHaveLength(1);
    expect(textIn(s.client.views.update.mock.calls.at(-1)?.[0])).toContain(
      en("app.auditSaved", { revision: 3 }),
    );
  });

  it("answers a date in the future with the field's error in the ack and saves nothing", async () => {
    const s = submitRecord({ [TYPE]: "external_governance", [DATE]: "2027-06-01" });
    await s.run();
    expect(s.ack).toHaveBeenCalledTimes(1);
    const ack = s.ack.mock.calls[0]?.[0] as { response_action: string; errors: Record<string, string> };
    expect(ack.response_action).toBe("errors");
    expect(Object.keys(ack.errors)).toEqual([DATE]);
    expect(s.log).not.toContain("save");
    expect((await w.services.profiles.get(TEAM)).revision).toBe(1);
  });

  it("refuses a person who may not edit, in the ack, and saves nothing", async () => {
    const s = submitRecord({ [TYPE]: "external_governance" }, { userId: MEMBER });
    await s.run();
    expect(textIn(s.ack.mock.calls[0]?.[0])).toContain(en("app.notAllowedTitle"));
    expect(s.log).not.toContain("save");
  });

  it("a save that cannot get the team's lock replaces the modal with 'try again', after the ack", async () => {
    const s = submitRecord({ [TYPE]: "external_governance" });
    w.services.profiles.save = async () => {
      throw new ProfileBusyError("busy");
    };
    await s.run();
    expect(s.ack).toHaveBeenCalledTimes(1);
    expect(s.log.indexOf("ack")).toBeLessThan(s.log.indexOf("views.update"));
    expect(textIn(s.client.views.update.mock.calls.at(-1)?.[0])).toContain(en("errors.conflict"));
  });

  it("any other failure after the ack is a sentence in the modal; the stack goes to the log only", async () => {
    const s = submitRecord({ [TYPE]: "external_governance" });
    w.services.profiles.save = async () => {
      throw internalError();
    };
    await s.run();
    const text = textIn(s.client.views.update.mock.calls.at(-1)?.[0]);
    expect(text).toContain(en("errors.internal"));
    expectNoInternals(text);
    expect(text).not.toContain("SECRET");
    expect(w.errors.join("\n")).toContain("secret.ts");
  });
});
