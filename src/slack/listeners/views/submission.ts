import type {
  AllMiddlewareArgs,
  SlackViewAction,
  SlackViewMiddlewareArgs,
  ViewOutput,
  ViewResponseAction,
} from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { createTranslator } from "../../../i18n/translator.js";
import type { ServiceProfile } from "../../../rules/service-profile.js";
import { ModalMetadataError } from "../../contract/modal-metadata.js";
import { failureText, logFailure } from "../../runtime/failures.js";
import { canEdit, type Requester, requester } from "../../runtime/request.js";
import type { Services } from "../../runtime/services.js";
import { noticeModal } from "../../views/notice-modal.js";
import { type RefusedAction, refusalText } from "../../views/refusal.js";

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

type ViewArgs = SlackViewMiddlewareArgs<SlackViewAction> & AllMiddlewareArgs;
export type SubmissionAck = (response?: ViewResponseAction) => Promise<void>;

export interface SubmissionArgs {
  sub: Submission;
  ack: SubmissionAck;
  client: WebClient;
}

/**
 * Wraps a view_submission listener so that no failure leaves the person without an answer: tampered metadata gets
 * the "start again" view; any other error before the ack is acknowledged with a message view, and after the ack
 * replaces the modal with that message. The error itself goes to the log only.
 */
export function onSubmission(
  services: Services,
  where: string,
  handler: (args: SubmissionArgs) => Promise<void>,
): (args: ViewArgs) => Promise<void> {
  return async ({ ack, body, client, context }) => {
    let acked = false;
    const ackOnce: SubmissionAck = async (response) => {
      acked = true;
      await ack(response);
    };
    let sub: Submission | undefined;
    try {
      sub = await submissionOf(services, client, context, body);
      await handler({ sub, ack: ackOnce, client });
    } catch (error) {
      if (!acked && sub && isMetadataError(error)) return void (await ackOnce(staleViewAck(sub)));
      logFailure(services, where, error);
      const t = sub?.who.t ?? createTranslator("ja");
      const view = noticeModal(t("app.errorTitle"), failureText(error, t), {
        rules: services.engine.rules,
        t,
        asOf: services.clock(),
      });
      if (!acked) await ackOnce({ response_action: "update", view }).catch(() => undefined);
      else
        await client.views
          .update({ view_id: body.view.id, view })
          .catch((e) => logFailure(services, where, e));
    }
  };
}

/** Acknowledges with a refusal (who can do it, how to be added) unless the person may change the profile; true when they may. */
export async function allowedToEdit(
  services: Services,
  args: SubmissionArgs,
  profile: ServiceProfile,
  action: RefusedAction,
): Promise<boolean> {
  const { sub, ack, client } = args;
  if (await canEdit(services, client, sub.who, profile)) return true;
  await ack({
    response_action: "update",
    view: noticeModal(
      sub.who.t("app.notAllowedTitle"),
      refusalText(action, profile.editors, sub.who.t),
      sub.ctx,
    ),
  });
  return false;
}
