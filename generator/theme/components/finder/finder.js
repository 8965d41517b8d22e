/* Finder: instant filters over the static finder data.
   Without JavaScript the page lists every entry (a page at a time) with "Browse
   by" links, and this file does nothing. With it, the filter form (shown by
   CSS as soon as the page knows JavaScript runs) comes to life: options
   within a group combine with OR, groups with AND, each option shows how many
   results it would give, and the number of results is announced. Filters never go into the address, history or storage. */
(function () {
  "use strict";

  var BATCH = 50;
  var el = window.Waymark.el;
  var getJSON = window.Waymark.getJSON;
  var SAFE_ACTION = window.Waymark.SAFE_ACTION;



  /* A result card with the same markup as the cards the server writes. */
  function renderCard(card, base) {
    var item = el("li", "wm-card");
    var title = el("h3", "wm-card__title");
    var link = el("a", null, card.name);
    link.href = new URL("entries/" + encodeURIComponent(card.id) + "/", base).href;
    title.appendChild(link);
    item.appendChild(title);
    item.appendChild(el("p", "wm-card__summary", card.summary));
    var meta = el("p", "wm-card__meta");
    meta.appendChild(el("span", null, card.kind));
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(el("span", null, card.where));
    if (card.paused) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("strong", "wm-tag wm-tag--paused", "Paused"));
    }
    if (card.overdue) {
      meta.appendChild(document.createTextNode(" · "));
      meta.appendChild(el("span", "wm-tag wm-tag--overdue", "Not checked recently"));
    }
    item.appendChild(meta);
    if (card.crisis && card.phones) {
      var actions = el("p", "wm-card__actions");
      card.phones.forEach(function (phone) {
        if (!SAFE_ACTION.test(phone.href)) return;
        var action = el("a", "wm-action " + (phone.href.indexOf("sms:") === 0 ? "wm-action--text" : "wm-action--call"), phone.text);
        action.href = phone.href;
        actions.appendChild(action);
        if (phone.detail) actions.appendChild(el("span", "wm-action__detail", phone.detail));
        actions.appendChild(document.createTextNode(" "));
      });
      item.appendChild(actions);
    }
    return item;
  }

  function Finder(root) {
    this.root = root;
    this.base = new URL(root.getAttribute("data-root") || "./", window.location.href);
    this.form = root.querySelector(".wm-finder__filters");
    this.list = root.querySelector(".wm-finder__list");
    this.status = root.querySelector(".wm-finder__status");
    this.more = root.querySelector(".wm-finder__more");
    this.chunks = {};
    this.renderToken = 0;
    if (!this.form || !this.list) return;
    var self = this;
    getJSON(new URL("find/finder.json", this.base)).then(function (data) {
      self.start(data);
    }).catch(function () {
      /* The list and the "Browse by" links still work. */
      root.classList.add("wm-finder--failed");
    });
  }

  Finder.prototype.start = function (data) {
    var self = this;
    this.data = data;
    this.facetIndex = {};
    data.facets.forEach(function (facet, f) {
      var values = {};
      facet.values.forEach(function (value, v) { values[value.value] = v; });
      self.facetIndex[facet.key] = { position: f, values: values };
    });
    this.inputs = [];
    Array.prototype.forEach.call(this.form.querySelectorAll("input[type=checkbox]"), function (input) {
      var facet = self.facetIndex[input.name];
      if (!facet || !(input.value in facet.values)) return;
      self.inputs.push({ input: input, facet: facet.position, value: facet.values[input.value] });
    });
    var pagination = this.root.querySelector(".wm-pagination");
    if (pagination) pagination.hidden = true;

    this.form.addEventListener("submit", function (event) { event.preventDefault(); });
    this.form.addEventListener("change", function () { self.update(); });
    this.form.querySelector(".wm-finder__clear").addEventListener("click", function () {
      self.inputs.forEach(function (option) { option.input.checked = false; });
      self.update("Filters cleared. ");
    });
    this.more.addEventListener("click", function () { self.render(false); });
    this.toggle = this.root.querySelector(".wm-finder__toggle");
    this.show = this.form.querySelector(".wm-finder__show");
    if (this.toggle) this.toggle.addEventListener("click", function () { self.open(!self.isOpen()); });
    if (this.show) this.show.addEventListener("click", function () {
      self.open(false);
      self.status.setAttribute("tabindex", "-1");
      self.status.focus();
    });
    // Back from an entry: the ticks kept in this page's history entry (never in its address).
    var kept = window.history.state && window.history.state.wmFinder;
    if (kept && Array.isArray(kept.checked)) {
      this.inputs.forEach(function (option) {
        option.input.checked = kept.checked.indexOf(option.input.name + "=" + option.input.value) !== -1;
      });
      this.restoreShown = kept.shown;
    }
    // Options ticked before the data arrived count at once; otherwise the list stays as served.
    var ticked = this.inputs.some(function (option) { return option.input.checked; });
    this.update(null, !ticked);
    this.root.setAttribute("data-ready", "");
  };

  Finder.prototype.isOpen = function () {
    return this.form.classList.contains("wm-finder__filters--open");
  };

  Finder.prototype.open = function (open) {
    this.form.classList.toggle("wm-finder__filters--open", open);
    if (this.toggle) {
      this.toggle.setAttribute("aria-expanded", open ? "true" : "false");
      if (!open && document.activeElement && this.form.contains(document.activeElement)) this.toggle.focus();
    }
  };

  /* The ticks and how many results are shown, kept in the history entry of this
     page (history.state, not the address), so Back from an entry restores them. */
  Finder.prototype.remember = function () {
    try {
      var checked = this.inputs.filter(function (option) { return option.input.checked; })
        .map(function (option) { return option.input.name + "=" + option.input.value; });
      var state = Object.assign({}, window.history.state || {}, { wmFinder: { checked: checked, shown: this.shown || 0 } });
      window.history.replaceState(state, "");
    } catch (error) { /* history unavailable: nothing is kept */ }
  };

  Finder.prototype.selection = function () {
    var selected = this.data.facets.map(function () { return null; });
    this.inputs.forEach(function (option) {
      if (!option.input.checked) return;
      if (!selected[option.facet]) selected[option.facet] = {};
      selected[option.facet][option.value] = true;
    });
    return selected;
  };

  Finder.prototype.update = function (prefix, initial) {
    var facets = this.data.facets;
    var selected = this.selection();
    var counts = facets.map(function (facet) { return facet.values.map(function () { return 0; }); });
    var results = [];
    this.data.entries.forEach(function (codes, entry) {
      var failed = -1;
      var failures = 0;
      for (var f = 0; f < facets.length; f++) {
        var wanted = selected[f];
        if (!wanted) continue;
        var hit = codes[f].some(function (v) { return wanted[v]; });
        if (!hit) {
          failures += 1;
          failed = f;
          if (failures > 1) return;
        }
      }
      // An option's count: entries matching every other group, with this option.
      for (var g = 0; g < facets.length; g++) {
        if (failures === 1 && g !== failed) continue;
        codes[g].forEach(function (v) { counts[g][v] += 1; });
      }
      if (failures === 0) results.push(entry);
    });
    var chosenCount = this.inputs.filter(function (option) { return option.input.checked; }).length;
    var toggleCount = this.root.querySelector(".wm-finder__toggle-count");
    if (toggleCount) toggleCount.textContent = chosenCount ? " (" + chosenCount + " chosen)" : "";
    this.inputs.forEach(function (option) {
      var count = option.input.parentNode.querySelector(".wm-count");
      if (count) count.textContent = "(" + counts[option.facet][option.value] + ")";
    });
    Array.prototype.forEach.call(this.form.querySelectorAll(".wm-filter"), function (group) {
      var chosen = group.querySelectorAll("input:checked").length;
      group.querySelector(".wm-filter__chosen").textContent = chosen ? "(" + chosen + " chosen)" : "";
    });
    this.results = results;
    var n = results.length;
    var message = n === 0 ? "No resources match. Try removing a filter." : n === 1 ? "1 resource matches" : n + " resources match";
    if (!initial) this.status.textContent = (prefix || "") + message;
    if (this.show) this.show.textContent = n === 1 ? "Show 1 resource" : "Show " + n + " resources";
    var self = this;
    var wanted = this.restoreShown;
    this.restoreShown = 0;
    // After Back: show as many results as were shown before, batch by batch.
    function fill() {
      if (wanted && self.shown < Math.min(wanted, self.results.length)) return self.render(false, false, true).then(fill);
    }
    this.render(true, initial).then(fill).then(function () { self.remember(); });
  };

  Finder.prototype.chunk = function (number) {
    if (!this.chunks[number]) {
      this.chunks[number] = getJSON(new URL("find/cards/" + number + ".json", this.base));
    }
    return this.chunks[number];
  };

  Finder.prototype.render = function (reset, initial, quiet) {
    var self = this;
    var token = ++this.renderToken;
    if (reset) this.shown = 0;
    if (initial && this.list.children.length && this.results.length === this.data.count) {
      // The server already listed the first entries in the same order.
      this.shown = Math.min(this.list.children.length, this.results.length);
      this.more.hidden = this.shown >= this.results.length;
      return Promise.resolve();
    }
    var batch = this.results.slice(this.shown, this.shown + BATCH);
    this.list.setAttribute("aria-busy", "true");
    var size = this.data.chunk;
    var needed = {};
    batch.forEach(function (entry) { needed[Math.floor(entry / size)] = true; });
    return Promise.all(Object.keys(needed).map(function (number) {
      return self.chunk(Number(number)).then(function (cards) { return [Number(number), cards]; });
    })).then(function (loaded) {
      if (token !== self.renderToken) return;
      var cards = {};
      loaded.forEach(function (pair) { cards[pair[0]] = pair[1]; });
      if (reset) self.list.textContent = "";
      var first = null;
      batch.forEach(function (entry) {
        var card = cards[Math.floor(entry / size)][entry % size];
        var item = renderCard(card, self.base);
        if (!first) first = item;
        self.list.appendChild(item);
      });
      self.shown += batch.length;
      self.more.hidden = self.shown >= self.results.length;
      self.list.removeAttribute("aria-busy");
      if (!reset && first && !quiet) first.querySelector("a").focus();
      if (!reset && !quiet) self.remember();
    });
  };

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="wm-finder"]'), function (root) {
      new Finder(root);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
