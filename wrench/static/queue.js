// Review and approval queues: tick every row at once, and say how many are ticked.
document.addEventListener("DOMContentLoaded", () => {
  const boxes = () => document.querySelectorAll("input[type=checkbox][form=bulk]");
  const count = document.querySelector("[data-bulk-count]");
  const all = document.querySelector("[data-tick-all]");
  const show = () => {
    if (count) count.textContent = [...boxes()].filter((b) => b.checked).length;
  };
  if (all) {
    all.addEventListener("change", () => {
      boxes().forEach((b) => { b.checked = all.checked; });
      show();
    });
  }
  boxes().forEach((b) => b.addEventListener("change", show));
  show();
});
