// refcheck's page: start a job, poll it, show progress, rows, summary, filters, copy, downloads.
// Safety rule: user data is only ever set with textContent or .value. Result rows arrive as
// HTML rendered (and escaped) by the server's Jinja template and are moved in as parsed nodes.
(() => {
  "use strict";

  const POLL_MS = 600;
  const app = document.getElementById("app");
  const byId = (id) => document.getElementById(id);
  const jobsUrl = app.dataset.jobsUrl;
  const rowsUrl = app.dataset.rowsUrl;
  const maxBytes = Number(app.dataset.maxBytes);
  const accepted = app.dataset.accept.split(",").map((s) => s.trim().toLowerCase());

  const form = byId("check-form");
  const text = byId("text");
  const fileInput = byId("file");
  const fileNote = byId("file-note");
  const fileName = byId("file-name");
  const submit = byId("submit");
  const message = byId("message");
  const progressSection = byId("progress-section");
  const progress = byId("progress");
  const progressText = byId("progress-text");
  const results = byId("results");
  const rows = byId("rows");
  const shownCount = byId("shown-count");
  const copyButton = byId("copy");
  const copyStatus = byId("copy-status");
  const corrected = byId("corrected");
  const correctedDetails = byId("corrected-details");
  const downloadJson = byId("download-json");
  const downloadCsv = byId("download-csv");

  let job = null; // {id, shown} of the job on screen

  function say(text) {
    message.textContent = text;
    message.hidden = !text;
  }

  // "812 bytes", "14.9 KiB", "16.0 MiB"
  function humanSize(bytes) {
    if (bytes < 1024) return `${bytes} bytes`;
    if (bytes < 1048576) return `${(bytes / 1024).toFixed(1)} KiB`;
    return `${(bytes / 1048576).toFixed(1)} MiB`;
  }

  // A size and the limit, in bytes where rounding would print them alike (16.0 MiB twice).
  function sizes(size, limit) {
    if (humanSize(size) !== humanSize(limit)) return [humanSize(size), humanSize(limit)];
    return [`${size.toLocaleString("en")} bytes`, `${limit.toLocaleString("en")} bytes`];
  }

  // ".txt, .md or .pdf"
  function listing(items) {
    return items.length < 2 ? items.join("") :
      `${items.slice(0, -1).join(", ")} or ${items[items.length - 1]}`;
  }

  function extensionOf(name) {
    const dot = name.lastIndexOf(".");
    return dot > 0 ? name.slice(dot).toLowerCase() : "";
  }

  // Why a file cannot be checked, or "" if it can.
  function fileProblem(file) {
    const ext = extensionOf(file.name);
    if (!accepted.includes(ext)) {
      const kind = ext ? `${ext} files are` : "files without an extension are";
      return `${file.name}: ${kind} not supported; upload ${listing(accepted)}.`;
    }
    if (file.size > maxBytes) {
      const [size, limit] = sizes(file.size, maxBytes);
      return `${file.name} is too large (${size}); the limit is ${limit}. ` +
        "Paste only the reference section instead.";
    }
    if (file.size === 0) return `${file.name} is empty; nothing to check.`;
    return "";
  }

  function chosenFile() {
    return fileInput.files && fileInput.files.length ? fileInput.files[0] : null;
  }

  function showChosenFile() {
    const file = chosenFile();
    if (!file) {
      fileNote.hidden = true;
      return;
    }
    const problem = fileProblem(file);
    if (problem) {
      say(problem);
      fileInput.value = "";
      fileNote.hidden = true;
      return;
    }
    say("");
    fileName.textContent = `${file.name} (${humanSize(file.size)}) will be checked.`;
    fileNote.hidden = false;
  }

  fileInput.addEventListener("change", showChosenFile);
  byId("clear-file").addEventListener("click", () => {
    fileInput.value = "";
    showChosenFile();
    fileInput.focus();
  });

  form.addEventListener("dragover", (event) => {
    if (event.dataTransfer && Array.from(event.dataTransfer.types).includes("Files")) {
      event.preventDefault();
      form.classList.add("dragging");
    }
  });
  form.addEventListener("dragleave", () => form.classList.remove("dragging"));
  form.addEventListener("drop", (event) => {
    form.classList.remove("dragging");
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    event.preventDefault();
    fileInput.files = event.dataTransfer.files;
    showChosenFile();
  });

  // The server's error message: a string, or FastAPI's list of validation errors.
  function detailOf(body, reply) {
    const detail = body && body.detail;
    if (typeof detail === "string") return detail;
    if (Array.isArray(detail)) return detail.map((d) => d.msg).join("; ");
    return `The server answered ${reply.status} ${reply.statusText}.`;
  }

  async function readJson(reply) {
    try {
      return await reply.json();
    } catch {
      return null;
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    say("");
    const file = chosenFile();
    let request;
    if (file) {
      const problem = fileProblem(file);
      if (problem) {
        say(problem);
        return;
      }
      request = fetch(`${jobsUrl}/file?name=${encodeURIComponent(file.name)}`, {
        method: "POST",
        headers: { "content-type": "application/octet-stream" },
        body: file,
      });
    } else {
      if (!text.value.trim()) {
        say("Paste a reference list or choose a file first.");
        text.focus();
        return;
      }
      request = fetch(jobsUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: text.value }),
      });
    }
    submit.disabled = true;
    try {
      const reply = await request;
      const body = await readJson(reply);
      if (reply.status !== 202) {
        say(detailOf(body, reply));
        submit.disabled = false;
        return;
      }
      start(body.id);
    } catch (error) {
      say(`Could not reach the server (${error.message}). Please try again.`);
      submit.disabled = false;
    }
  });

  function start(id) {
    job = { id, shown: -1 };
    rows.replaceChildren();
    corrected.value = "";
    copyStatus.textContent = "";
    copyButton.disabled = true;
    for (const link of [downloadJson, downloadCsv]) {
      link.removeAttribute("href");
      link.setAttribute("aria-disabled", "true");
    }
    progress.max = 1;
    progress.value = 0;
    progressText.textContent = "Starting…";
    progressSection.hidden = false;
    results.hidden = false;
    poll(id);
  }

  async function poll(id) {
    if (!job || job.id !== id) return; // a newer job replaced this one
    let state;
    try {
      const reply = await fetch(`${jobsUrl}/${encodeURIComponent(id)}`);
      state = await readJson(reply);
      if (!reply.ok) {
        finish(null, detailOf(state, reply));
        return;
      }
    } catch (error) {
      finish(null, `Lost contact with the server (${error.message}).`);
      return;
    }
    showProgress(state);
    showSummary(state.summary);
    if (state.results.length !== job.shown) {
      await loadRows(id);
      job.shown = state.results.length;
    }
    if (state.status === "done" || state.status === "failed") {
      finish(state, state.error || "");
    } else {
      window.setTimeout(() => poll(id), POLL_MS);
    }
  }

  function showProgress(state) {
    progress.max = Math.max(state.total, 1);
    progress.value = state.done;
    const noun = state.total === 1 ? "reference" : "references";
    if (state.status === "queued") {
      progressText.textContent = `Waiting for a free slot: ${state.total} ${noun} to check.`;
    } else if (state.status === "done") {
      progressText.textContent = `Done: ${state.total} ${noun} checked.`;
    } else {
      progressText.textContent = `${state.done} of ${state.total} ${noun} checked…`;
    }
  }

  function showSummary(summary) {
    for (const cell of document.querySelectorAll("[data-count]")) {
      cell.textContent = String(summary[cell.dataset.count] || 0);
    }
  }

  async function loadRows(id) {
    const reply = await fetch(`${rowsUrl}/${encodeURIComponent(id)}/rows`);
    if (!reply.ok) return;
    const parsed = new DOMParser().parseFromString(await reply.text(), "text/html");
    const fresh = parsed.getElementById("rows-fragment");
    if (fresh && job && job.id === id) {
      rows.replaceChildren(...Array.from(fresh.children));
      applyFilter();
    }
  }

  async function finish(state, error) {
    submit.disabled = false;
    if (error) say(error);
    if (!state) return;
    const base = `${jobsUrl}/${encodeURIComponent(state.id)}`;
    downloadJson.href = base;
    downloadCsv.href = `${base}/report.csv`;
    for (const link of [downloadJson, downloadCsv]) link.removeAttribute("aria-disabled");
    const reply = await fetch(`${base}/corrected.txt`);
    if (reply.ok) {
      corrected.value = await reply.text();
      copyButton.disabled = false;
    }
    byId("results-heading").focus();
  }

  function applyFilter() {
    const choice = document.querySelector("input[name=filter]:checked").value;
    let shown = 0;
    for (const row of rows.rows) {
      const level = row.dataset.level;
      const keep = choice === "all" || level === "error" ||
        (choice === "problems" && level === "warning");
      row.hidden = !keep;
      if (keep) shown += 1;
    }
    shownCount.textContent = `Showing ${shown} of ${rows.rows.length} references.`;
  }

  for (const radio of document.querySelectorAll("input[name=filter]")) {
    radio.addEventListener("change", applyFilter);
  }

  copyButton.addEventListener("click", async () => {
    const lines = corrected.value.split("\n").filter((line) => line.trim()).length;
    try {
      await navigator.clipboard.writeText(corrected.value);
      copyStatus.textContent = `Copied the corrected list (${lines} references).`;
    } catch {
      correctedDetails.open = true;
      corrected.focus();
      corrected.select();
      const copied = document.execCommand && document.execCommand("copy");
      copyStatus.textContent = copied
        ? `Copied the corrected list (${lines} references).`
        : "Copying is blocked here: the list is selected below, press Ctrl+C (⌘C) to copy it.";
    }
  });
})();
