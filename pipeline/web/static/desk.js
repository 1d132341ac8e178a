// Keyboard shortcuts for the desk. Everything works without this file; it only saves clicks.
// Queue: j/k move, x ticks the row, Enter opens, a approves (the row below is selected
// after the reload), r rejects (opens the reason field), e edits.
// Release page: a approves now, r focuses the reason, e edits. Where 'a' cannot approve (a
// possible duplicate, a state without approval) the page says why instead of doing nothing.
// The queue remembers the row last selected per page, so Back from a release keeps the place.
(function () {
  "use strict";
  function typing(event) {
    var tag = (event.target.tagName || "").toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || event.target.isContentEditable;
  }

  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.row"));
  var current = -1;
  var placeKey = "melder-row:" + window.location.pathname + window.location.search;

  function remember(id) {
    try {
      window.sessionStorage.setItem(placeKey, id);
    } catch (e) {
      // no storage (a private window's quota): the place is simply not kept
    }
  }

  function remembered() {
    try {
      return window.sessionStorage.getItem(placeKey) || "";
    } catch (e) {
      return "";
    }
  }

  function say(text) {
    var status = document.getElementById("key-message");
    if (!status || !text) return;
    status.textContent = text;
    status.hidden = false;
  }

  function select(index) {
    if (!rows.length) return;
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) {
      row.classList.toggle("selected", i === current);
      row.setAttribute("aria-selected", i === current ? "true" : "false");
    });
    remember(rows[current].getAttribute("data-id"));
    var link = rows[current].querySelector("a.open");
    if (link) link.focus();
  }

  function selectedRow() {
    return current >= 0 ? rows[current] : null;
  }

  function onQueue(key) {
    var row = selectedRow();
    if (key === "j") return select(current + 1), true;
    if (key === "k") return select(current < 0 ? 0 : current - 1), true;
    if (!row) return false;
    var id = row.getAttribute("data-id");
    if (key === "x") {
      var box = row.querySelector("input[type=checkbox]");
      if (box) box.checked = !box.checked;
      return true;
    }
    if (key === "a") {
      var button = row.querySelector("button.approve-one");
      if (!button) return say(row.getAttribute("data-cannot-approve")), true;
      // after the page reloads, the row below the approved one is selected
      var below = rows[current + 1] || rows[current - 1];
      var focus = document.querySelector("#bulk input[name=focus]");
      if (focus && below) focus.value = below.getAttribute("data-id");
      button.click();
      return true;
    }
    if (key === "r") return (window.location = "/desk/releases/" + id + "#reason"), true;
    if (key === "e") return (window.location = "/desk/releases/" + id + "/edit"), true;
    return false;
  }

  function onRelease(key) {
    if (key === "a" && document.getElementById("approve-form")) {
      document.getElementById("approve-form").submit();
      return true;
    }
    var actions = document.querySelector("[data-cannot-approve]");
    if (key === "a" && actions) return say(actions.getAttribute("data-cannot-approve")), true;
    if (key === "r" && document.getElementById("reason")) {
      document.getElementById("reason").focus();
      return true;
    }
    if (key === "e" && document.getElementById("edit-link")) {
      window.location = document.getElementById("edit-link").getAttribute("href");
      return true;
    }
    return false;
  }

  rows.forEach(function (row) {
    var link = row.querySelector("a.open");
    if (link) link.addEventListener("click", function () { remember(row.getAttribute("data-id")); });
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event)) return;
    var handled = rows.length ? onQueue(event.key) : onRelease(event.key);
    if (handled) event.preventDefault();
  });

  function restore() {
    var wanted = window.location.hash.indexOf("#row-") === 0 ? window.location.hash.slice(5) : "";
    wanted = wanted || remembered();  // back from a release: the row it was opened from
    rows.forEach(function (row, i) {
      if (wanted && row.getAttribute("data-id") === wanted) select(i);
    });
    if (window.location.hash === "#reason" && document.getElementById("reason")) {
      document.getElementById("reason").focus();
    }
  }
  // after the browser has scrolled to the #row- target: that scroll moves the focus to the
  // (unfocusable) row, and Enter would then open nothing
  if (document.readyState === "complete") window.setTimeout(restore, 0);
  else window.addEventListener("load", function () { window.setTimeout(restore, 0); });
})();
