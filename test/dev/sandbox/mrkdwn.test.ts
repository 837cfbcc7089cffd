/**
 * The page's mrkdwn formatter (dev/sandbox/public/blockkit.js, a browser module with no DOM use at import) in
 * Node: the HTML it makes for each piece of Slack's mrkdwn, and that nothing in a message can inject markup.
 */
import { beforeAll, describe, expect, it } from "vitest";

type MrkdwnToHtml = (text: string, ctx?: Record<string, unknown>) => string;
let mrkdwnToHtml: MrkdwnToHtml;
let plainTextHtml: (text: string, emoji?: boolean) => string;

beforeAll(async () => {
  const url = new URL("../../../dev/sandbox/public/blockkit.js", import.meta.url).href;
  const module = (await import(url)) as { mrkdwnToHtml: MrkdwnToHtml; plainTextHtml: typeof plainTextHtml };
  mrkdwnToHtml = module.mrkdwnToHtml;
  plainTextHtml = module.plainTextHtml;
});

const ctx = {
  users: [{ id: "U0AIKO0001", name: "aiko", realName: "Aiko Sato" }],
  channels: [{ id: "C0GENERAL1", name: "general" }],
  bot: { id: "U0SANDBOT1", name: "ismap-liu" },
};
const line = (html: string) => `<span class="bk-line">${html}</span>`;

describe("mrkdwn to HTML", () => {
  it("formats bold, italic, strike and code", () => {
    expect(mrkdwnToHtml("*bold* _italic_ ~strike~ `a*b*c`")).toBe(
      line("<strong>bold</strong> <em>italic</em> <del>strike</del> <code>a*b*c</code>"),
    );
    expect(mrkdwnToHtml("*監査*の期限")).toBe(line("<strong>監査</strong>の期限"));
    expect(mrkdwn("a*b*c and snake_case_name")).toBe(line("a*b*c and snake_case_name"));
  });

  it("links only http(s) and mailto URLs, with or without a label", () => {
    expect(mrkdwnToHtml("<https://example.com/a?b=1&amp;c=2|the docs>")).toBe(
      line(
        '<a href="https://example.com/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer">the docs</a>',
      ),
    );
    expect(mrkdwnToHtml("<mailto:a@example.com>")).toContain('href="mailto:a@example.com"');
    expect(mrkdwnToHtml("<javascript:alert(1)|click>")).toBe(line("&lt;javascript:alert(1)|click&gt;"));
  });

  it("shows mentions, channels and special mentions by name", () => {
    expect(mrkdwnToHtml("<@U0AIKO0001> <@U0SANDBOT1> <@U0NOBODY01|someone> <#C0GENERAL1> <!here>", ctx)).toBe(
      line(
        [
          '<span class="bk-mention" data-user-id="U0AIKO0001">@Aiko Sato</span>',
          '<span class="bk-mention" data-user-id="U0SANDBOT1">@ismap-liu</span>',
          '<span class="bk-mention" data-user-id="U0NOBODY01">@someone</span>',
          '<span class="bk-mention">#general</span>',
          '<span class="bk-mention bk-broadcast">@here</span>',
        ].join(" "),
      ),
    );
    expect(mrkdwnToHtml("<!date^1700000000^{date}|18 Nov 2023>")).toBe(line("18 Nov 2023"));
  });

  it("shows escaped &lt; &gt; &amp; as text, and escapes anything that could be markup", () => {
    expect(mrkdwnToHtml("&lt;b&gt; &amp;amp; <script>alert(1)</script>")).toBe(
      line("&lt;b&gt; &amp;amp; &lt;script&gt;alert(1)&lt;/script&gt;"),
    );
    expect(mrkdwnToHtml('<https://x.example/"onmouseover="alert(1)|x>')).toContain(
      'href="https://x.example/&quot;onmouseover=&quot;alert(1)"',
    );
    expect(plainTextHtml("<b>*not bold*</b> :warning:")).toBe(
      '&lt;b&gt;*not bold*&lt;/b&gt; <span class="bk-emoji" title=":warning:">⚠️</span>',
    );
  });

  it("keeps line breaks, bullets, quotes and preformatted blocks", () => {
    expect(
      mrkdwnToHtml("one\n\n• two\n  • nested\n> quoted *bold*\n```\n*raw* <@U0AIKO0001>\n```\nafter"),
    ).toBe(
      [
        line("one"),
        '<span class="bk-line bk-blank"></span>',
        '<span class="bk-line bk-bullet">• two</span>',
        '<span class="bk-line bk-bullet" style="margin-left:1em">• nested</span>',
        '<span class="bk-line bk-quote">quoted <strong>bold</strong></span>',
        '<pre class="bk-pre">*raw* &lt;@U0AIKO0001&gt;</pre>',
        line("after"),
      ].join(""),
    );
  });

  it("draws status emoji, keeps unknown :codes: as typed", () => {
    expect(mrkdwnToHtml(":red_circle: :white_check_mark: :no_such_emoji:")).toBe(
      line(
        '<span class="bk-emoji bk-dot" style="--dot:#e01e5a" title=":red_circle:"></span> ' +
          '<span class="bk-emoji bk-check" title=":white_check_mark:">✓</span> :no_such_emoji:',
      ),
    );
  });
});

function mrkdwn(text: string): string {
  return mrkdwnToHtml(text);
}
