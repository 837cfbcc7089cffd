/**
 * The reminder's "Record as done" button: opens the record modal pre-filled with the audit type and objectives of
 * the obligation the reminder was about. The button carries only the obligation's id; the type and objectives come
 * from the team's timeline computed now (an id that is no longer in it — done, or moved on — opens the modal
 * without a preset).
 */
import type { BlockButtonAction } from "@slack/bolt";
import type { ModalView } from "@slack/types";
import type { WebClient } from "@slack/web-api";
import { recordPresetOf } from "../../forms/record.js";
import { openThenLoad } from "../../modal-flows.js";
import { canEdit, type Requester, type requester } from "../../request.js";
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
  who: Requester,
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
  await openThenLoad(
    "record from reminder",
    services,
    {
      client,
      triggerId: body.trigger_id,
      userId,
      context,
      body,
      tell: async (text) => {
        await client.chat.postMessage({ channel: userId, text }).catch(() => undefined);
      },
    },
    (who) => presetRecordView(services, request, who),
  );
}
