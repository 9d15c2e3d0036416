// The practice page's player: Play builds the chosen version and plays it, a tapped chapter moves the
// player there, and the chapter playing is marked. The page works without this script (Play then
// reloads the page with the version built).
"use strict";
(function () {
  const form = document.querySelector("form.choices");
  const audio = document.getElementById("player");
  const list = document.getElementById("chapters");
  const status = document.getElementById("status");
  const download = document.getElementById("download");
  const length = document.getElementById("length");
  if (!form || !audio || !list) return;
  let starts = [];

  function clock(seconds) {
    const s = Math.floor(seconds);
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    const mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(r).padStart(2, "0");
  }

  function readChapters() {
    starts = Array.from(list.querySelectorAll("a[data-start]"), (a) => Number(a.dataset.start));
  }

  function showChapters(chapters, src) {
    list.replaceChildren();
    chapters.forEach((c) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = src + "#t=" + c.start;
      a.dataset.start = String(c.start);
      const time = document.createElement("time");
      time.textContent = clock(c.start);
      a.append(time, " " + c.title);
      li.append(a);
      list.append(li);
    });
    readChapters();
  }

  function markPlaying() {
    const t = audio.currentTime;
    let now = -1;
    starts.forEach((s, i) => { if (t + 0.05 >= s) now = i; });
    list.querySelectorAll("li").forEach((li, i) => {
      if (i === now) li.setAttribute("aria-current", "true");
      else li.removeAttribute("aria-current");
    });
  }

  list.addEventListener("click", (event) => {
    const a = event.target.closest("a[data-start]");
    if (!a || !audio.currentSrc) return; // nothing built yet: the link goes to the cue sheet
    event.preventDefault();
    audio.currentTime = Number(a.dataset.start);
    markPlaying();
    audio.play().catch(() => {});
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    status.textContent = "Building…";
    const started = performance.now();
    try {
      const answer = await fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: "application/json" },
      });
      const built = await answer.json();
      if (!answer.ok) {
        status.textContent = built.error || "The build failed.";
        return;
      }
      audio.src = built.audio;
      showChapters(built.chapters, built.audio);
      download.href = built.download;
      download.setAttribute("download", built.file);
      download.textContent = "Download " + built.file;
      download.classList.remove("hidden");
      length.textContent = clock(built.duration);
      history.replaceState(null, "", built.page);
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      status.textContent = "Ready in " + seconds + " s" + (built.warnings.length ? " · " + built.warnings.join("; ") : "");
      audio.play().catch(() => {}); // a browser may refuse to start sound; the controls are there
    } catch (error) {
      status.textContent = "The server did not answer: " + error.message;
    } finally {
      button.disabled = false;
    }
  });

  // A length sets every hold: typing one clears the holds choice, and choosing holds clears the length,
  // so the page never shows a choice that will not be used.
  const minutes = form.querySelector("input[name=length]");
  const holds = form.querySelectorAll("input[name=holds]");
  if (minutes) {
    minutes.addEventListener("input", () => { if (minutes.value) holds.forEach((r) => { r.checked = false; }); });
    holds.forEach((r) => r.addEventListener("change", () => { minutes.value = ""; }));
  }

  audio.addEventListener("timeupdate", markPlaying);
  audio.addEventListener("seeked", markPlaying);
  readChapters();
})();
