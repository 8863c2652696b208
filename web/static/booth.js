// The photo-card booth: a portrait (a file, or a frame from the camera) and a prompt go to
// POST /v1/photoCards as base64 JSON (with the API key, when one is entered: key.js); the
// caption, the character and the card come back.
let cameraFrame = null; // a PNG blob taken from the camera, used instead of the file

function base64(blob) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(",", 2)[1]);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  });
}

function say(key, detail) {
  const status = document.getElementById("booth-status");
  status.textContent = detail ? `${t(key)}: ${detail}` : t(key);
  status.className = key === "status.failed" ? "status failed-text" : "status";
}

async function useCamera() {
  const video = document.getElementById("preview");
  if (!video.hidden) { // second press: take the picture
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d").drawImage(video, 0, 0);
    cameraFrame = await new Promise((resolve) => canvas.toBlob(resolve, "image/png"));
    video.srcObject.getTracks().forEach((track) => track.stop());
    video.hidden = true;
    document.getElementById("photo").required = false;
    say("booth.taken");
    return;
  }
  try {
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: true });
    video.hidden = false;
    say("booth.smile");
  } catch (error) {
    say("status.failed", t("booth.nocamera"));
  }
}

async function makeCard(event) {
  if (event) event.preventDefault();
  const file = cameraFrame || document.getElementById("photo").files[0];
  if (!file) return;
  say("booth.working");
  document.getElementById("booth-result").hidden = true;
  const body = {
    photo: await base64(file),
    prompt: document.getElementById("prompt").value,
    language,
    layout: document.getElementById("layout").value,
  };
  let response;
  try {
    response = await fetch("/v1/photoCards", {
      method: "POST",
      headers: authHeaders({ "Content-Type": "application/json" }),
      body: JSON.stringify(body),
    });
  } catch (error) {
    say("status.failed", t("error.network"));
    return;
  }
  if (response.status === 401) {
    say("status.failed", askForKey(() => makeCard()));
    return;
  }
  const answer = await response.json();
  if (!response.ok) {
    say("status.failed", (answer.error && answer.error.message) || response.statusText);
    return;
  }
  document.getElementById("caption").textContent = answer.caption || "";
  document.getElementById("character").src = `data:image/png;base64,${answer.characterPng}`;
  const card = `data:image/png;base64,${answer.cardPng}`;
  document.getElementById("card").src = card;
  document.getElementById("download").href = card;
  document.getElementById("booth-result").hidden = false;
  say("booth.done");
}

document.addEventListener("DOMContentLoaded", () => {
  document.getElementById("booth").addEventListener("submit", makeCard);
  document.getElementById("camera").addEventListener("click", useCamera);
});
