/** Routes a Web API method name to its handler, after Slack's token checks. */
import { assistantMethods } from "./api/assistant.js";
import { authMethods } from "./api/auth.js";
import { chatMethods } from "./api/chat.js";
import { conversationsMethods } from "./api/conversations.js";
import { filesMethods } from "./api/files.js";
import { functionsMethods } from "./api/functions.js";
import type { Methods } from "./api/handler.js";
import { usersMethods } from "./api/users.js";
import { viewsMethods } from "./api/views.js";
import { SlackError } from "./slack-error.js";
import type { EmulatorContext } from "./state.js";
import type { Json } from "./types.js";

const METHODS: Methods = {
  ...authMethods,
  ...usersMethods,
  ...conversationsMethods,
  ...chatMethods,
  ...filesMethods,
  ...viewsMethods,
  ...assistantMethods,
  ...functionsMethods,
};

/** The answer to a Web API call: `unknown_method`, `not_authed`, `invalid_auth`, the method's error or result. */
export function callMethod(
  ctx: EmulatorContext,
  method: string,
  token: string | undefined,
  body: Json,
): Json {
  const handler = Object.hasOwn(METHODS, method) ? METHODS[method] : undefined;
  if (!handler) return { ok: false, error: "unknown_method" };
  if (token === undefined) return { ok: false, error: "not_authed" };
  if (!ctx.state.tokens.has(token)) return { ok: false, error: "invalid_auth" };
  try {
    return { ok: true, ...handler(ctx, body) };
  } catch (error) {
    if (error instanceof SlackError) return { ok: false, error: error.code, ...error.extra };
    throw error;
  }
}
