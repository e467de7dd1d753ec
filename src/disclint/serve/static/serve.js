// disclint serve: language switch, drag and drop, finding → document and page image, rule texts, downloads.
(function () {
  "use strict";
  var body = document.body;

  function setLang(lang) {
    body.setAttribute("data-lang", lang);
    document.documentElement.lang = lang === "zh" ? "zh-CN" : "en";
    document.querySelectorAll("input[name=lang]").forEach(function (i) { i.value = lang; });
    document.querySelectorAll("a.again, a.brand").forEach(function (a) { a.href = "./?lang=" + lang; });
  }
  document.querySelectorAll("[data-set-lang]").forEach(function (b) {
    b.addEventListener("click", function () { setLang(b.getAttribute("data-set-lang")); });
  });

  // upload: drag and drop onto the zone, or the file picker
  var drop = document.getElementById("drop");
  var input = document.getElementById("files");
  function listChosen() {
    var ul = document.getElementById("chosen");
    ul.textContent = "";
    Array.prototype.forEach.call(input.files, function (f) {
      var li = document.createElement("li");
      li.textContent = f.name + " (" + Math.ceil(f.size / 1024) + " KB)";
      ul.appendChild(li);
    });
  }
  if (drop && input) {
    ["dragenter", "dragover"].forEach(function (ev) {
      drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length) { input.files = e.dataTransfer.files; listChosen(); }
    });
    input.addEventListener("change", listChosen);
  }

  // a finding with a box on a page: its page image, shown under the finding, with the box marked
  function showPage(item) {
    document.querySelectorAll("figure.page-image").forEach(function (fig) { fig.hidden = true; });
    document.querySelectorAll(".box.current").forEach(function (el) { el.classList.remove("current"); });
    var id = item.getAttribute("data-page-image");
    var fig = id && document.getElementById(id);
    if (!fig) { return; }
    item.appendChild(fig);  // one image per page, moved to the finding clicked
    fig.hidden = false;
    var box = fig.querySelector('[data-box="' + item.getAttribute("data-target") + '"]');
    if (box) {
      box.classList.add("current");
      box.scrollIntoView({ block: "nearest", inline: "nearest" });
    }
  }

  // a finding: highlight what it points at and scroll it into view
  function focusFinding(item) {
    document.querySelectorAll(".focus").forEach(function (el) { el.classList.remove("focus"); });
    document.querySelectorAll(".finding.active").forEach(function (el) { el.classList.remove("active"); });
    item.classList.add("active");
    showPage(item);
    var targets = document.querySelectorAll('[data-f~="' + item.getAttribute("data-target") + '"]');
    targets.forEach(function (el) { el.classList.add("focus"); });
    if (targets.length) { targets[0].scrollIntoView({ block: "center", inline: "nearest" }); }
  }
  document.querySelectorAll(".finding").forEach(function (item) {
    item.addEventListener("click", function (e) {
      if (e.target.closest(".explain, .explain-text, .page-image")) { return; }
      focusFinding(item);
    });
    item.addEventListener("keydown", function (e) { if (e.key === "Enter") { focusFinding(item); } });
  });

  // the rule's long text, fetched when asked for
  document.querySelectorAll("button.explain").forEach(function (b) {
    b.addEventListener("click", function () {
      var pre = b.nextElementSibling;
      if (!pre.hidden) { pre.hidden = true; return; }
      var lang = body.getAttribute("data-lang");
      var url = "explain/" + encodeURIComponent(b.getAttribute("data-code")) +
        "?lang=" + lang + "&pack=" + encodeURIComponent(b.getAttribute("data-pack"));
      fetch(url).then(function (r) { return r.text(); }).then(function (text) {
        pre.textContent = text; pre.hidden = false;
      });
    });
  });

  // downloads: the findings embedded in the page, in the language shown
  document.querySelectorAll("[data-download]").forEach(function (b) {
    b.addEventListener("click", function () {
      var kind = b.getAttribute("data-download");
      var lang = body.getAttribute("data-lang");
      var text = JSON.parse(document.getElementById("dl-" + kind + "-" + lang).textContent);
      var blob;
      if (kind === "xlsx") {  // the workbook is embedded as base64
        var raw = atob(text), bytes = new Uint8Array(raw.length);
        for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
        blob = new Blob([bytes], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
      } else {
        blob = new Blob([text], { type: kind === "sarif" ? "application/sarif+json" : "application/json" });
      }
      var a = document.createElement("a");
      a.href = URL.createObjectURL(blob);
      a.download = kind === "xlsx" ? "disclint-summary.xlsx" : "disclint." + kind;
      document.body.appendChild(a); a.click(); a.remove();
    });
  });
})();
