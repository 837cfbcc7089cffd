import type { WebClient } from "@slack/web-api";
import { logFailure, slackErrorCode } from "../runtime/failures.js";
import { requester } from "../runtime/request.js";
import type { Services } from "../runtime/services.js";
import { loadingModal } from "../views/modals/loading.js";
import { triggerClient } from "./open-modal.js";

export interface LoadingModalRequest {
  client: WebClient;
  triggerId: string;
  /** Who pressed the button: told in the app's DM when the trigger expired. */
  userId: string;
  context: Parameters<typeof requester>[2];
  body: unknown;
  /** Pushed onto the modal the button is in, rather than opened (a Home tab or a message takes no push). */
  push: boolean;
  /** Names the button in logs. */
  label: string;
}

/**
 * The loading modal of a button whose view is filled in afterwards (an answer, a caveats list), shown at once on
 * the trigger (it expires in 3 s). Undefined when nothing opened: an expired trigger is told to the person in the
 * app's DM, any other failure logged. The opened view's id is what the caller's views.update targets.
 */
export async function openLoadingModal(
  services: Services,
  request: LoadingModalRequest,
): Promise<{ viewId: string | undefined } | undefined> {
  const { client, triggerId } = request;
  const slack = triggerClient(client);
  try {
    const opened = request.push
      ? await slack.views.push({ trigger_id: triggerId, view: loadingModal() })
      : await slack.views.open({ trigger_id: triggerId, view: loadingModal() });
    return { viewId: opened.view?.id };
  } catch (error) {
    if (slackErrorCode(error) === "expired_trigger_id") {
      // As for the modals: say so rather than leave the button without an answer.
      const who = await requester(services, client, request.context, request.body, request.userId);
      await client.chat
        .postMessage({ channel: request.userId, text: who.t("app.triggerExpired") })
        .catch(() => undefined);
    } else {
      logFailure(services, `${request.label}: views.open`, error);
    }
    return undefined;
  }
}
