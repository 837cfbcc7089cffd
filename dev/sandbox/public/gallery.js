/**
 * The Block Kit gallery: a fixed sample of every block and element type the sandbox's renderer draws (and two it
 * does not), to look at and to test the renderer in a real browser. Actions and state are shown as Slack would
 * send them instead of reaching an app.
 */
import { collectState, createContext, renderBlocks } from "/assets/blockkit.js";

const plain = (text) => ({ type: "plain_text", text, emoji: true });
const md = (text) => ({ type: "mrkdwn", text });
const option = (text, value, description) => ({
  text: plain(text),
  value,
  ...(description ? { description: plain(description) } : {}),
});
const PICTURE =
  "data:image/svg+xml;utf8," +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="160" height="90"><rect width="160" height="90" rx="8" fill="#2eb67d"/><text x="80" y="55" font-size="28" font-family="sans-serif" fill="#fff" text-anchor="middle">ISMAP</text></svg>',
  );
const FRUITS = [
  option("Apple", "apple", "Red or green"),
  option("Banana", "banana"),
  option("Cherry", "cherry"),
];

export const USERS = [
  { id: "U0AIKO0001", name: "aiko", realName: "Aiko Sato" },
  { id: "U0OSCAR001", name: "oscar", realName: "Oscar Owens" },
];
export const CHANNELS = [
  { id: "C0GENERAL1", name: "general", isPrivate: false },
  { id: "G0COMPLY01", name: "compliance", isPrivate: true },
];

export const MESSAGE_BLOCKS = [
  { type: "header", text: plain("Header :white_check_mark:") },
  {
    type: "section",
    block_id: "formatting",
    text: md(
      "*bold* _italic_ ~strike~ `code` <https://example.com/docs|a link> <@U0AIKO0001> <#C0GENERAL1>\n" +
        "&lt;not a tag&gt; &amp; more :warning: :red_circle:\n" +
        "• first bullet\n• second bullet\n> a quote\n```preformatted *not bold*```",
    ),
    accessory: { type: "button", action_id: "accessory_button", text: plain("Accessory"), value: "acc" },
  },
  {
    type: "section",
    block_id: "fields",
    fields: [md("*Field one*\nvalue"), md("*Field two*\nvalue"), plain("Plain field")],
    accessory: { type: "image", image_url: PICTURE, alt_text: "a picture" },
  },
  {
    type: "section",
    block_id: "overflow_section",
    text: md("A section with an overflow menu"),
    accessory: {
      type: "overflow",
      action_id: "overflow",
      options: [option("Edit", "edit"), option("Delete", "delete")],
    },
  },
  {
    type: "context",
    elements: [{ type: "image", image_url: PICTURE, alt_text: "logo" }, md("Context _mrkdwn_")],
  },
  { type: "divider" },
  { type: "image", image_url: PICTURE, alt_text: "an image block", title: plain("Image title") },
  { type: "image", image_url: "http://127.0.0.1:9/missing.png", alt_text: "a missing image" },
  {
    type: "actions",
    block_id: "actions",
    elements: [
      { type: "button", action_id: "primary", text: plain("Primary"), style: "primary", value: "p" },
      {
        type: "button",
        action_id: "danger",
        text: plain("Danger"),
        style: "danger",
        value: "d",
        confirm: {
          title: plain("Sure?"),
          text: md("This *cannot* be undone."),
          confirm: plain("Do it"),
          deny: plain("Keep"),
          style: "danger",
        },
      },
      {
        type: "static_select",
        action_id: "grouped",
        placeholder: plain("Grouped select"),
        option_groups: [
          { label: plain("Fruit"), options: FRUITS.slice(0, 2) },
          { label: plain("Stone fruit"), options: FRUITS.slice(2) },
        ],
      },
      { type: "users_select", action_id: "user", placeholder: plain("A person") },
      { type: "conversations_select", action_id: "conversation", placeholder: plain("A conversation") },
      { type: "channels_select", action_id: "channel", placeholder: plain("A channel") },
      { type: "datepicker", action_id: "date", initial_date: "2026-11-26" },
      { type: "timepicker", action_id: "time", initial_time: "10:00" },
    ],
  },
  {
    type: "rich_text",
    elements: [
      {
        type: "rich_text_section",
        elements: [
          { type: "text", text: "Rich " },
          { type: "text", text: "bold", style: { bold: true } },
          { type: "text", text: " and " },
          { type: "link", url: "https://example.com", text: "link" },
          { type: "text", text: " for " },
          { type: "user", user_id: "U0OSCAR001" },
        ],
      },
      {
        type: "rich_text_list",
        style: "ordered",
        elements: [
          { type: "rich_text_section", elements: [{ type: "text", text: "one" }] },
          { type: "rich_text_section", elements: [{ type: "text", text: "two" }] },
        ],
      },
      { type: "rich_text_quote", elements: [{ type: "text", text: "quoted" }] },
      { type: "rich_text_preformatted", elements: [{ type: "text", text: "pre" }] },
    ],
  },
  {
    type: "context_actions",
    block_id: "feedback",
    elements: [
      {
        type: "feedback_buttons",
        action_id: "feedback",
        positive_button: { text: plain("👍"), value: "up", accessibility_label: "Helpful" },
        negative_button: { text: plain("👎"), value: "down", accessibility_label: "Not helpful" },
      },
    ],
  },
  { type: "video", title: plain("not drawn"), video_url: "https://example.com/v", alt_text: "v" },
];

