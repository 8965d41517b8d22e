/* On paper, a page says where it lives: the address line printed under each
   entry is filled from the browser's own address (without anything after ?
   or #) when the build did not know the site's address. */
(function () {
  "use strict";
  function init() {
    Array.prototype.forEach.call(document.querySelectorAll(".wm-js-print-address"), function (node) {
      if (node.textContent) return;
      var here = window.location;
      if (!/^https?:$/.test(here.protocol)) return;
      node.textContent = here.origin + here.pathname;
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
