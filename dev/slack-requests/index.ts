/**
 * Builds the HTTP requests Slack sends to an app (slash commands, interactivity payloads, Events API callbacks)
 * and posts them signed the way Slack signs them: `v0=` + HMAC-SHA256(signing secret, `v0:${timestamp}:${rawBody}`)
 * in `x-slack-signature`, with the Unix time in `x-slack-request-timestamp`.
 * https://docs.slack.dev/authentication/verifying-requests-from-slack
 *
 * Builders take a context such as a SlackEmulator, so trigger_ids and response_urls they put in a request are ones the
 * emulator accepts. The tests import them from here; the sandbox uses them to play
 * Slack's servers towards the real app.
 */

export type { SlashCommandPayload } from "./commands.js";
export { slashCommand } from "./commands.js";
export {
  appHomeOpened,
  appMention,
  appUninstalled,
  eventCallback,
  messageIm,
  tokensRevoked,
  urlVerification,
} from "./events.js";
export type {
  BlockAction,
  BlockActionsOptions,
  BlockSuggestionOptions,
  ViewPayloadOptions,
  ViewStateValues,
} from "./interactivity.js";
export { blockActions, blockSuggestion, viewClosed, viewJson, viewSubmission } from "./interactivity.js";
export type { RequestUser, SlackRequest, SlackRequestContext } from "./request.js";
export { FORM, JSON_TYPE } from "./request.js";
export type { SendOptions, SignedResponse, SignOptions } from "./signing.js";
export { computeSignature, sendRequest, sendSigned, showAcknowledgement, signedHeaders } from "./signing.js";
