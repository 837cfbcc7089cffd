/**
 * The reminder's "Record as done" button: opens the record modal pre-filled with the audit type and objectives of
 * the obligation the reminder was about. The button carries only the obligation's id; the type and objectives come
 * from the team's timeline computed now (an id that is no longer in it — done, or moved on — opens the modal
 * without a preset).
 */
import type { BlockButtonAction } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import { ErrorCode, type WebClient } from "@slack/web-api";
import { failureText, logFailure, slackErrorCode } from "../../failures.js";
import { recordPresetOf } from "../../forms/record.js";
import { loadingModal, triggerClient } from "../../modal-flows.js";
import { canEdit, requester } from "../../request.js";
import type { Services } from "../../services.js";
import { recordAuditModal } from "../../views/modals/record.js";
import { noticeModal } from "../../views/notice-modal.js";

export interface RecordObligationRequest {
  client: WebClient;
  body: BlockButtonAction;
  context: Parameters<typeof requester>[2];
  /** The obligation id the button carried (looked up in the timeline, never trusted beyond that). */
  obligationId: string;
}

/** What the modal shows once the profile is loaded: the preset record modal, or a refusal for a non-editor. */
async function presetRecordView(
  services: Services,
  request: RecordObligationRequest,
  who: Awaited<ReturnType<typeof requester>>,
): Promise<ModalView> {
  const asOf = services.clock();
  const ctx = { rules: services.engine.rules, t: who.t, asOf };
  const { profile, revision } = await services.profiles.get(who.team);
  if (!(await canEdit(services, request.client, who, profile)))
    return noticeModal(who.t("app.notAllowedTitle"), who.t("errors.notAllowed"), ctx);
  const timeline = services.engine.obligations(profile, asOf);
  const obligation = timeline.obligations.find((o) => o.id === request.obligationId);
  return recordAuditModal(ctx, { baseRevision: revision, ...recordPresetOf(obligation) });
}

/** Opens the loading modal at once (the trigger lives 3 s), then fills in the preset record modal. */
export async function openRecordForObligation(
  services: Services,
  request: RecordObligationRequest,
): Promise<void> {
  const { client, body, context } = request;
  const userId = body.user.id;
  const tell = async (text: string) => {
    await client.chat.postMessage({ channel: userId, text }).catch(() => undefined);
  };
  let viewId: string | undefined;
  let hash: string | undefined;
  try {
    // As every modal: views.open on the trigger client (no waiting out a rate limit past the trigger's life).
    const opened = await triggerClient(client).views.open({
      trigger_id: body.trigger_id,
      view: loadingModal(),
    });
    viewId = opened.view?.id;
    hash = opened.view?.hash;
  } catch (error) {
    const who = await requester(services, client, context, body, userId);
    if (slackErrorCode(error) === "expired_trigger_id") {
      await tell(who.t("app.triggerExpired"));
    } else if ((error as { code?: unknown } | undefined)?.code === ErrorCode.RateLimitedError) {
      services.logger.warn("views.open(record from reminder) rate limited: the person is asked to try again");
      await tell(who.t("app.rateLimited"));
    } else {
      logFailure(services, "views.open(record from reminder)", error);
      await tell(failureText(error, who.t));
    }
    return;
  }
  if (!viewId) return;
  const who = await requester(services, client, context, body, userId);
  let view: ModalView;
  try {
    view = await presetRecordView(services, request, who);
  } catch (error) {
    logFailure(services, "load record modal from reminder", error);
    view = noticeModal(who.t("app.errorTitle"), failureText(error, who.t), {
      rules: services.engine.rules,
      t: who.t,
      asOf: services.clock(),
    });
  }
  try {
    await client.views.update({ view_id: viewId, ...(hash ? { hash } : {}), view });
  } catch (error) {
    // The loading view has no input to lose: replace it whatever changed in between.
    if (slackErrorCode(error) !== "hash_conflict") throw error;
    await client.views.update({ view_id: viewId, view });
  }
}
