// The API key, for a server with access control on: typed into the page, kept in this tab's
// sessionStorage (never in a URL, gone when the tab closes) and sent as `authorization: Bearer`.
// A call answered with 401 shows the field, says why, and runs again once a key is given.
const KEY_ITEM = "tubelens.apiKey";
let retryWithKey = null; // the refused call, run again when a key is entered

function apiKey() { return sessionStorage.getItem(KEY_ITEM) || ""; }

function authHeaders(headers = {}) {
  const key = apiKey();
  return key ? { ...headers, Authorization: `Bearer ${key}` } : headers;
}

function keyNote(key) {
  const note = document.getElementById("key-note");
  note.dataset.i18n = key;
  note.textContent = t(key);
}

// After a 401: reveal and focus the field; the words to show where the call failed.
function askForKey(retry) {
  retryWithKey = retry || null;
  const reason = apiKey() ? "key.refused" : "key.needed";
  document.getElementById("key-form").hidden = false;
  keyNote(reason);
  const input = document.getElementById("api-key");
  input.focus();
  input.select();
  return t(reason);
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("key-form");
  const input = document.getElementById("api-key");
  input.value = apiKey();
  if (input.value) form.hidden = false; // a key in use stays in sight, to change or clear
  input.addEventListener("input", () => {
    const key = input.value.trim();
    if (key) sessionStorage.setItem(KEY_ITEM, key);
    else sessionStorage.removeItem(KEY_ITEM);
  });
  document.getElementById("key-toggle").addEventListener("click", () => {
    form.hidden = !form.hidden;
    if (!form.hidden) input.focus();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    keyNote(apiKey() ? "key.saved" : "key.hint");
    const retry = retryWithKey;
    retryWithKey = null;
    if (retry && apiKey()) retry();
  });
});
