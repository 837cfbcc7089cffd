/** The sandbox server's JSON endpoints: requests (failures shown as toasts) and file uploads. */
import { toast } from "./dom.js";
import { page, t } from "./state.js";

export async function api(path, body) {
  let response;
  try {
    response = await fetch(path, {
      method: body === undefined ? "GET" : "POST",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    toast(t("notReachable"), "error");
    throw new Error("unreachable");
  }
  const json = await response.json().catch(() => ({}));
  if (!response.ok && response.status !== 409) toast(`${path}: ${json.error ?? response.status}`, "error");
  return json;
}

/** A file picked in a file_input: its bytes go to the emulator (as base64 in JSON); resolves with its Slack JSON. */
export async function uploadFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const answer = await api("/sandbox/upload", { user: page.userId, name: file.name, data: btoa(binary) });
  if (!answer.ok) throw new Error(answer.error || "upload failed");
  return answer.file;
}
