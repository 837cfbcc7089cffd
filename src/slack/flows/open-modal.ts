import type { ModalView } from "@slack/types";
import { LogLevel, WebClient } from "@slack/web-api";
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS } from "../../records/import-rows.js";
import { defaultReminderSettings } from "../../reminders/settings.js";
import { recordPresetOf } from "../forms/record.js";
import { failureText, logFailure, slackErrorCode } from "../runtime/failures.js";
import { canEdit, type Requester, requester } from "../runtime/request.js";
import type { Services } from "../runtime/services.js";
import { clientFor, retryAfterOf } from "../runtime/shared-web-client.js";
import { importFileModal } from "../views/modals/import.js";
import { eligibilityStepModal, profileModal, recordAuditModal } from "../views/modals/index.js";
import { loadingModal } from "../views/modals/loading.js";
import { remindModal } from "../views/modals/remind.js";
import { noticeModal } from "../views/notice-modal.js";
import { refusalText } from "../views/refusal.js";

export type ModalKind = "check" | "profile" | "record" | "remind" | "import";

export interface OpenRequest {
  client: WebClient;
  triggerId: string;
  userId: string;
  context: { teamId?: string | undefined; enterpriseId?: string | undefined };
  body: unknown;
  channelId?: string | undefined;
  /** Tells the person something when no modal could be shown (e.g. the trigger expired). */
  tell: (text: string) => Promise<void>;
  /** Who is asking, when the caller already knows (saves a second read of their language). */
  who?: Requester;
  /** For the record modal opened from a reminder: the obligation whose type and objectives fill it in. */
  obligationId?: string;
}

/**
 * A trigger_id lives 3 s. A views.open still unanswered after 4 s will not open anything (Slack answers
 * expired_trigger_id by then); a failed call is retried once only within the first 2.5 s.
 */
export const VIEWS_OPEN_TIMEOUT_MS = 4_000;
const VIEWS_OPEN_RETRY_MS = 2_500;
/** A rate limit whose Retry-After still fits in the trigger's life is waited out once; a longer one is not. */
const SHORT_RETRY_AFTER_S = 1;

/** One per API address (there is one in production); each request's token is given with its call (clientFor). */
const triggerClients = new Map<string, WebClient>();

/**
 * The client views.open is called with: the request's own token and API address, but a rate limit (429) rejects
 * at once instead of waiting for Retry-After (which can be 30 s, ten times the trigger's life), one quick retry
 * of a failed call, and no call longer than VIEWS_OPEN_TIMEOUT_MS.
 */
export function triggerClient(client: WebClient): WebClient {
  let shared = triggerClients.get(client.slackApiUrl);
  if (!shared) {
    shared = new WebClient(undefined, {
      slackApiUrl: client.slackApiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: {
        retries: 1,
        factor: 1,
        minTimeout: 200,
        maxTimeout: 200,
        maxRetryTime: VIEWS_OPEN_RETRY_MS,
      },
      timeout: VIEWS_OPEN_TIMEOUT_MS,
      logLevel: LogLevel.ERROR,
    });
    triggerClients.set(client.slackApiUrl, shared);
  }
  return client.token ? clientFor(shared, client.token) : shared;
}

/** views.open with the trigger client; a rate limit of at most SHORT_RETRY_AFTER_S is waited out once. */
async function openLoading(client: WebClient, triggerId: string) {
  const open = () => triggerClient(client).views.open({ trigger_id: triggerId, view: loadingModal() });
  try {
    return await open();
  } catch (error) {
    const retryAfter = retryAfterOf(error);
    if (retryAfter === undefined || retryAfter > SHORT_RETRY_AFTER_S) throw error;
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000));
    return open();
  }
}

