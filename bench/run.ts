/**
 * `npm run bench` runs every bench/*.bench.ts, prints each figure and writes them all to
 * bench/results.json as [{ name, value, unit }]. `npm run bench -- <name>` runs the benches whose
 * file or figure names contain <name> (e.g. `npm run bench -- scoring`).
 */
import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface BenchFigure {
  name: string;
  value: number;
  unit: string;
}

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
const output = path.join(here, "results.json");
writeFileSync(output, `${JSON.stringify(figures, null, 2)}\n`);
console.log(`\nWrote ${figures.length} figures to ${path.relative(process.cwd(), output)}`);
