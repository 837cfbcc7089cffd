import type { SlackViewAction } from "@slack/bolt";
import { CALLBACK } from "../../contract/ids.js";
import type { Services } from "../../runtime/services.js";
import type { ListenerRouter } from "../router.js";
import { submitEligibility } from "./eligibility.js";
import { confirmImport, readImportFile } from "./import.js";
import { saveProfile } from "./profile.js";
import { recordAudit } from "./record.js";
import { saveReminderSettings } from "./remind.js";

export function register(router: ListenerRouter, services: Services): void {
  router.view<SlackViewAction>(CALLBACK.eligibility, submitEligibility(services));
  router.view<SlackViewAction>(CALLBACK.profile, saveProfile(services));
  router.view<SlackViewAction>(CALLBACK.record, recordAudit(services));
  router.view<SlackViewAction>(CALLBACK.remind, saveReminderSettings(services));
  router.view<SlackViewAction>(CALLBACK.importFile, readImportFile(services));
  router.view<SlackViewAction>(CALLBACK.importConfirm, confirmImport(services));
}
