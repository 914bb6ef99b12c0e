// Sends the CSRF token with every htmx request (the server refuses state changes without it).
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector('meta[name="csrf-token"]');
  if (token) {
    event.detail.headers["X-CSRF-Token"] = token.content;
  }
});

// Composer tools (preview, image upload) and the inline reply show the server's refusal (a 4xx with a message) where their answer goes.
document.addEventListener("htmx:beforeSwap", (event) => {
  const status = event.detail.xhr.status;
  const where = event.detail.target || event.target;
  if (status >= 400 && status < 500 && (where.closest("[data-swap-errors]") || event.target.closest("[data-swap-errors]"))) {
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
  document.querySelectorAll("[data-sse-connect]").forEach((element) => {
    const source = element["htmx-internal-data"] && element["htmx-internal-data"].sseEventSource;
    if (source) {
      source.close();
    }
  });
});
window.addEventListener("pageshow", (event) => {
  if (event.persisted && document.querySelector("[data-sse-connect]")) {
    location.reload();
  }
});

// The header's light/dark switch: the server stored the choice and names it in an event; the page follows at once.
document.addEventListener("hearth:theme", (event) => {
  if (event.detail && event.detail.value) {
    document.documentElement.dataset.theme = event.detail.value;
  }
});

// A post already on the page is not added again: the inline reply and the live stream both bring the member's own.
function postAlreadyShown(html) {
  const id = /id="(post-\d+)"/.exec(html || "");
  return id !== null && document.getElementById(id[1]) !== null;
}
document.addEventListener("htmx:sseBeforeMessage", (event) => {
  if (postAlreadyShown(event.detail.data)) {
    event.preventDefault();
  }
});
document.addEventListener("htmx:beforeSwap", (event) => {
  if (event.detail.elt && event.detail.elt.matches && event.detail.elt.matches(".reply-form")
      && event.detail.xhr.status === 200 && postAlreadyShown(event.detail.serverResponse)) {
    event.detail.shouldSwap = false;
  }
});

// After an inline reply the composer starts afresh: empty text, no preview, no "replying to".
document.addEventListener("htmx:afterRequest", (event) => {
  const form = event.detail.elt;
  if (!form.matches || !form.matches(".reply-form") || !event.detail.successful) {
    return;
  }
  form.reset();
  form.querySelectorAll(".replying-to").forEach((part) => part.remove());
  const preview = document.getElementById("body-preview");
  if (preview) {
    preview.innerHTML = "";
  }
});

// Like buttons answer at once: the button and the count flip before the server replies; its "hearth:liked" event
// then sets the true state, and a failed request puts the old one back.
function showLike(form, liked, likes) {
  const button = form.querySelector("button");
  button.setAttribute("aria-pressed", String(liked));
  button.textContent = "\u2665 " + (liked ? "Liked" : "Like");
  let wish = form.querySelector("input[name=like]");
  if (liked && wish) {
    wish.remove();
  } else if (!liked && !wish) {
    wish = document.createElement("input");
    wish.type = "hidden";
    wish.name = "like";
    wish.value = "yes";
    form.appendChild(wish);
  }
  const actions = form.closest(".post-actions");
  let count = actions && actions.querySelector(".like-count");
  if (likes > 0 && actions) {
    if (!count) {
      count = document.createElement("a");
      count.className = "like-count";
      count.href = "/p/" + form.dataset.post + "/likes";
      actions.appendChild(count);
    }
    count.textContent = likes + (likes === 1 ? " like" : " likes");
  } else if (count) {
    count.remove();
  }
  form.dataset.likes = String(likes);
}
function likesShown(form) {
  const count = form.closest(".post-actions")?.querySelector(".like-count");
  return count ? parseInt(count.textContent, 10) || 0 : 0;
}
document.addEventListener("htmx:beforeRequest", (event) => {
  const form = event.detail.elt;
  if (form.matches && form.matches("form.like")) {
    const was = form.querySelector("button").getAttribute("aria-pressed") === "true";
    const likes = likesShown(form);
    form.dataset.before = JSON.stringify({ liked: was, likes: likes });
    showLike(form, !was, Math.max(0, likes + (was ? -1 : 1)));
  }
});
document.addEventListener("hearth:liked", (event) => {
  const form = event.target.closest && event.target.closest("form.like");
  if (form && event.detail) {
    showLike(form, event.detail.liked, event.detail.likes);
  }
});
document.addEventListener("htmx:afterRequest", (event) => {
  const form = event.detail.elt;
  if (form.matches && form.matches("form.like") && !event.detail.successful && form.dataset.before) {
    const before = JSON.parse(form.dataset.before);
    showLike(form, before.liked, before.likes);
  }
});

// After a boosted link the new page's content takes the focus, as a page load would put screen readers there.
document.addEventListener("htmx:afterSettle", (event) => {
  if (event.detail.boosted && event.detail.requestConfig && event.detail.requestConfig.verb === "get") {
    const main = document.getElementById("main");
    if (main) {
      main.focus({ preventScroll: true });
    }
  }
});
