// The analysis page: one streamed call (GET /v1/videos:analyzeStream, server-sent events read
// with fetch so an HTTP error's JSON body can be shown and the API key sent as a header), each
// panel filled as its task ends.
const PANELS = { TASK_SUMMARY: "summary", TASK_COMMENTS: "comments", TASK_THUMBNAIL: "thumbnail" };
let current = null; // the AbortController of the analysis in progress
let videoId = "";

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function clock(seconds) {
  const s = Math.round(Number(seconds || 0));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

function seconds(duration) { return parseFloat(String(duration || "0s")); }

function setStatus(panel, state, key, values) {
  panel.className = `panel ${state}`;
  const status = panel.querySelector(".status");
  status.dataset.i18n = key;
  status.dataset.values = JSON.stringify(values || {});
  status.textContent = t(key, values);
}

function failPanel(panel, message) {
  setStatus(panel, "failed", "status.failed");
  panel.querySelector(".status").textContent = `${t("status.failed")}: ${message}`;
}

function timeLink(at) {
  const link = el("a", clock(at), "time");
  link.dataset.at = String(Math.round(at));
  link.target = "_blank";
  linkTime(link);
  return link;
}

// Results arrive before the video's id (the stream's last message): links are completed then.
function linkTime(link) {
  if (videoId) link.href = `https://www.youtube.com/watch?v=${videoId}&t=${link.dataset.at}s`;
}

function keyFrames(frames, chapters) {
  const strip = el("div", null, "key-frames");
  for (const frame of frames) {
    const figure = el("figure");
    const image = el("img");
    image.src = `data:image/jpeg;base64,${frame.imageJpeg}`;
    const chapter = (chapters || [])[frame.chapterIndex ?? 0]; // JSON leaves out a 0
    image.alt = chapter ? chapter.title : clock(seconds(frame.time));
    const caption = el("figcaption");
    caption.append(timeLink(seconds(frame.time)));
    if (chapter) caption.append(el("span", chapter.title));
    figure.append(image, caption);
    strip.append(figure);
  }
  return strip;
}

function list(title, items, render) {
  const box = el("div");
  if (!items || !items.length) return box;
  box.append(el("h3", title));
  const ul = el("ul");
  items.forEach((item) => ul.append(render(item)));
  box.append(ul);
  return box;
}

function renderSummary(body, result) {
  body.append(el("p", result.tldr));
  body.append(list(t("summary.points"), result.keyPoints, (p) => {
    const li = el("li"); li.append(timeLink(seconds(p.start)), el("span", p.text)); return li;
  }));
  body.append(list(t("summary.chapters"), result.chapters, (c) => {
    const li = el("li"); li.append(timeLink(seconds(c.start)), el("span", c.title)); return li;
  }));
  if (result.keyFrames && result.keyFrames.length) {
    body.append(el("h3", t("summary.keyFrames")), keyFrames(result.keyFrames, result.chapters));
  }
  const section = result.commentSummary;
  if (section && section.text) {
    body.append(el("h3", t("summary.comments")), el("p", section.text));
  }
}

function renderComments(body, result) {
  body.append(el("p", t("comments.counts", { a: result.analyzedComments || 0, t: result.totalComments || 0 })));
  const split = result.sentiment || {};
  body.append(el("h3", t("comments.split")));
  const bar = el("div", null, "bar");
  const legend = el("ul", null, "legend split");
  for (const kind of ["positive", "neutral", "negative"]) {
    const share = Number(split[kind] || 0);
    const label = `${t(`comments.${kind}`)} ${(share * 100).toFixed(0)}%`;
    const part = el("span", null, kind);
    part.style.width = `${share * 100}%`;
    part.title = label;
    bar.append(part);
    const item = el("li");
    item.append(el("span", null, `swatch ${kind}`), label);
    legend.append(item);
  }
  body.append(bar, legend);
  body.append(list(t("comments.themes"), result.themes, (theme) => el("li", theme.label)));
  body.append(list(t("comments.questions"), result.questions, (q) => el("li", q.text)));
  body.append(list(t("comments.examples"), result.topComments, (c) => el("li", c.text)));
}

function renderThumbnail(body, result) {
  body.append(el("p", `${t("thumbnail.score", { s: result.score || 0 })} · ${t("thumbnail.size", { w: result.width, h: result.height })} · ${t("thumbnail.faces", { n: (result.faces || []).length })}`));
  drawThumbnail(body, result);
  const words = (result.texts || []).map((text) => text.text).join(" ");
  if (words) body.append(el("h3", t("thumbnail.texts")), el("p", words));
  body.append(list(t("thumbnail.findings"), result.findings, (f) => el("li", f.message || f.title || JSON.stringify(f))));
  body.append(list(t("thumbnail.frames"), result.frameSuggestions, (f) => {
    const li = el("li"); li.append(timeLink(seconds(f.time)), el("span", f.reason || "")); return li;
  }));
}

const RENDER = { summary: renderSummary, comments: renderComments, thumbnail: renderThumbnail };

function showResult(result) {
  const name = PANELS[result.task];
  const panel = document.getElementById(`panel-${name}`);
  if (!panel) return;
  const status = result.status || {};
  if (status.code) { failPanel(panel, status.message || status.code); return; }
  setStatus(panel, "done", "status.done", { s: seconds(result.latency).toFixed(1) });
  const body = panel.querySelector(".body");
  body.replaceChildren();
  RENDER[name](body, result[name] || {});
}

async function* events(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const kind = (block.match(/^event: (.*)$/m) || [])[1] || "message";
      const data = (block.match(/^data: (.*)$/m) || [])[1] || "{}";
      yield [kind, JSON.parse(data)];
    }
  }
}

