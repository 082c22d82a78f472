// Build-time only: compiles the stylesheet and copies the front-end assets into the jar's
// static folder. Run by Maven (exec-maven-plugin) after `npm ci`; nothing is fetched at run time.
import * as sass from "sass";
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? resolve(here, "../target/classes/static"));
const nhsuk = resolve(here, "node_modules/nhsuk-frontend/dist/nhsuk");

mkdirSync(resolve(out, "css"), { recursive: true });
mkdirSync(resolve(out, "js"), { recursive: true });
const css = sass.compile(resolve(here, "src/balcony.scss"), {
  style: "compressed",
  loadPaths: [resolve(here, "node_modules")],
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin"],
});
writeFileSync(resolve(out, "css/balcony.css"), css.css);
cpSync(resolve(nhsuk, "nhsuk-frontend.min.js"), resolve(out, "js/nhsuk-frontend.min.js"));
cpSync(resolve(here, "src/app.js"), resolve(out, "js/app.js"));
cpSync(resolve(here, "node_modules/htmx.org/dist/htmx.min.js"), resolve(out, "js/htmx.min.js"));
cpSync(resolve(nhsuk, "assets"), resolve(out, "assets"), { recursive: true });
console.log(`front-end assets written to ${out}`);
