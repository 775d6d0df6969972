// Small behaviours shared by all pages. No inline scripts: the content
// security policy allows scripts from this site's files only.
document.addEventListener("click", (event) => {
  const target = event.target.closest("[data-confirm]");
  if (target && !window.confirm(target.dataset.confirm)) {
    event.preventDefault();
  }
});
