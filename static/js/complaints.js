// Complaints: the print button of a receipt (the page prints the same way from the browser menu).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-print]");
  if (button) {
    window.print();
  }
});
