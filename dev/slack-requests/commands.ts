/** Slash commands: the form body Slack posts for `/ismap`. */
import {
  DEFAULT_CHANNEL,
  DEFAULT_USER,
  FORM,
  type SlackRequest,
  type SlackRequestContext,
  VERIFICATION_TOKEN,
} from "./request.js";

export interface SlashCommandPayload {
  token: string;
  command: string;
  text: string;
  user_id: string;
  user_name: string;
  team_id: string;
  team_domain: string;
  enterprise_id?: string;
  enterprise_name?: string;
  channel_id: string;
  channel_name: string;
  trigger_id: string;
  response_url: string;
  api_app_id: string;
  is_enterprise_install: "true" | "false";
}

/** A form-encoded `/ismap` command (override any field), with a trigger_id and response_url the emulator accepts. */
export function slashCommand(
  ctx: SlackRequestContext,
  overrides: Partial<SlashCommandPayload> = {},
): SlackRequest<SlashCommandPayload> {
  const userId = overrides.user_id ?? DEFAULT_USER.id;
  const payload: SlashCommandPayload = {
    token: VERIFICATION_TOKEN,
    command: "/ismap",
    text: "",
    user_id: userId,
    user_name: DEFAULT_USER.name,
    team_id: ctx.teamId,
    team_domain: ctx.teamDomain,
    ...(ctx.enterpriseId ? { enterprise_id: ctx.enterpriseId, enterprise_name: "Fake Enterprise" } : {}),
    channel_id: DEFAULT_CHANNEL.id,
    channel_name: DEFAULT_CHANNEL.name,
    trigger_id: ctx.issueTriggerId({ userId }),
    response_url: ctx.responseUrl(),
    api_app_id: ctx.appId,
    is_enterprise_install: "false",
    ...overrides,
  };
  const fields = Object.entries(payload).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return { body: new URLSearchParams(fields).toString(), contentType: FORM, payload };
}
