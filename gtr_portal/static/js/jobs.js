// Follows a background job: polls its small status endpoint and reloads the page when the
// job has finished, so the new state (files, sizes, errors) comes from the server.
(function () {
  "use strict";
  document.querySelectorAll("[data-job-url]").forEach(function (panel) {
    var status = panel.getAttribute("data-job-status");
    if (status !== "queued" && status !== "running") { return; }
    var label = panel.querySelector("[data-job-label]");
    var bar = panel.querySelector("[data-job-progress]");
    function poll() {
      fetch(panel.getAttribute("data-job-url"), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.json(); })
        .then(function (job) {
          if (label) { label.textContent = job.status_label; }
          if (bar) { bar.value = job.progress; }
          panel.setAttribute("data-job-status", job.status);
          if (job.status === "done" || job.status === "failed") { window.location.reload(); return; }
          window.setTimeout(poll, 1500);
        })
        .catch(function () { window.setTimeout(poll, 5000); });
    }
    window.setTimeout(poll, 1000);
  });
})();
