// Suggests members after "@" in the reply and new-topic boxes. Without this script, typing the username works too.
(() => {
  const typedMention = /(?:^|[^A-Za-z0-9_.@-])@([A-Za-z0-9_.-]{1,20})$/;

  function attach(box) {
    const list = document.createElement("ul");
    list.className = "mention-suggestions";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    box.insertAdjacentElement("afterend", list);
    let timer = null;
    let asked = "";
    let chosen = -1;

    const close = () => { list.hidden = true; list.replaceChildren(); chosen = -1; };

    const insert = (username) => {
      const caret = box.selectionStart;
      const before = box.value.slice(0, caret).replace(/@[A-Za-z0-9_.-]*$/, "@" + username + " ");
      box.value = before + box.value.slice(caret);
      box.setSelectionRange(before.length, before.length);
      close();
      box.focus();
    };

    const highlight = (index) => {
      const items = list.querySelectorAll("li");
      chosen = (index + items.length) % items.length;
      items.forEach((item, i) => item.setAttribute("aria-selected", i === chosen ? "true" : "false"));
    };

    const show = (members) => {
      list.replaceChildren(...members.map((m) => {
        const item = document.createElement("li");
        item.setAttribute("role", "option");
        item.textContent = "@" + m.username + (m.displayName ? " · " + m.displayName : "");
        item.addEventListener("mousedown", (event) => { event.preventDefault(); insert(m.username); });
        item.dataset.username = m.username;
        return item;
      }));
      list.hidden = members.length === 0;
      chosen = -1;
    };

    box.addEventListener("input", () => {
      const match = typedMention.exec(box.value.slice(0, box.selectionStart));
      clearTimeout(timer);
      if (!match) { close(); return; }
      const prefix = match[1];
      timer = setTimeout(() => {
        asked = prefix;
        fetch("/api/v1/members/autocomplete?q=" + encodeURIComponent(prefix), {
          credentials: "same-origin", headers: { Accept: "application/json" },
        }).then((response) => response.ok ? response.json() : { members: [] })
          .then((body) => { if (asked === prefix) { show(body.members || []); } })
          .catch(close);
      }, 200);
    });

    box.addEventListener("keydown", (event) => {
      if (list.hidden) { return; }
      const items = list.querySelectorAll("li");
      if (event.key === "ArrowDown") { event.preventDefault(); highlight(chosen + 1); }
      else if (event.key === "ArrowUp") { event.preventDefault(); highlight(chosen - 1); }
      else if ((event.key === "Enter" || event.key === "Tab") && chosen >= 0) {
        event.preventDefault();
        insert(items[chosen].dataset.username);
      } else if (event.key === "Escape") { close(); }
    });
    box.addEventListener("blur", () => setTimeout(close, 150));
  }

  const start = () => document.querySelectorAll("form textarea[name=body]").forEach(attach);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
