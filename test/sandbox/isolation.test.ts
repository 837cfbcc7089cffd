/**
 * The sandbox is a development tool: nothing `npm start` runs imports it, and the production build leaves it out.
 */
import { readFileSync } from "node:fs";
import { dirname, join, normalize } from "node:path";
import { describe, expect, it } from "vitest";

/** Every file under src/ reachable from `entry` through relative imports (static and dynamic). */
function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    for (const match of source.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)) {
      const target = normalize(join(dirname(file), (match[1] as string).replace(/\.js$/, ".ts")));
      if (target.endsWith(".ts")) visit(target);
    }
  };
  visit(entry);
  return seen;
}

describe("the sandbox stays out of production", () => {
  it("src/index.ts and src/app.ts never reach src/sandbox/", () => {
    const files = [...reachable("src/index.ts"), ...reachable("src/app.ts")];
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((f) => f.startsWith(join("src", "sandbox")))).toEqual([]);
  });

  it("the production build excludes it and npm start does not run it", () => {
    const build = JSON.parse(readFileSync("tsconfig.build.json", "utf8")) as { exclude?: string[] };
    expect(build.exclude).toContain("src/sandbox/**");
    const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts.start).not.toContain("sandbox");
    expect(scripts.sandbox).toBe("tsx src/sandbox/main.ts");
  });
});
