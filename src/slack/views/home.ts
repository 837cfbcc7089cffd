/**
 * The App Home tab: the team's dashboard. Service, eligibility verdict (or a call to run the check), registration
 * and the current audit period, the next open obligations (the same lines as `/ismap status`), internal-audit
 * coverage, the special measure, and the buttons that open the modals and the detailed answers. Every date comes
 * from the obligations timeline. A fixed layout: its size does not grow with the number of audits on record.
 */
import type { Button, HomeView, KnownBlock } from "@slack/types";
import { startOfJstDay } from "../../lib/time.js";
import type { Caveat } from "../../rules/citations.js";
import type { EligibilityResult } from "../../rules/eligibility.js";
import { findObjective, objectiveText } from "../../rules/objectives.js";
import type { ServiceProfile } from "../../rules/service-profile.js";
import type { ReliefState, SpecialMeasureStatus } from "../../rules/special-measure.js";
import type { ObligationsTimeline } from "../../rules/timeline.js";
import { ACTION } from "../contract/ids.js";
import type { ViewContext } from "../contract/modal-context.js";
import { caveatNotice, uniqueCaveats } from "./messages/caveats.js";
import {
  coverageLines,
  coveredUntilText,
  nextObligationLines,
  nextToCover,
  periodLine,
} from "./messages/timeline.js";
import { plainText } from "./modals/text.js";
import { context, divider, escapeMrkdwn, footer, header, sections, truncate } from "./parts.js";

/** A verdict as the profile stores it (or a full result). */
export type EligibilitySummary = Pick<EligibilityResult, "verdict" | "rulesVersion" | "asOf">;

export interface HomeState {
  profile: ServiceProfile;
  revision: number;
  /** The latest verdict; defaults to the one stored in the profile. */
  eligibility?: EligibilitySummary | EligibilityResult;
  /** The team's obligations timeline at asOf: every date, count and status the dashboard shows. */
  timeline: ObligationsTimeline;
  /** Workspace admins, owners and the profile's editors: they get the edit buttons. */
  canEdit: boolean;
}

/** How many objectives the "next to lapse" list names. */
const LAPSE_LIST = 5;
/** Service fields are free text: keep the dashboard short. */
const DESCRIPTION_MAX = 300;

