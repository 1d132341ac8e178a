// Keyboard shortcuts for the desk. Everything works without this file; it only saves clicks.
// Queue: j/k move, x ticks the row, Enter opens, a approves (the row below is selected
// after the reload), r rejects (opens the reason field), e edits.
// Release page: a approves now, r focuses the reason, e edits. Where 'a' cannot approve (a
// possible duplicate, a state without approval) the page says why instead of doing nothing.
// The queue remembers the row last selected per page, so Back from a release keeps the place.
(function () {
  "use strict";
  // inputs that take no typed text: a key pressed on them is a shortcut, not a letter
  var NOT_TYPED = ["checkbox", "radio", "button", "submit", "reset", "image", "range", "color", "file"];

  function typing(event) {
    var target = event.target;
    var tag = (target.tagName || "").toLowerCase();
    if (tag === "input") return NOT_TYPED.indexOf((target.type || "text").toLowerCase()) < 0;
    return tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  var rows = Array.prototype.slice.call(document.querySelectorAll("tr.row"));
  var current = -1;
  var placeKey = "melder-row:" + window.location.pathname + window.location.search;

  // The place is the row and its neighbours: a row decided meanwhile (rejected from its
  // page) has left the list by the time Back returns, and the row below it takes its place.
  function remember(index) {
    var place = [rows[index], rows[index + 1], rows[index - 1]].map(function (row) {
      return row ? row.getAttribute("data-id") : "";
    });
    try {
      window.sessionStorage.setItem(placeKey, JSON.stringify({ ids: place, index: index }));
    } catch (e) {
      // no storage (a private window's quota): the place is simply not kept
    }
  }

  function remembered() {
    try {
      var place = JSON.parse(window.sessionStorage.getItem(placeKey) || "null");
      return place && place.ids ? place : null;
    } catch (e) {
      return null;
    }
  }

  function indexOf(id) {
    for (var i = 0; id && i < rows.length; i++) {
      if (rows[i].getAttribute("data-id") === id) return i;
    }
    return -1;
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
      // a plain table has no selection a screen reader announces; the current row it does
      if (i === current) row.setAttribute("aria-current", "true");
      else row.removeAttribute("aria-current");
    });
    remember(current);
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

  rows.forEach(function (row, i) {
    var link = row.querySelector("a.open");
    if (link) link.addEventListener("click", function () { remember(i); });
  });

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event)) return;
    var handled = rows.length ? onQueue(event.key) : onRelease(event.key);
    if (handled) event.preventDefault();
  });

  function restore() {
    var wanted = window.location.hash.indexOf("#row-") === 0 ? window.location.hash.slice(5) : "";
    var place = remembered();  // back from a release: the row it was opened from
    var found = indexOf(wanted);
    if (found < 0 && place) {
      place.ids.forEach(function (id) {
        if (found < 0) found = indexOf(id);
      });
      // its neighbours went too: the row now at its position
      if (found < 0 && rows.length) found = Math.min(place.index, rows.length - 1);
    }
    if (found >= 0) select(found);
    if (window.location.hash === "#reason" && document.getElementById("reason")) {
      document.getElementById("reason").focus();
    }
  }
  // after the browser has scrolled to the #row- target: that scroll moves the focus to the
  // (unfocusable) row, and Enter would then open nothing
  if (document.readyState === "complete") window.setTimeout(restore, 0);
  else window.addEventListener("load", function () { window.setTimeout(restore, 0); });
})();
