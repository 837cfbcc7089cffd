/**
 * Slack's own surfaces in the sandbox page, beside the chrome of sandbox.js: the Agents & AI Apps panel (a drawer:
 * open a thread, see the suggested prompts and the status, ask, read the answers, press 👍 / 👎) and a Workflow
 * Builder step run (a form with the step's inputs, then its outputs or its error). Talks to the routes of
 * dev/sandbox/surfaces.ts; answers are drawn by blockkit.js and their buttons go through /sandbox/action.
 */
import { collectState, createContext, mrkdwnToHtml, renderBlocks } from "/assets/blockkit.js";

const POLL_MS = 400;
const $ = (selector) => document.querySelector(selector);

const surfaces = {
  config: null,
  strings: null,
  panel: { threadTs: null, channel: null, revision: -1, timer: null },
};

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function post(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return response.json();
}

function userId() {
  return $("#user-picker")?.value || surfaces.config.users[0].id;
}

function lang() {
  const u = surfaces.config.users.find((x) => x.id === userId());
  return u?.locale === "en" ? "en" : "ja";
}

function t(key, params = {}) {
  const message = surfaces.strings[lang()][key] ?? surfaces.strings.en[key] ?? key;
  return message.replace(/\{(\w+)\}/g, (whole, name) => params[name] ?? whole);
}

/** The channel the person is looking at in the main pane, when it is a channel (the panel's context). */
function viewingChannel() {
  const title = ($("#pane-title")?.textContent ?? "").trim();
  const channel = surfaces.config.channels.find(
    (c) => title === `# ${c.name}` || title === `#${c.name}` || title === c.name,
  );
  return channel?.id;
}

function rendererContext(extra) {
  return createContext({
    surface: "message",
    users: surfaces.config.users,
    channels: surfaces.config.channels,
    bot: surfaces.config.bot,
    t: (key) => key,
    ...extra,
  });
}

// ------------------------------------------------------------------ assistant panel

function buildPanel() {
  const panel = el("aside", "assistant-panel");
  panel.id = "assistant-panel";
  panel.hidden = true;
  panel.setAttribute("aria-label", "Assistant");
  panel.innerHTML = `
    <header class="assistant-head">
      <div class="assistant-titles"><strong class="assistant-name"></strong><span id="assistant-title" class="assistant-title"></span></div>
      <button type="button" id="assistant-new" class="chip-button"></button>
      <button type="button" id="assistant-close" class="chip-button subtle"></button>
    </header>
    <div id="assistant-viewing" class="assistant-viewing"></div>
    <div id="assistant-messages" class="assistant-messages" aria-live="polite"></div>
    <div id="assistant-status" class="assistant-status" role="status" hidden></div>
    <div id="assistant-prompts" class="assistant-prompts"></div>
    <form id="assistant-composer" class="assistant-composer" autocomplete="off">
      <textarea id="assistant-input" rows="2"></textarea>
      <button type="submit" class="send-button" id="assistant-send"></button>
    </form>`;
  document.body.append(panel);
  $("#assistant-close").addEventListener("click", closePanel);
  $("#assistant-new").addEventListener("click", startThread);
  $("#assistant-composer").addEventListener("submit", (event) => {
    event.preventDefault();
    ask($("#assistant-input").value);
  });
  $("#assistant-input").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      ask($("#assistant-input").value);
    }
  });
}

function applyPanelText() {
  $(".assistant-name").textContent = t("panelTitle");
  $("#assistant-new").textContent = t("newChat");
  $("#assistant-close").textContent = t("close");
  $("#assistant-input").placeholder = t("placeholder");
  $("#assistant-send").textContent = t("send");
  $("#assistant-open").textContent = t("openPanel");
  $("#step-open").textContent = t("stepOpen");
}

async function openPanel() {
  $("#assistant-panel").hidden = false;
  document.body.classList.add("with-assistant");
  applyPanelText();
  if (!surfaces.panel.threadTs) await startThread();
  poll();
}

function closePanel() {
  $("#assistant-panel").hidden = true;
  document.body.classList.remove("with-assistant");
  clearTimeout(surfaces.panel.timer);
}

async function startThread() {
  const viewing = viewingChannel();
  const answer = await post("/sandbox/assistant/start", { user: userId(), ...(viewing ? { viewing } : {}) });
  surfaces.panel.threadTs = answer.threadTs;
  surfaces.panel.channel = answer.channel;
  surfaces.panel.revision = -1;
  const name = viewing ? surfaces.config.channels.find((c) => c.id === viewing)?.name : undefined;
  $("#assistant-viewing").textContent = name ? t("viewing", { channel: name }) : "";
  await refreshPanel();
}

