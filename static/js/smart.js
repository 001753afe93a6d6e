// SMART's own behaviour, loaded on every page (no inline scripts: the CSP forbids them).
// A button with data-confirm asks before its form is sent (withdrawals, rejections).
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-confirm]");
  if (button && !window.confirm(button.dataset.confirm)) {
    event.preventDefault();
  }
});
