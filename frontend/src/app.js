// Initialises NHS.UK frontend components; loaded as a module so no inline script is needed
// (the Content-Security-Policy forbids inline scripts and style attributes).
import { initAll } from "./nhsuk-frontend.min.js";

document.body.classList.add("js-enabled", "nhsuk-frontend-supported");
initAll();

// Code colours travel as data-colour and are applied through the CSS object model, which
// the Content-Security-Policy allows (inline style attributes are not).
function applyColours(root) {
  root.querySelectorAll("[data-colour]").forEach((el) => {
    if (/^#[0-9a-fA-F]{6}$/.test(el.dataset.colour)) {
      el.style.setProperty("--code-colour", el.dataset.colour);
    }
  });
}
applyColours(document);
document.body.addEventListener("htmx:afterSwap", (event) => applyColours(event.target));

// Coding a transcript: a selection anywhere in the text becomes exact character offsets
// (UTF-16, as the server keeps them). Each sentence carries its start offset; the text of
// a sentence's pieces joins up to exactly the sentence, so the offset of a point is the
// sentence start plus the length of the text before the point.
const transcript = document.querySelector("[data-transcript]");
if (transcript) {
  const start = document.getElementById("span-start");
  const end = document.getElementById("span-end");
  const preview = document.getElementById("span-preview");
  const clear = document.getElementById("span-clear");
  const empty = preview.textContent;
  const sentences = () => Array.from(transcript.querySelectorAll(".app-seg"));

  const offsetIn = (sentence, node, offset) => {
    const range = document.createRange();
    range.setStart(sentence, 0);
    range.setEnd(node, offset);
    return Number(sentence.dataset.start) + range.toString().length;
  };

  const boundary = (range, atStart) => {
    const node = atStart ? range.startContainer : range.endContainer;
    const offset = atStart ? range.startOffset : range.endOffset;
    const element = node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement;
    const inside = element && element.closest(".app-seg");
    if (inside && transcript.contains(inside)) {
      return offsetIn(inside, node, offset);
    }
    // The point is outside any sentence (a speaker's name, a gap): snap to the nearest
    // sentence the selection covers.
    const covered = sentences().filter((s) => range.intersectsNode(s));
    if (covered.length === 0) {
      return null;
    }
    const s = atStart ? covered[0] : covered[covered.length - 1];
    return Number(atStart ? s.dataset.start : s.dataset.end);
  };

  const reset = () => {
    start.value = "";
    end.value = "";
    preview.textContent = empty;
  };

  document.addEventListener("selectionchange", () => {
    const selection = document.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) {
      return;
    }
    const range = selection.getRangeAt(0);
    if (!transcript.contains(range.commonAncestorContainer) && !range.intersectsNode(transcript)) {
      return;
    }
    const from = boundary(range, true);
    const to = boundary(range, false);
    if (from === null || to === null || to <= from) {
      return;
    }
    start.value = String(from);
    end.value = String(to);
    const text = selection.toString().replace(/\s+/g, " ").trim();
    preview.textContent = "Selected: “" + (text.length > 160 ? text.slice(0, 157) + "…" : text) + "”";
  });
  if (clear) {
    clear.addEventListener("click", reset);
  }
}

// Survey: save answers as the respondent goes (the "Save" button does the same without scripts).
const survey = document.querySelector("form[data-autosave]");
if (survey) {
  const url = survey.getAttribute("data-autosave");
  let timer = null;
  const status = document.createElement("p");
  status.className = "nhsuk-body-s app-autosave";
  status.setAttribute("role", "status");
  survey.prepend(status);
  const save = () => {
    const answers = {};
    new FormData(survey).forEach((value, key) => {
      if (key !== "_csrf" && key !== "action") {
        answers[key] = String(value);
      }
    });
    fetch(url, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(answers) })
      .then((r) => {
        status.textContent = r.ok
          ? "Your answers so far are saved."
          : r.status === 409
            ? "This link is in use on another device, so answers here are not saved. See the note above."
            : "Could not save just now; your answers are kept on this page.";
      })
      .catch(() => {
        status.textContent = "Could not save just now; your answers are kept on this page.";
      });
  };
  survey.addEventListener("change", () => {
    clearTimeout(timer);
    timer = setTimeout(save, 600);
  });
  survey.addEventListener("submit", (event) => {
    const button = event.submitter;
    if (button && button.value === "submit") {
      if (survey.dataset.sending === "yes") {
        event.preventDefault();
        return;
      }
      survey.dataset.sending = "yes";
    }
  });
}
