/** assistant.threads.*: what the assistant panel shows for a thread (status, title, suggested prompts). */
import { requireString, SlackError } from "../slack-error.js";
import { changed, type EmulatorContext } from "../state.js";
import type { EmulatorAssistantThread, Json } from "../types.js";
import { str } from "../values.js";
import type { Methods } from "./handler.js";

function threadOf(ctx: EmulatorContext, body: Json): EmulatorAssistantThread {
  const channel = requireString(body, "channel_id", "channel_not_found");
  const threadTs = requireString(body, "thread_ts", "invalid_arguments");
  const key = `${channel}:${threadTs}`;
  const thread = ctx.state.assistantThreads.get(key) ?? {};
  ctx.state.assistantThreads.set(key, thread);
  changed(ctx);
  return thread;
}

export const assistantMethods: Methods = {
  "assistant.threads.setStatus": (ctx, body) => {
    const status = body.status;
    if (typeof status !== "string") throw new SlackError("invalid_arguments");
    threadOf(ctx, body).status = status;
    return {};
  },

  "assistant.threads.setTitle": (ctx, body) => {
    threadOf(ctx, body).title = requireString(body, "title", "invalid_arguments");
    return {};
  },

  "assistant.threads.setSuggestedPrompts": (ctx, body) => {
    const prompts = body.prompts;
    // Slack shows at most four prompts.
    if (!Array.isArray(prompts) || prompts.length === 0 || prompts.length > 4) {
      throw new SlackError("invalid_arguments");
    }
    const thread = threadOf(ctx, body);
    thread.prompts = prompts.map((p) => ({
      title: String(p?.title ?? ""),
      message: String(p?.message ?? ""),
    }));
    const title = str(body.title);
    if (title !== undefined) thread.promptsTitle = title;
    return {};
  },
};
