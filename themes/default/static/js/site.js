// Sends the CSRF token with every htmx request (the server refuses state changes without it).
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector('meta[name="csrf-token"]');
  if (token) {
    event.detail.headers["X-CSRF-Token"] = token.content;
  }
});

// Composer tools (preview, image upload) show the server's refusal (a 4xx with a message) where their answer goes.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  if (status >= 400 && status < 500 && event.target.closest("[data-swap-errors]")) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});

// An uploaded image's Markdown goes into the composer's text at the cursor, on a line of its own; the preview follows.
document.addEventListener("hearth:uploaded", (event) => {
  const form = event.target.closest("[data-insert-into]");
  const text = form && document.getElementById(form.dataset.insertInto);
  if (!text || !event.detail || !event.detail.markdown) {
    return;
  }
  const start = text.selectionStart ?? text.value.length;
  const end = text.selectionEnd ?? start;
  const before = text.value.slice(0, start);
  const line = (before && !before.endsWith("\n") ? "\n" : "") + event.detail.markdown + "\n";
  text.value = before + line + text.value.slice(end);
  text.selectionStart = text.selectionEnd = start + line.length;
  form.querySelector("input[type=file]").value = "";
  text.focus();
  text.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
});

// A file over the upload limit is not sent at all: the server would refuse it after the whole file had travelled.
document.addEventListener("htmx:confirm", (event) => {
  const input = event.target.querySelector && event.target.querySelector("input[type=file][data-max-bytes]");
  const file = input && input.files && input.files[0];
  if (file && file.size > Number(input.dataset.maxBytes)) {
    event.preventDefault();
    const status = event.target.querySelector(".upload-status");
    if (status) {
      status.innerHTML = "";
      const message = document.createElement("p");
      message.className = "error";
      message.setAttribute("role", "alert");
      message.textContent = "Images can be at most 8 MB; this file is " + (file.size / 1048576).toFixed(1) + " MB.";
      status.appendChild(message);
    }
    input.value = "";
  }
});

// A page kept in the back/forward cache would keep its live-update stream open, and a browser opens only six
// connections to a site: a member who browses on would soon find every page hanging. So a page that is left closes
// its streams, and one brought back from that cache is loaded afresh (it missed the updates in between).
window.addEventListener("pagehide", () => {
  document.querySelectorAll("[sse-connect]").forEach((element) => {
    const source = element["htmx-internal-data"] && element["htmx-internal-data"].sseEventSource;
    if (source) {
      source.close();
    }
  });
});
window.addEventListener("pageshow", (event) => {
  if (event.persisted && document.querySelector("[sse-connect]")) {
    location.reload();
  }
});
