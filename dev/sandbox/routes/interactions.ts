/**
 * What people do with what the app showed them: press buttons and pick options (block_actions), type into an
 * external select (block_suggestion), submit or close modals, open App Home.
 */

import { toSlackErrorMessages, validateSurface } from "../../blockkit/validate.js";
import type { ViewSubmissionAck } from "../../slack-emulator/index.js";
import {
  appHomeOpened,
  type BlockAction,
  blockActions,
  blockSuggestion,
  type SlackRequest,
  type ViewStateValues,
  viewClosed,
  viewSubmission,
} from "../../slack-requests/index.js";
import { isObject, PageError } from "../page-http.js";
import {
  channelFor,
  contextFor,
  deliver,
  hasElement,
  parseAck,
  requestUser,
  type Session,
  say,
  topView,
  userOf,
  viewOnScreen,
  visibleMessage,
} from "../session.js";

type Json = Record<string, unknown>;

export async function action(session: Session, body: Json): Promise<Json> {
  const user = userOf(session, body.user);
  const act = body.action;
  if (!isObject(act) || typeof act.action_id !== "string" || typeof act.type !== "string") {
    throw new PageError(400, "invalid_action");
  }
  const actionJson = { block_id: "", ...act } as Omit<BlockAction, "action_ts">;
  const state = isObject(body.state) ? (body.state as ViewStateValues) : undefined;
  const source = isObject(body.source) ? body.source : {};
  let request: SlackRequest;
  if (source.kind === "message") {
    const channel = channelFor(session, user, source.channel);
    const found = visibleMessage(session, user, channel.id, source.ts);
    if (!hasElement(found.blocks, act.action_id)) throw new PageError(409, "stale_view");
    const binding = { channel: channel.id, userId: user.id, messageTs: found.ts };
    request = blockActions(contextFor(session, binding), {
      user: requestUser(user),
      actions: [actionJson],
      message: {
        channel: channel.id,
        ts: found.ts,
        ...(found.text !== undefined ? { text: found.text } : {}),
        ...(found.blocks ? { blocks: found.blocks } : {}),
        isEphemeral: Boolean(found.ephemeralTo),
        channelName: channel.name,
      },
      ...(state ? { state } : {}),
    });
  } else if (source.kind === "view") {
    const view = viewOnScreen(session, user, source.viewId);
    if (!hasElement(view.blocks, act.action_id)) throw new PageError(409, "stale_view");
    request = blockActions(session.emulator, {
      user: requestUser(user),
      actions: [actionJson],
      view,
      ...(state ? { state } : {}),
    });
  } else {
    throw new PageError(400, "invalid_source");
  }
  const response = await deliver(session, request, `block_actions (${act.action_id})`);
  return { ok: response.status === 200 };
}

export async function submit(session: Session, body: Json): Promise<Json> {
  const { emulator } = session;
  const user = userOf(session, body.user);
  const view = topView(session, user, body.viewId);
  const values = isObject(body.values) ? (body.values as ViewStateValues) : {};
  // Slack's client checks required inputs before anything is sent.
  const missing = missingRequired(view, values);
  if (missing.length > 0) {
    const message = say(session, user, "required");
    return { ok: false, errors: Object.fromEntries(missing.map((id) => [id, message])) };
  }
  const request = viewSubmission(emulator, { user: requestUser(user), view, values });
  const response = await deliver(session, request, `view_submission (${String(view.callback_id)})`);
  if (response.status !== 200) return { ok: false, error: "dispatch_failed" };
  const ack = parseAck(session, response, "view_submission ack");
  const applied = emulator.applySubmissionAck(String(view.id), ack as ViewSubmissionAck | undefined);
  return applied.ok
    ? { ok: true, responseAction: ack?.response_action ?? "close" }
    : { ok: false, error: applied.error };
}

export async function close(session: Session, body: Json): Promise<Json> {
  const user = userOf(session, body.user);
  const view = topView(session, user, body.viewId);
  const closed = session.emulator.closeView(String(view.id), { all: body.all === true });
  for (const gone of closed) {
    if (gone.notify_on_close === true) {
      const request = viewClosed(session.emulator, { user: requestUser(user), view: gone });
      await deliver(session, request, "view_closed");
    }
  }
  return { ok: true, closed: closed.length };
}

export async function suggestions(session: Session, body: Json): Promise<Json> {
  const { emulator } = session;
  const user = userOf(session, body.user);
  const view = viewOnScreen(session, user, body.viewId);
  const actionId = String(body.actionId ?? "");
  const blockId = String(body.blockId ?? "");
  if (!hasElement(view.blocks, actionId)) throw new PageError(409, "stale_view");
  const request = blockSuggestion(emulator, {
    user: requestUser(user),
    actionId,
    blockId,
    value: String(body.value ?? ""),
    view,
  });
  const response = await deliver(session, request, `block_suggestion (${actionId})`);
  const answer = parseAck(session, response, `block_suggestion (${actionId})`) ?? {};
  const list = Array.isArray(answer.options) ? answer.options : undefined;
  const groups = Array.isArray(answer.option_groups) ? answer.option_groups : undefined;
  if ((list?.length ?? 0) === 0 && (groups?.length ?? 0) === 0) return { options: [] };
  // The same limits as a static menu's options (100 at most, text of 75 characters …).
  const problems = validateSurface({
    type: "modal",
    title: { type: "plain_text", text: "options" },
    submit: { type: "plain_text", text: "OK" },
    blocks: [
      {
        type: "input",
        block_id: "options",
        label: { type: "plain_text", text: "options" },
        element: {
          type: "static_select",
          action_id: "options",
          ...(list ? { options: list } : { option_groups: groups }),
        },
      },
    ],
  });
  if (problems.length > 0) {
    emulator.recordProblem({
      source: `block_suggestion (${actionId})`,
      error: "invalid_options",
      messages: toSlackErrorMessages(problems, ""),
    });
    return { options: [] };
  }
  return list ? { options: list } : { option_groups: groups };
}

export async function home(session: Session, body: Json): Promise<Json> {
  const user = userOf(session, body.user);
  const response = await deliver(
    session,
    appHomeOpened(session.emulator, { user: user.id }),
    "app_home_opened",
  );
  return { ok: response.status === 200 };
}

/** Input blocks that must have a value and have none (Slack's client refuses to submit those). */
export function missingRequired(view: Json, values: ViewStateValues): string[] {
  const blocks = Array.isArray(view.blocks) ? (view.blocks as Json[]) : [];
  const missing: string[] = [];
  for (const block of blocks) {
    if (block.type !== "input" || block.optional === true || typeof block.block_id !== "string") continue;
    const element = isObject(block.element) ? block.element : {};
    const state = values[block.block_id]?.[String(element.action_id)];
    if (!state || isEmptyState(state)) missing.push(block.block_id);
  }
  return missing;
}

function isEmptyState(state: Json): boolean {
  for (const [key, value] of Object.entries(state)) {
    if (key === "type") continue;
    if (Array.isArray(value) ? value.length > 0 : value !== null && value !== undefined && value !== "") {
      return false;
    }
  }
  return true;
}
