/** functions.*: Workflow Builder step runs, started by the emulator and completed or failed by the app. */
import { randomBytes } from "node:crypto";
import { requireString, SlackError } from "../slack-error.js";
import { changed, type EmulatorContext, nextId } from "../state.js";
import type { EmulatorFunctionExecution, Json } from "../types.js";
import type { Methods } from "./handler.js";

/** Starts a step run: its function_execution_id and the workflow token (bot_access_token), which is accepted. */
export function issueFunctionExecution(ctx: EmulatorContext, callbackId: string): EmulatorFunctionExecution {
  const execution = { id: nextId(ctx, "Fx"), token: `xwfp-${randomBytes(12).toString("hex")}`, callbackId };
  ctx.state.tokens.add(execution.token);
  ctx.state.executions.set(execution.id, execution);
  return execution;
}

function executionOf(ctx: EmulatorContext, body: Json): EmulatorFunctionExecution {
  const execution = ctx.state.executions.get(
    requireString(body, "function_execution_id", "invalid_arguments"),
  );
  if (!execution) throw new SlackError("invalid_arguments");
  return execution;
}

export const functionsMethods: Methods = {
  "functions.completeSuccess": (ctx, body) => {
    const execution = executionOf(ctx, body);
    const outputs = body.outputs;
    execution.result = {
      ok: true,
      outputs: outputs && typeof outputs === "object" ? (outputs as Json) : {},
    };
    changed(ctx);
    return {};
  },

  "functions.completeError": (ctx, body) => {
    const execution = executionOf(ctx, body);
    execution.result = { ok: false, error: requireString(body, "error", "invalid_arguments") };
    changed(ctx);
    return {};
  },
};