export const MODAL_BLOCKS = [
  {
    type: "input",
    block_id: "name",
    label: plain("Single line"),
    hint: plain("A hint"),
    element: { type: "plain_text_input", action_id: "v", initial_value: "initial", max_length: 20 },
  },
  {
    type: "input",
    block_id: "note",
    optional: true,
    label: plain("Multiline"),
    element: { type: "plain_text_input", action_id: "v", multiline: true, placeholder: plain("Type…") },
  },
  {
    type: "input",
    block_id: "count",
    label: plain("Number"),
    element: { type: "number_input", action_id: "v", is_decimal_allowed: false },
  },
  {
    type: "input",
    block_id: "email",
    label: plain("Email"),
    element: { type: "email_text_input", action_id: "v" },
  },
  {
    type: "input",
    block_id: "url",
    label: plain("URL"),
    element: { type: "url_text_input", action_id: "v" },
  },
  {
    type: "input",
    block_id: "day",
    label: plain("Date"),
    element: { type: "datepicker", action_id: "v", initial_date: "2026-11-26" },
  },
  { type: "input", block_id: "at", label: plain("Time"), element: { type: "timepicker", action_id: "v" } },
  {
    type: "input",
    block_id: "when",
    label: plain("Date and time"),
    element: { type: "datetimepicker", action_id: "v" },
  },
  {
    type: "input",
    block_id: "fruit",
    label: plain("Static select"),
    element: { type: "static_select", action_id: "v", options: FRUITS, initial_option: FRUITS[1] },
  },
  {
    type: "input",
    block_id: "fruits",
    label: plain("Multi static select"),
    element: { type: "multi_static_select", action_id: "v", options: FRUITS },
  },
  {
    type: "input",
    block_id: "search",
    label: plain("External select"),
    element: { type: "external_select", action_id: "v", min_query_length: 1 },
  },
  {
    type: "input",
    block_id: "searches",
    label: plain("Multi external select"),
    element: { type: "multi_external_select", action_id: "v", min_query_length: 0 },
  },
  {
    type: "input",
    block_id: "people",
    label: plain("Multi users select"),
    element: { type: "multi_users_select", action_id: "v", initial_users: ["U0AIKO0001"] },
  },
  {
    type: "input",
    block_id: "rooms",
    label: plain("Multi conversations select"),
    element: { type: "multi_conversations_select", action_id: "v" },
  },
  {
    type: "input",
    block_id: "chans",
    label: plain("Multi channels select"),
    element: { type: "multi_channels_select", action_id: "v" },
  },
  {
    type: "input",
    block_id: "ticks",
    label: plain("Checkboxes"),
    element: {
      type: "checkboxes",
      action_id: "v",
      options: [
        { text: md("*One*"), value: "one", description: md("_first_") },
        { text: md("Two"), value: "two" },
      ],
      initial_options: [{ text: md("Two"), value: "two" }],
    },
  },
  {
    type: "input",
    block_id: "pick",
    dispatch_action: true,
    label: plain("Radio buttons (dispatch_action)"),
    element: { type: "radio_buttons", action_id: "v", options: FRUITS },
  },
  {
    type: "input",
    block_id: "upload",
    label: plain("File"),
    element: { type: "file_input", action_id: "v" },
  },
];

const log = document.querySelector("#actions");
const sent = [];
const dispatch = (action) => {
  sent.push(action);
  log.textContent = JSON.stringify(sent, null, 2);
};
const suggest = async ({ value }) => ({
  options: FRUITS.filter((o) => o.text.text.toLowerCase().includes(value.toLowerCase())),
});
const STRINGS = {
  optional: "(optional)",
  search: "Search…",
  selectPlaceholder: "Select an option",
  noMatches: "No matches",
  searching: "Searching…",
  remove: "Remove",
};
const common = { users: USERS, channels: CHANNELS, t: (key) => STRINGS[key] ?? key };

const messageCtx = createContext({ surface: "message", dispatch, suggest, ...common });
document.querySelector("#message-surface").append(renderBlocks(MESSAGE_BLOCKS, messageCtx));
const modalCtx = createContext({ surface: "modal", dispatch, suggest, ...common });
document.querySelector("#modal-surface").append(renderBlocks(MODAL_BLOCKS, modalCtx));
document.querySelector("#read-state").addEventListener("click", () => {
  document.querySelector("#state").textContent = JSON.stringify(collectState(modalCtx), null, 2);
});
document.body.dataset.ready = "true";