async function ask(text) {
  const question = String(text ?? "").trim();
  if (!question || !surfaces.panel.threadTs) return;
  $("#assistant-input").value = "";
  await post("/sandbox/assistant/ask", { user: userId(), threadTs: surfaces.panel.threadTs, text: question });
  await refreshPanel();
}

function poll() {
  clearTimeout(surfaces.panel.timer);
  if ($("#assistant-panel").hidden) return;
  surfaces.panel.timer = setTimeout(async () => {
    await refreshPanel().catch(() => undefined);
    poll();
  }, POLL_MS);
}

async function refreshPanel() {
  if (!surfaces.panel.threadTs) return;
  const state = await post("/sandbox/assistant/state", { user: userId(), threadTs: surfaces.panel.threadTs });
  if (!state.ok || state.revision === surfaces.panel.revision) return;
  surfaces.panel.revision = state.revision;
  const { thread, messages } = state;
  $("#assistant-title").textContent = thread.title || t("untitled");
  const status = $("#assistant-status");
  status.hidden = !thread.status;
  status.textContent = thread.status
    ? t("statusLine", { bot: surfaces.config.bot.name, status: thread.status })
    : "";
  const prompts = $("#assistant-prompts");
  prompts.replaceChildren();
  // Slack shows the prompts until the person writes.
  if (thread.prompts && !messages.some((m) => m.author === "user")) {
    if (thread.promptsTitle) prompts.append(el("div", "assistant-prompts-title", thread.promptsTitle));
    for (const prompt of thread.prompts) {
      const chip = el("button", "assistant-prompt", prompt.title);
      chip.type = "button";
      chip.title = prompt.message;
      chip.addEventListener("click", () => ask(prompt.message));
      prompts.append(chip);
    }
  }
  const list = $("#assistant-messages");
  list.replaceChildren(...messages.map(messageNode));
  list.scrollTop = list.scrollHeight;
}

function messageNode(message) {
  const node = el("article", `assistant-msg assistant-msg-${message.author}`);
  node.dataset.ts = message.ts;
  if (Array.isArray(message.blocks) && message.blocks.length > 0) {
    const ctx = rendererContext({
      dispatch: (action) =>
        post("/sandbox/action", {
          user: userId(),
          source: { kind: "message", channel: surfaces.panel.channel, ts: message.ts },
          action,
          state: collectState(ctx),
        }).then(refreshPanel),
    });
    node.append(renderBlocks(message.blocks, ctx));
  } else {
    const text = el("div", "bk-text bk-mrkdwn");
    text.innerHTML = mrkdwnToHtml(message.text, {
      users: surfaces.config.users,
      channels: surfaces.config.channels,
      bot: surfaces.config.bot,
    });
    node.append(text);
  }
  return node;
}

// ------------------------------------------------------------------ workflow step run

const STEPS = {
  ismap_what_is_due: [{ name: "days_ahead", label: "daysAhead", type: "number", value: "30" }],
  ismap_record_audit: [
    {
      name: "audit_type",
      label: "auditType",
      type: "select",
      options: ["internal", "external_controls", "external_governance", "external_management"],
    },
    { name: "audit_date", label: "auditDate", type: "date" },
    { name: "objective_ids", label: "objectiveIds", type: "text", value: "5.1.1, 5.1.2" },
    { name: "note", label: "note", type: "text" },
  ],
};

function buildStepDialog() {
  const dialog = el("dialog", "step-dialog");
  dialog.id = "step-dialog";
  document.body.append(dialog);
}

