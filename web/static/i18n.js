// The page's words in English and Korean; the browser's language picks, the button switches.
const WORDS = {
  en: {
    "nav.analyse": "Analyse a video", "form.label": "YouTube link, or a sample",
    "form.submit": "Analyse", "form.hint": "Or pick a sample this server offers:",
    "panel.summary": "Summary", "panel.comments": "Audience reaction",
    "panel.thumbnail": "Thumbnail review", "status.idle": "Waiting for a video.",
    "status.running": "Working…", "status.done": "Done in {s} s", "status.failed": "Failed",
    "summary.points": "Key points", "summary.chapters": "Chapters",
    "summary.comments": "What the comments say", "comments.split": "Sentiment",
    "comments.positive": "Positive", "comments.neutral": "Neutral", "comments.negative": "Negative",
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
    "summary.keyFrames": "Key frames", "thumbnail.image": "The thumbnail, with what the review found",
    "thumbnail.legend.face": "Face", "thumbnail.legend.salient": "Where the eye goes",
    "thumbnail.legend.small": "Text readable even at {small}",
    "thumbnail.legend.medium": "Text readable at {medium}, not at {small}",
    "thumbnail.legend.unreadable": "Text unreadable even at {medium}",
    "thumbnail.legend.badge": "Corner the duration badge covers",
    "thumbnail.previews": "As YouTube shows it small",
    "thumbnail.badgeCovers": "The duration badge would cover: {what}.",
    "thumbnail.covers.text": "text", "thumbnail.covers.face": "a face",
    "thumbnail.covers.subject": "the subject",
    "key.button": "API key", "key.label": "API key", "key.use": "Use this key",
    "key.hint": "Kept in this browser tab only, and sent with each call.",
    "key.needed": "This server needs an API key: enter yours in the API key field.",
    "key.refused": "The server did not accept this API key: check it in the API key field.",
    "key.saved": "Key kept for this tab; it goes with each call.",
  },
  ko: {
    "nav.analyse": "영상 분석", "form.label": "유튜브 링크 또는 샘플",
    "form.submit": "분석", "form.hint": "또는 이 서버가 제공하는 샘플을 고르세요:",
    "panel.summary": "요약", "panel.comments": "시청자 반응",
    "panel.thumbnail": "썸네일 리뷰", "status.idle": "영상을 기다리는 중입니다.",
    "status.running": "분석 중…", "status.done": "{s}초 만에 완료", "status.failed": "실패",
    "summary.points": "핵심 내용", "summary.chapters": "챕터",
    "summary.comments": "댓글 요약", "comments.split": "감정 분포",
    "comments.positive": "긍정", "comments.neutral": "중립", "comments.negative": "부정",
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
    "summary.keyFrames": "주요 장면", "thumbnail.image": "리뷰 결과를 표시한 썸네일",
    "thumbnail.legend.face": "얼굴", "thumbnail.legend.salient": "시선이 가는 곳",
    "thumbnail.legend.small": "{small}에서도 읽히는 글자",
    "thumbnail.legend.medium": "{medium}에서는 읽히지만 {small}에서는 읽히지 않는 글자",
    "thumbnail.legend.unreadable": "{medium}에서도 읽히지 않는 글자",
    "thumbnail.legend.badge": "재생 시간 표시가 가리는 모서리",
    "thumbnail.previews": "유튜브에서 작게 보일 때",
    "thumbnail.badgeCovers": "재생 시간 표시가 가리는 것: {what}.",
    "thumbnail.covers.text": "글자", "thumbnail.covers.face": "얼굴",
    "thumbnail.covers.subject": "주요 피사체",
    "key.button": "API 키", "key.label": "API 키", "key.use": "이 키 사용",
    "key.hint": "이 브라우저 탭에만 보관되며, 요청할 때마다 함께 보냅니다.",
    "key.needed": "이 서버는 API 키가 필요합니다. API 키 칸에 키를 입력하세요.",
    "key.refused": "서버가 이 API 키를 받아들이지 않았습니다. API 키 칸에서 키를 확인하세요.",
    "key.saved": "이 탭에 키를 보관했습니다. 요청할 때마다 함께 보냅니다.",
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
