import type { Middleware, SlackViewAction, SlackViewMiddlewareArgs } from "@slack/bolt";
import type { StoredProfile, TeamKey } from "../../../profile/repository.js";
import { ServiceProfile } from "../../../rules/service-profile.js";
import { CALLBACK } from "../../contract/ids.js";
import { refreshHome } from "../../flows/publish-home.js";
import { parseProfileSubmission } from "../../forms/profile.js";
import type { Services } from "../../runtime/services.js";
import { parseMetadata, profileModal } from "../../views/modals/index.js";
import { noticeModal } from "../../views/notice-modal.js";
import { section } from "../../views/parts.js";
import { allowedToEdit, onSubmission } from "./submission.js";

/**
 * The profile editor's submission. Permission is checked again here (a view can be submitted by anyone who has
 * it). A save based on an old revision is refused: the form comes back with the person's input applied to the
 * newest profile and a note, so nothing they typed is lost and nobody else's change is silently overwritten.
 */
export function saveProfile(services: Services): Middleware<SlackViewMiddlewareArgs<SlackViewAction>> {
  return onSubmission(services, "save profile", async (args) => {
    const { sub, ack, client } = args;
    const { who, ctx } = sub;
    const stored = await services.profiles.get(who.team);
    if (!(await allowedToEdit(services, args, stored.profile, "profile"))) return;
    const facts = await services.users.lookup(client, who.team, who.userId);
    const canEditEditors = facts.isAdmin || facts.isOwner;
    // Only what the person changed is written: compared with the profile the form was built from, not the
    // newest one, or every field someone else saved meanwhile would count as changed back by this person.
    const { baseRevision } = parseMetadata(CALLBACK.profile, sub.view.private_metadata);
    const base = (await profileAt(services, who.team, stored, baseRevision)) ?? stored.profile;
    const parsed = parseProfileSubmission(sub.view.state.values, sub.view.private_metadata, base, ctx, {
      canEditEditors,
    });
    if (!parsed.ok) return void (await ack({ response_action: "errors", errors: parsed.errors }));

    const formAgain = (revision: number, profile = stored.profile) => {
      const view = profileModal({ profile: parsed.update(profile), revision }, ctx, { canEditEditors });
      view.blocks = [section(`:warning: ${who.t("app.staleProfile", { revision })}`), ...view.blocks];
      return view;
    };
    if (parsed.baseRevision !== stored.revision) {
      return void (await ack({ response_action: "update", view: formAgain(stored.revision) }));
    }
    await ack({
      response_action: "update",
      view: noticeModal(who.t("modal.title.profile"), who.t("app.loading"), ctx),
    });

    const saved = await services.profiles.save(who.team, {
      baseRevision: parsed.baseRevision,
      actor: who.userId,
      at: ctx.asOf,
      summary: "profile",
      update: parsed.update,
    });
    const view = saved.ok
      ? noticeModal(who.t("app.savedTitle"), who.t("app.profileSaved", { revision: saved.revision }), ctx)
      : formAgain(saved.current.revision, saved.current.profile);
    await client.views.update({ view_id: sub.view.id, view });
    if (saved.ok) await refreshHome(services, client, who);
  });
}

/** The sections of the profile the form edits; history changes elsewhere (audits, eligibility) do not matter here. */
const FORM_SECTIONS = new Set(["service", "registration", "specialMeasure", "editors"]);

/**
 * The profile as it was at `revision`, rebuilt from the newest one by undoing the form sections' changes of every
 * later save (newest first); undefined when the history does not reach back that far.
 */
async function profileAt(
  services: Services,
  team: TeamKey,
  stored: StoredProfile,
  revision: number,
): Promise<ServiceProfile | undefined> {
  if (revision === stored.revision) return stored.profile;
  if (revision > stored.revision) return undefined;
  const entries = await services.profiles.history(team, { limit: stored.revision - revision });
  if (entries.length !== stored.revision - revision) return undefined;
  const profile: Record<string, unknown> = structuredClone(stored.profile);
  for (const [index, entry] of entries.entries()) {
    if (entry.revision !== stored.revision - index) return undefined;
    for (const change of entry.changes) {
      const keys = change.path.split(".");
      if (!FORM_SECTIONS.has(keys[0] ?? "") || change.path.includes("[")) continue;
      let target = profile;
      for (const key of keys.slice(0, -1)) {
        const next = target[key];
        if (typeof next !== "object" || next === null || Array.isArray(next)) target[key] = {};
        target = target[key] as Record<string, unknown>;
      }
      const last = keys.at(-1) as string;
      if (change.before === undefined) delete target[last];
      else target[last] = structuredClone(change.before);
    }
  }
  const parsed = ServiceProfile.safeParse(profile);
  return parsed.success ? parsed.data : undefined;
}
