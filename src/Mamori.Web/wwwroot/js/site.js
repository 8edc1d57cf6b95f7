// Progressive enhancement only: every form works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.querySelectorAll("[data-action=print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });

  // A link to a step folded away (#step-2-13) opens its folds; a printed page shows every fold.
  function reveal() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    for (var d = target && target.closest("details"); d; d = d.parentElement.closest("details")) { d.open = true; }
  }
  window.addEventListener("hashchange", reveal);
  reveal();
  var folded = [];
  window.addEventListener("beforeprint", function () {
    folded = Array.prototype.filter.call(document.querySelectorAll("details.phase, details.fold"), function (d) { return !d.open; });
    folded.forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () { folded.forEach(function (d) { d.open = false; }); });

  // Copy a report field for the authority's web form. execCommand works on the plain-http LAN address, where the
  // Clipboard API is not offered.
  document.querySelectorAll("[data-copy]").forEach(function (b) {
    b.addEventListener("click", function () {
      var field = document.getElementById(b.dataset.copy);
      field.select();
      var done = document.execCommand("copy");
      b.textContent = done ? (document.documentElement.lang === "en" ? "Copied" : "コピーしました") : b.textContent;
    });
  });

  var form = document.getElementById("answers");
  if (!form || form.dataset.autosave !== "on") { return; }
  var token = form.querySelector("input[name=__RequestVerificationToken]");

  // Saves one answer or memo as soon as it is given; the server refuses a stale revision instead of overwriting.
  function save(row, handler, fields) {
    var number = row.dataset.number;
    var revision = row.querySelector("input[name^=Revisions]");
    var state = row.querySelector(".save-state");
    var body = new URLSearchParams(fields);
    body.set("number", number);
    body.set("revision", revision.value);
    body.set("__RequestVerificationToken", token.value);
    state.classList.remove("failed");
    state.textContent = "保存中…";
    return fetch(form.getAttribute("action").replace(/handler=Save/, "handler=" + handler), {
      method: "POST",
      body: body,
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) { throw new Error(data.detail || "保存できませんでした（" + response.status + "）。"); }
        revision.value = data.revision;
        state.textContent = "保存しました";
      });
    }).catch(function (error) {
      state.classList.add("failed");
      state.textContent = error.message || "保存できませんでした。通信を確認して、もう一度選ぶか保存ボタンを押してください。";
    });
  }

  form.addEventListener("change", function (event) {
    var input = event.target;
    var row = input.closest("tr[data-number]");
    if (!row) { return; }
    if (input.type === "radio") {
      save(row, "Answer", { value: input.value });
    } else if (input.tagName === "TEXTAREA") {
      save(row, "Memo", { memo: input.value });
    }
  });
})();

// Deadline clocks on the incident page keep counting while the page stays open (the server renders the same text).
(function () {
  "use strict";
  var clocks = document.querySelectorAll(".clock[data-due], .clock[data-since]");
  if (clocks.length === 0) { return; }
  function span(ms) {
    var minutes = Math.floor(Math.abs(ms) / 60000), hours = Math.floor(minutes / 60), days = Math.floor(hours / 24);
    return days >= 1 ? days + "日" + (hours % 24) + "時間" : hours >= 1 ? hours + "時間" + (minutes % 60) + "分" : Math.max(1, minutes) + "分";
  }
  function text(c, now) {
    if (c.dataset.since) {
      var since = now - Date.parse(c.dataset.since);
      return since < 60000 ? "判断したばかりです" : "判断から" + span(since) + "経過";
    }
    var ms = Date.parse(c.dataset.due) - now;
    return ms > 0 ? "あと" + span(ms) : span(ms) + "超過";
  }
  function tick() {
    var now = Date.now();
    clocks.forEach(function (c) { c.textContent = text(c, now); });
  }
  setInterval(tick, 30000);
})();
