/* Site search over the Pagefind index that the build writes to pagefind/
   (generator/search_index.py).

   Without JavaScript, or in a browser without ES modules, the header control
   stays a plain link to "Find support". With them, it becomes a button that
   opens a search panel below the header; Pagefind is fetched only then, and
   only the index pieces a search needs. Everything comes from this site.

   What is typed stays in the page: the address, the history and browser
   storage are never touched. Text from the index is put on the page as text;
   Pagefind wraps matched words in <mark>, which is rebuilt here as elements,
   so nothing from the index can become markup. */
(function () {
  "use strict";

  var PAGE = 10; // results shown at a time: each one loads a small file
  var DELAY_MS = 250; // wait for a pause in typing before searching
  var TEXT = {
    none: "No results. Try another word, or browse every resource.",
    one: "1 result",
    many: function (n) { return n + " results"; },
    some: function (shown, n) { return "Showing " + shown + " of " + n + " results"; },
    failed: "Search could not load. You can browse every resource instead."
  };
  var el = window.Waymark.el;
  var ENTITIES = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": "\"", "&#39;": "'", "&#x27;": "'" };


  function decode(text) {
    return text.replace(/&(?:amp|lt|gt|quot|#39|#x27);/g, function (entity) { return ENTITIES[entity]; });
  }

  /* Pagefind's excerpt is escaped page text with <mark> around matched words. */
  function appendExcerpt(excerpt, into) {
    var marked = false;
    String(excerpt).split(/(<mark>|<\/mark>)/).forEach(function (part) {
      if (part === "<mark>") marked = true;
      else if (part === "</mark>") marked = false;
      else if (part) into.appendChild(marked ? el("mark", "wm-search-result__match", decode(part)) : document.createTextNode(decode(part)));
    });
  }

  /* Only pages of this site, over http(s), ever become links. */
  function siteUrl(url) {
    try {
      var parsed = new URL(url, window.location.href);
      if (parsed.origin === window.location.origin && /^https?:$/.test(parsed.protocol)) return parsed.href;
    } catch (error) { /* not an address */ }
    return null;
  }

  function renderResult(data) {
    var href = siteUrl(data.url);
    if (!href) return null;
    var meta = data.meta || {};
    var item = el("li", "wm-search-result");
    var title = el("p", "wm-search-result__title");
    var link = el("a", "wm-search-result__link", meta.title || data.url);
    link.href = href;
    title.appendChild(link);
    item.appendChild(title);
    var about = [meta.kind, meta.where].filter(Boolean).join(" · ");
    item.appendChild(el("p", "wm-search-result__meta", about || "Page"));
    if (data.excerpt) {
      var excerpt = el("p", "wm-search-result__excerpt");
      appendExcerpt(data.excerpt, excerpt);
      item.appendChild(excerpt);
    }
    return item;
  }

  function Search(root) {
    this.root = root;
    this.header = root.closest("header") || root;
    this.link = root.querySelector(".wm-js-search-link");
    this.toggle = root.querySelector(".wm-js-search-toggle");
    this.panel = root.querySelector(".wm-js-search-panel");
    this.form = root.querySelector(".wm-js-search-form");
    this.input = root.querySelector(".wm-js-search-input");
    this.status = root.querySelector(".wm-js-search-status");
    this.list = root.querySelector(".wm-js-search-results");
    this.more = root.querySelector(".wm-js-search-more");
    // A root such as "//x/" would name another host: only this site's own paths are used.
    var base = (root.getAttribute("data-root") || "./").replace(/^\/{2,}/, "/");
    this.bundle = new URL(base + "pagefind/pagefind.js", document.baseURI).href;
    if (new URL(this.bundle).origin !== window.location.origin) this.bundle = null;
    this.pagefind = null;
    this.results = [];
    this.shown = 0;
    this.sequence = 0;
    this.timer = null;

    this.link.hidden = true;
    this.toggle.hidden = false;
    this.toggle.addEventListener("click", this.onToggle.bind(this));
    root.querySelector(".wm-js-search-close").addEventListener("click", this.close.bind(this, true));
    this.form.addEventListener("submit", this.onSubmit.bind(this));
    this.input.addEventListener("input", this.onInput.bind(this));
    root.addEventListener("keydown", this.onKeyDown.bind(this));
    this.more.addEventListener("click", this.showMore.bind(this, true));
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
    if (!this.bundle) return Promise.reject(new Error("search index is not on this site"));
    if (!this.pagefind) {
      var self = this;
      // Started when the panel opens, so the index is ready by the time typing stops.
      this.pagefind = window.wmSearchImport(this.bundle).then(function (pagefind) {
        return pagefind.options({ excerptLength: 24 }).then(function () {
          return pagefind.init();
        }).then(function () { return pagefind; });
      });
      // A failed load may be a dropped connection: the next search tries again.
      this.pagefind.catch(function () { self.pagefind = null; });
    }
    return this.pagefind;
  };

  Search.prototype.onInput = function () {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.run.bind(this), DELAY_MS);
  };

  Search.prototype.onSubmit = function (event) {
    event.preventDefault();
    clearTimeout(this.timer);
    this.run();
  };

  Search.prototype.run = function () {
    var self = this;
    var query = this.input.value.trim();
    var sequence = ++this.sequence;
    if (!query) {
      this.results = [];
      this.shown = 0;
      this.list.textContent = "";
      this.more.hidden = true;
      this.status.textContent = "";
      return Promise.resolve();
    }
    this.list.setAttribute("aria-busy", "true");
    return this.load().then(function (pagefind) {
      return pagefind.search(query);
    }).then(function (search) {
      if (sequence !== self.sequence || !search) return;
      self.results = search.results;
      self.shown = 0;
      self.list.textContent = "";
      return self.showMore(false);
    }).catch(function (error) {
      if (sequence === self.sequence) self.fail(error);
    });
  };

  /* Loads and shows the next results; focus moves to the first new one when asked. */
  Search.prototype.showMore = function (focusFirst) {
    var self = this;
    var sequence = this.sequence;
    var batch = this.results.slice(this.shown, this.shown + PAGE);
    this.list.setAttribute("aria-busy", "true");
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (items) {
      if (sequence !== self.sequence) return;
      var first = null;
      items.forEach(function (data) {
        var item = renderResult(data);
        if (!item) return;
        self.list.appendChild(item);
        if (!first) first = item.querySelector("a");
      });
      self.shown += batch.length;
      self.list.removeAttribute("aria-busy");
      self.more.hidden = self.shown >= self.results.length;
      self.announce();
      if (focusFirst === true && first) first.focus();
    });
  };

  Search.prototype.announce = function () {
    var total = this.results.length;
    if (total === 0) this.status.textContent = TEXT.none;
    else if (this.shown < total && this.shown > PAGE) this.status.textContent = TEXT.some(this.shown, total);
    else this.status.textContent = total === 1 ? TEXT.one : TEXT.many(total);
  };

  Search.prototype.fail = function () {
    this.list.removeAttribute("aria-busy");
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

  /* A click elsewhere on the page closes the panel. */
  Search.prototype.onDocumentClick = function (event) {
    if (this.isOpen() && !this.root.contains(event.target)) this.close(false);
  };

  /* Focus leaving the header closes the panel, so it never hides what has focus. */
  Search.prototype.onFocusIn = function (event) {
    if (this.isOpen() && !this.header.contains(event.target)) this.close(false);
  };

  function init() {
    var root = document.querySelector('[data-module="wm-search"]');
    if (root && typeof window.wmSearchImport === "function" && window.URL && window.Promise) new Search(root);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
