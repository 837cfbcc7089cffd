import type { BlockAction, BlockButtonAction, SlackAction } from "@slack/bolt";
import { ACTION } from "../../contract/ids.js";
import type { Services } from "../../runtime/services.js";
import type { ListenerRouter } from "../router.js";
import { showCaveats } from "./caveats.js";
import { eligibilityBack } from "./eligibility-back.js";
import { exportRecordsFromHome } from "./export-records.js";
import { noteFeedback } from "./feedback.js";
import { ANSWER_BUTTONS, MODAL_BUTTONS, openModalFromButton, showAnswerInModal } from "./home-buttons.js";
import { shareInChannel } from "./share.js";

export function register(router: ListenerRouter, services: Services): void {
  router.action<BlockAction>(ACTION.eligibilityBack, eligibilityBack(services));
  router.action<BlockButtonAction>(ACTION.share, shareInChannel(services));
  router.action<BlockButtonAction>(ACTION.showCaveats, showCaveats(services));
  for (const [actionId, kind] of Object.entries(MODAL_BUTTONS)) {
    router.action<BlockButtonAction>(actionId, openModalFromButton(services, kind));
  }
  for (const [actionId, answer] of Object.entries(ANSWER_BUTTONS)) {
    router.action<BlockAction>(actionId, showAnswerInModal(services, answer));
  }
  router.action<BlockButtonAction>(ACTION.exportRecords, exportRecordsFromHome(services));
  for (const actionId of [ACTION.feedback, ACTION.feedbackUp, ACTION.feedbackDown]) {
    router.action<SlackAction>(actionId, noteFeedback(services));
  }
}
