/** Static, external, user, conversation and channel menus, single or multi: one searchable menu for all. */
import { el } from "./dom.js";
import { fire, firesOnChange, optionJson, preserved, registerInput } from "./state.js";
import { renderText, textOf } from "./text.js";

/** Options of a static menu, flattening option groups. */
function staticOptions(element) {
  if (Array.isArray(element.options)) return element.options;
  return (element.option_groups || []).flatMap((g) => g.options || []);
}

/**
 * A Slack-like menu: a field that opens a searchable list. `load(query)` returns { options, option_groups };
 * `selected` are option objects; `onChange(selected)` runs on every change.
 */
function menu(element, ctx, slot, config) {
  const multi = config.multi;
  let selected = [...config.selected];
  const box = el("div", `bk-select${multi ? " bk-multi" : ""}`);
  const field = el("div", "bk-select-field");
  const chips = el("span", "bk-chips");
  const search = el("input", "bk-select-search", {
    type: "text",
    role: "combobox",
    "aria-expanded": "false",
    "aria-autocomplete": "list",
    autocomplete: "off",
    id: slot.inputId,
  });
  const list = el("div", "bk-menu", { role: "listbox" });
  list.hidden = true;
  field.append(chips, search);
  box.append(field, list);
  const placeholder =
    textOf(element.placeholder) || ctx.t(config.searchable ? "search" : "selectPlaceholder");
  let generation = 0;
  let timer;

  const sync = () => {
    chips.replaceChildren();
    if (multi) {
      for (const option of selected) {
        const chip = el("span", "bk-chip");
        chip.append(renderText(option.text, ctx));
        const remove = el("button", "bk-chip-remove", { type: "button", "aria-label": ctx.t("remove") });
        remove.textContent = "×";
        remove.addEventListener("click", (event) => {
          event.stopPropagation();
          selected = selected.filter((o) => o.value !== option.value);
          sync();
          config.onChange(selected);
        });
        chip.append(remove);
        chips.append(chip);
      }
      search.placeholder = selected.length === 0 ? placeholder : "";
    } else {
      search.placeholder = selected[0] ? textOf(selected[0].text) : placeholder;
      box.classList.toggle("bk-has-value", Boolean(selected[0]));
    }
    box.dataset.selected = selected.map((o) => o.value).join(",");
  };

  const close = () => {
    list.hidden = true;
    search.setAttribute("aria-expanded", "false");
    search.value = "";
  };

  const choose = (option) => {
    if (multi) {
      if (!selected.some((o) => o.value === option.value)) {
        if (element.max_selected_items && selected.length >= element.max_selected_items) return;
        selected = [...selected, option];
      }
      search.value = "";
      search.focus();
    } else {
      selected = [option];
      close();
      search.blur();
    }
    sync();
    config.onChange(selected);
    if (multi) show(search.value);
  };

  const showOptions = (answer) => {
    list.replaceChildren();
    const groups = answer.option_groups
      ? answer.option_groups
      : [{ label: null, options: answer.options || [] }];
    let count = 0;
    for (const group of groups) {
      if (group.label) {
        const label = el("div", "bk-menu-group");
        label.append(renderText(group.label, ctx));
        list.append(label);
      }
      for (const option of group.options || []) {
        if (multi && selected.some((o) => o.value === option.value)) continue;
        const item = el("div", "bk-menu-option", {
          role: "option",
          "data-value": option.value,
          "aria-selected": selected.some((o) => o.value === option.value) ? "true" : "false",
        });
        item.append(renderText(option.text, ctx));
        if (option.description) item.append(renderText(option.description, ctx, "small"));
        item.addEventListener("mousedown", (event) => event.preventDefault());
        item.addEventListener("click", () => choose(option));
        list.append(item);
        count += 1;
      }
    }
    if (count === 0) {
      const none = el("div", "bk-menu-empty");
      none.textContent = ctx.t("noMatches");
      list.append(none);
    }
  };

  const show = async (query) => {
    if (!box.isConnected) return;
    const mine = ++generation;
    list.hidden = false;
    search.setAttribute("aria-expanded", "true");
    const minLength = config.minQueryLength ?? 0;
    if (query.length < minLength) {
      list.replaceChildren();
      return;
    }
    if (config.remote) {
      const waiting = el("div", "bk-menu-empty");
      waiting.textContent = ctx.t("searching");
      list.replaceChildren(waiting);
    }
    const answer = await config.load(query);
    if (mine === generation && !list.hidden) showOptions(answer);
  };

  search.addEventListener("focus", () => show(search.value));
  search.addEventListener("input", () => {
    clearTimeout(timer);
    // Results of an earlier query must not be picked while the new ones are on their way.
    if (config.remote && !list.hidden) {
      generation += 1;
      const waiting = el("div", "bk-menu-empty");
      waiting.textContent = ctx.t("searching");
      list.replaceChildren(waiting);
    }
    timer = setTimeout(() => show(search.value), config.remote ? 200 : 0);
  });
  search.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !list.hidden) {
      event.stopPropagation();
      close();
    }
    if (event.key === "Enter") {
      event.preventDefault();
      const first = list.querySelector(".bk-menu-option");
      if (first) first.click();
    }
    if (event.key === "Backspace" && multi && search.value === "" && selected.length > 0) {
      selected = selected.slice(0, -1);
      sync();
      config.onChange(selected);
    }
  });
  search.addEventListener("blur", () => setTimeout(close, 120));
  field.addEventListener("click", () => search.focus());
  sync();
  return box;
}

