/** The problems box: what Slack would have refused from the app, the loud ones marked. */
import { $, el } from "./dom.js";
import { page, t } from "./state.js";

const LOUD = new Set([
  "invalid_blocks",
  "invalid_blocks_format",
  "invalid_arguments",
  "view_too_large",
  "invalid_errors",
  "invalid_response_action",
  "invalid_options",
  "invalid_ack",
  "dispatch_failed",
  "operation_timeout",
  "push_limit_reached",
  "no_text",
]);

export function renderProblems(problems) {
  const fresh = problems.filter((p) => p.seq > page.dismissedSeq);
  const box = $("#problems");
  box.hidden = fresh.length === 0;
  if (fresh.length === 0) return box.replaceChildren();
  const loud = fresh.some((p) => LOUD.has(p.error));
  box.className = `problems${loud ? " loud" : ""}`;
  const head = el("div", "problems-head");
  const heading = el("strong", "problems-title");
  heading.append(el("span", "problem-icon", "!"), document.createTextNode(t("problemsTitle")));
  head.append(heading);
  const dismiss = el("button", "chip-button", t("dismiss"));
  dismiss.type = "button";
  dismiss.addEventListener("click", () => {
    page.dismissedSeq = Math.max(...problems.map((p) => p.seq));
    renderProblems(problems);
  });
  head.append(dismiss);
  const list = el("ul", "problems-list");
  for (const problem of fresh) {
    const item = el("li", LOUD.has(problem.error) ? "problem loud" : "problem");
    item.dataset.error = problem.error;
    const title = el("div", "problem-title");
    title.append(
      el("code", null, problem.source),
      document.createTextNode(" → "),
      el("strong", null, problem.error),
    );
    item.append(title);
    if (problem.messages.length > 0) item.append(el("pre", null, problem.messages.join("\n")));
    list.append(item);
  }
  box.replaceChildren(head, list);
}
