// Show the "Print this page" button only when JavaScript can print; without
// JavaScript the page still says how to print from the browser's menu.
document.querySelectorAll(".js-print").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
