// MedPath's small progressive enhancements; every page works without them.
document.addEventListener("click", (event) => {
  const button = event.target.closest("button[data-copy]");
  if (!button) return;
  const field = document.getElementById(button.dataset.copy);
  if (!field) return;
  field.select();
  const label = button.firstChild;
  const done = () => {
    if (!label || label.nodeType !== Node.TEXT_NODE) return;
    label.textContent = "Copied";
    setTimeout(() => { label.textContent = "Copy"; }, 2000);
  };
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

// Copy buttons that only work with this script stay hidden without it.
document.querySelectorAll("button[data-copy][hidden]").forEach((button) => { button.hidden = false; });

// Application texts count their characters as they are typed ("612 / 700"), the way the server counts them:
// every character (not UTF-16 unit), spaces included, a line break as one. The server says the same without this.
const countCharacters = (text) => [...text.replace(/\r\n?/g, "\n")].length;
document.querySelectorAll("textarea[data-limit]").forEach((field) => {
  const counter = document.getElementById(`${field.id}_count`);
  if (!counter) return;
  const shown = counter.querySelector("[data-count]");
  const over = counter.querySelector("[data-over]");
  const limit = Number(field.dataset.limit);
  const update = () => {
    const used = countCharacters(field.value);
    shown.textContent = `${used.toLocaleString("en-US")} / ${limit.toLocaleString("en-US")}`;
    const beyond = used - limit;
    over.hidden = beyond <= 0;
    over.textContent = beyond > 0
      ? ` — ${beyond.toLocaleString("en-US")} character${beyond === 1 ? "" : "s"} over the ${limit.toLocaleString("en-US")} ${field.dataset.limitName} allows`
      : "";
    field.setAttribute("aria-invalid", beyond > 0 ? "true" : "false");
  };
  field.addEventListener("input", update);
  update();
});
