import type { ModalView } from "@slack/types";
import { CALLBACK } from "../../contract/ids.js";
import type { ViewContext } from "../../contract/modal-context.js";
import { context } from "../parts.js";
import { viewLabel } from "./text.js";

export type LoadingKind = "check" | "profile" | "record";

const TITLE = {
  check: "modal.title.check",
  profile: "modal.title.profile",
  record: "modal.title.record",
} as const;

/**
 * What views.open shows right after the ack, while the listener loads the profile: the final modal's title and a
 * "loading…" line, no inputs and no submit, so the listener can views.update it with the real content.
 */
export function loadingModal(
  ctx: Pick<ViewContext, "t"> & Partial<ViewContext>,
  kind: LoadingKind,
): ModalView {
  const { t } = ctx;
  return {
    type: "modal",
    callback_id: CALLBACK.loading,
    title: viewLabel(t(TITLE[kind])),
    close: viewLabel(t("common.close")),
    blocks: [context(`:hourglass_flowing_sand: ${t("modal.loading")}`)],
  };
}
