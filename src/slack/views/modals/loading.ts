import type { ModalView } from "@slack/types";
import { createTranslator } from "../../../i18n/translator.js";
import { CALLBACK } from "../../contract/ids.js";

/**
 * What views.open shows the moment a trigger arrives, before the person's language is known: both languages, no
 * input and no submit, so the flow can views.update it with the real content once loaded.
 */
export function loadingModal(): ModalView {
  const ja = createTranslator("ja");
  const en = createTranslator("en");
  return {
    type: "modal",
    callback_id: CALLBACK.loading,
    title: { type: "plain_text", text: "ISMAP-LIU" },
    close: { type: "plain_text", text: `${ja("common.close")} / ${en("common.close")}` },
    blocks: [
      {
        type: "context",
        elements: [{ type: "mrkdwn", text: `${ja("app.loading")} / ${en("app.loading")}` }],
      },
    ],
  };
}
