/**
 * Signing and sending: Slack's v0 signature, a signed POST to the app, and what Slack does with the body of a slash
 * command's acknowledgement.
 * https://docs.slack.dev/authentication/verifying-requests-from-slack
 */
import { createHmac } from "node:crypto";
import { ACK_BODY_HEADER } from "../slack-emulator/index.js";
import { JSON_TYPE, nowSeconds, type SlackRequest } from "./request.js";

/** Slack's v0 signature of a raw body. */
export function computeSignature(secret: string, timestamp: number | string, rawBody: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${rawBody}`).digest("hex")}`;
}

export interface SignOptions {
  secret: string;
  /** Unix seconds; defaults to now. Use `nowSeconds() - 301` or older to test the 5-minute replay window. */
  timestamp?: number;
  /** Sent instead of the computed signature, to test forgeries. */
  signature?: string;
}

export function signedHeaders(rawBody: string, options: SignOptions): Record<string, string> {
  const timestamp = options.timestamp ?? nowSeconds();
  return {
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": options.signature ?? computeSignature(options.secret, timestamp, rawBody),
  };
}

export interface SendOptions extends SignOptions {
  /** Defaults to Bolt's `/slack/events`. */
  path?: string;
  headers?: Record<string, string>;
}

export interface SignedResponse {
  status: number;
  body: string;
  headers: Headers;
}

/** POSTs `rawBody` signed to `${baseUrl}/slack/events` and returns the status and body text. */
export async function sendSigned(
  baseUrl: string,
  rawBody: string,
  contentType: string,
  options: SendOptions,
): Promise<SignedResponse> {
  const url = `${baseUrl.replace(/\/$/, "")}${options.path ?? "/slack/events"}`;
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": contentType, ...signedHeaders(rawBody, options), ...options.headers },
    body: rawBody,
  });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/**
 * sendSigned for a built request. A slash command's acknowledgement that carries a message is then shown the way
 * Slack shows it: delivered to the command's response_url, where the emulator records it like any later reply
 * (marked `fromAck`, and never failed by an injected fault: Slack makes no call there).
 */
export async function sendRequest(
  baseUrl: string,
  request: SlackRequest<unknown>,
  options: SendOptions,
): Promise<SignedResponse> {
  const response = await sendSigned(baseUrl, request.body, request.contentType, options);
  if (response.status === 200) await showAcknowledgement(request.payload, response.body);
  return response;
}

/**
 * What Slack does with the body of a slash command's acknowledgement: a JSON message (or plain text) is shown to
 * the person (ephemeral unless it says in_channel). Delivered to the command's response_url; nothing for an empty
 * body or a request that is not a slash command.
 */
export async function showAcknowledgement(payload: unknown, ackBody: unknown): Promise<void> {
  const { command, response_url: responseUrl } = (payload ?? {}) as {
    command?: unknown;
    response_url?: unknown;
  };
  if (typeof command !== "string" || typeof responseUrl !== "string") return;
  let message: unknown = ackBody;
  if (typeof ackBody === "string") {
    const text = ackBody.trim();
    if (text === "") return;
    try {
      message = JSON.parse(text);
    } catch {
      message = { text };
    }
  }
  if (typeof message !== "object" || message === null) return;
  await fetch(responseUrl, {
    method: "POST",
    headers: { "content-type": JSON_TYPE, [ACK_BODY_HEADER]: "1" },
    body: JSON.stringify(message),
  });
}
