/**
 * keyv's deserializer, without its cost where it changes nothing. keyv stores a string value that starts with `:`
 * as `::…` and a Buffer as `:base64:…`, and its default deserializer undoes that with a JSON.parse reviver called
 * for every value of every document read: several times the cost of a plain JSON.parse. A stored text in which no
 * string literal starts with `:` has nothing to undo, so it is read with a plain JSON.parse; any other text goes
 * through keyv's own deserializer. Either way the result is exactly keyv's.
 */
import { defaultDeserialize } from "@keyv/serialize";
import type { Deserialize } from "keyv";

/**
 * A string literal (value or key) starting with `:`: in JSON one can only start the text or follow `[`, `{`, `,` or
 * `:` (whitespace aside). Text inside a string cannot match, as a quote there is escaped (`\"`).
 */
const COLON_STRING_LITERAL = /(?:^|[[{,:])\s*":/;

export const deserialize: Deserialize = (data) =>
  COLON_STRING_LITERAL.test(data) ? defaultDeserialize(data) : JSON.parse(data);
