/**
 * Slack's published Block Kit limits and placement rules, as data. Every number here was read from Slack's reference
 * pages (checked 2025): change a number here, never in the validator.
 *
 * - Surfaces and block counts: https://docs.slack.dev/reference/block-kit/blocks
 * - Modal and Home views:      https://docs.slack.dev/reference/views/modal-views
 * - Text object:               https://docs.slack.dev/reference/block-kit/composition-objects/text-object
 * - Option / option group:     https://docs.slack.dev/reference/block-kit/composition-objects/option-object
 *                              https://docs.slack.dev/reference/block-kit/composition-objects/option-group-object
 * - Confirm object:            https://docs.slack.dev/reference/block-kit/composition-objects/confirmation-dialog-object
 * - Blocks:                    https://docs.slack.dev/reference/block-kit/blocks/{header,section,context,actions,
 *                              input,image}-block
 * - Elements:                  https://docs.slack.dev/reference/block-kit/block-elements/{button,select-menu,
 *                              multi-select-menu,overflow-menu,checkboxes,radio-button-group,plain-text-input}-element
 * - Message text:              https://docs.slack.dev/changelog/2018-04-truncating-really-long-messages (40,000)
 *
 * Lengths are counted in UTF-16 code units (JavaScript `string.length`). Slack does not say how it counts; code
 * units are never fewer than code points, so a string that passes here cannot be too long for Slack.
 */

export type SurfaceType = "message" | "modal" | "home";

export const LIMITS = {
  /** "up to 50 blocks in each message, and 100 blocks in modals or Home tabs" */
  blocksPerSurface: { message: 50, modal: 100, home: 100 },
  /** chat.* `text`: Slack truncates past 40,000 characters (warning `message_truncated`). */
  messageText: 40_000,
  view: {
    titleText: 24,
    submitText: 24,
    closeText: 24,
    callbackId: 255,
    privateMetadata: 3000,
    externalId: 255,
  },
  blockId: 255,
  actionId: 255,
  /** Text object: "The minimum length is 1 and maximum length is 3000 characters." */
  textObject: { min: 1, max: 3000 },
  header: { text: 150 },
  section: { text: 3000, fields: 10, fieldText: 2000 },
  context: { elements: 10 },
  actions: { elements: 25 },
  /** Context actions block and its feedback buttons element (docs.slack.dev/reference/block-kit/blocks/context-actions-block). */
  contextActions: { elements: 5, feedbackText: 75, feedbackValue: 2000, accessibilityLabel: 75 },
  input: { label: 2000, hint: 2000 },
  image: { altText: 2000, imageUrl: 3000, title: 2000 },
  button: { text: 75, value: 2000, url: 3000, accessibilityLabel: 75 },
  option: { text: 75, value: 150, description: 75, url: 3000 },
  optionGroup: { label: 75, options: 100 },
  select: { options: 100, optionGroups: 100 },
  /** Overflow: "An array of up to five option objects" (older docs said 2–5; the current page sets no minimum). */
  overflow: { minOptions: 1, maxOptions: 5 },
  checkboxes: { options: 10 },
  radioButtons: { options: 10 },
  /** Placeholders of inputs, selects and pickers: plain_text, 150 characters. */
  placeholder: 150,
  plainTextInput: { minLengthMin: 0, minLengthMax: 3000, maxLengthMin: 1, maxLengthMax: 3000 },
  confirm: { title: 100, text: 300, confirm: 30, deny: 30 },
} as const;

export const KNOWN_BLOCK_TYPES = [
  "header",
  "section",
  "context",
  "divider",
  "image",
  "actions",
  "input",
  "rich_text",
  "context_actions",
] as const;
export type KnownBlockType = (typeof KNOWN_BLOCK_TYPES)[number];

export const KNOWN_ELEMENT_TYPES = [
  "button",
  "static_select",
  "external_select",
  "users_select",
  "conversations_select",
  "channels_select",
  "multi_static_select",
  "multi_external_select",
  "multi_users_select",
  "multi_conversations_select",
  "multi_channels_select",
  "overflow",
  "datepicker",
  "timepicker",
  "plain_text_input",
  "checkboxes",
  "radio_buttons",
  "number_input",
  "email_text_input",
  "url_text_input",
  "file_input",
] as const;
export type KnownElementType = (typeof KNOWN_ELEMENT_TYPES)[number];

/** Where an element may sit: a section's accessory, an actions block's elements, an input block's element. */
export type ElementSlot = "section" | "actions" | "input";

const SELECTS = ["section", "actions", "input"] as const;

/**
 * "Works with block types" from https://docs.slack.dev/reference/block-kit/block-elements. The actions block page
 * also lists multi-select menus among its elements, so they are allowed there too (the element table says only
 * Section and Input; the more permissive reading avoids false alarms).
 */
export const ELEMENT_SLOTS: Record<KnownElementType, readonly ElementSlot[]> = {
  button: ["section", "actions"],
  static_select: SELECTS,
  external_select: SELECTS,
  users_select: SELECTS,
  conversations_select: SELECTS,
  channels_select: SELECTS,
  multi_static_select: SELECTS,
  multi_external_select: SELECTS,
  multi_users_select: SELECTS,
  multi_conversations_select: SELECTS,
  multi_channels_select: SELECTS,
  overflow: ["section", "actions"],
  datepicker: SELECTS,
  timepicker: SELECTS,
  plain_text_input: ["input"],
  checkboxes: SELECTS,
  radio_buttons: SELECTS,
  number_input: ["input"],
  email_text_input: ["input"],
  url_text_input: ["input"],
  file_input: ["input"],
};

/**
 * "Available in surfaces" from the same table: email, URL and number inputs are for modals only; every other
 * element listed here works in modals, messages and Home tabs.
 */
export const MODAL_ONLY_ELEMENTS: readonly KnownElementType[] = [
  "number_input",
  "email_text_input",
  "url_text_input",
];

/**
 * Block types per surface. The current blocks page lists every block above, including `input`, as available in
 * Modals, Messages and Home tabs (https://docs.slack.dev/reference/block-kit/blocks). Outside a modal there is no
 * submit button, so an input block there only reaches the app through `dispatch_action: true`; Slack does not
 * reject one without it, so neither do we.
 */
/** The context actions block (feedback buttons) is a message block. */
const NOT_MESSAGE_ONLY = KNOWN_BLOCK_TYPES.filter((type) => type !== "context_actions");
export const BLOCKS_BY_SURFACE: Record<SurfaceType, readonly KnownBlockType[]> = {
  message: KNOWN_BLOCK_TYPES,
  modal: NOT_MESSAGE_ONLY,
  home: NOT_MESSAGE_ONLY,
};

/**
 * "Overflow, select, and multi-select menus can only use plain_text objects, while radio buttons and checkboxes can
 * use mrkdwn text objects" (option object reference).
 */
export const PLAIN_TEXT_OPTION_ELEMENTS: readonly KnownElementType[] = [
  "static_select",
  "multi_static_select",
  "external_select",
  "multi_external_select",
  "overflow",
];
