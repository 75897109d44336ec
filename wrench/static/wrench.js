// Behaviour every page shares. No inline script or on*= attributes anywhere: the
// Content-Security-Policy allows scripts from this site only (script-src 'self').
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
