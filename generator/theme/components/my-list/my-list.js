/* My list: a shortlist kept only in this browser (localStorage), never sent
   anywhere, cleared in one click, and printable as a one-page signposting sheet.
   Entry pages get an "Add to my list" button; the My list page shows the list. */
(function () {
  "use strict";

  var KEY = "waymark:my-list";
  var el = window.Waymark.el;
  var getJSON = window.Waymark.getJSON;
  var SAFE_ACTION = window.Waymark.SAFE_ACTION;
  var SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;

  var recovered = false; // a saved value that could not be read was cleared on this page

  function read() {
    var text;
    try {
      text = window.localStorage.getItem(KEY);
    } catch (error) {
      return null; // storage is turned off or unavailable
    }
    var ids;
    try {
      ids = JSON.parse(text || "[]");
    } catch (error) {
      ids = null;
    }
    if (!Array.isArray(ids)) {
      // Damaged (or written by something else): clear it, so My list works again, and say so.
      write([]);
      recovered = true;
      return [];
    }
    return ids.filter(function (id) { return typeof id === "string" && SLUG.test(id); });
  }

  function write(ids) {
    try {
      if (ids.length) window.localStorage.setItem(KEY, JSON.stringify(ids));
      else window.localStorage.removeItem(KEY);
      return true;
    } catch (error) {
      return false;
    }
  }



  /* The button on an entry page. */
  function Toggle(root) {
    var ids = read();
    if (ids === null) return; // without storage the button would not work: keep it hidden
    this.root = root;
    this.id = root.getAttribute("data-entry");
    // Built here, not sent in every entry page: without JavaScript it could not work.
    this.button = el("button", "wm-button wm-button--secondary wm-my-list-toggle__button", "Add to my list");
    this.button.type = "button";
    var link = el("a", "wm-my-list-toggle__link", "View my list");
    link.href = root.getAttribute("data-list") || "";
    this.status = el("span", "wm-my-list-toggle__status wm-visually-hidden");
    this.status.setAttribute("role", "status");
    root.appendChild(this.button);
    root.appendChild(link);
    root.appendChild(this.status);
    root.hidden = false;
    this.button.addEventListener("click", this.toggle.bind(this));
    this.show();
  }

  Toggle.prototype.saved = function () {
    return (read() || []).indexOf(this.id) !== -1;
  };

  Toggle.prototype.show = function () {
    this.button.textContent = this.saved() ? "Remove from my list" : "Add to my list";
  };

  Toggle.prototype.toggle = function () {
    var ids = read() || [];
    var saved = ids.indexOf(this.id) !== -1;
    var ok = write(saved ? ids.filter(function (id) { return id !== this.id; }, this) : ids.concat([this.id]));
    this.status.textContent = !ok ? "Could not save: this browser is not keeping data for this site."
      : saved ? "Removed from your list." : "Added to your list.";
    this.show();
  };

  /* The My list page. */
  function List(root) {
    this.root = root;
    this.base = new URL(root.getAttribute("data-root") || "./", window.location.href);
    this.app = root.querySelector(".wm-my-list__app");
    this.items = root.querySelector(".wm-my-list__items");
    this.status = root.querySelector(".wm-my-list__status");
    this.actions = root.querySelector(".wm-my-list__actions");
    root.querySelector(".wm-my-list__nojs").hidden = true;
    this.app.hidden = false;
    var self = this;
    root.querySelector(".wm-my-list__print").addEventListener("click", function () { window.print(); });
    root.querySelector(".wm-my-list__clear").addEventListener("click", function () {
      write([]);
      self.items.textContent = "";
      self.actions.hidden = true;
      self.status.textContent = "Your list has been cleared.";
    });
    this.load();
  }

  List.prototype.load = function () {
    var self = this;
    var ids = read();
    if (ids === null) {
      this.actions.hidden = true;
      this.status.textContent = "This browser is not keeping data for this site, so My list cannot work here.";
      return;
    }
    if (!ids.length) {
      this.actions.hidden = true;
      this.status.textContent = recovered
        ? "Your saved list could not be read, so it has been cleared. Add resources again from their pages."
        : "Your list is empty.";
      return;
    }
    // Cards come in chunks of data-chunk entries, in the order of find/ids.json.
    var size = Number(this.root.getAttribute("data-chunk")) || 100;
    getJSON(new URL("find/ids.json", this.base)).then(function (all) {
      var positions = ids.map(function (id) { return all.indexOf(id); });
      var chunks = {};
      positions.forEach(function (p) { if (p >= 0) chunks[Math.floor(p / size)] = true; });
      return Promise.all(Object.keys(chunks).map(function (n) {
        return getJSON(new URL("find/cards/" + n + ".json", self.base)).then(function (cards) { chunks[n] = cards; });
      })).then(function () {
        var found = [];
        positions.forEach(function (p) { if (p >= 0) found.push(chunks[Math.floor(p / size)][p % size]); });
        self.render(found, ids.length - found.length);
      });
    }).catch(function () {
      self.status.textContent = "Your list could not be loaded. Try again later.";
    });
  };

  List.prototype.render = function (cards, missing) {
    var self = this;
    this.items.textContent = "";
    cards.forEach(function (card) { self.items.appendChild(self.item(card)); });
    var n = cards.length;
    var message = n === 1 ? "1 resource in your list." : n + " resources in your list.";
    if (missing) message += " " + missing + " saved item" + (missing === 1 ? " is" : "s are") + " no longer in the directory.";
    this.status.textContent = message;
    if (missing) write(cards.map(function (card) { return card.id; }));
    this.actions.hidden = n === 0;
  };

  List.prototype.item = function (card) {
    var self = this;
    var item = el("li", "wm-my-list__item");
    var title = el("h2", "wm-my-list__name");
    var link = el("a", null, card.name);
    link.href = new URL("entries/" + encodeURIComponent(card.id) + "/", this.base).href;
    title.appendChild(link);
    item.appendChild(title);
    item.appendChild(el("p", "wm-my-list__summary", card.summary));
    var details = el("ul", "wm-my-list__details");
    (card.phones || []).forEach(function (phone) {
      if (!SAFE_ACTION.test(phone.href)) return;
      var line = el("li");
      var action = el("a", null, phone.text);
      action.href = phone.href;
      line.appendChild(action);
      if (phone.detail) line.appendChild(document.createTextNode(" — " + phone.detail));
      details.appendChild(line);
    });
    if (card.hours) details.appendChild(el("li", null, "Opening hours: " + card.hours));
    if (card.web && /^https:\/\//.test(card.web)) {
      var web = el("li");
      var a = el("a", "wm-my-list__web", card.web);
      a.href = card.web;
      web.appendChild(a);
      details.appendChild(web);
    }
    if (card.email) details.appendChild(el("li", null, "Email: " + card.email));
    if (details.children.length) item.appendChild(details);
    var remove = el("button", "wm-button wm-button--secondary wm-my-list__remove", "Remove");
    remove.type = "button";
    remove.appendChild(el("span", "wm-visually-hidden", " " + card.name + " from my list"));
    remove.addEventListener("click", function () {
      write((read() || []).filter(function (id) { return id !== card.id; }));
      item.remove();
      var left = self.items.children.length;
      self.status.textContent = "Removed " + card.name + ". " + (left === 1 ? "1 resource" : left + " resources") + " in your list.";
      self.actions.hidden = left === 0;
    });
    item.appendChild(remove);
    return item;
  };

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="wm-my-list-toggle"]'), function (root) { new Toggle(root); });
    Array.prototype.forEach.call(document.querySelectorAll('[data-module="wm-my-list"]'), function (root) { new List(root); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
