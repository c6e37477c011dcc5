// Small progressive enhancements; every page works without this file.
document.addEventListener("click", (event) => {
  const target = event.target.closest("[data-confirm]");
  if (target && !window.confirm(target.dataset.confirm)) {
    event.preventDefault();
  }
});
// A waiting page swaps in a link marked data-autodownload once its file is ready: start that download once.
document.addEventListener("htmx:afterSettle", (event) => {
  const link = event.target.querySelector ? event.target.querySelector("a[data-autodownload]") : null;
  if (link && !link.dataset.started) {
    link.dataset.started = "1";
    window.location.assign(link.href);
  }
});
