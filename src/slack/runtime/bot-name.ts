/**
 * The app's name as Slack knows it, for hints such as "invite the app": a mention of the bot user where mrkdwn
 * renders (`<@U…>`), else the bot's own name from `auth.test` (whatever the workspace calls it), never a literal
 * that may not match the installed app. Falls back to the product name when Slack does not answer.
 */
import type { WebClient } from "@slack/web-api";
import type { Translator } from "../../i18n/translator.js";

/** `<@U…>` for the bot user Bolt's authorization found, else the bot's name as plain text. */
export async function botMention(
  client: WebClient,
  context: { botUserId?: string | undefined },
  t: Translator,
): Promise<string> {
  const id = context.botUserId;
  if (id && /^[UW][A-Z0-9]+$/.test(id)) return `<@${id}>`;
  return `@${await botName(client, t)}`;
}

/** The bot's user name (`ismap-liu`) from auth.test, for plain-text places where a mention does not render. */
export async function botName(client: WebClient, t: Translator): Promise<string> {
  try {
    const name = (await client.auth.test()).user;
    if (typeof name === "string" && /^[\p{L}\p{N}._-]{1,80}$/u.test(name)) return name;
  } catch {
    // Not worth failing a hint over: the product name stands in.
  }
  return t("common.appName");
}
