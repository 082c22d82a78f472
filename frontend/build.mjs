// Build-time only: compiles the stylesheet and copies the front-end assets into the jar's
// static folder. Run by Maven (exec-maven-plugin) after `npm ci`; nothing is fetched at run time.
import * as sass from "sass";
import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
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
// The network map: Cytoscape.js with the fCoSE layout and SVG export, in one file, loaded
// only by the map page.
const vendor = [
  "cytoscape/dist/cytoscape.min.js",
  "layout-base/layout-base.js",
  "cose-base/cose-base.js",
  "cytoscape-fcose/cytoscape-fcose.js",
  "cytoscape-svg/cytoscape-svg.js",
].map((file) => readFileSync(resolve(here, "node_modules", file), "utf8"));
writeFileSync(resolve(out, "js/cytoscape-bundle.js"), vendor.join(";\n"));
cpSync(resolve(here, "src/network-map.js"), resolve(out, "js/network-map.js"));
console.log(`front-end assets written to ${out}`);
