// The page's words in English and Korean; the browser's language picks, the button switches.
const WORDS = {
  en: {
    "nav.analyse": "Analyse a video", "form.label": "YouTube link, or a sample",
    "form.submit": "Analyse", "form.hint": "Samples: en-sourdough, ko-homecafe.",
    "panel.summary": "Summary", "panel.comments": "Audience reaction",
    "panel.thumbnail": "Thumbnail review", "status.idle": "Waiting for a video.",
    "status.running": "Working…", "status.done": "Done in {s} s", "status.failed": "Failed",
    "summary.points": "Key points", "summary.chapters": "Chapters",
    "summary.comments": "What the comments say", "comments.split": "Sentiment",
    "comments.themes": "Themes", "comments.questions": "Questions",
    "comments.examples": "Top comments", "comments.counts": "{a} of {t} comments analysed",
    "thumbnail.score": "Score {s}/100", "thumbnail.size": "{w}×{h}",
    "thumbnail.findings": "Findings", "thumbnail.frames": "Frames that could be the thumbnail",
    "thumbnail.faces": "Faces: {n}", "thumbnail.texts": "Text on it",
    "switch": "한국어", "error.network": "The server could not be reached.",
    "nav.booth": "Photo cards", "booth.photo": "A portrait (JPEG, PNG or WebP)",
    "booth.camera": "Use the camera", "booth.prompt": "Your words for the card",
    "booth.portrait": "Portrait", "booth.square": "Square", "booth.make": "Make the card",
    "booth.caption": "Caption", "booth.character": "Character", "booth.card": "Card",
    "booth.download": "Download the card", "booth.working": "Making the card…",
    "booth.done": "Your card is ready.", "booth.smile": "Press again to take the picture.",
    "booth.taken": "Picture taken.", "booth.nocamera": "no camera is available",
  },
  ko: {
    "nav.analyse": "영상 분석", "form.label": "유튜브 링크 또는 샘플",
    "form.submit": "분석", "form.hint": "샘플: en-sourdough, ko-homecafe.",
    "panel.summary": "요약", "panel.comments": "시청자 반응",
    "panel.thumbnail": "썸네일 리뷰", "status.idle": "영상을 기다리는 중입니다.",
    "status.running": "분석 중…", "status.done": "{s}초 만에 완료", "status.failed": "실패",
    "summary.points": "핵심 내용", "summary.chapters": "챕터",
    "summary.comments": "댓글 요약", "comments.split": "감정 분포",
    "comments.themes": "주제", "comments.questions": "질문",
    "comments.examples": "인기 댓글", "comments.counts": "댓글 {t}개 중 {a}개 분석",
    "thumbnail.score": "점수 {s}/100", "thumbnail.size": "{w}×{h}",
    "thumbnail.findings": "발견 사항", "thumbnail.frames": "썸네일로 쓸 만한 장면",
    "thumbnail.faces": "얼굴: {n}", "thumbnail.texts": "이미지 속 글자",
    "switch": "English", "error.network": "서버에 연결할 수 없습니다.",
    "nav.booth": "포토카드", "booth.photo": "인물 사진 (JPEG, PNG, WebP)",
    "booth.camera": "카메라 사용", "booth.prompt": "카드에 넣을 문구",
    "booth.portrait": "세로형", "booth.square": "정사각형", "booth.make": "카드 만들기",
    "booth.caption": "캡션", "booth.character": "캐릭터", "booth.card": "카드",
    "booth.download": "카드 내려받기", "booth.working": "카드를 만드는 중…",
    "booth.done": "카드가 완성되었습니다.", "booth.smile": "한 번 더 누르면 촬영합니다.",
    "booth.taken": "촬영했습니다.", "booth.nocamera": "사용할 수 있는 카메라가 없습니다",
  },
};
const stored = localStorage.getItem("tubelens.language");
let language = stored || ((navigator.language || "en").startsWith("ko") ? "ko" : "en");

function t(key, values = {}) {
  const text = (WORDS[language] && WORDS[language][key]) || WORDS.en[key] || key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
}

function applyLanguage() {
  document.documentElement.lang = language;
  document.querySelectorAll("[data-i18n]").forEach((node) => {
    node.textContent = t(node.dataset.i18n, JSON.parse(node.dataset.values || "{}"));
  });
  const button = document.getElementById("language");
  if (button) button.textContent = t("switch");
}

document.addEventListener("DOMContentLoaded", () => {
  applyLanguage();
  document.getElementById("language").addEventListener("click", () => {
    language = language === "ko" ? "en" : "ko";
    localStorage.setItem("tubelens.language", language);
    applyLanguage();
  });
});
