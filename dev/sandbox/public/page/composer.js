/** The composer: a slash command or a message to the current place. */
import { api } from "./api.js";
import { $ } from "./dom.js";
import { currentChannelParam, page, refresh } from "./state.js";

export async function sendComposer(event) {
  event.preventDefault();
  const input = $("#composer-input");
  const text = input.value.trim();
  if (text === "") return;
  const channel = currentChannelParam();
  input.value = "";
  const path = text.startsWith("/") ? "/sandbox/command" : "/sandbox/message";
  await api(path, { user: page.userId, channel, text });
  await refresh();
}
