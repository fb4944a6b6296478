// MedPath's small progressive enhancements; every page works without them.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  if (!field) return;
  field.select();
  const done = () => { button.textContent = "Copied"; setTimeout(() => { button.textContent = "Copy"; }, 2000); };
  if (navigator.clipboard) {
    navigator.clipboard.writeText(field.value).then(done, () => document.execCommand("copy") && done());
  } else if (document.execCommand("copy")) {
    done();
  }
});

// Forms that delete or change something lasting ask first (the server never relies on this).
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) event.preventDefault();
});

// A new account starts in the browser's time zone (hours and deadlines are counted where you live).
document.querySelectorAll("input[data-time-zone]").forEach((field) => {
  if (!field.value && window.Intl) field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
});
