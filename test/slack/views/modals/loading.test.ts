import { describe, expect, it } from "vitest";
import { assertValidSurface } from "../../../../dev/blockkit/validate.js";
import { createTranslator } from "../../../../src/i18n/translator.js";
import { CALLBACK } from "../../../../src/slack/contract/ids.js";
import { loadingModal } from "../../../../src/slack/views/modals/loading.js";
import { textOf } from "../../../support/forms.js";

describe("loadingModal", () => {
  it("is a valid modal with no input and no submit, saying 'loading' in both languages", () => {
    const view = loadingModal();
    assertValidSurface(view);
    expect(view.callback_id).toBe(CALLBACK.loading);
    expect(view.submit).toBeUndefined();
    expect(view.blocks.some((b) => b.type === "input")).toBe(false);
    for (const locale of ["ja", "en"] as const) {
      const t = createTranslator(locale);
      expect(textOf(view)).toContain(t("app.loading"));
      expect(view.close?.text).toContain(t("common.close"));
    }
  });
});
