/* Helpers the components share (bundled first, see generator/bundle.py):
   elements are built with text only, JSON is fetched from this site only, and
   call or text links are checked before use. */
window.Waymark = (function () {
  "use strict";

  return {
    // tel: or sms: with digits, and an optional one-word text body.
    SAFE_ACTION: /^(tel|sms):\+?[0-9]+(\?body=[A-Za-z0-9]+)?$/,

    el: function (tag, className, text) {
      var node = document.createElement(tag);
      if (className) node.className = className;
      if (text !== undefined) node.textContent = text;
      return node;
    },

    // cache: a fetch cache mode ("no-store" keeps the file out of the browser's cache).
    getJSON: function (url, cache) {
      return fetch(url, { credentials: "same-origin", cache: cache || "default" }).then(function (response) {
        if (!response.ok) throw new Error(response.status + " " + url);
        return response.json();
      });
    }
  };
})();
