// Complaint and survey pages: loaded as a file so the Content-Security-Policy can forbid inline scripts.
document.addEventListener("DOMContentLoaded", () => {
  // A tracking link carries the code after "#", which browsers never send to the server: put it into the form.
  const input = document.querySelector("[data-kode-dari-fragmen]");
  if (input && window.location.hash.length > 1 && !input.value) {
    input.value = decodeURIComponent(window.location.hash.slice(1));
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
  document.querySelectorAll("[data-salin]").forEach((button) => {
    button.addEventListener("click", () => {
      const teks = document.getElementById(button.dataset.salin).textContent.trim();
      if (navigator.clipboard) {
        navigator.clipboard.writeText(teks).then(() => {
          button.textContent = button.dataset.tersalin || button.textContent;
        });
      }
    });
  });
  document.querySelectorAll("[data-cetak]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
});
