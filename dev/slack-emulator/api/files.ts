/**
 * files.*: the Web API steps of files.uploadV2 (an upload URL per file, then completion with the channel and
 * comment; the bytes in between go to file-routes.ts), files.info, and files people give in a file_input.
 */
import { requireString, SlackError } from "../slack-error.js";
import { changed, type EmulatorContext, nextId, nextTs } from "../state.js";
import type { EmulatorFile, Json } from "../types.js";
import { isObject, str } from "../values.js";
import { postTarget } from "./conversations.js";
import type { Methods } from "./handler.js";

const FILE_TYPES: Record<string, string> = { xlsx: "xlsx", csv: "csv", txt: "text", json: "javascript" };

function fileRecord(
  ctx: EmulatorContext,
  id: string,
  name: string,
  bytes: Buffer,
  complete: boolean,
): EmulatorFile {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
  return {
    id,
    name,
    title: name,
    filetype: FILE_TYPES[extension] ?? (extension || "binary"),
    size: bytes.length,
    bytes,
    urlPrivateDownload: `${ctx.origin}/files/${id}/download/${encodeURIComponent(name)}`,
    complete,
  };
}

function fileJson(file: EmulatorFile): Json {
  return {
    id: file.id,
    name: file.name,
    title: file.title,
    filetype: file.filetype,
    size: file.size,
    url_private: file.urlPrivateDownload,
    url_private_download: file.urlPrivateDownload,
    ...(file.channel ? { channels: [file.channel] } : {}),
  };
}

/** A file a person picked in a file_input: stored and served like an uploaded one; returns its Slack JSON. */
export function addFile(ctx: EmulatorContext, file: { name: string; bytes: Buffer; userId?: string }): Json {
  const id = nextId(ctx, "F");
  const stored = fileRecord(ctx, id, file.name, file.bytes, true);
  ctx.state.files.set(id, stored);
  changed(ctx);
  return fileJson(stored);
}

export const filesMethods: Methods = {
  "files.getUploadURLExternal": (ctx, body) => {
    const name = requireString(body, "filename");
    const length = Number(body.length);
    if (!Number.isInteger(length) || length <= 0) throw new SlackError("invalid_arguments");
    const id = nextId(ctx, "F");
    ctx.state.files.set(id, fileRecord(ctx, id, name, Buffer.alloc(0), false));
    return { upload_url: `${ctx.origin}/upload/${id}`, file_id: id };
  },

  "files.completeUploadExternal": (ctx, body) => {
    const { state } = ctx;
    const list = (typeof body.files === "string" ? JSON.parse(body.files) : body.files) as unknown;
    if (!Array.isArray(list) || list.length === 0) throw new SlackError("invalid_arguments");
    const files = list.map((entry) => {
      const file = isObject(entry) ? state.files.get(String(entry.id)) : undefined;
      if (!file || file.size === 0) throw new SlackError("file_not_found");
      if (isObject(entry) && typeof entry.title === "string") file.title = entry.title;
      return file;
    });
    const channelId = str(body.channel_id);
    if (channelId) {
      const target = postTarget(ctx, channelId);
      for (const file of files) {
        file.channel = target.channel;
        file.complete = true;
      }
      state.messages.push({
        channel: target.channel,
        ts: nextTs(ctx),
        text: str(body.initial_comment) ?? "",
        files: files.map((f) => ({ id: f.id, name: f.name, title: f.title })),
      });
    } else {
      for (const file of files) file.complete = true;
    }
    return { files: files.map((f) => fileJson(f)) };
  },

  "files.info": (ctx, body) => {
    const file = ctx.state.files.get(requireString(body, "file", "file_not_found"));
    if (!file?.complete) throw new SlackError("file_not_found");
    return { file: fileJson(file) };
  },
};
