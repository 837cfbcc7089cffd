/** views.*: modals (single-use triggers, the view stack, hashes, external ids) and the Home tab. */
import { randomBytes } from "node:crypto";
import { validateSurface } from "../../blockkit/validate.js";
import { invalidBlocks, requireString, SlackError } from "../slack-error.js";
import { type EmulatorContext, nextHash, nextId, type Trigger } from "../state.js";
import type { IssueTriggerOptions, Json } from "../types.js";
import { isObject, str } from "../values.js";
import type { Methods } from "./handler.js";

/** Slack keeps at most three views in a modal's stack ("push_limit_reached … Currently the limit is 3"). */
export const VIEW_STACK_LIMIT = 3;
/** "view_too_large: the provided view is greater than 250kb". */
const VIEW_MAX_BYTES = 250 * 1024;

/** A trigger_id the emulator accepts once, within the trigger TTL. */
export function issueTriggerId(ctx: EmulatorContext, options: IssueTriggerOptions = {}): string {
  const id = `${Date.now()}.${Math.floor(Math.random() * 1e10)}.${randomBytes(16).toString("hex")}`;
  ctx.state.triggers.set(id, {
    userId: options.userId,
    viewId: options.viewId,
    expiresAt: Date.now() + (options.ttlMs ?? ctx.config.triggerTtlMs),
  });
  return id;
}

function consumeTrigger(ctx: EmulatorContext, body: Json): Trigger {
  const id = requireString(body, "trigger_id");
  const trigger = ctx.state.triggers.get(id);
  ctx.state.triggers.delete(id);
  if (!trigger || trigger.expiresAt < Date.now()) throw new SlackError("expired_trigger_id");
  return trigger;
}

/** The view in `body`, checked as Slack checks it (type, size, Block Kit, external_id unique). */
export function checkView(ctx: EmulatorContext, body: Json, type: "modal" | "home"): Json {
  const view = body.view;
  if (!isObject(view))
    throw new SlackError("invalid_arguments", { response_metadata: { messages: ["view"] } });
  if (view.type !== type) {
    throw new SlackError("invalid_arguments", {
      response_metadata: { messages: [`[ERROR] view type must be ${type} [json-pointer:/view/type]`] },
    });
  }
  if (Buffer.byteLength(JSON.stringify(view)) > VIEW_MAX_BYTES) throw new SlackError("view_too_large");
  const problems = validateSurface({ ...view, type });
  if (problems.length > 0) throw invalidBlocks(problems, "/view");
  const externalId = str(view.external_id);
  if (externalId) {
    const owner = [...ctx.state.views.values()].find((v) => v.external_id === externalId);
    if (owner && owner.id !== body.view_id && owner.external_id !== body.external_id) {
      throw new SlackError("duplicate_external_id");
    }
  }
  return view;
}

/** Stores a view as Slack would return it, with a fresh hash. */
export function storeView(
  ctx: EmulatorContext,
  view: Json,
  fields: { id: string; rootViewId: string | null; previousViewId: string | null },
) {
  const { config } = ctx;
  const stored: Json = {
    id: fields.id,
    team_id: config.teamId,
    type: view.type,
    blocks: [],
    private_metadata: "",
    callback_id: "",
    external_id: "",
    state: { values: {} },
    clear_on_close: false,
    notify_on_close: false,
    ...view,
    hash: nextHash(),
    root_view_id: fields.rootViewId,
    previous_view_id: fields.previousViewId,
    app_id: config.appId,
    app_installed_team_id: config.teamId,
    bot_id: config.botId,
  };
  ctx.state.views.set(fields.id, stored);
  return stored;
}

function checkHash(body: Json, current: Json): void {
  const hash = str(body.hash);
  if (hash !== undefined && hash !== current.hash) throw new SlackError("hash_conflict");
}

/** The stack views.push adds to: the trigger's view's, else the person's last modal, else the newest. */
function stackFor(ctx: EmulatorContext, trigger: Trigger): string[] {
  const { state } = ctx;
  const fromView = trigger.viewId ? state.views.get(trigger.viewId) : undefined;
  const root =
    (typeof fromView?.root_view_id === "string" ? fromView.root_view_id : undefined) ??
    (trigger.userId ? state.lastStackByUser.get(trigger.userId) : undefined) ??
    [...state.stacks.keys()].at(-1);
  const stack = root ? state.stacks.get(root) : undefined;
  if (!stack) throw new SlackError("not_found");
  return stack;
}

export const viewsMethods: Methods = {
  "views.open": (ctx, body) => {
    const view = checkView(ctx, body, "modal");
    const trigger = consumeTrigger(ctx, body);
    const id = nextId(ctx, "V");
    const stored = storeView(ctx, view, { id, rootViewId: id, previousViewId: null });
    ctx.state.stacks.set(id, [id]);
    if (trigger.userId) ctx.state.lastStackByUser.set(trigger.userId, id);
    return { view: stored };
  },

  "views.push": (ctx, body) => {
    const view = checkView(ctx, body, "modal");
    const trigger = consumeTrigger(ctx, body);
    const stack = stackFor(ctx, trigger);
    if (stack.length >= VIEW_STACK_LIMIT) throw new SlackError("push_limit_reached");
    const [root] = stack;
    const id = nextId(ctx, "V");
    const stored = storeView(ctx, view, { id, rootViewId: root ?? id, previousViewId: stack.at(-1) ?? null });
    stack.push(id);
    return { view: stored };
  },

  "views.update": (ctx, body) => {
    const { state } = ctx;
    const externalId = str(body.external_id);
    const viewId = str(body.view_id);
    if (!viewId && !externalId) throw new SlackError("invalid_arguments");
    const current = viewId
      ? state.views.get(viewId)
      : [...state.views.values()].find((v) => v.external_id === externalId);
    if (!current || state.closed.has(String(current.id))) throw new SlackError("not_found");
    checkHash(body, current);
    const view = checkView(ctx, body, current.type === "home" ? "home" : "modal");
    state.errors.delete(String(current.id));
    const stored = storeView(ctx, view, {
      id: String(current.id),
      rootViewId: (current.root_view_id as string | null) ?? null,
      previousViewId: (current.previous_view_id as string | null) ?? null,
    });
    return { view: stored };
  },

  "views.publish": (ctx, body) => {
    const { state } = ctx;
    const userId = requireString(body, "user_id", "user_not_found");
    if (!state.users.has(userId)) throw new SlackError("user_not_found");
    const currentId = state.homes.get(userId);
    const current = currentId ? state.views.get(currentId) : undefined;
    if (current) checkHash(body, current);
    const view = checkView(ctx, body, "home");
    const id = currentId ?? nextId(ctx, "V");
    const stored = storeView(ctx, view, { id, rootViewId: null, previousViewId: null });
    state.homes.set(userId, id);
    return { view: stored };
  },
};
