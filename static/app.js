// Small enhancements; every page works without them.
"use strict";

// Forms that change something irreversible ask first (data-confirm="...").
document.addEventListener("submit", (event) => {
  const form = event.target;
  const question = form.getAttribute("data-confirm");
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

// On narrow screens the navigation folds behind a menu button.
document.addEventListener("DOMContentLoaded", () => {
  const toggle = document.querySelector(".nav-toggle");
  const nav = document.getElementById("sidenav");
  if (!toggle || !nav) {
    return;
  }
  toggle.hidden = false;
  document.body.classList.add("nav-collapsible");
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") === "true";
    toggle.setAttribute("aria-expanded", String(!open));
    nav.classList.toggle("open", !open);
  });

  // Move focus to the error summary so screen readers announce it.
  const summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }
});

// Printable pages (contracts, agreements) offer a print button.
document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll("[data-print]")) {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  }
});

// "/" moves to the search box in the top bar, unless one is typing.
document.addEventListener("keydown", (event) => {
  if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) {
    return;
  }
  const target = event.target;
  if (target instanceof HTMLElement && (target.isContentEditable || target.closest("input, textarea, select"))) {
    return;
  }
  const box = document.getElementById("topbar-q");
  if (box) {
    event.preventDefault();
    box.focus();
  }
});
