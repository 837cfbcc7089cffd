import { describe, expect, it } from "vitest";
import { assertValidSurface } from "../../../../dev/blockkit/validate.js";
import { CALLBACK } from "../../../../src/slack/contract/ids.js";
import {
  eligibilityStepModal,
  profileModal,
  recordAuditModal,
} from "../../../../src/slack/views/modals/index.js";
import { loadingModal } from "../../../../src/slack/views/modals/loading.js";
import { blankProfile, ctxFor, LOCALES, textOf } from "../../../support/forms.js";

describe("loadingModal", () => {
  for (const locale of LOCALES) {
    const ctx = ctxFor(locale);
    it(`(${locale}) is a valid modal with no input and no submit, titled like the modal it stands for`, () => {
      const finals = {
        check: eligibilityStepModal({ answers: {} }, ctx),
        profile: profileModal({ profile: blankProfile(), revision: 0 }, ctx, { canEditEditors: false }),
        record: recordAuditModal(ctx, { baseRevision: 0 }),
      };
      for (const [kind, final] of Object.entries(finals) as [
        keyof typeof finals,
        (typeof finals)["check"],
      ][]) {
        const view = loadingModal(ctx, kind);
        assertValidSurface(view);
        expect(view.callback_id).toBe(CALLBACK.loading);
        expect(view.submit).toBeUndefined();
        expect(view.blocks.some((b) => b.type === "input")).toBe(false);
        expect(view.title.text).toBe(final.title.text);
        expect([...view.title.text].length).toBeLessThanOrEqual(24);
        expect(textOf(view)).toContain(ctx.t("modal.loading"));
      }
    });
  }
});