function openStepDialog() {
  const dialog = $("#step-dialog");
  dialog.replaceChildren();
  const form = el("form", "step-form");
  form.method = "dialog";
  form.append(el("h2", "step-title", t("stepTitle")));
  const pick = el("select");
  pick.id = "step-pick";
  for (const id of Object.keys(STEPS)) {
    const option = el("option", "", t(id === "ismap_what_is_due" ? "whatIsDue" : "recordAudit"));
    option.value = id;
    pick.append(option);
  }
  const pickLabel = el("label", "step-field");
  pickLabel.append(el("span", "", t("step")), pick);
  const fields = el("div", "step-fields");
  const output = el("div", "step-output");
  output.id = "step-output";
  output.setAttribute("aria-live", "polite");
  const drawFields = () => {
    fields.replaceChildren();
    for (const spec of STEPS[pick.value]) {
      const label = el("label", "step-field");
      let input;
      if (spec.type === "select") {
        input = el("select");
        for (const value of spec.options) {
          const option = el("option", "", value);
          option.value = value;
          input.append(option);
        }
      } else {
        input = el("input");
        input.type = spec.type;
        if (spec.value) input.value = spec.value;
      }
      input.name = spec.name;
      label.append(el("span", "", t(spec.label)), input);
      fields.append(label);
    }
    if (pick.value === "ismap_record_audit") {
      const who = surfaces.config.users.find((u) => u.id === userId());
      fields.append(el("p", "step-note", `${t("recordedBy")}: ${who?.realName ?? userId()}`));
    }
    output.replaceChildren();
  };
  pick.addEventListener("change", drawFields);
  const run = el("button", "send-button", t("run"));
  run.type = "button";
  run.id = "step-run";
  run.addEventListener("click", async () => {
    const inputs = {};
    for (const input of fields.querySelectorAll("input, select")) {
      if (input.value === "") continue;
      inputs[input.name] =
        input.type === "number" && /^\d+$/.test(input.value) ? Number(input.value) : input.value;
    }
    run.disabled = true;
    try {
      const answer = await post("/sandbox/step/run", { user: userId(), step: pick.value, inputs });
      showOutputs(output, answer);
    } finally {
      run.disabled = false;
    }
  });
  const close = el("button", "chip-button subtle", t("close"));
  close.type = "submit";
  const buttons = el("div", "step-buttons");
  buttons.append(run, close);
  form.append(pickLabel, fields, buttons, output);
  dialog.append(form);
  drawFields();
  dialog.showModal();
}

function showOutputs(output, answer) {
  output.replaceChildren();
  if (!answer.ok) {
    output.append(el("p", "step-error", t("notFinished", { error: answer.error ?? "?" })));
    return;
  }
  const { result } = answer;
  if (!result.ok) {
    output.append(el("h3", "step-failed", t("failed")), el("p", "step-error", result.error));
    return;
  }
  output.append(el("h3", "", t("outputs")));
  const table = el("dl", "step-outputs");
  for (const [name, value] of Object.entries(result.outputs)) {
    const text = el("dd", "bk-text bk-mrkdwn");
    text.innerHTML = mrkdwnToHtml(String(value), {
      users: surfaces.config.users,
      channels: surfaces.config.channels,
      bot: surfaces.config.bot,
    });
    text.dataset.output = name;
    table.append(el("dt", "", name), text);
  }
  output.append(table);
}

// ------------------------------------------------------------------ start

async function start() {
  const [config, own] = await Promise.all([
    fetch("/sandbox/config").then((r) => r.json()),
    post("/sandbox/surfaces/config", {}),
  ]);
  surfaces.config = config;
  surfaces.strings = own.strings;
  const openAssistant = el("button", "chip-button assistant-open");
  openAssistant.type = "button";
  openAssistant.id = "assistant-open";
  openAssistant.addEventListener("click", openPanel);
  const openStep = el("button", "chip-button step-open");
  openStep.type = "button";
  openStep.id = "step-open";
  openStep.addEventListener("click", openStepDialog);
  $(".topbar").append(openAssistant, openStep);
  buildPanel();
  buildStepDialog();
  applyPanelText();
  // Switching channel with the panel open tells the app the new context, as Slack does.
  let viewing = viewingChannel();
  new MutationObserver(() => {
    const now = viewingChannel();
    if (now === viewing) return;
    viewing = now;
    if ($("#assistant-panel").hidden || !surfaces.panel.threadTs) return;
    post("/sandbox/assistant/context", {
      user: userId(),
      threadTs: surfaces.panel.threadTs,
      ...(now ? { viewing: now } : {}),
    });
    const name = now ? surfaces.config.channels.find((c) => c.id === now)?.name : undefined;
    $("#assistant-viewing").textContent = name ? t("viewing", { channel: name }) : "";
  }).observe($("#pane-title"), { childList: true, characterData: true, subtree: true });
  // Another person picked: their own panel, in their language.
  $("#user-picker")?.addEventListener("change", () => {
    applyPanelText();
    surfaces.panel.threadTs = null;
    if (!$("#assistant-panel").hidden) startThread();
  });
}

start();
