// The practice page's player. Play builds the chosen version (following its progress while it is made)
// and plays it, from where it was stopped; the "now" panel says which part is playing, how long it
// lasts and what comes next; the lock screen shows the part and jumps between parts (Media Session);
// the position in each file is remembered on the phone; the screen can be kept on. The page works
// without this script: Play then builds, the page reloads while it is made, and plays it.
"use strict";
(function () {
  const form = document.querySelector("form.choices");
  const audio = document.getElementById("player");
  const list = document.getElementById("chapters");
  const dataNode = document.getElementById("page-data");
  if (!form || !audio || !list || !dataNode) return;
  const data = JSON.parse(dataNode.textContent);
  const words = data.words;
  const $ = (id) => document.getElementById(id);
  const status = $("status"), waiting = $("waiting"), progress = $("progress");
  const now = $("now"), save = $("save"), resume = $("resume");
  let chapters = [], current = -1, file = data.file, version = data.version, following = null;

  function say(key, fields) {
    return (words[key] || key).replace(/\{(\w+)\}/g, (_, name) => String(fields[name]));
  }

  function clock(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), r = s % 60;
    const mm = h ? String(m).padStart(2, "0") : String(m);
    return (h ? h + ":" : "") + mm + ":" + String(r).padStart(2, "0");
  }

  // --- chapters and the "now" panel -------------------------------------------------------------

  function readChapters() {
    chapters = Array.from(list.querySelectorAll("a[data-start]"), (a) => ({
      start: Number(a.dataset.start), title: a.querySelector("span").textContent,
    }));
  }

  function showChapters(found, src) {
    list.replaceChildren();
    found.forEach((c) => {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.href = src + "#t=" + c.start;
      a.dataset.start = String(c.start);
      const time = document.createElement("time");
      time.textContent = clock(c.start);
      const title = document.createElement("span");
      title.textContent = c.title;
      a.append(time, " ", title);
      li.append(a);
      list.append(li);
    });
    readChapters();
  }

  function chapterAt(t) {
    let found = -1;
    chapters.forEach((c, i) => { if (t + 0.05 >= c.start) found = i; });
    return found;
  }

  function update() {
    const t = audio.currentTime, total = audio.duration;
    const i = chapterAt(t);
    if (i !== current) {
      current = i;
      list.querySelectorAll("li").forEach((li, n) => {
        if (n === i) li.setAttribute("aria-current", "true");
        else li.removeAttribute("aria-current");
      });
      setMetadata();
    }
    if (i < 0 || !isFinite(total)) return;
    const end = i + 1 < chapters.length ? chapters[i + 1].start : total;
    $("now-panel").hidden = false;
    $("now-pose").textContent = chapters[i].title;
    $("now-count").textContent = say("now.count", { n: i + 1, m: chapters.length });
    $("now-left").textContent = say("now.left", { time: clock(end - t) });
    $("now-next").textContent = i + 1 < chapters.length ? say("now.next", { title: chapters[i + 1].title }) : say("now.last", {});
    $("now-session").textContent = say("now.session", { time: clock(total - t) });
  }

  list.addEventListener("click", (event) => {
    const a = event.target.closest("a[data-start]");
    if (!a || !audio.currentSrc) return; // nothing built yet: the link goes to the cue sheet
    event.preventDefault();
    audio.currentTime = Number(a.dataset.start);
    update();
    audio.play().catch(() => {});
  });

  // --- the lock screen (Media Session) ------------------------------------------------------------
  // WebKit clears the handlers and metadata when playback starts, so both are set again on "playing";
  // seekbackward and seekforward set to null leave the lock screen's two buttons to previous and next.

  const session = navigator.mediaSession;

  function setMetadata() {
    if (!session || typeof MediaMetadata === "undefined" || !file) return;
    const part = current >= 0 && chapters[current] ? chapters[current].title : data.title;
    session.metadata = new MediaMetadata({ title: part, artist: data.title, album: "voicekit", artwork: data.artwork });
  }

  function jump(to) {
    if (to < 0 || to >= chapters.length) return;
    audio.currentTime = chapters[to].start;
    update();
    setPosition();
  }

  const handlers = {
    play: () => audio.play().catch(() => {}),
    pause: () => audio.pause(),
    previoustrack: () => {
      const i = chapterAt(audio.currentTime);
      // Well into a part, "previous" goes back to its start, as a music player's does; near it, to the last one.
      jump(i > 0 && audio.currentTime - chapters[i].start < 3 ? i - 1 : Math.max(i, 0));
    },
    nexttrack: () => jump(chapterAt(audio.currentTime) + 1),
    seekto: (details) => {
      audio.currentTime = details.seekTime;
      update();
      setPosition();
    },
    seekbackward: null,
    seekforward: null,
  };

  function setHandlers() {
    if (!session) return;
    for (const [action, handler] of Object.entries(handlers)) {
      try { session.setActionHandler(action, handler); } catch (_) { /* an action this browser lacks */ }
    }
  }

  function setPosition() {
    if (!session || !session.setPositionState || !isFinite(audio.duration) || !audio.duration) return;
    try {
      session.setPositionState({
        duration: audio.duration, playbackRate: audio.playbackRate || 1,
        position: Math.min(audio.currentTime, audio.duration),
      });
    } catch (_) { /* a state the browser refuses (a duration not known yet) */ }
  }

  // --- the position in each file, remembered on the phone ---------------------------------------

  const KEY = "voicekit:position:";
  let savedAt = 0;

  function stored() {
    if (!file) return null;
    try {
      const known = JSON.parse(localStorage.getItem(KEY + file) || "null");
      return known && known.v === version && known.t > 0 ? known.t : null;
    } catch (_) { return null; }
  }

  function remember(force) {
    if (!file || (!force && Date.now() - savedAt < 2000)) return;
    savedAt = Date.now();
    try {
      const t = audio.currentTime;
      if (audio.ended || (isFinite(audio.duration) && audio.duration - t < 30)) localStorage.removeItem(KEY + file);
      else if (t > 5) localStorage.setItem(KEY + file, JSON.stringify({ v: version, t: Math.floor(t) }));
    } catch (_) { /* no storage (a private window): nothing is remembered */ }
  }

  function offerResume() {
    const t = stored();
    resume.hidden = t === null;
    if (t !== null) $("resume-at").textContent = say("resume.at", { time: clock(t) });
  }

  function startAt(t) {
    resume.hidden = true;
    const go = () => { audio.currentTime = t; update(); audio.play().catch(() => {}); };
    if (audio.readyState >= 1) go();
    else audio.addEventListener("loadedmetadata", go, { once: true });
  }

  $("resume-at").addEventListener("click", () => startAt(stored() || 0));
  $("from-start").addEventListener("click", () => startAt(0));

  // --- keeping the screen on ------------------------------------------------------------------------

  const wake = $("wake");
  let lock = null;

  async function keepAwake() {
    if (!wake.checked || lock || document.visibilityState !== "visible") return;
    try {
      lock = await navigator.wakeLock.request("screen");
      lock.addEventListener("release", () => { lock = null; });
    } catch (_) { /* refused (battery saver): the screen sleeps as usual */ }
  }

  if ("wakeLock" in navigator) {
    $("wake-choice").hidden = false;
    try { wake.checked = localStorage.getItem("voicekit:wake") === "1"; } catch (_) { /* no storage */ }
    wake.addEventListener("change", () => {
      try { localStorage.setItem("voicekit:wake", wake.checked ? "1" : "0"); } catch (_) { /* no storage */ }
      if (wake.checked) keepAwake();
      else if (lock) lock.release();
    });
    document.addEventListener("visibilitychange", keepAwake);
  }

  // --- Play: build (following its progress) and play ------------------------------------------------

  function showProgress(report) {
    if (waiting.hidden) {
      waiting.hidden = false;
      status.scrollIntoView({ block: "center", behavior: "smooth" });
    }
    progress.value = report.fraction;
    progress.textContent = Math.round(report.fraction * 100) + "%";
    let said;
    if (report.phase === "speech" && report.total) said = say("status.speech", { done: report.done, total: report.total });
    else if (report.phase === "encoding") said = say("status.encoding", { percent: Math.round(100 * report.done / Math.max(1, report.total)) });
    else said = say(report.phase === "waiting" ? "status.waiting" : "status.starting", {});
    if (report.left !== null && report.phase !== "waiting") said += " · " + say("status.left", { time: clock(Math.ceil(report.left)) });
    status.textContent = said;
  }

  function follow(url, started, page) {
    if (following) following.close();
    const events = new EventSource(url);
    following = events;
    let lost = 0;
    events.addEventListener("progress", (e) => { lost = 0; showProgress(JSON.parse(e.data)); });
    events.addEventListener("done", (e) => {
      events.close();
      following = null;
      load({ ...JSON.parse(e.data), page: page || null }, started, true);
    });
    events.addEventListener("failed", (e) => { events.close(); following = null; failed(JSON.parse(e.data).error); });
    events.addEventListener("none", () => { events.close(); following = null; waiting.hidden = true; status.textContent = ""; });
    events.addEventListener("error", () => { if (++lost > 5) status.textContent = say("status.offline", {}); });
  }

  function failed(error) {
    waiting.hidden = true;
    status.textContent = say("status.failed", { error: error });
    form.querySelector("button[type=submit]").disabled = false;
  }

  function load(built, started, play) {
    form.querySelector("button[type=submit]").disabled = false;
    waiting.hidden = true;
    const same = built.file === file && built.version === version && audio.currentSrc;
    file = built.file;
    version = built.version;
    if (!same) {
      audio.src = built.audio;
      current = -1;
      showChapters(built.chapters, built.audio);
      $("length").textContent = clock(built.duration);
    }
    save.href = built.download;
    save.setAttribute("download", built.file);
    save.classList.remove("hidden");
    now.hidden = false;
    if (built.page) history.replaceState(null, "", built.page);
    status.textContent = built.built ? say("status.ready", { seconds: ((performance.now() - started) / 1000).toFixed(1) }) : "";
    if (built.warnings && built.warnings.length) status.textContent += " · " + built.warnings.join("; ");
    offerResume();
    if (play) {
      const t = stored();
      if (same && !audio.ended && audio.currentTime > 0) audio.play().catch(() => {}); // on from where it stopped
      else startAt(t || 0);
      now.scrollIntoView({ block: "start", behavior: "smooth" });
    }
  }

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    const started = performance.now();
    try {
      const answer = await fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { Accept: "application/json" },
      });
      const built = await answer.json();
      if (answer.status === 202) {
        showProgress(built);
        follow(built.events, started, built.page);
      } else if (!answer.ok) failed(built.error);
      else load(built, started, true);
    } catch (error) {
      failed(say("status.offline", {}));
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

  audio.addEventListener("timeupdate", () => { update(); remember(false); });
  audio.addEventListener("seeked", () => { update(); setPosition(); remember(true); });
  audio.addEventListener("playing", () => {
    now.classList.add("playing");
    setHandlers();
    setMetadata();
    setPosition();
    keepAwake();
  });
  audio.addEventListener("pause", () => { now.classList.remove("playing"); remember(true); });
  audio.addEventListener("ended", () => { now.classList.remove("playing"); remember(true); });
  audio.addEventListener("loadedmetadata", () => { update(); setPosition(); });
  audio.addEventListener("ratechange", setPosition);
  window.addEventListener("pagehide", () => remember(true));

  readChapters();
  setHandlers();
  if (file) {
    offerResume();
    update();
  }
  if (data.building) {
    showProgress(data.building);
    form.querySelector("button[type=submit]").disabled = true;
    follow(data.building.events, performance.now());
  }
})();
