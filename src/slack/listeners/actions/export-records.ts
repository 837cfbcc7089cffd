import type { BlockButtonAction } from "@slack/bolt";
import { logFailure } from "../../failures.js";
import { ACTION } from "../../ids.js";
import { exportFailureText, sendExport } from "../../records-export.js";
import { requester } from "../../request.js";
import type { Services } from "../../services.js";
import type { ListenerRouter } from "../router.js";

/**
 * App Home's "Export" button: the files arrive in the person's DM with the app (where a failure is told too).
 * Anyone in the workspace may export: it only reads.
 */
export function register(app: ListenerRouter, services: Services): void {
  app.action<BlockButtonAction>(ACTION.exportRecords, async ({ ack, body, client, context }) => {
    await ack();
    const who = await requester(services, client, context, body, body.user.id);
    try {
      await sendExport(services, client, who);
    } catch (error) {
      logFailure(services, "export (home)", error);
      await client.chat
        .postMessage({ channel: body.user.id, text: exportFailureText(error, who.t) })
        .catch(() => undefined);
    }
  });
}
