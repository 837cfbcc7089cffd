/**
 * What never ships stays out of production: no file under src/ imports dev/ or test/, the production build compiles
 * all of src/ and nothing else, and `npm start` does not run the sandbox.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, sep } from "node:path";
import { describe, expect, it } from "vitest";

/** Every TypeScript file under `dir`. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => name.endsWith(".ts"))
    .map((name) => join(dir, name));
}

/** The files `file` imports through relative paths (static and dynamic), as repository paths. */
function relativeImports(file: string): string[] {
  const source = readFileSync(file, "utf8");
  return [...source.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map((match) =>
    normalize(join(dirname(file), match[1] as string)),
  );
}

describe("dev/ stays out of production", () => {
  it("no file under src/ imports dev/, test/ or bench/", () => {
    const files = sourceFiles("src");
    expect(files.length).toBeGreaterThan(50);
    const outside = files.flatMap((file) =>
      relativeImports(file)
        .filter((target) => ["dev", "test", "bench"].some((folder) => target.startsWith(`${folder}${sep}`)))
        .map((target) => `${file} -> ${target}`),
    );
    expect(outside).toEqual([]);
  });

  it("the production build compiles all of src/ with no excludes, and npm start does not run the sandbox", () => {
    const build = JSON.parse(readFileSync("tsconfig.build.json", "utf8")) as {
      include?: string[];
      exclude?: string[];
    };
    expect(build.include).toEqual(["src"]);
    expect(build.exclude).toBeUndefined();
    const scripts = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts.start).not.toContain("sandbox");
    expect(scripts.sandbox).toBe("tsx dev/sandbox/main.ts");
  });
});
