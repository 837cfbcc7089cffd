/**
 * The reminder's "Record as done" button: opens the record modal pre-filled with the audit type and objectives of
 * the obligation the reminder was about. The button carries only the obligation's id; the record modal's own flow
 * looks it up in the team's timeline computed now.
 */
import type { BlockButtonAction } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { requester } from "../runtime/request.js";
import type { Services } from "../runtime/services.js";
import { openModal } from "./open-modal.js";

export interface RecordObligationRequest {
  client: WebClient;
  body: BlockButtonAction;
  context: Parameters<typeof requester>[2];
  /** The obligation id the button carried (looked up in the timeline, never trusted beyond that). */
  obligationId: string;
}

/** Opens the loading modal at once (the trigger lives 3 s), then fills in the preset record modal. */
export async function openRecordForObligation(
  services: Services,
  request: RecordObligationRequest,
): Promise<void> {
  const { client, body, context, obligationId } = request;
  const userId = body.user.id;
  await openModal("record", services, {
    client,
    triggerId: body.trigger_id,
    userId,
    context,
    body,
    obligationId,
    tell: async (text) => {
      await client.chat.postMessage({ channel: userId, text }).catch(() => undefined);
    },
  });
}
