/* Exit this page, modelled on GOV.UK Frontend's component.
   Without JavaScript the button and the skip link are plain links to a neutral site.
   With it: Shift pressed three times (each press within 5 seconds of the last)
   leaves too; screen readers hear how many presses remain; the page is hidden
   before the browser moves on, and the page leaves the back/forward history
   (location.replace). A page restored from the back/forward cache is shown
   again (pageshow). */
(function () {
  "use strict";

  var TIMEOUT_MS = 5000;
  var TEXT = {
    pressTwoMoreTimes: "Shift, press 2 more times to exit.",
    pressOneMoreTime: "Shift, press 1 more time to exit.",
    timedOut: "Exit this page expired.",
    activated: "Loading."
  };

  function ExitThisPage(root) {
    this.root = root;
    this.button = root.querySelector(".wm-js-exit-this-page-button");
    this.skipLink = document.querySelector(".wm-js-exit-this-page-skiplink");
    this.presses = 0;
    this.lastKeyWasModified = false;
    this.pressTimer = null;
    this.messageTimer = null;
    this.overlay = null;

    this.indicator = document.createElement("span");
    this.indicator.className = "wm-exit-this-page__indicator";
    this.indicator.setAttribute("aria-hidden", "true");
    for (var i = 0; i < 3; i++) {
      var light = document.createElement("span");
      light.className = "wm-exit-this-page__indicator-light";
      this.indicator.appendChild(light);
    }
    this.button.appendChild(this.indicator);

    this.status = document.createElement("span");
    this.status.className = "wm-visually-hidden";
    this.status.setAttribute("role", "status");
    root.appendChild(this.status);

    var onClick = this.onClick.bind(this);
    this.button.addEventListener("click", onClick);
    if (this.skipLink) this.skipLink.addEventListener("click", onClick);
    document.addEventListener("keyup", this.onKeyUp.bind(this), true);
    window.addEventListener("pageshow", this.restore.bind(this));
  }

  ExitThisPage.prototype.onClick = function (event) {
    event.preventDefault();
    this.exit();
  };

  ExitThisPage.prototype.onKeyUp = function (event) {
    // A Shift released after Shift+another key was part of a shortcut, not a press.
    if (event.key === "Shift" && !this.lastKeyWasModified) {
      this.presses += 1;
      this.updateIndicator();
      clearTimeout(this.messageTimer);
      if (this.presses >= 3) {
        this.presses = 0;
        clearTimeout(this.pressTimer);
        this.pressTimer = null;
        this.exit();
      } else {
        this.status.textContent = this.presses === 1 ? TEXT.pressTwoMoreTimes : TEXT.pressOneMoreTime;
        this.startTimer();
      }
    } else if (this.pressTimer) {
      this.expire();
    }
    this.lastKeyWasModified = event.shiftKey;
  };

  ExitThisPage.prototype.startTimer = function () {
    clearTimeout(this.pressTimer);
    this.pressTimer = setTimeout(this.expire.bind(this), TIMEOUT_MS);
  };

  ExitThisPage.prototype.expire = function () {
    clearTimeout(this.pressTimer);
    this.pressTimer = null;
    this.presses = 0;
    this.status.textContent = TEXT.timedOut;
    var status = this.status;
    this.messageTimer = setTimeout(function () { status.textContent = ""; }, TIMEOUT_MS);
    this.updateIndicator();
  };

  ExitThisPage.prototype.updateIndicator = function () {
    var presses = this.presses;
    this.indicator.classList.toggle("wm-exit-this-page__indicator--visible", presses > 0);
    var lights = this.indicator.children;
    for (var i = 0; i < lights.length; i++) {
      lights[i].classList.toggle("wm-exit-this-page__indicator-light--on", i < presses);
    }
  };

  ExitThisPage.prototype.exit = function () {
    this.status.textContent = "";
    document.body.classList.add("wm-exit-this-page-hide-content");
    this.overlay = document.createElement("div");
    this.overlay.className = "wm-exit-this-page-overlay";
    this.overlay.setAttribute("role", "alert");
    document.body.appendChild(this.overlay);
    // Set after insertion: screen readers announce a change more reliably.
    this.overlay.textContent = TEXT.activated;
    window.location.replace(this.button.href);
  };

  ExitThisPage.prototype.restore = function () {
    document.body.classList.remove("wm-exit-this-page-hide-content");
    if (this.overlay) {
      this.overlay.remove();
      this.overlay = null;
    }
    clearTimeout(this.pressTimer);
    clearTimeout(this.messageTimer);
    this.pressTimer = null;
    this.presses = 0;
    this.status.textContent = "";
    this.updateIndicator();
  };

  function init() {
    var roots = document.querySelectorAll('[data-module="wm-exit-this-page"]');
    // One page, one listener: the first control owns the Shift shortcut.
    if (roots.length) new ExitThisPage(roots[0]);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
