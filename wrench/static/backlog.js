// Backlog filter: choosing a value of a characteristic adds it at once (a chip appears).
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => {
      if (select.value) select.form.requestSubmit();
    });
  });
});
