/**
 * `npm run bench` runs every bench/*.bench.ts, prints each figure and writes them all to
 * bench/results.json as [{ name, value, unit }]. `npm run bench -- <name>` runs the benches whose
 * file or figure names contain <name> (e.g. `npm run bench -- scoring`).
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

import type { BenchFigure } from "./support";

const here = path.dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];

const files = readdirSync(here)
  .filter((file) => file.endsWith(".bench.ts"))
  .sort();

const figures: BenchFigure[] = [];
for (const file of files) {
  const area = file.replace(/\.bench\.ts$/, "");
  if (filter && !area.includes(filter) && !filter.startsWith(`${area}.`)) continue;
  console.log(`\n# ${area}`);
  const module = (await import(pathToFileURL(path.join(here, file)).href)) as { run: () => Promise<BenchFigure[]> };
  const results = await module.run();
  for (const figure of results) {
    if (filter && filter.includes(".") && figure.name !== filter) continue;
    figures.push(figure);
    console.log(`${figure.name.padEnd(40)} ${String(Number(figure.value.toFixed(3))).padStart(12)} ${figure.unit}`);
  }
}

if (figures.length === 0) {
  console.error(`No benchmark matches "${filter}".`);
  process.exit(1);
}
// A partial run (`npm run bench -- <name>`) updates its own figures and keeps the others.
const output = path.join(here, "results.json");
const previous: BenchFigure[] = existsSync(output) ? (JSON.parse(readFileSync(output, "utf8")) as BenchFigure[]) : [];
const fresh = new Set(figures.map((f) => f.name));
const merged = [...previous.filter((f) => !fresh.has(f.name)), ...figures].sort((a, b) => a.name.localeCompare(b.name));
writeFileSync(output, `${JSON.stringify(merged, null, 2)}\n`);
console.log(`\nWrote ${figures.length} figures to ${path.relative(process.cwd(), output)} (${merged.length} in all)`);
