import type { KeyvInstallationStore } from "../../../store/installation-store.js";
import type { Services } from "../../runtime/services.js";
import type { ListenerRouter } from "../router.js";
import { appHomeOpened } from "./app-home-opened.js";
import { answerDirectMessage, answerMention } from "./questions.js";
import { forgetInstallation, forgetRevokedTokens } from "./uninstall.js";

export function register(
  router: ListenerRouter,
  services: Services,
  installations?: KeyvInstallationStore,
): void {
  router.event("app_home_opened", appHomeOpened(services));
  router.event("app_mention", answerMention(services));
  router.message(answerDirectMessage(services));
  // With a single bot token there is no installation store, and nothing stored to remove.
  if (installations) {
    router.event("app_uninstalled", forgetInstallation(services, installations));
    router.event("tokens_revoked", forgetRevokedTokens(services, installations));
  }
}
