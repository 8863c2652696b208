"""Finding texts for text, composition and title match, in English and Korean.

Same convention as messages.py: (message, suggestion) with named placeholders; an empty
suggestion marks a positive finding.
"""

from __future__ import annotations

ADVICE_TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "NO_TEXT": {
        "en": (
            "No text was found on the thumbnail.",
            "A short headline of 1-4 big words can "
            "tell viewers what the video promises at a glance.",
        ),
        "ko": (
            "썸네일에서 글자를 찾지 못했습니다.",
            "크고 짧은 제목(1-4단어)을 넣으면 영상이 무엇을 약속하는지 한눈에 전할 수 있습니다.",
        ),
    },
    "TEXT_TOO_SMALL": {
        "en": (
            'The text "{words}" covers {share:.1%} of the frame and its letters are at most '
            "{px:.1f} px tall at 168x94, unreadable at that size.",
            "Make it larger: at least {need:.0f} px tall at 1280x720 (8 px at 168x94), "
            "and fewer words if they do not fit.",
        ),
        "ko": (
            '글자 "{words}"가 화면의 {share:.1%}를 차지하고 168x94에서 높이가 최대 '
            "{px:.1f}px라 그 크기에서는 읽을 수 없습니다.",
            "글자를 키우세요. 1280x720 기준 {need:.0f}px 이상(168x94에서 8px)이 되게 하고, "
            "들어가지 않으면 단어를 줄이세요.",
        ),
    },
    "TEXT_LOW_CONTRAST": {
        "en": (
            '"{words}" has a contrast ratio of {ratio:.1f}:1 against what surrounds it.',
            "Add a dark outline, a shadow or a solid banner behind the text (aim for 4.5:1).",
        ),
        "ko": (
            '"{words}"의 대비가 주변과 {ratio:.1f}:1에 그칩니다.',
            "글자에 어두운 외곽선이나 그림자, 단색 띠를 넣으세요(4.5:1 이상 권장).",
        ),
    },
    "TEXT_READABLE": {
        "en": (
            'The text "{words}" covers {share:.1%} of the frame and stays readable at 168x94.',
            "",
        ),
        "ko": ('글자 "{words}"가 화면의 {share:.1%}를 차지하며 168x94에서도 읽힙니다.', ""),
    },
    "TOO_MANY_WORDS": {
        "en": (
            "The thumbnail carries {count} words; beyond about five, nobody reads them "
            "while scrolling.",
            "Cut the text to the 2-5 words that make the hook.",
        ),
        "ko": (
            "썸네일에 단어가 {count}개 있습니다. 다섯 개를 넘으면 스크롤하며 읽히지 않습니다.",
            "핵심 2-5단어만 남기세요.",
        ),
    },
    "BADGE_COVERS": {
        "en": (
            "YouTube's duration badge sits in the bottom-right corner, over the {what}.",
            "Move the {what} out of the bottom-right corner (the last 20% of the width "
            "and height).",
        ),
        "ko": (
            "YouTube의 재생 시간 표시가 오른쪽 아래 구석의 {what}을(를) 가립니다.",
            "{what}을(를) 오른쪽 아래 구석(가로·세로 마지막 20%) 밖으로 옮기세요.",
        ),
    },
    "OFF_THIRDS": {
        "en": (
            "The eye goes first to about ({x:.0%}, {y:.0%}) of the frame, away from the "
            "rule-of-thirds points.",
            "Consider placing the subject on a third line; "
            "a centred subject also works when it fills the frame.",
        ),
        "ko": (
            "시선이 먼저 화면의 약 ({x:.0%}, {y:.0%}) 지점으로 가며 3분할 교차점에서 "
            "벗어나 있습니다.",
            "주제를 3분할 선 위에 두는 것을 고려하세요. 화면을 가득 "
            "채운다면 가운데 배치도 괜찮습니다.",
        ),
    },
    "ON_THIRDS": {
        "en": (
            "The eye goes first to about ({x:.0%}, {y:.0%}), close to a rule-of-thirds point.",
            "",
        ),
        "ko": ("시선이 먼저 약 ({x:.0%}, {y:.0%}) 지점으로 가며 3분할 교차점에 가깝습니다.", ""),
    },
    "TITLE_ECHOES": {
        "en": ("The thumbnail's text echoes the title ({shared}).", ""),
        "ko": ("썸네일 글자가 제목과 호응합니다({shared}).", ""),
    },
    "TITLE_COMPLEMENTS": {
        "en": (
            "The thumbnail's text adds words the title does not have.",
            "Make sure it is a hook that complements the title, not a different topic.",
        ),
        "ko": (
            "썸네일 글자가 제목에 없는 말을 더합니다.",
            "제목을 보완하는 후킹 문구인지, 다른 이야기가 아닌지 확인하세요.",
        ),
    },
    "TITLE_REPEATS": {
        "en": (
            "The thumbnail repeats most of the title ({count} words); viewers read the "
            "title right below it.",
            "Use the thumbnail for a short hook instead of the title's words.",
        ),
        "ko": (
            "썸네일이 제목 대부분({count}단어)을 반복합니다. 제목은 바로 아래에 보입니다.",
            "제목 대신 짧은 후킹 문구를 쓰세요.",
        ),
    },
    "FACE_SMILING": {
        "en": ("The main face is smiling, which reads as friendly even at small sizes.", ""),
        "ko": ("중심 얼굴이 웃고 있어 작은 크기에서도 친근하게 보입니다.", ""),
    },
}

BADGE_OBJECTS = {
    "text": {"en": "text", "ko": "글자"},
    "face": {"en": "face", "ko": "얼굴"},
    "subject": {"en": "main subject", "ko": "주제"},
}
