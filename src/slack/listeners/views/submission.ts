import type { SlackViewAction, ViewOutput } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { failureText, logFailure } from "../../failures.js";
import { type Requester, requester } from "../../request.js";
import type { Services } from "../../services.js";
import { ModalMetadataError } from "../../views/modals/metadata.js";
import { noticeModal } from "../../views/notice-modal.js";

/** What every view_submission listener starts from. */
export interface Submission {
  who: Requester;
  view: ViewOutput;
  ctx: { rules: Services["engine"]["rules"]; t: Requester["t"]; asOf: Date };
}

export async function submissionOf(
  services: Services,
  client: WebClient,
  context: { teamId?: string; enterpriseId?: string },
  body: SlackViewAction,
): Promise<Submission> {
  const who = await requester(services, client, context, body, body.user.id);
  return { who, view: body.view, ctx: { rules: services.engine.rules, t: who.t, asOf: services.clock() } };
}

/** A modal that failed after ack: replace it with a clear message; the error goes to the log only. */
export async function showFailure(
  services: Services,
  client: WebClient,
  sub: Submission,
  where: string,
  error: unknown,
): Promise<void> {
  logFailure(services, where, error);
  const view = noticeModal(sub.who.t("app.errorTitle"), failureText(error, sub.who.t), sub.ctx);
  await client.views
    .update({ view_id: sub.view.id, view })
    .catch((e) => logFailure(services, `${where}: views.update`, e));
}

/** The view answering unreadable or tampered private_metadata: the person is asked to start again. */
export function staleViewAck(sub: Submission) {
  return {
    response_action: "update" as const,
    view: noticeModal(sub.who.t("app.errorTitle"), sub.who.t("errors.staleView"), sub.ctx),
  };
}

export function isMetadataError(error: unknown): error is ModalMetadataError {
  return error instanceof ModalMetadataError;
}
