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
  // The page's words, in its language (data-saving…); the Japanese ones when a page does not give them.
  var words = {
    saving: form.dataset.saving || "保存中…",
    saved: form.dataset.saved || "保存しました",
    failed: form.dataset.failed || "保存できませんでした。",
    offline: form.dataset.offline || "保存できませんでした。通信を確認して、もう一度選ぶか保存ボタンを押してください。"
  };
  var answeredCount = document.querySelector("#progress .answered-count");

  // 回答済み n / N: counted from the form's saved choices, as the server counts them on a reload.
  function showProgress() {
    if (answeredCount) {
      answeredCount.textContent = form.querySelectorAll("input[type=radio][value=yes]:checked, input[type=radio][value=no]:checked").length;
    }
  }

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
    state.textContent = words.saving;
    return fetch(form.getAttribute("action").replace(/handler=Save/, "handler=" + handler), {
      method: "POST",
      body: body,
      headers: { "Accept": "application/json" },
      credentials: "same-origin"
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) { throw new Error(data.detail || words.failed + " (" + response.status + ")"); }
        revision.value = data.revision;
        state.textContent = words.saved;
        showProgress();
      });
    }).catch(function (error) {
      state.classList.add("failed");
      state.textContent = error.message || words.offline;
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
  // The page gives its words (data-words, in its language); these Japanese ones are the fallback.
  var fallback = { left: "あと{0}", over: "{0}超過", just: "判断したばかりです", since: "判断から{0}経過", days: "{0}日{1}時間", hours: "{0}時間{1}分", minutes: "{0}分" };
  function fill(format, a, b) { return format.replace("{0}", a).replace("{1}", b); }
  function words(c) {
    try { return c.dataset.words ? JSON.parse(c.dataset.words) : fallback; } catch (e) { return fallback; }
  }
  function span(ms, w) {
    var minutes = Math.floor(Math.abs(ms) / 60000), hours = Math.floor(minutes / 60), days = Math.floor(hours / 24);
    return days >= 1 ? fill(w.days, days, hours % 24) : hours >= 1 ? fill(w.hours, hours, minutes % 60) : fill(w.minutes, Math.max(1, minutes));
  }
  function text(c, now) {
    var w = words(c);
    if (c.dataset.since) {
      var since = now - Date.parse(c.dataset.since);
      return since < 60000 ? w.just : fill(w.since, span(since, w));
    }
    var ms = Date.parse(c.dataset.due) - now;
    return ms > 0 ? fill(w.left, span(ms, w)) : fill(w.over, span(ms, w));
  }
  function tick() {
    var now = Date.now();
    clocks.forEach(function (c) { c.textContent = text(c, now); });
  }
  setInterval(tick, 30000);
})();