/** What the modal of each kind shows once the profile is loaded; a refusal when the person may not edit. */
async function contentFor(
  kind: ModalKind,
  services: Services,
  client: WebClient,
  who: Requester,
  request: Pick<OpenRequest, "channelId" | "obligationId">,
) {
  const { channelId } = request;
  const asOf = services.clock();
  const ctx = { rules: services.engine.rules, t: who.t, asOf };
  const { profile, revision } = await services.profiles.get(who.team);
  if (kind === "check") {
    const answers = profile.eligibility?.answers ?? {};
    // No step: the builder starts at the rules' first step (steps need not be numbered from 1).
    return eligibilityStepModal({ answers, baseRevision: revision, channelId }, ctx);
  }
  const allowed = await canEdit(services, client, who, profile);
  // A refusal names who can do it and how to be added.
  if (!allowed)
    return noticeModal(who.t("app.notAllowedTitle"), refusalText(kind, profile.editors, who.t), ctx);
  if (kind === "import") return importFileModal(ctx, { rows: MAX_IMPORT_ROWS, bytes: MAX_IMPORT_BYTES });
  if (kind === "remind") {
    // A team's first settings start in the language of the person setting them up.
    const saved = await services.reminders.get(who.team);
    return remindModal(saved ?? { ...defaultReminderSettings(), locale: who.locale }, ctx);
  }
  if (kind === "profile") {
    const facts = await services.users.lookup(client, who.team, who.userId);
    return profileModal({ profile, revision }, ctx, { canEditEditors: facts.isAdmin || facts.isOwner });
  }
  // From a reminder: filled in with its obligation's type and objectives, looked up in the timeline computed now
  // (an id no longer there — done, or moved on — opens the plain form).
  const obligation =
    request.obligationId === undefined
      ? undefined
      : services.engine.obligations(profile, asOf).obligations.find((o) => o.id === request.obligationId);
  return recordAuditModal(ctx, { baseRevision: revision, ...recordPresetOf(obligation) });
}

/**
 * Opens a modal straight away (the trigger_id lives 3 s), then loads the person's language and the team's profile
 * and fills it in with views.update. A conflicting hash means the view changed in between; the loading view has
 * no input to lose, so it is replaced regardless.
 */
export async function openModal(kind: ModalKind, services: Services, request: OpenRequest): Promise<void> {
  await openThenLoad(kind, services, request, (who) =>
    contentFor(kind, services, request.client, who, request),
  );
}

/**
 * The flow every modal follows: the loading view on the trigger at once, then `load` (with the person's language)
 * fills it in. A failed open is told to the person in their language (expired trigger, rate limit, failure); a
 * failed load shows a clear error view in the modal. `label` names the modal in logs.
 */
async function openThenLoad(
  label: string,
  services: Services,
  request: OpenRequest,
  load: (who: Requester) => Promise<ModalView>,
): Promise<void> {
  let viewId: string | undefined;
  let hash: string | undefined;
  try {
    const opened = await openLoading(request.client, request.triggerId);
    viewId = opened.view?.id;
    hash = opened.view?.hash;
  } catch (error) {
    const who =
      request.who ??
      (await requester(services, request.client, request.context, request.body, request.userId));
    if (slackErrorCode(error) === "expired_trigger_id") {
      await request.tell(who.t("app.triggerExpired"));
    } else if (retryAfterOf(error) !== undefined) {
      services.logger.warn(`views.open(${label}) rate limited: the person is asked to try again`);
      await request.tell(who.t("app.rateLimited"));
    } else {
      logFailure(services, `views.open(${label})`, error);
      await request.tell(failureText(error, who.t));
    }
    return;
  }
  if (!viewId) return;
  const who =
    request.who ?? (await requester(services, request.client, request.context, request.body, request.userId));
  let view: ModalView;
  try {
    view = await load(who);
  } catch (error) {
    logFailure(services, `load ${label} modal`, error);
    view = noticeModal(who.t("app.errorTitle"), failureText(error, who.t), {
      rules: services.engine.rules,
      t: who.t,
      asOf: services.clock(),
    });
  }
  try {
    await request.client.views.update({ view_id: viewId, ...(hash ? { hash } : {}), view });
  } catch (error) {
    if (slackErrorCode(error) === "hash_conflict") {
      await request.client.views.update({ view_id: viewId, view });
      return;
    }
    throw error;
  }
}
