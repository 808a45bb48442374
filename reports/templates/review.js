/* The review page's behaviour: filters whose counts follow each other, j/k/Enter navigation, the
   editor's review kept in this browser (localStorage), and a baseline export that `auditor audit
   --baseline` reads. Inline, allowed by the page's Content-Security-Policy through its hash; it
   loads nothing and sends nothing. The page is complete without it (findings, transcript, links). */
(() => {
  "use strict";
  const data = JSON.parse(document.getElementById("auditor-data").textContent);
  const list = document.getElementById("finding-list");
  const form = document.getElementById("filters");
  if (!list || !form) {
    return; // no findings: nothing to filter or review
  }
  const items = Array.from(list.querySelectorAll("li.finding"));
  const itemsByFingerprint = new Map();
  for (const li of items) {
    const fp = data.findings[li.dataset.rank].fingerprint;
    if (!itemsByFingerprint.has(fp)) {
      itemsByFingerprint.set(fp, []);
    }
    itemsByFingerprint.get(fp).push(li);
  }
  const marks = Array.from(document.querySelectorAll(".transcripts [data-f], .transcripts [data-r]"));
  const notes = Array.from(document.querySelectorAll("li.note"));
  const sections = Array.from(document.querySelectorAll("section.transcript"));
  const panel = document.getElementById("findings");
  const PREFIX = "auditor-review:v1:";
  const memory = new Map(); // the review when the browser refuses storage
  let imported = new Map(); // entries of a loaded baseline, by fingerprint
  let current = null;

  // -- review state: one record per fingerprint, the identity a baseline uses ---------------------

  function readState(fp) {
    if (memory.has(fp)) {
      return memory.get(fp);
    }
    try {
      const raw = window.localStorage.getItem(PREFIX + fp);
      return raw ? JSON.parse(raw) : null;
    } catch (err) {
      return null;
    }
  }

  function writeState(fp, state) {
    memory.set(fp, state);
    try {
      if (state) {
        window.localStorage.setItem(PREFIX + fp, JSON.stringify(state));
      } else {
        window.localStorage.removeItem(PREFIX + fp);
      }
    } catch (err) {
      // storage is off (private window, policy): the review lasts as long as the page
    }
    for (const li of itemsByFingerprint.get(fp) || []) {
      showState(li);
    }
    update();
  }

  function showState(li) {
    const state = readState(data.findings[li.dataset.rank].fingerprint);
    const kind = state ? state.state : "open";
    li.dataset.state = kind;
    let label = "";
    if (kind === "accepted") {
      label = "accepted" + (state.reason ? ": " + state.reason : "");
    } else if (kind === "fixed") {
      label = "fixed";
    }
    li.querySelector(".state-label").textContent = label;
    li.querySelector(".act-accept").hidden = kind !== "open";
    li.querySelector(".act-fixed").hidden = kind !== "open";
    li.querySelector(".act-reopen").hidden = kind === "open";
  }

  // -- filters ----------------------------------------------------------------------------------

  function checked(name) {
    return new Set(Array.from(form.querySelectorAll("input[name='" + name + "']:checked"), (input) => input.value));
  }

  function chosen(name) {
    const select = form.elements.namedItem(name);
    return select ? select.value : "*";
  }

  function currentFilters() {
    return {
      severity: checked("severity"), family: checked("family"), state: checked("state"),
      speaker: chosen("speaker"), file: chosen("file"),
    };
  }

  function passes(li, filters, skip) {
    for (const name of ["severity", "family", "state"]) {
      if (name !== skip && !filters[name].has(li.dataset[name])) {
        return false;
      }
    }
    for (const name of ["speaker", "file"]) {
      if (name !== skip && filters[name] !== "*" && filters[name] !== li.dataset[name]) {
        return false;
      }
    }
    return true;
  }

  function countFor(facet, value, filters) {
    return items.filter((li) => li.dataset[facet] === value && passes(li, filters, facet)).length;
  }

  function update() {
    const filters = currentFilters();
    const visible = new Set();
    for (const li of items) {
      const show = passes(li, filters, null);
      li.hidden = !show;
      if (show) {
        visible.add(li.dataset.rank);
      }
    }
    // each facet counts what it would show with the other facets as they are
    for (const count of form.querySelectorAll(".count")) {
      count.textContent = String(countFor(count.dataset.facet, count.dataset.value, filters));
    }
    for (const select of form.querySelectorAll("select")) {
      for (const option of select.options) {
        if (option.value !== "*") {
          option.textContent = option.dataset.label + " (" + countFor(select.name, option.value, filters) + ")";
        }
      }
    }
    document.getElementById("shown").textContent = visible.size + " of " + items.length + " shown";
    for (const mark of marks) {
      const own = (mark.dataset.f || "").split(" ").filter(Boolean);
      const cited = (mark.dataset.r || "").split(" ").filter(Boolean);
      mark.classList.toggle("muted", own.length > 0 && !own.some((rank) => visible.has(rank)));
      mark.classList.toggle("rel", cited.some((rank) => visible.has(rank)));
    }
    for (const note of notes) {
      note.hidden = !visible.has(note.dataset.rank);
    }
    for (const section of sections) {
      section.hidden = filters.file !== "*" && section.dataset.file !== filters.file;
    }
    if (current && current.hidden) {
      select(null);
    }
    const tally = { open: 0, accepted: 0, fixed: 0 };
    for (const li of items) {
      tally[li.dataset.state] += 1;
    }
    document.getElementById("review-counts").textContent =
      tally.open + " open, " + tally.accepted + " accepted, " + tally.fixed + " fixed.";
  }

  form.addEventListener("change", update);

  // -- moving through the findings --------------------------------------------------------------

  function panelScrolls() {
    return window.getComputedStyle(panel).position === "sticky";
  }

  function select(li, focus) {
    if (current) {
      current.classList.remove("current");
      current.removeAttribute("aria-current");
    }
    current = li;
    if (!li) {
      return;
    }
    li.classList.add("current");
    li.setAttribute("aria-current", "true");
    if (focus) {
      li.focus({ preventScroll: true });
    }
    if (focus || panelScrolls()) {
      li.scrollIntoView({ block: "nearest" });
    }
  }

  function move(step) {
    const shown = items.filter((li) => !li.hidden);
    if (!shown.length) {
      return;
    }
    const at = shown.indexOf(current);
    const next = at < 0 ? (step > 0 ? 0 : shown.length - 1) : Math.min(shown.length - 1, Math.max(0, at + step));
    select(shown[next], true);
  }

  function jump(li) {
    const rank = li.dataset.rank;
    const own = Array.from(document.querySelectorAll(".transcripts mark[data-f~='" + rank + "']"));
    const where = li.querySelector("a.where");
    const target = own[0] || (where ? document.getElementById(where.hash.slice(1)) : null);
    if (!target) {
      return;
    }
    for (const cell of document.querySelectorAll(".cell.flash")) {
      cell.classList.remove("flash");
    }
    for (const mark of own.length ? own : [target]) {
      const cell = mark.closest(".cell");
      if (cell) {
        cell.classList.add("flash");
      }
    }
    target.scrollIntoView({ block: "center" });
    if (target.tagName === "MARK") {
      target.focus({ preventScroll: true });
    }
  }

  document.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const target = event.target;
    if (!(target instanceof HTMLElement)) {
      return;
    }
    const typing = target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT" ||
      (target.tagName === "INPUT" && !["checkbox", "radio", "button"].includes(target.type));
    if (typing) {
      return; // a reason or a name being typed: j and k are letters there
    }
    const control = ["A", "BUTTON", "INPUT", "SUMMARY"].includes(target.tagName);
    if (event.key === "j") {
      move(1);
    } else if (event.key === "k") {
      move(-1);
    } else if (event.key === "Enter" && !control && current && !current.hidden) {
      jump(current);
    } else {
      return;
    }
    event.preventDefault();
  });

  function findingFromHash(link) {
    const m = /^#finding-(\d+)$/.exec(link.getAttribute("href") || "");
    return m ? document.getElementById("finding-" + m[1]) : null;
  }

  document.querySelector(".transcripts").addEventListener("click", (event) => {
    const link = event.target.closest("a[href^='#finding-']");
    if (link) {
      const li = findingFromHash(link);
      if (li && !li.hidden) {
        event.preventDefault();
        select(li, true);
      }
      return;
    }
    const mark = event.target.closest("mark[data-f]");
    if (mark) {
      const li = mark.dataset.f.split(" ").map((rank) => document.getElementById("finding-" + rank))
        .find((item) => item && !item.hidden);
      if (li) {
        select(li, false);
      }
    }
  });

  // -- accepting and fixing ---------------------------------------------------------------------

  function editorName() {
    return document.getElementById("editor").value.trim() || null;
  }

  list.addEventListener("click", (event) => {
    const li = event.target.closest("li.finding");
    if (!li) {
      return;
    }
    const link = event.target.closest("a");
    if (link && link.classList.contains("where")) {
      event.preventDefault();
      select(li, false);
      jump(li);
      return;
    }
    if (link && findingFromHash(link)) {
      event.preventDefault();
      select(findingFromHash(link), true);
      return;
    }
    const button = event.target.closest("button");
    if (!button) {
      if (!link && !event.target.closest("input")) {
        select(li, false);
      }
      return;
    }
    const fp = data.findings[li.dataset.rank].fingerprint;
    const acceptForm = li.querySelector(".accept-form");
    const reason = li.querySelector("input.reason");
    if (button.classList.contains("act-accept")) {
      acceptForm.hidden = false;
      reason.focus();
    } else if (button.classList.contains("act-cancel")) {
      acceptForm.hidden = true;
    } else if (button.classList.contains("act-save")) {
      acceptForm.hidden = true;
      writeState(fp, { state: "accepted", reason: reason.value.trim() || null, accepted_by: editorName() });
    } else if (button.classList.contains("act-fixed")) {
      writeState(fp, { state: "fixed" });
    } else if (button.classList.contains("act-reopen")) {
      writeState(fp, null);
    }
  });

  list.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.target.classList.contains("reason")) {
      event.preventDefault();
      event.target.closest("li.finding").querySelector(".act-save").click();
    }
  });

  const editor = document.getElementById("editor");
  try {
    editor.value = window.localStorage.getItem("auditor-review:editor") || "";
  } catch (err) {
    // no storage: the name is typed each time
  }
  editor.addEventListener("change", () => {
    try {
      window.localStorage.setItem("auditor-review:editor", editor.value.trim());
    } catch (err) {
      // no storage
    }
  });

  // -- the baseline: what `auditor audit --baseline` reads ---------------------------------------

  function byCodePoints(a, b) {
    const x = Array.from(a);
    const y = Array.from(b);
    for (let i = 0; i < Math.min(x.length, y.length); i += 1) {
      const d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d !== 0) {
        return d;
      }
    }
    return x.length - y.length;
  }

  function entryKey(entry) {
    return [entry.file, entry.check, entry.evidence, entry.fingerprint];
  }

  function baselineText() {
    const onPage = new Set(itemsByFingerprint.keys());
    const stale = new Set(data.stale);
    const entries = [];
    // entries of a loaded baseline for findings not on this page (already hidden by --baseline) are kept
    for (const [fp, entry] of imported) {
      if (!onPage.has(fp) && !stale.has(fp)) {
        entries.push(entry);
      }
    }
    const seen = new Set();
    const ranks = Object.keys(data.findings).sort((a, b) => data.findings[a].order - data.findings[b].order);
    for (const rank of ranks) {
      const f = data.findings[rank];
      const state = readState(f.fingerprint);
      if (state && state.state === "accepted" && !seen.has(f.fingerprint)) {
        seen.add(f.fingerprint);
        entries.push({
          fingerprint: f.fingerprint, check: f.check, file: f.file, evidence: f.evidence, message: f.message,
          reason: state.reason || null, accepted_by: state.accepted_by || null,
        });
      }
    }
    entries.sort((a, b) => {
      const x = entryKey(a);
      const y = entryKey(b);
      for (let i = 0; i < x.length; i += 1) {
        const d = byCodePoints(x[i], y[i]);
        if (d !== 0) {
          return d;
        }
      }
      return 0;
    });
    return { text: JSON.stringify({ version: data.version, entries: entries }, null, 2) + "\n", count: entries.length };
  }

  const status = document.getElementById("baseline-status");
  let downloadUrl = null;

  document.getElementById("export").addEventListener("click", () => {
    const out = baselineText();
    const area = document.getElementById("baseline-json");
    area.value = out.text;
    area.hidden = false;
    const link = document.getElementById("download");
    if (downloadUrl) {
      URL.revokeObjectURL(downloadUrl);
    }
    downloadUrl = URL.createObjectURL(new Blob([out.text], { type: "application/json" }));
    link.href = downloadUrl;
    link.hidden = false;
    link.click();
    status.textContent = "Exported " + out.count + " accepted finding" + (out.count === 1 ? "" : "s") +
      " as accepted.json; commit it and run auditor audit with --baseline accepted.json.";
  });

  document.getElementById("load").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) {
      return;
    }
    try {
      const parsed = JSON.parse(await file.text());
      if (!parsed || parsed.version !== data.version || !Array.isArray(parsed.entries)) {
        throw new Error("it is not an auditor baseline (version " + data.version + ")");
      }
      const loaded = new Map();
      let matched = 0;
      for (const raw of parsed.entries) {
        if (!raw || typeof raw.fingerprint !== "string") {
          throw new Error("an entry has no fingerprint");
        }
        const entry = {
          fingerprint: raw.fingerprint, check: String(raw.check ?? ""), file: String(raw.file ?? ""),
          evidence: String(raw.evidence ?? ""), message: String(raw.message ?? ""),
          reason: raw.reason ?? null, accepted_by: raw.accepted_by ?? null,
        };
        loaded.set(entry.fingerprint, entry);
        if (itemsByFingerprint.has(entry.fingerprint)) {
          matched += 1;
          writeState(entry.fingerprint, { state: "accepted", reason: entry.reason, accepted_by: entry.accepted_by });
        }
      }
      imported = loaded;
      status.textContent = "Loaded " + loaded.size + " entries from " + file.name + ": " + matched +
        " match findings on this page (now accepted); the others are kept in the next export.";
    } catch (err) {
      status.textContent = "Could not load " + file.name + ": " + err.message;
    }
  });

  items.forEach(showState);
  update();
})();
