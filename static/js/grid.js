// The realisation grid as a spreadsheet. Loaded as a file: the Content-Security-Policy forbids inline scripts.
//
// - Enter moves to the same column of the next row, Shift+Enter of the previous one; Tab and Shift+Tab move along
//   the row in the browser's own order. Leaving a changed cell saves its row (htmx, `hx-trigger="change"`); on the
//   last row Enter saves in place.
// - "Rinci" opens a row's details under it (htmx) and closes them when pressed again.
// - The details carry the row's version: when the row is saved on its own, the details follow its new version.
(function () {
  "use strict";

  var SEL = "table.grid-realisasi";

  function cells(column) {
    var grid = document.querySelector(SEL);
    return grid ? Array.prototype.slice.call(grid.querySelectorAll('tr.baris [data-kolom="' + column + '"]')) : [];
  }

  function focusCell(cell) {
    cell.focus();
    if (cell.select && cell.type === "text") {
      cell.select(); // typing replaces the value, as in a spreadsheet
    }
  }

  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (event.key !== "Enter" || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    if (!el.matches || !el.matches(SEL + " [data-kolom]")) {
      return;
    }
    event.preventDefault();
    var column = cells(el.getAttribute("data-kolom"));
    var next = column[column.indexOf(el) + (event.shiftKey ? -1 : 1)];
    if (next) {
      focusCell(next); // leaving the cell fires "change", which saves its row
    } else {
      el.blur();
      el.focus();
    }
  });

  // Select every submitted row of the page for the bulk verification.
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.classList && el.classList.contains("js-pilih-semua")) {
      cells("pilih").forEach(function (box) {
        box.checked = el.checked;
      });
    }
  });

  // "Rinci" a second time closes the details instead of loading them again.
  document.addEventListener("htmx:confirm", function (event) {
    var el = event.detail.elt;
    if (!el.classList || !el.classList.contains("js-rinci")) {
      return;
    }
    var open = document.getElementById(el.getAttribute("aria-controls"));
    if (open) {
      event.preventDefault();
      open.remove();
      el.setAttribute("aria-expanded", "false");
    }
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    var el = event.target;
    if (!el.matches) {
      return;
    }
    if (el.matches("tr.grid-rinci")) {
      var toggle = document.querySelector('[aria-controls="' + el.id + '"]');
      if (toggle) {
        toggle.setAttribute("aria-expanded", "true");
      }
    }
    if (el.matches("tr.baris")) {
      var details = document.getElementById(el.id.replace("baris-", "rinci-"));
      if (details) {
        details.querySelectorAll(".js-rinci-versi").forEach(function (input) {
          input.value = el.getAttribute("data-versi");
        });
        var toggleRow = el.querySelector(".js-rinci");
        if (toggleRow) {
          toggleRow.setAttribute("aria-expanded", "true");
        }
      }
    }
  });
})();
