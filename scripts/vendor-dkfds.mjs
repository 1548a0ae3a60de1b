// Copies Det Fælles Designsystem's Virk stylesheet, IBM Plex Sans fonts and icons into
// public/dkfds/, so the stylesheet's relative url()s resolve and the fonts are served from public/.
// Runs on install (postinstall); public/dkfds is generated, not committed.
import { cpSync, mkdirSync, rmSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const source = path.join(root, "node_modules", "dkfds", "dist");
const target = path.join(root, "public", "dkfds");
const { version } = JSON.parse(readFileSync(path.join(root, "node_modules", "dkfds", "package.json"), "utf8"));

rmSync(target, { recursive: true, force: true });
mkdirSync(path.join(target, "css"), { recursive: true });
cpSync(path.join(source, "css", "dkfds-virkdk.min.css"), path.join(target, "css", "dkfds-virkdk.min.css"));
for (const format of ["woff2", "woff"]) {
  cpSync(
    path.join(source, "fonts", "IBMPlexSans", "complete", format),
    path.join(target, "fonts", "IBMPlexSans", "complete", format),
    { recursive: true },
  );
}
cpSync(path.join(source, "img"), path.join(target, "img"), { recursive: true });
console.log(`dkfds ${version} copied to public/dkfds`);