export function homeView(state: HomeState, ctx: ViewContext): HomeView {
  const { rules, t } = ctx;
  const { profile, timeline } = state;
  const special = timeline.special;
  const blocks: KnownBlock[] = [header(t("common.appName"))];

  // Service.
  const service = profile.service;
  const serviceLines = [
    `*${t("home.serviceTitle")}*`,
    service.name ? `*${escapeMrkdwn(service.name)}*` : `_${t("home.unnamed")}_`,
  ];
  if (service.vendor) serviceLines.push(t("home.vendor", { vendor: escapeMrkdwn(service.vendor) }));
  if (service.url) serviceLines.push(escapeMrkdwn(service.url));
  if (service.description)
    serviceLines.push(`>${escapeMrkdwn(truncate(service.description, DESCRIPTION_MAX)).replace(/\n/g, " ")}`);
  blocks.push(...sections(serviceLines.join("\n")));
  blocks.push(
    context(state.revision === 0 ? t("home.noProfile") : t("home.revision", { revision: state.revision })),
  );

  // Eligibility.
  const eligibility = state.eligibility ?? profile.eligibility?.result;
  blocks.push(divider());
  const buttons: Button[] = [
    button(eligibility ? t("home.buttons.recheck") : t("home.buttons.check"), ACTION.openCheck, !eligibility),
  ];
  if (eligibility) {
    blocks.push(
      ...sections(
        `*${t("home.eligibilityTitle")}*\n:ballot_box_with_check: *${t(`verdict.${eligibility.verdict}`)}*`,
      ),
    );
    const checkedAt = new Date(eligibility.asOf);
    const meta = [
      t("home.eligibilityMeta", {
        date: Number.isNaN(checkedAt.getTime()) ? t("common.unknown") : t.date(checkedAt),
        version: eligibility.rulesVersion,
      }),
      t("common.estimate"),
    ];
    if (eligibility.rulesVersion !== rules.meta.version) {
      meta.push(`:warning: ${t("home.eligibilityOutdated", { version: rules.meta.version })}`);
    }
    blocks.push(context(...meta));
  } else {
    blocks.push(...sections(`*${t("home.eligibilityTitle")}*\n${t("home.eligibilityNone")}`));
  }
  if (state.canEdit) {
    buttons.push(
      button(t("home.buttons.profile"), ACTION.openProfile),
      button(t("home.buttons.record"), ACTION.openRecord),
    );
  }
  buttons.push(button(t("records.export.button"), ACTION.exportRecords));
  blocks.push({ type: "actions", block_id: "home_main_actions", elements: buttons });
  if (!state.canEdit) blocks.push(context(`:lock: ${t("home.memberNote")}`));

  // Registration.
  const registration = profile.registration;
  const registrationLines = [
    `*${t("home.registrationTitle")}*`,
    t(`modal.profile.status.${registration.status}`),
  ];
  if (registration.registeredOn) {
    registrationLines.push(t("home.registeredOn", { date: t.date(registration.registeredOn) }));
  }
  const period = periodLine(timeline, t);
  if (period !== undefined) registrationLines.push(period);
  blocks.push(divider(), ...sections(registrationLines.join("\n")));

  // What is due next: the same lines as `/ismap status`.
  blocks.push(
    divider(),
    ...withAccessory(
      sections([`*${t("obligation.nextTitle")}*`, ...nextObligationLines(timeline, t)].join("\n")),
      button(t("home.buttons.audits"), ACTION.showAudits),
    ),
  );

  // Internal audit coverage: counts and the next objectives to reach their last covered day.
  const upcoming = nextToCover(timeline.coverage);
  const internalLines = [
    `*${t("audit.internal")}*`,
    ...coverageLines(timeline, t),
    `*${t("home.nextToLapse")}*`,
  ];
  if (upcoming.length === 0) internalLines.push(t("home.noneToLapse"));
  for (const entry of upcoming.slice(0, LAPSE_LIST)) {
    const objective = findObjective(rules, entry.id);
    const name = objective ? objectiveText(objective, t.locale) : entry.id;
    const icon = entry.status === "expiring" ? ":warning:" : "•";
    internalLines.push(`${icon} ${escapeMrkdwn(name)} — ${coveredUntilText(entry, t)}`);
  }
  if (upcoming.length > LAPSE_LIST) {
    internalLines.push(t("home.moreObjectives", { count: upcoming.length - LAPSE_LIST }));
  }
  blocks.push(
    ...withAccessory(sections(internalLines.join("\n")), button(t("home.buttons.plan"), ACTION.showPlan)),
  );

  // Special measure.
  const team = special.team;
  const specialLines = [
    `*${t("home.specialTitle")}*`,
    t("home.acceptance", { status: t(`specialMeasure.acceptance.${special.acceptance}`) }),
    team.listed
      ? `${t("home.listed")}${team.listedOn ? ` (${t("home.listedOn", { date: t.date(team.listedOn) })})` : ""}`
      : t("specialMeasure.relief.not_listed"),
  ];
  if (team.listed || team.reliefs.some((r) => r.status === "used")) {
    for (const relief of team.reliefs) {
      specialLines.push(
        `• ${escapeMrkdwn(truncate(t.pick(relief.text), 120))}: *${reliefLabel(relief, special, ctx)}*`,
      );
    }
  }
  blocks.push(
    divider(),
    ...withAccessory(
      sections(specialLines.join("\n")),
      button(t("home.buttons.special"), ACTION.showSpecial),
    ),
  );

  // What it rests on: counted in one line, listed behind the button (caveats listener, "home").
  const caveats = caveatNotice(homeCaveats(timeline), t, "home");
  if (caveats.length > 0) blocks.push(divider(), ...caveats);
  blocks.push(footer(rules, ctx.asOf, t));

  return { type: "home", blocks };
}

function reliefLabel(relief: ReliefState, special: SpecialMeasureStatus, ctx: ViewContext): string {
  const { t } = ctx;
  if (relief.status === "used") return t("specialMeasure.relief.used");
  if (relief.status === "available") return t("specialMeasure.relief.available");
  const { listed, listedOn } = special.team;
  const listedByNow =
    listed && (listedOn === undefined || startOfJstDay(listedOn).getTime() <= ctx.asOf.getTime());
  return listedByNow ? t("specialMeasure.relief.period_ended") : t("specialMeasure.relief.not_listed");
}

/** The caveats App Home rests on, each once: the timeline's and the special measure's. */
export function homeCaveats(timeline: ObligationsTimeline): Caveat[] {
  return uniqueCaveats([...timeline.caveats, ...timeline.special.caveats]);
}

function button(text: string, actionId: string, primary = false): Button {
  return {
    type: "button",
    action_id: actionId,
    text: plainText(text, 75),
    ...(primary ? { style: "primary" } : {}),
  };
}

/** Puts the button beside the first section (sections() returns one section unless the text is very long). */
function withAccessory(blocks: KnownBlock[], accessory: Button): KnownBlock[] {
  const [first, ...rest] = blocks;
  if (first?.type !== "section") return blocks;
  return [{ ...first, accessory }, ...rest];
}
