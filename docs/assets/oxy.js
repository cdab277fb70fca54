/* Progressive enhancement for the evidence site. Without JavaScript every page is complete:
   citations link to claim pages, the register is a full table. With it:
   - hovering, focusing or (on a touch screen) tapping a citation shows a card built from the
     claim's JSON, fetched when first asked for;
   - the register can be filtered and sorted;
   - claim pages get a copy-to-clipboard button.
   Everything from the register is inserted with textContent, never as HTML. */
(function () {
  "use strict";

  var cache = {};
  var cardCount = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function safeHref(url) {
    return /^https?:\/\//i.test(url || "") ? url : null;
  }

  function fetchClaim(url) {
    if (!cache[url]) {
      cache[url] = fetch(url, { credentials: "same-origin" }).then(function (r) {
        if (!r.ok) throw new Error("HTTP " + r.status);
        return r.json();
      });
    }
    return cache[url];
  }

  var STATUS_LABELS = { retracted: "Retracted", withdrawn: "Withdrawn", corrected: "Corrected",
    "expression-of-concern": "Expression of concern" };

  function statusMark(ref) {
    var mark = el("span", "oxy-pubstatus oxy-pubstatus--" + ref.status);
    mark.appendChild(el("strong", null, STATUS_LABELS[ref.status] || ref.status));
    var href = safeHref(ref.status_notice_url);
    if (href) {
      mark.appendChild(document.createTextNode(": "));
      var a = el("a", null, "see the notice");
      a.href = href;
      a.rel = "noopener noreferrer";
      mark.appendChild(a);
    }
    if (ref.status_checked) mark.appendChild(document.createTextNode(" (checked " + ref.status_checked + ")"));
    return mark;
  }

  function buildCard(claim, pageHref) {
    var card = el("span", "oxy-card");
    card.setAttribute("role", "tooltip");
    card.id = "oxy-card-" + (++cardCount);
    card.hidden = true;
    card.appendChild(el("span", "oxy-card__statement", claim.statement)).style.display = "block";
    var meta = el("span", "oxy-card__meta");
    meta.style.display = "block";
    var badge = el("span", "oxy-badge oxy-badge--" + claim.certainty,
      claim.certainty_symbols + " " + claim.certainty_label + " certainty");
    meta.appendChild(badge);
    meta.appendChild(document.createTextNode(" " + claim.design + " · " + claim.population_label));
    if (claim.as_of) meta.appendChild(el("span", "oxy-asof", "as of " + claim.as_of));
    card.appendChild(meta);
    var refs = el("ol", "oxy-card__refs");
    claim.sources.forEach(function (source) {
      var ref = source.reference || {};
      var li = el("li");
      li.appendChild(el("span", "oxy-relation oxy-relation--" + source.relation, source.relation));
      li.appendChild(document.createTextNode(" " + (ref.citation || ref.key) + " "));
      (ref.links || []).forEach(function (link) {
        var href = safeHref(link.url);
        if (!href) return;
        var a = el("a", null, link.label);
        a.href = href;
        a.rel = "noopener noreferrer";
        li.appendChild(a);
        li.appendChild(document.createTextNode(" "));
      });
      if (ref.verified === false) li.appendChild(el("span", "oxy-unverified", "Unverified reference"));
      if (ref.status) li.appendChild(statusMark(ref));
      refs.appendChild(li);
    });
    card.appendChild(refs);
    if (claim.caveats) {
      var caveats = el("span", "oxy-card__caveats", "Caveats: " + claim.caveats);
      caveats.style.display = "block";
      card.appendChild(caveats);
    }
    var reviewed = el("span", "oxy-card__reviewed", "Last reviewed " + claim.reviewed + ". ");
    if (claim.review_due_since) {
      reviewed.appendChild(el("strong", "oxy-review-due", "Review due since " + claim.review_due_since + "."));
      reviewed.appendChild(document.createTextNode(" "));
    }
    reviewed.style.display = "block";
    var open = el("a", null, "Open the claim page");
    open.href = pageHref;
    reviewed.appendChild(open);
    card.appendChild(reviewed);
    return card;
  }

  function setupCitation(link) {
    if (link.dataset.oxyReady) return;
    link.dataset.oxyReady = "1";
    var wrapper = link.closest(".oxy-cite");
    var href = link.getAttribute("href");
    var card = null;
    var state = "idle"; // the claim's JSON: idle, loading, ready or failed
    var wanted = false; // the reader is on the citation: show its card once it is built
    var hideTimer = null;
    var tap = null; // the pointer press before this click: {touch, cardWasOpen}

    function isOpen() { return card !== null && !card.hidden; }

    function place() {
      card.hidden = false;
      card.style.left = "0px";
      var rect = card.getBoundingClientRect();
      var overflow = rect.right - (document.documentElement.clientWidth - 8);
      if (overflow > 0) card.style.left = -Math.min(overflow, rect.left - 8) + "px";
    }

    // The JSON is fetched on the first hover, focus or tap, not at page load: a page with sixty
    // citations would otherwise make sixty requests before the reader asks for any card.
    function load() {
      if (state !== "idle") return;
      state = "loading";
      fetchClaim(href + "claim.json").then(function (claim) {
        card = buildCard(claim, href);
        wrapper.appendChild(card);
        link.setAttribute("aria-describedby", card.id);
        state = "ready";
        if (wanted) place();
      }).catch(function () { state = "failed"; /* the link still leads to the claim page */ });
    }

    function show() {
      wanted = true;
      clearTimeout(hideTimer);
      load();
      if (card) place();
    }
    function hide() {
      wanted = false;
      hideTimer = setTimeout(function () { if (card) card.hidden = true; }, 150);
    }

    wrapper.addEventListener("mouseenter", show);
    wrapper.addEventListener("mouseleave", hide);
    wrapper.addEventListener("focusin", show);
    wrapper.addEventListener("focusout", function (event) {
      if (!wrapper.contains(event.relatedTarget)) hide();
    });
    wrapper.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && card) { card.hidden = true; link.focus(); }
    });

    // A touch screen has no hover: the first tap on a citation opens its card instead of leaving
    // the page; a second tap on the citation, or the card's own link, goes to the claim page.
    // Mouse clicks and the keyboard follow the link as before.
    link.addEventListener("pointerdown", function (event) {
      tap = { touch: event.pointerType === "touch" || event.pointerType === "pen", cardWasOpen: isOpen() };
      if (tap.touch) load();
    });
    link.addEventListener("click", function (event) {
      var press = tap;
      tap = null;
      if (!press || !press.touch || press.cardWasOpen || state === "failed") return;
      event.preventDefault();
      event.stopPropagation(); // and not Material's instant navigation either
      show();
    });
  }

  function setupRegister(root) {
    if (root.dataset.oxyReady) return;
    root.dataset.oxyReady = "1";
    var form = root.querySelector(".oxy-register__controls");
    var table = root.querySelector("table");
    var tbody = table.tBodies[0];
    var rows = Array.prototype.slice.call(tbody.rows);
    var count = root.querySelector(".oxy-register__count");
    var total = rows.length;
    form.hidden = false;
    var controls = Array.prototype.slice.call(form.querySelectorAll("[data-filter]"));

    var params = new URLSearchParams(window.location.search);
    controls.forEach(function (control) {
      var value = params.get(control.dataset.filter);
      if (value !== null) control.value = value;
    });

    function apply() {
      var shown = 0;
      var text = "";
      var wanted = {};
      var tokens = {};
      controls.forEach(function (control) {
        if (control.dataset.filter === "text") text = control.value.trim().toLowerCase();
        else if (control.value) {
          wanted[control.dataset.filter] = control.value;
          tokens[control.dataset.filter] = control.dataset.match === "token";
        }
      });
      rows.forEach(function (row) {
        var ok = Object.keys(wanted).every(function (key) {
          // "token" filters match one word of a space-separated list (a claim rated down for several domains)
          if (tokens[key]) return (" " + (row.dataset[key] || "") + " ").indexOf(" " + wanted[key] + " ") !== -1;
          return row.dataset[key] === wanted[key];
        });
        if (ok && text) ok = row.textContent.toLowerCase().indexOf(text) !== -1;
        row.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = shown === total ? total + " claims" : shown + " of " + total + " claims shown";
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    apply();

    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      var button = th.querySelector(".oxy-sort");
      if (!button) return;
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(table.tHead.rows[0].cells, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var key = th.dataset.sort;
        var value = function (row) {
          if (key === "rank") return Number(row.dataset.rank);
          return row.cells[index].textContent.trim().toLowerCase();
        };
        rows.sort(function (a, b) {
          var x = value(a), y = value(b);
          var order = x < y ? -1 : x > y ? 1 : 0;
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { tbody.appendChild(row); });
      });
    });
  }

  function setupCopy(button) {
    if (button.dataset.oxyReady) return;
    button.dataset.oxyReady = "1";
    var source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent).then(function () {
        button.textContent = "Copied";
      }, function () {
        button.textContent = "Copy failed: select the text above";
      });
    });
  }

  function labelThemeLandmarks() {
    // Material's search overlay is a dialog without a name (axe: aria-dialog-name).
    document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (el) {
      el.setAttribute("aria-label", "Search");
    });
  }

  function init() {
    labelThemeLandmarks();
    document.querySelectorAll(".oxy-cite__link").forEach(setupCitation);
    document.querySelectorAll(".oxy-register").forEach(setupRegister);
    document.querySelectorAll(".oxy-copy").forEach(setupCopy);
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