function reference(text) {
  // A link or a bare 11-character video id is YouTube; a sample the page offers, or anything
  // else, a bundle (ko-homecafe is 11 characters too).
  const value = text.trim();
  const samples = [...document.querySelectorAll("#samples option")].map((o) => o.value);
  if (/^(https?:\/\/|www\.|youtu|m\.youtube)/.test(value)) return ["video.url", value];
  if (!samples.includes(value) && /^[\w-]{11}$/.test(value)) return ["video.url", value];
  return ["video.bundle", value];
}

async function analyse(text) {
  if (current) current.abort(); // a new analysis replaces the one in progress
  current = new AbortController();
  const panels = [...document.querySelectorAll(".panel")];
  panels.forEach((panel) => {
    setStatus(panel, "running", "status.running");
    panel.querySelector(".body").replaceChildren();
  });
  document.getElementById("video").textContent = "";
  videoId = "";
  // A sample's name can look like a video id (ko-homecafe): know the server's names first.
  if (!document.querySelector("#samples option")) await loadSamples();
  const [field, value] = reference(text);
  // The thumbnail comes back reduced, to draw its review on (AnalysisOptions).
  const query = new URLSearchParams({ [field]: value, "options.includeThumbnailImage": "true" });
  try {
    const response = await fetch(`/v1/videos:analyzeStream?${query}`, {
      signal: current.signal,
      headers: authHeaders(),
    });
    if (response.status === 401) {
      const message = askForKey(() => analyse(text));
      panels.forEach((panel) => failPanel(panel, message));
      return;
    }
    if (!response.ok) {
      const error = (await response.json()).error || {};
      panels.forEach((panel) => failPanel(panel, error.message || response.statusText));
      return;
    }
    for await (const [kind, data] of events(response)) {
      if (kind === "taskResult") showResult(data);
      if (kind === "completed" && data.video) {
        videoId = data.video.videoId || "";
        document.getElementById("video").textContent = data.video.title || "";
        document.querySelectorAll(".panel .time").forEach(linkTime);
      }
      if (kind === "error") {
        panels.filter((p) => p.classList.contains("running"))
          .forEach((panel) => failPanel(panel, data.error.message));
      }
    }
  } catch (error) {
    if (error.name !== "AbortError") panels.forEach((panel) => failPanel(panel, t("error.network")));
  }
}

// The bundles the server offers (GET /v1/bundles): suggestions under the field, and a button
// each that analyses it. Without a key the list waits for one (an analysis asks for it).
async function loadSamples() {
  let response;
  try {
    response = await fetch("/v1/bundles", { headers: authHeaders() });
  } catch {
    return;
  }
  if (!response.ok) return;
  const bundles = (await response.json()).bundles || [];
  document.getElementById("samples").replaceChildren(...bundles.map((bundle) => {
    const option = el("option");
    option.value = bundle.name;
    option.label = bundle.title || bundle.name;
    return option;
  }));
  document.getElementById("sample-buttons").replaceChildren(...bundles.map((bundle) => {
    const button = el("button", bundle.title || bundle.name);
    button.type = "button";
    button.dataset.bundle = bundle.name;
    button.title = bundle.name;
    button.addEventListener("click", () => {
      document.getElementById("reference").value = bundle.name;
      analyse(bundle.name);
    });
    return button;
  }));
  document.getElementById("samples-hint").hidden = bundles.length === 0;
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("analyse").addEventListener("submit", (event) => {
    event.preventDefault();
    analyse(document.getElementById("reference").value);
  });
  document.getElementById("key-form").addEventListener("submit", () => loadSamples());
  loadSamples();
});
