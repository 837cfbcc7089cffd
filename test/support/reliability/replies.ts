/** Reading what the app sent: every text a person can read, mass mentions, internals, and Block Kit validity. */
import { validateSurface } from "../../../dev/blockkit/validate.js";

type Json = Record<string, unknown>;

/** Every string under a `text` key (and the message's own text), in document order. */
export function textsOf(value: unknown): string[] {
  const out: string[] = [];
  const visit = (node: unknown, key?: string) => {
    if (typeof node === "string") {
      if (key === "text" || key === "alt_text" || key === "title" || key === "fallback") out.push(node);
      return;
    }
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (node && typeof node === "object") {
      for (const [k, v] of Object.entries(node as Json)) {
        // Data handed back to the app, never shown: a button's value, a view's private_metadata.
        if (k === "value" || k === "private_metadata" || k === "metadata") continue;
        visit(v, k);
      }
    }
  };
  visit(value);
  return out;
}

const MASS_MENTION = /<!(channel|here|everyone)\b|<!subteam\^/i;

/** A mention that would notify a whole channel or group if posted: `<!channel>`, `<!here>`, `<!everyone>`. */
export function massMentionIn(value: unknown): string | undefined {
  return textsOf(value).find((text) => MASS_MENTION.test(text));
}

const INTERNALS =
  /\n\s+at \S|Error:|TypeError|StoreUnavailable|ECONNREFUSED|redis:\/\/|node_modules|\.ts:\d+|\[object Object\]|undefined|NaN/;

/**
 * Something a person should never read: a stack trace, an error name, `undefined`, `[object Object]`. Words the
 * person typed themselves (`echoed`) do not count.
 */
export function internalsIn(value: unknown, echoed = ""): string | undefined {
  for (const text of textsOf(value)) {
    const found = INTERNALS.exec(text);
    if (found && !echoed.includes(found[0].trim())) return text;
  }
  return undefined;
}

/** Block Kit problems of a message as Slack would see them; [] when valid. */
export function messageProblems(body: Json): string[] {
  return validateSurface({ type: "message", text: body.text, blocks: body.blocks } as Parameters<
    typeof validateSurface
  >[0]).map((p) => `${p.path}: ${p.message}`);
}

export function viewProblems(view: unknown): string[] {
  return validateSurface(view as Parameters<typeof validateSurface>[0]).map((p) => `${p.path}: ${p.message}`);
}

/**
 * What is wrong with a reply a person gets, or undefined when it is fine: empty, invalid Block Kit, internals, or a
 * mass mention.
 */
export function replyProblem(body: Json, echoed = ""): string | undefined {
  const text = typeof body.text === "string" ? body.text : "";
  if (text.trim() === "" && textsOf(body.blocks).join("").trim() === "") return "empty reply";
  const problems = messageProblems(body);
  if (problems.length > 0) return `invalid Block Kit: ${problems.slice(0, 2).join("; ")}`;
  const internal = internalsIn(body, echoed);
  if (internal) return `internals shown: ${JSON.stringify(internal.slice(0, 120))}`;
  const mention = massMentionIn(body);
  if (mention) return `mass mention echoed: ${JSON.stringify(mention.slice(0, 120))}`;
  return undefined;
}
