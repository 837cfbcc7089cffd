/**
 * The Slack client's side of modals (for the sandbox): the stack open on a person's screen, the answer Slack gives
 * a view_submission ack (errors, update, push, clear, close) and the person closing views.
 */
import { checkView, storeView, VIEW_STACK_LIMIT } from "./api/views.js";
import { recordProblem } from "./problems.js";
import { SlackError } from "./slack-error.js";
import { changed, type EmulatorContext, nextId } from "./state.js";
import type { Json, ViewSubmissionAck } from "./types.js";
import { isObject } from "./values.js";

const viewsOf = (ctx: EmulatorContext, ids: readonly string[]): Json[] =>
  ids.map((id) => ctx.state.views.get(id)).filter((v): v is Json => v !== undefined);

function openStackOf(ctx: EmulatorContext, viewId: string): { root: string; stack: string[] } | undefined {
  const { state } = ctx;
  const view = state.views.get(viewId);
  const root = typeof view?.root_view_id === "string" ? view.root_view_id : undefined;
  const stack = root ? state.stacks.get(root) : undefined;
  return root && stack && !state.closed.has(viewId) ? { root, stack } : undefined;
}

function closeStack(ctx: EmulatorContext, root: string): Json[] {
  const { state } = ctx;
  const ids = state.stacks.get(root) ?? [];
  state.stacks.delete(root);
  for (const [user, last] of state.lastStackByUser) if (last === root) state.lastStackByUser.delete(user);
  for (const id of ids) {
    state.closed.add(id);
    state.errors.delete(id);
  }
  return viewsOf(ctx, ids);
}

/** Pops views down to and including `viewId`; the modal closes when nothing is left. */
function popTo(ctx: EmulatorContext, viewId: string): Json[] {
  const open = openStackOf(ctx, viewId);
  if (!open) return [];
  const at = open.stack.indexOf(viewId);
  if (at <= 0) return closeStack(ctx, open.root);
  const removed = open.stack.splice(at);
  for (const id of removed) {
    ctx.state.closed.add(id);
    ctx.state.errors.delete(id);
  }
  return viewsOf(ctx, removed);
}

/** The views of the modal open on a person's screen, bottom first; empty when none is open. */
export function modalStack(ctx: EmulatorContext, userId: string): Json[] {
  const root = ctx.state.lastStackByUser.get(userId);
  const stack = root ? ctx.state.stacks.get(root) : undefined;
  return viewsOf(ctx, stack ?? []);
}

/** The person closes the top view (`all`: the whole modal); returns the views closed. */
export function closeView(ctx: EmulatorContext, viewId: string, options: { all?: boolean } = {}): Json[] {
  const open = openStackOf(ctx, viewId);
  if (!open) return [];
  const closed = options.all ? closeStack(ctx, open.root) : popTo(ctx, viewId);
  changed(ctx);
  return closed;
}

function ackProblem(ctx: EmulatorContext, action: string, error: unknown): { ok: false; error: string } {
  const code = error instanceof SlackError ? error.code : String(error);
  const metadata = error instanceof SlackError ? error.extra.response_metadata : undefined;
  const messages =
    isObject(metadata) && Array.isArray(metadata.messages) ? metadata.messages.map(String) : [];
  recordProblem(ctx, { source: `view_submission ack (${action})`, error: code, messages });
  return { ok: false, error: code };
}

/** The field errors of a `response_action: "errors"` ack, refused unless each names an input block. */
function submissionErrors(ctx: EmulatorContext, viewId: string, ack: ViewSubmissionAck | undefined) {
  const errors = isObject(ack?.errors) ? ack.errors : {};
  const inputs = new Set(
    ((ctx.state.views.get(viewId)?.blocks as Json[] | undefined) ?? [])
      .filter((b) => b.type === "input")
      .map((b) => String(b.block_id)),
  );
  const unknown = Object.keys(errors).filter((id) => !inputs.has(id));
  if (Object.keys(errors).length === 0 || unknown.length > 0) {
    throw new SlackError("invalid_errors", {
      response_metadata: {
        messages: [
          unknown.length > 0
            ? `[ERROR] errors name block_ids that are no input block of the view: ${unknown.join(", ")}`
            : "[ERROR] response_action errors needs at least one error",
        ],
      },
    });
  }
  return Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, String(v)]));
}

/**
 * Applies Bolt's answer to a view_submission as Slack does; a view or error that Slack would refuse leaves the
 * modal as it was and is recorded as a problem.
 */
export function applySubmissionAck(
  ctx: EmulatorContext,
  viewId: string,
  ack: ViewSubmissionAck | undefined,
): { ok: true } | { ok: false; error: string } {
  const { state } = ctx;
  const open = openStackOf(ctx, viewId);
  if (!open) return ackProblem(ctx, "none", new SlackError("not_found"));
  const action = ack?.response_action;
  try {
    switch (action) {
      case undefined:
      case "":
        popTo(ctx, viewId);
        break;
      case "clear":
        closeStack(ctx, open.root);
        break;
      case "errors":
        state.errors.set(viewId, submissionErrors(ctx, viewId, ack));
        break;
      case "update": {
        const current = state.views.get(viewId) as Json;
        const view = checkView(ctx, { view: ack?.view, view_id: viewId }, "modal");
        storeView(ctx, view, {
          id: viewId,
          rootViewId: (current.root_view_id as string | null) ?? null,
          previousViewId: (current.previous_view_id as string | null) ?? null,
        });
        state.errors.delete(viewId);
        break;
      }
      case "push": {
        const view = checkView(ctx, { view: ack?.view }, "modal");
        if (open.stack.length >= VIEW_STACK_LIMIT) throw new SlackError("push_limit_reached");
        const id = nextId(ctx, "V");
        storeView(ctx, view, { id, rootViewId: open.root, previousViewId: open.stack.at(-1) ?? null });
        open.stack.push(id);
        break;
      }
      default:
        throw new SlackError("invalid_response_action", {
          response_metadata: { messages: [`[ERROR] unknown response_action \`${String(action)}\``] },
        });
    }
  } catch (error) {
    if (error instanceof SlackError) return ackProblem(ctx, String(action ?? "none"), error);
    throw error;
  }
  changed(ctx);
  return { ok: true };
}
