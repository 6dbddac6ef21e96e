/* Live reading score on the article and tip edit pages (education/admin.py).
   As staff type, the form's patient text is sent to the admin's reading-score
   address, which scores it with the same code as the saved text, so the grade
   shown while typing and after saving always agree. A same-origin static file:
   the admin's Content-Security-Policy allows no inline scripts. */
(function () {
  "use strict";

  function start() {
    var panel = document.querySelector("[data-reading-score-url]");
    var form = panel && panel.closest("form");
    if (!form || !window.fetch) {
      return;
    }
    var output = panel.querySelector(".reading-score__value");
    var url = panel.getAttribute("data-reading-score-url");
    var names = panel.getAttribute("data-reading-score-fields").split(",");
    var token = form.querySelector("input[name=csrfmiddlewaretoken]");
    var timer = null;
    var running = null;

    function update() {
      var body = new URLSearchParams();
      names.forEach(function (name) {
        var field = form.elements[name];
        if (field) {
          body.append(name, field.value);
        }
      });
      if (running) {
        running.abort();
      }
      running = new AbortController();
      fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": token.value },
        signal: running.signal,
      })
        .then(function (response) {
          return response.ok ? response.json() : null;
        })
        .then(function (data) {
          if (data) {
            output.textContent = data.text;
          }
        })
        .catch(function () {
          /* Advice only: if scoring fails, the last score stays shown. */
        });
    }

    names.forEach(function (name) {
      var field = form.elements[name];
      if (field) {
        field.addEventListener("input", function () {
          window.clearTimeout(timer);
          timer = window.setTimeout(update, 600);
        });
      }
    });
  }

  // The admin puts form media in the page's <head>, before the form exists.
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
