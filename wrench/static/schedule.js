// The schedule board's select-and-place: choose a backlog row ("Select") or an item on the
// board ("Move"), then "Place here" on any cell. Kept across the board's HTMX swaps.
// No inline scripts: the page loads this file (Content-Security-Policy script-src 'self').
(function () {
  "use strict";
  var selected = "";

  function apply() {
    var board = document.getElementById("board");
    if (!board) return;
    board.classList.toggle("selecting", selected !== "");
    board.querySelectorAll(".selected-wo").forEach(function (input) { input.value = selected; });
    board.querySelectorAll("[data-number]").forEach(function (el) {
      el.classList.toggle("selected", selected !== "" && el.dataset.number === selected);
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-select]");
    if (!button) return;
    event.preventDefault();
    selected = selected === button.dataset.select ? "" : button.dataset.select;
    apply();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && selected) { selected = ""; apply(); }
  });
  document.addEventListener("htmx:afterSwap", function () {
    // A placement clears the selection; anything else keeps it.
    if (document.querySelector("#board .notice")) selected = "";
    apply();
  });
  document.addEventListener("DOMContentLoaded", apply);
})();
