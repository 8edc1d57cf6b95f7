// Progressive enhancement only: every form works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.querySelectorAll("[data-action=print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
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
