/* Site search over the index the build writes to search/
   (generator/search_index.py, which describes the files).

   Without JavaScript the header control stays a plain link to "Find support".
   With it, it becomes a button that opens a search panel below the header.
   The index's table of contents is fetched when the panel opens; then each
   word typed fetches the one small piece of the word list it falls in (once),
   and each result shown its own small file. Everything comes from this site.

   What is typed stays in the page: the address, the history and browser
   storage are never touched, no file name holds more than the first three
   letters of a word, and search files are fetched past the browser's cache
   ("no-store"), so none is left on a shared device; what a visit needs is
   kept in memory instead. Text from the index is put on the page as text only. */
(function () {
  "use strict";

  var PAGE = 10; // results shown at a time: each one loads a small file
  var DELAY_MS = 40; // searches follow typing; this only joins keys pressed together
  var ANNOUNCE_MS = 700; // screen readers hear the count once typing pauses, not at every key
  var ANNOUNCE_NOW_MS = 50; // a later task, so that the same words twice are announced twice
  var NO_STORE = "no-store";
  var EXCERPT_CHARS = 240; // of a long page's text, around the first match
  var TEXT = {
    button: "Search",
    label: "Search this site",
    hint: "By name, organisation, topic, place or any word. Nothing you type is saved.",
    close: "Close",
    closeWhat: " search",
    results: "Search results",
    more: "Show more results",
    browse: "Browse and filter every resource",
    none: "No results. Try another word, or browse every resource.",
    short: "Type a longer word, or browse every resource.",
    one: "1 result",
    many: function (n) { return n + " results"; },
    some: function (shown, n) { return "Showing " + shown + " of " + n + " results"; },
    failed: "Search could not load. You can browse every resource instead."
  };
  var el = window.Waymark.el;
  var getJSON = window.Waymark.getJSON;
  var Q = window.Waymark.searchQuery;
  var TOKEN, WORDS;
  try {
    TOKEN = new RegExp("[\\p{L}\\p{N}\\p{M}]+", "gu"); // a word as written, accents included
    WORDS = new RegExp("[\\p{L}\\p{N}]+", "gu"); // a word of a folded query
  } catch (error) { /* a browser without Unicode classes keeps the link to the finder */ }

  function shardOf(term, toc) {
    return Array.from(term).slice(0, toc.shard).map(function (c) {
      return /^[a-z0-9]$/.test(c) ? c : "_" + c.codePointAt(0).toString(16);
    }).join("");
  }

  function validToc(toc) {
    if (!toc || toc.version !== 2 || !/^[0-9a-f]{12}$/.test(toc.id) || !Array.isArray(toc.shards) ||
        !Array.isArray(toc.stop) || typeof toc.pages !== "number") {
      throw new Error("search index is not readable");
    }
    toc.has = {};
    toc.shards.forEach(function (name) { if (/^[a-z0-9_]+$/.test(name)) toc.has[name] = true; });
    return toc;
  }

  /* The index: its table of contents, and the pieces fetched so far. */
  function Index(base) {
    this.base = base;
    this.forget();
  }

  /* Drops what was fetched: after a failure, which may mean the site was
     published again and this build's files are gone. */
  Index.prototype.forget = function () {
    this.toc = null;
    this.files = {};
  };

  Index.prototype.load = function () {
    var self = this;
    if (!this.toc) {
      this.toc = getJSON(this.base + "index.json", NO_STORE).then(validToc);
      // A failed load may be a dropped connection: the next search tries again.
      this.toc.catch(function () { self.toc = null; });
    }
    return this.toc;
  };

  /* A file of this build, fetched once a visit. */
  Index.prototype.file = function (toc, path) {
    var files = this.files;
    var url = this.base + toc.id + "/" + path;
    if (!files[url]) {
      files[url] = getJSON(url, NO_STORE);
      files[url].catch(function () { delete files[url]; });
    }
    return files[url];
  };

  Index.prototype.shard = function (toc, name) {
    return toc.has[name] ? this.file(toc, "w/" + name + ".json") : Promise.resolve({});
  };

  Index.prototype.page = function (toc, number) {
    return this.file(toc, "p/" + number + ".json");
  };

  /* The pages for a query, best first (search-query.js says how), and the
     corrected words when a term was found only through a typo. */
  Index.prototype.search = function (query) {
    var self = this;
    return this.load().then(function (toc) {
      var queryTerms = Q.terms(query, toc);
      if (!queryTerms.length) return { toc: toc, terms: [], pages: [], corrected: null };
      var shards = {};
      function fetchShards(list) {
        return Promise.all(list.map(function (t) {
          var name = shardOf(t, toc);
          return self.shard(toc, name).then(function (shard) { shards[name] = shard; });
        }));
      }
      function shardFor(t) { return shards[shardOf(t, toc)] || {}; }
      return fetchShards(queryTerms).then(function () {
        // A term the index does not hold that is a typo of the search's own words
        // ("sucide") is searched as the word meant, whose piece may be another.
        var meant = {};
        var terms = queryTerms.map(function (t) {
          if (Q.isIndexed(t, shardFor(t))) return t;
          var known = Q.vocabularyTypo(t, toc);
          if (known) meant[t] = known;
          return known || t;
        });
        var found = Q.concepts(terms, toc);
        var wanted = [];
        found.forEach(function (c) { c.alternatives.forEach(function (alt) { alt.forEach(function (t) { if (wanted.indexOf(t) === -1) wanted.push(t); }); }); });
        return fetchShards(wanted).then(function () {
          var byTerm = {};
          wanted.forEach(function (t) { byTerm[t] = Q.scoresFor(t, shardFor(t), toc); });
          var pages = Q.rank(found, function (t) { return byTerm[t].scores; }, toc);
          var fixes = {};
          queryTerms.forEach(function (t, i) {
            if (meant[t]) fixes[t] = Q.writtenAs(meant[t], shardFor(meant[t]));
            else if (byTerm[terms[i]] && byTerm[terms[i]].corrected) fixes[t] = byTerm[terms[i]].corrected;
          });
          var corrected = null;
          if (Object.keys(fixes).length) {
            corrected = (Q.joined(query).match(WORDS) || []).map(function (word) {
              var t = Q.terms(word, toc)[0];
              return (t && fixes[t]) || word;
            }).join(" ");
          }
          return { toc: toc, terms: wanted, pages: pages, corrected: corrected };
        });
      });
    });
  };

  /* The part of a text to show: all of a short one; of a long one, the words
     around the first match. Matched words are marked. */
  function appendExcerpt(text, terms, toc, into) {
    text = String(text || "");
    var start = 0;
    var end = text.length;
    if (text.length > EXCERPT_CHARS) {
      var first = 0;
      TOKEN.lastIndex = 0;
      for (var found = TOKEN.exec(text); found; found = TOKEN.exec(text)) {
        if (Q.answers(found[0], terms, toc)) { first = found.index; break; }
      }
      start = Math.max(0, first - EXCERPT_CHARS / 3);
      if (start > 0) start = text.indexOf(" ", start) + 1 || start;
      end = Math.min(text.length, start + EXCERPT_CHARS);
      var space = text.lastIndexOf(" ", end);
      if (end < text.length && space > start) end = space;
    }
    var part = text.slice(start, end);
    var at = 0;
    if (start > 0) into.appendChild(document.createTextNode("… "));
    TOKEN.lastIndex = 0;
    for (var match = TOKEN.exec(part); match; match = TOKEN.exec(part)) {
      if (!Q.answers(match[0], terms, toc)) continue;
      if (match.index > at) into.appendChild(document.createTextNode(part.slice(at, match.index)));
      into.appendChild(el("mark", "wm-search-result__match", match[0]));
      at = match.index + match[0].length;
    }
    if (at < part.length) into.appendChild(document.createTextNode(part.slice(at)));
    if (end < text.length) into.appendChild(document.createTextNode(" …"));
  }

  /* Only pages of this site, over http(s), ever become links. */
  function siteUrl(url, base) {
    if (typeof url !== "string" || /^[\\/]|:/.test(url)) return null;
    try {
      var parsed = new URL(url, base);
      if (parsed.origin === window.location.origin && /^https?:$/.test(parsed.protocol)) return parsed.href;
    } catch (error) { /* not an address */ }
    return null;
  }

  function renderResult(data, terms, toc, siteBase) {
    var href = data && siteUrl(data.url, siteBase);
    if (!href) return null;
    var item = el("li", "wm-search-result");
    var title = el("p", "wm-search-result__title");
    var link = el("a", "wm-search-result__link", String(data.title || data.url));
    link.href = href;
    title.appendChild(link);
    item.appendChild(title);
    var about = [data.kind, data.where].filter(function (part) { return typeof part === "string" && part; }).join(" · ");
    item.appendChild(el("p", "wm-search-result__meta", about || "Page"));
    if (data.text) {
      var excerpt = el("p", "wm-search-result__excerpt");
      appendExcerpt(data.text, terms, toc, excerpt);
      item.appendChild(excerpt);
    }
    return item;
  }

  /* The button and panel exist only with JavaScript, so they are built here
     rather than sent in every page: the page carries the link alone. */
  function attrs(node, values) {
    Object.keys(values).forEach(function (name) { node.setAttribute(name, values[name]); });
    return node;
  }

  function hiddenText(text) {
    return el("span", "wm-visually-hidden", text);
  }

  function buildControls(root, link) {
    var toggle = attrs(el("button", "md-header__button md-icon wm-search__toggle wm-js-search-toggle"), {
      type: "button", "aria-expanded": "false", "aria-controls": "wm-search-panel"
    });
    var icon = link.querySelector(".wm-icon");
    if (icon) toggle.appendChild(icon.cloneNode(true));
    toggle.appendChild(hiddenText(TEXT.button));
    toggle.hidden = true;

    var panel = attrs(el("div", "wm-search__panel wm-js-search-panel"), { id: "wm-search-panel" });
    panel.hidden = true;
    var inner = panel.appendChild(el("div", "wm-search__inner"));
    var form = inner.appendChild(attrs(el("form", "wm-search__form wm-js-search-form"), { role: "search", "aria-label": "Site" }));
    form.appendChild(attrs(el("label", "wm-search__label", TEXT.label), { for: "wm-search-input" }));
    form.appendChild(attrs(el("p", "wm-search__hint", TEXT.hint), { id: "wm-search-hint" }));
    var row = form.appendChild(el("div", "wm-search__row"));
    row.appendChild(attrs(el("input", "wm-search__input wm-js-search-input"), {
      id: "wm-search-input", type: "search", "aria-describedby": "wm-search-hint", autocomplete: "off",
      autocapitalize: "off", autocorrect: "off", spellcheck: "false", enterkeyhint: "search"
    }));
    var close = row.appendChild(attrs(el("button", "wm-button wm-button--secondary wm-search__close wm-js-search-close", TEXT.close), { type: "button" }));
    close.appendChild(hiddenText(TEXT.closeWhat));
    inner.appendChild(attrs(el("p", "wm-search__status wm-js-search-status"), { role: "status" }));
    inner.appendChild(el("p", "wm-search__suggestion wm-js-search-suggestion")).hidden = true;
    inner.appendChild(attrs(el("ul", "wm-search__results wm-js-search-results"), { "aria-label": TEXT.results }));
    var more = inner.appendChild(attrs(el("button", "wm-button wm-button--secondary wm-search__more wm-js-search-more", TEXT.more), { type: "button" }));
    more.hidden = true;
    var browse = el("a", "", TEXT.browse);
    browse.setAttribute("href", link.getAttribute("href") || "");
    inner.appendChild(el("p", "wm-search__browse")).appendChild(browse);
    root.appendChild(toggle);
    root.appendChild(panel);
  }

  function Search(root) {
    this.root = root;
    this.header = root.closest("header") || root;
    buildControls(root, root.querySelector(".wm-js-search-link"));
    this.link = root.querySelector(".wm-js-search-link");
    this.toggle = root.querySelector(".wm-js-search-toggle");
    this.panel = root.querySelector(".wm-js-search-panel");
    this.form = root.querySelector(".wm-js-search-form");
    this.input = root.querySelector(".wm-js-search-input");
    this.status = root.querySelector(".wm-js-search-status");
    this.list = root.querySelector(".wm-js-search-results");
    this.more = root.querySelector(".wm-js-search-more");
    this.suggestion = root.querySelector(".wm-js-search-suggestion");
    // A root such as "//x/" would name another host: only this site's own paths are used.
    var base = (root.getAttribute("data-root") || "./").replace(/^\/{2,}/, "/");
    this.siteBase = new URL(base, document.baseURI).href;
    this.index = new URL(this.siteBase).origin === window.location.origin ? new Index(this.siteBase + "search/") : null;
    this.results = [];
    this.terms = [];
    this.toc = null;
    this.shown = 0;
    this.sequence = 0;
    this.timer = null;
    this.announcing = null;

    this.link.hidden = true;
    this.toggle.hidden = false;
    this.toggle.addEventListener("click", this.onToggle.bind(this));
    root.querySelector(".wm-js-search-close").addEventListener("click", this.close.bind(this, true));
    this.form.addEventListener("submit", this.onSubmit.bind(this));
    this.input.addEventListener("input", this.onInput.bind(this));
    root.addEventListener("keydown", this.onKeyDown.bind(this));
    this.more.addEventListener("click", this.onMore.bind(this));
    document.addEventListener("click", this.onDocumentClick.bind(this));
    document.addEventListener("focusin", this.onFocusIn.bind(this));
    window.addEventListener("resize", this.fit.bind(this));
  }

  Search.prototype.isOpen = function () {
    return !this.panel.hidden;
  };

  Search.prototype.onToggle = function () {
    if (this.isOpen()) this.close(true);
    else this.open();
  };

  Search.prototype.open = function () {
    this.panel.hidden = false;
    this.toggle.setAttribute("aria-expanded", "true");
    this.fit();
    this.input.focus();
    // Fetched when the panel opens, so it is there by the time a word is typed.
    this.load().catch(this.fail.bind(this));
  };

  Search.prototype.close = function (returnFocus) {
    if (!this.isOpen()) return;
    this.panel.hidden = true;
    this.toggle.setAttribute("aria-expanded", "false");
    if (returnFocus) this.toggle.focus();
  };

  /* The panel scrolls within the window below the header. */
  Search.prototype.fit = function () {
    if (!this.isOpen()) return;
    var top = this.panel.getBoundingClientRect().top;
    this.panel.style.maxHeight = Math.max(160, window.innerHeight - top) + "px";
  };

  Search.prototype.load = function () {
    if (!this.index) return Promise.reject(new Error("search index is not on this site"));
    return this.index.load();
  };

  Search.prototype.onInput = function () {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.run.bind(this, false), DELAY_MS);
  };

  Search.prototype.onSubmit = function (event) {
    event.preventDefault();
    clearTimeout(this.timer);
    this.run(true);
  };

  /* Searches for what is in the box; the count is announced at once when asked
     (Enter), otherwise when typing pauses. */
  Search.prototype.run = function (announceNow, retried) {
    var self = this;
    var query = this.input.value.trim();
    var sequence = ++this.sequence;
    clearTimeout(this.announcing);
    this.status.textContent = "";
    if (!query) {
      this.suggestion.hidden = true;
      this.results = [];
      this.shown = 0;
      this.list.textContent = "";
      this.list.removeAttribute("aria-busy");
      this.more.hidden = true;
      return Promise.resolve();
    }
    this.list.setAttribute("aria-busy", "true");
    if (!this.index) return Promise.resolve(this.fail());
    return this.index.search(query).then(function (found) {
      if (sequence !== self.sequence) return;
      self.toc = found.toc;
      self.terms = found.terms;
      self.results = found.pages;
      self.showCorrection(found.corrected, query);
      self.shown = 0;
      return self.showMore(false, announceNow);
    }).then(null, function (error) {
      if (sequence !== self.sequence) return;
      // Once more from a fresh table of contents, in case the site was published again.
      self.index.forget();
      if (!retried) return self.run(announceNow, true);
      self.fail(error, true);
    });
  };

  /* "Show more results": ignored while results are still loading. */
  Search.prototype.onMore = function () {
    var self = this;
    var sequence = this.sequence;
    if (this.list.getAttribute("aria-busy") === "true") return;
    this.showMore(true).then(null, function (error) {
      if (sequence !== self.sequence) return;
      self.index.forget();
      self.fail(error, false);
    });
  };

  /* Loads and shows the next results; focus moves to the first new one when asked. */
  Search.prototype.showMore = function (focusFirst, announceNow) {
    var self = this;
    var sequence = this.sequence;
    var index = this.index;
    var toc = this.toc;
    var batch = this.results.slice(this.shown, this.shown + PAGE);
    this.list.setAttribute("aria-busy", "true");
    return Promise.all(batch.map(function (number) { return index.page(toc, number); })).then(function (items) {
      if (sequence !== self.sequence) return;
      if (self.shown === 0) self.list.textContent = "";
      var first = null;
      items.forEach(function (data) {
        var item = renderResult(data, self.terms, toc, self.siteBase);
        if (!item) return;
        self.list.appendChild(item);
        if (!first) first = item.querySelector("a");
      });
      self.shown += batch.length;
      self.list.removeAttribute("aria-busy");
      self.more.hidden = self.shown >= self.results.length;
      self.announcing = setTimeout(self.announce.bind(self), focusFirst || announceNow ? ANNOUNCE_NOW_MS : ANNOUNCE_MS);
      if (focusFirst && first) first.focus();
    });
  };

  /* "Did you mean …?": the words as the index has them, to search again with one press. */
  Search.prototype.showCorrection = function (corrected, query) {
    this.suggestion.textContent = "";
    this.suggestion.hidden = !corrected || corrected === Q.fold(query).trim();
    if (this.suggestion.hidden) return;
    var self = this;
    this.suggestion.appendChild(document.createTextNode("Did you mean "));
    var again = el("button", "wm-search__again", corrected);
    again.type = "button";
    again.addEventListener("click", function () {
      self.input.value = corrected;
      self.input.focus();
      self.run(true);
    });
    this.suggestion.appendChild(again);
    this.suggestion.appendChild(document.createTextNode("? Results for it are shown below."));
  };

  Search.prototype.announce = function () {
    var total = this.results.length;
    if (!this.terms.length) this.status.textContent = TEXT.short;
    else if (total === 0) this.status.textContent = TEXT.none;
    else if (this.shown < total && this.shown > PAGE) this.status.textContent = TEXT.some(this.shown, total);
    else this.status.textContent = total === 1 ? TEXT.one : TEXT.many(total);
  };

  /* Says that search could not load; a failed search also takes away the
     previous words' results, which would otherwise seem to answer these. */
  Search.prototype.fail = function (error, clear) {
    this.list.removeAttribute("aria-busy");
    if (clear) {
      this.results = [];
      this.shown = 0;
      this.list.textContent = "";
    }
    if (clear || document.activeElement === this.more) {
      if (document.activeElement === this.more) this.input.focus();
      this.more.hidden = true;
    }
    clearTimeout(this.announcing);
    this.status.textContent = TEXT.failed;
  };

  /* Escape closes; the arrow keys move between the box and the results. */
  Search.prototype.onKeyDown = function (event) {
    if (event.key === "Escape" && this.isOpen()) {
      event.preventDefault();
      this.close(true);
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var links = Array.prototype.slice.call(this.list.querySelectorAll("a"));
    if (!links.length) return;
    var at = links.indexOf(document.activeElement);
    var target = null;
    if (document.activeElement === this.input) target = event.key === "ArrowDown" ? links[0] : null;
    else if (at !== -1) target = event.key === "ArrowDown" ? links[Math.min(at + 1, links.length - 1)] : (at === 0 ? this.input : links[at - 1]);
    if (target) {
      event.preventDefault();
      target.focus();
    }
  };

  /* A click elsewhere on the page closes the panel (not one on a control the
     panel has since taken away, such as "Did you mean"). */
  Search.prototype.onDocumentClick = function (event) {
    if (this.isOpen() && event.target.isConnected && !this.root.contains(event.target)) this.close(false);
  };

  /* Focus leaving the header closes the panel, so it never hides what has focus. */
  Search.prototype.onFocusIn = function (event) {
    if (this.isOpen() && !this.header.contains(event.target)) this.close(false);
  };

  function init() {
    var root = document.querySelector('[data-module="wm-search"]');
    if (root && TOKEN && Q && window.URL && window.Promise && window.Map && window.fetch && String.prototype.normalize) new Search(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
