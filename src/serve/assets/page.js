// rolefit serve: each answer is POSTed when a field changes; the server
// saves it (or says why not) and the assessment follows over
// server-sent events. No framework, no build step; the server escapes
// every rubric string, and this script only ever sets text.
"use strict";

const status = document.getElementById("status");
const formPane = document.getElementById("form");
const liveStatus = document.getElementById("live-status");
const frame = document.getElementById("report");

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

async function reloadForm() {
  const response = await fetch("/form", { credentials: "same-origin" });
  if (response.ok) {
    // Server-rendered, every rubric string escaped there.
    formPane.innerHTML = await response.text();
  }
}

async function send(field) {
  const key = field.dataset.key;
  say("saving", "Saving…");
  let reply;
  try {
    const response = await fetch("/answer", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ key: key, value: valueOf(field) }),
    });
    reply = await response.json();
  } catch (e) {
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

formPane.addEventListener("change", (event) => {
  const target = event.target;
  const field = target.closest("[data-key]");
  if (field && !target.disabled) {
    send(field);
  }
});

// Enter in a one-line field saves it without submitting the form.
formPane.addEventListener("submit", (event) => event.preventDefault());

const events = new EventSource("/events");
events.onmessage = (message) => {
  const live = JSON.parse(message.data);
  liveStatus.textContent = live.message;
  if (live.state !== "computing") {
    frame.src = "/report?generation=" + live.generation;
  }
};
events.onerror = () => {
  liveStatus.textContent = "Not connected to rolefit serve: the assessment is not updating.";
};
