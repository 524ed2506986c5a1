// rolefit serve: each answer is POSTed when a field changes; the server
// saves it (or says why not) and the assessment follows over
// server-sent events. No framework, no build step; the server escapes
// every rubric string, and this script only ever sets text.
"use strict";

const status = document.getElementById("status");
const formPane = document.getElementById("form");
const liveStatus = document.getElementById("live-status");
const frame = document.getElementById("report");
const whatIf = document.getElementById("what-if");
const whatIfText = document.getElementById("what-if-text");
// The score tried last: what "Keep it" saves.
let tried = null;

function say(kind, text) {
  status.className = kind;
  status.textContent = text;
}

// The value an answer sends: the numbers of the ticked principles, or the
// field's own value.
function valueOf(field) {
  if (field.tagName === "FIELDSET") {
    return Array.from(field.querySelectorAll("input[type=checkbox]:checked"))
      .map((box) => box.value)
      .join(" ");
  }
  return field.value;
}

// Shows the form afresh (the file as it is now). A field being typed in
// and not yet saved keeps what was typed, and the focus: it is saved, over
// the file as it is now, when it is left.
async function reloadForm() {
  const response = await fetch("/form", { credentials: "same-origin" });
  if (!response.ok) {
    return;
  }
  const active = document.activeElement;
  const typing =
    active && formPane.contains(active) && active.dataset.key &&
    "defaultValue" in active && active.value !== active.defaultValue
      ? { key: active.dataset.key, value: active.value }
      : null;
  // Server-rendered, every rubric string escaped there.
  formPane.innerHTML = await response.text();
  if (typing) {
    const field = formPane.querySelector(`[data-key="${CSS.escape(typing.key)}"]`);
    if (field) {
      field.value = typing.value;
      field.focus();
    }
  }
}

async function post(path, body) {
  try {
    const response = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return await response.json();
  } catch (e) {
    return null;
  }
}

async function send(field, value) {
  say("saving", "Saving…");
  const reply = await post("/answer", { key: field.dataset.key, value: value });
  if (reply === null) {
    say("error", "Not saved: the server did not answer (is rolefit serve still running?)");
    return;
  }
  if (reply.status === "saved") {
    say("saved", "Saved");
    field.removeAttribute("aria-invalid");
  } else {
    say("error", reply.message);
    if (reply.status === "refused") {
      field.setAttribute("aria-invalid", "true");
    }
  }
  const progress = document.getElementById("progress");
  if (reply.progress && progress) {
    progress.textContent = reply.progress;
  }
  if (reply.reload) {
    await reloadForm();
  }
}

// A score tried in the assessment only; nothing is saved.
async function tryScore(input) {
  if (input.value === "") {
    return;
  }
  const reply = await post("/what-if", { key: input.dataset.whatIf, value: input.value });
  if (reply === null || reply.status !== "what-if") {
    say("error", reply ? reply.message : "The server did not answer.");
    return;
  }
  tried = { key: input.dataset.whatIf, value: input.value };
  say("", "");
}

formPane.addEventListener("change", (event) => {
  const target = event.target;
  if (target.dataset.whatIf) {
    tryScore(target);
    return;
  }
  const field = target.closest("[data-key]");
  if (field && !target.disabled) {
    send(field, valueOf(field));
  }
});

// A score field takes keys 1–5 (and "2", ".", "5" for a half step; the
// arrow keys step by halves): what it held is selected on focus, so the
// first key replaces it.
formPane.addEventListener("focusin", (event) => {
  const target = event.target;
  if (target.type === "number") {
    target.select();
  }
});

formPane.addEventListener("click", async (event) => {
  // A level clicked: that score, saved as if typed.
  const level = event.target.closest("[data-score]");
  if (level && !level.disabled) {
    const field = formPane.querySelector(`[data-key="${CSS.escape(level.dataset.for)}"]`);
    if (field && !field.disabled) {
      field.value = level.dataset.score;
      send(field, field.value);
    }
    return;
  }
  const button = event.target.closest("[data-delete-story]");
  if (!button || button.disabled || !window.confirm("Delete this story from the rubric?")) {
    return;
  }
  say("saving", "Saving…");
  const reply = await post("/delete-story", { story: Number(button.dataset.deleteStory) });
  if (reply === null) {
    say("error", "Not saved: the server did not answer (is rolefit serve still running?)");
    return;
  }
  say(reply.status === "saved" ? "saved" : "error", reply.status === "saved" ? "Deleted" : reply.message);
  if (reply.reload) {
    await reloadForm();
  }
});

document.getElementById("keep").addEventListener("click", async () => {
  if (tried) {
    const field = document.querySelector(`[data-key="${tried.key}"]`);
    await send(field, tried.value);
    tried = null;
    await reloadForm();
  }
});

document.getElementById("drop").addEventListener("click", async () => {
  tried = null;
  await post("/what-if", {});
  document.querySelectorAll("[data-what-if]").forEach((input) => (input.value = ""));
});

// Enter in a one-line field saves it without submitting the form.
formPane.addEventListener("submit", (event) => event.preventDefault());

// How many times the server took in a change made to the file on disk;
// null until the first event says.
let diskChanges = null;

const events = new EventSource("/events");
events.onmessage = (message) => {
  const live = JSON.parse(message.data);
  if (diskChanges !== null && live.disk_changes > diskChanges) {
    say("changed", "The file changed on disk (an editor?): the form now shows it as it is.");
    reloadForm();
  }
  diskChanges = live.disk_changes;
  liveStatus.textContent = live.message;
  whatIf.hidden = !live.what_if;
  whatIfText.textContent = live.what_if ? "What-if, not saved: " + live.what_if : "";
  if (live.state !== "computing") {
    frame.src = "/report?generation=" + live.generation;
  }
};
events.onerror = () => {
  liveStatus.textContent = "Not connected to rolefit serve: the assessment is not updating.";
};

// Share: the folder `assess` writes, for the rubric as saved.
document.getElementById("share").addEventListener("click", async () => {
  const shared = document.getElementById("shared");
  shared.textContent = "Writing…";
  const reply = await post("/share", { redact: document.getElementById("redact").checked });
  shared.textContent = reply ? reply.message : "The server did not answer.";
});
