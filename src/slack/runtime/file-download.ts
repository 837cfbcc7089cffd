/**
 * Fetches a file a person gave the app (a file_input in a modal): files.info for its current download address
 * and size, then the bytes with the bot token, refused past `maxBytes`. The token is only ever sent to Slack's
 * own file host (or the host of the configured Web API address, for the emulator).
 */
import type { WebClient } from "@slack/web-api";

export class FileTooLargeError extends Error {
  override readonly name = "FileTooLargeError";
}

export interface DownloadedFile {
  name: string;
  bytes: Buffer;
}

const DOWNLOAD_TIMEOUT_MS = 15_000;

function trustedFileUrl(url: string, client: WebClient): URL {
  const parsed = new URL(url);
  const api = new URL(client.slackApiUrl);
  const slackHost =
    parsed.protocol === "https:" && /(^|\.)slack\.com$|(^|\.)slack-files\.com$/.test(parsed.hostname);
  if (!slackHost && parsed.origin !== api.origin)
    throw new Error(`refusing to download from ${parsed.origin}`);
  return parsed;
}

export async function downloadSlackFile(
  client: WebClient,
  fileId: string,
  maxBytes: number,
): Promise<DownloadedFile> {
  const info = await client.files.info({ file: fileId });
  const file = info.file;
  const url = file?.url_private_download ?? file?.url_private;
  if (!file || !url) throw new Error(`files.info gave no download address for ${fileId}`);
  const name = file.name ?? file.title ?? fileId;
  if (typeof file.size === "number" && file.size > maxBytes) throw new FileTooLargeError(name);
  const response = await fetch(trustedFileUrl(url, client), {
    headers: { authorization: `Bearer ${client.token ?? ""}` },
    redirect: "error",
    signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS),
  });
  if (!response.ok || !response.body) throw new Error(`file download answered HTTP ${response.status}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > maxBytes) throw new FileTooLargeError(name);
    chunks.push(chunk);
  }
  return { name, bytes: Buffer.concat(chunks) };
}