const localFilter = (options) => async (query) => {
  const q = query.trim().toLowerCase();
  return { options: q === "" ? options : options.filter((o) => textOf(o.text).toLowerCase().includes(q)) };
};

/** Static, external, user, conversation and channel menus, single or multi, share one implementation. */
export function selectElement(kind) {
  return (element, ctx, slot) => {
    const multi = element.type.startsWith("multi_");
    const state = preserved(ctx, slot, element);
    let load;
    let remote = false;
    let candidates = [];
    let minQueryLength = 0;
    if (kind === "static") {
      candidates = staticOptions(element);
      load = element.option_groups
        ? async (query) => ({
            option_groups: element.option_groups.map((g) => ({
              label: g.label,
              options: (g.options || []).filter((o) =>
                textOf(o.text).toLowerCase().includes(query.trim().toLowerCase()),
              ),
            })),
          })
        : localFilter(candidates);
    } else if (kind === "external") {
      remote = true;
      minQueryLength = element.min_query_length ?? 3;
      load = (query) => ctx.suggest({ blockId: slot.blockId, actionId: element.action_id, value: query });
    } else if (kind === "users") {
      candidates = ctx.users.map((u) => ({
        text: { type: "plain_text", text: u.realName || u.name },
        value: u.id,
      }));
      load = localFilter(candidates);
    } else {
      const channels = ctx.channels.filter((c) => kind === "conversations" || !c.isPrivate);
      candidates = channels.map((c) => ({ text: { type: "plain_text", text: `#${c.name}` }, value: c.id }));
      load = localFilter(candidates);
    }
    const field = SELECT_FIELDS[kind];
    const byValue = (value) =>
      candidates.find((o) => o.value === value) ?? { text: { type: "plain_text", text: value }, value };

    let selected = [];
    if (state) {
      if (kind === "static" || kind === "external") {
        selected = multi
          ? state.selected_options || []
          : state.selected_option
            ? [state.selected_option]
            : [];
      } else {
        const ids = multi ? state[field.many] || [] : state[field.one] ? [state[field.one]] : [];
        selected = ids.map(byValue);
      }
    } else if (kind === "static" || kind === "external") {
      selected = multi
        ? element.initial_options || []
        : element.initial_option
          ? [element.initial_option]
          : [];
    } else {
      const ids = multi
        ? element[field.initialMany] || []
        : element[field.initialOne]
          ? [element[field.initialOne]]
          : [];
      selected = ids.map(byValue);
    }

    const stateOf = (chosen) => {
      if (kind === "static" || kind === "external") {
        return multi
          ? { selected_options: chosen.map(optionJson) }
          : { selected_option: chosen[0] ? optionJson(chosen[0]) : null };
      }
      return multi ? { [field.many]: chosen.map((o) => o.value) } : { [field.one]: chosen[0]?.value ?? null };
    };
    let current = selected;
    const node = menu(element, ctx, slot, {
      multi,
      remote,
      searchable: remote || kind !== "static",
      minQueryLength,
      selected,
      load,
      onChange: (chosen) => {
        current = chosen;
        if (firesOnChange(slot)) fire(ctx, slot, element, stateOf(chosen));
      },
    });
    registerInput(ctx, slot, element, () => ({ type: element.type, ...stateOf(current) }));
    return node;
  };
}

const SELECT_FIELDS = {
  users: {
    one: "selected_user",
    many: "selected_users",
    initialOne: "initial_user",
    initialMany: "initial_users",
  },
  conversations: {
    one: "selected_conversation",
    many: "selected_conversations",
    initialOne: "initial_conversation",
    initialMany: "initial_conversations",
  },
  channels: {
    one: "selected_channel",
    many: "selected_channels",
    initialOne: "initial_channel",
    initialMany: "initial_channels",
  },
};
