// Initialises NHS.UK frontend components; loaded as a module so no inline script is needed
// (the Content-Security-Policy forbids inline scripts).
import { initAll } from "./nhsuk-frontend.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();
