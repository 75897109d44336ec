// A "Print" button (data-print): the browser's print dialog; the stylesheet's print rules apply.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-print]").forEach((b) => b.addEventListener("click", () => window.print()));
});
