// A button that opens the browser's print dialogue (where the page can be saved as a PDF).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
