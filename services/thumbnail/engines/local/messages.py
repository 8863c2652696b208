"""Finding texts in English and Korean: (message, suggestion) templates filled with measurements.

Placeholders are named after the measurement they show; an empty suggestion marks a positive.
"""

from __future__ import annotations

TEMPLATES: dict[str, dict[str, tuple[str, str]]] = {
    "LOW_RESOLUTION": {
        "en": (
            "The image is {width}x{height}; YouTube shows thumbnails up to 1280x720.",
            "Upload at least 1280x720 so it stays sharp on large screens.",
        ),
        "ko": (
            "이미지가 {width}x{height}입니다. YouTube는 썸네일을 최대 1280x720으로 보여 줍니다.",
            "큰 화면에서도 선명하도록 1280x720 이상으로 올리세요.",
        ),
    },
    "GOOD_RESOLUTION": {
        "en": ("The image is {width}x{height}, at least the recommended 1280x720.", ""),
        "ko": ("이미지가 {width}x{height}입니다. 권장 크기인 1280x720 이상입니다.", ""),
    },
    "WRONG_ASPECT_RATIO": {
        "en": (
            "The aspect ratio is {ratio:.2f}:1; YouTube thumbnails are 16:9 (1.78:1), "
            "so it will be letterboxed or cropped.",
            "Crop or extend the image to 16:9, e.g. 1280x720.",
        ),
        "ko": (
            "화면비가 {ratio:.2f}:1입니다. YouTube 썸네일은 16:9(1.78:1)라서 "
            "여백이 생기거나 잘립니다.",
            "1280x720처럼 16:9로 자르거나 늘리세요.",
        ),
    },
    "TOO_DARK": {
        "en": (
            "Average brightness is {brightness:.0%}; the image reads as dark, "
            "especially in dark mode.",
            "Brighten the image or lift the shadows, above all on the subject.",
        ),
        "ko": (
            "평균 밝기가 {brightness:.0%}로 어둡게 보입니다. 다크 모드에서는 더 그렇습니다.",
            "이미지를 밝게 하거나 어두운 부분을 끌어올리세요. 특히 주제 부분을요.",
        ),
    },
    "TOO_BRIGHT": {
        "en": (
            "Average brightness is {brightness:.0%}; the image looks washed out.",
            "Lower the exposure or highlights and add darker elements for depth.",
        ),
        "ko": (
            "평균 밝기가 {brightness:.0%}로 색이 바래 보입니다.",
            "노출이나 하이라이트를 낮추고 어두운 요소를 더해 깊이를 주세요.",
        ),
    },
    "GOOD_EXPOSURE": {
        "en": ("Average brightness is {brightness:.0%}, a comfortable exposure.", ""),
        "ko": ("평균 밝기가 {brightness:.0%}로 노출이 적당합니다.", ""),
    },
    "LOW_CONTRAST": {
        "en": (
            "RMS contrast is {contrast:.2f}; shapes blend together at small sizes.",
            "Increase contrast: separate the subject from the background with light or colour.",
        ),
        "ko": (
            "RMS 대비가 {contrast:.2f}에 그쳐 작은 크기에서 형태가 뭉개집니다.",
            "대비를 높이세요. 조명이나 색으로 주제와 배경을 분리하세요.",
        ),
    },
    "GOOD_CONTRAST": {
        "en": ("RMS contrast is {contrast:.2f}; shapes stay distinct at small sizes.", ""),
        "ko": ("RMS 대비가 {contrast:.2f}에 달해 작은 크기에서도 형태가 또렷합니다.", ""),
    },
    "DULL_COLORS": {
        "en": (
            "Colourfulness is {colorfulness:.0f} (Hasler-Süsstrunk; under 20 looks muted).",
            "Add a saturated accent colour or raise saturation on the subject.",
        ),
        "ko": (
            "색채도가 {colorfulness:.0f}입니다(Hasler-Süsstrunk 기준, 20 미만은 칙칙해 보임).",
            "채도 높은 포인트 색을 넣거나 주제의 채도를 올리세요.",
        ),
    },
    "VIVID_COLORS": {
        "en": ("Colourfulness is {colorfulness:.0f}, quite colourful.", ""),
        "ko": ("색채도가 {colorfulness:.0f}에 달해 색감이 풍부합니다.", ""),
    },
    "NO_FACE": {
        "en": (
            "No face was detected.",
            "If the video has a host or a person, a clear close-up face draws the eye.",
        ),
        "ko": (
            "얼굴이 감지되지 않았습니다.",
            "영상에 진행자나 인물이 있다면 또렷한 얼굴 클로즈업이 시선을 끕니다.",
        ),
    },
    "SMALL_FACE": {
        "en": (
            "The largest face covers {share:.1%} of the frame; at 168x94, the smallest size "
            "YouTube shows, it is about {pixels} px tall.",
            "Crop closer so the face fills at least 3-5% of the frame.",
        ),
        "ko": (
            "가장 큰 얼굴이 화면의 {share:.1%}를 차지합니다. YouTube의 가장 작은 표시 크기인 "
            "168x94에서는 높이가 약 {pixels}px입니다.",
            "얼굴이 화면의 3-5% 이상이 되도록 더 가깝게 자르세요.",
        ),
    },
    "FACE_PROMINENT": {
        "en": ("The largest face covers {share:.1%} of the frame, large enough to read.", ""),
        "ko": ("가장 큰 얼굴이 화면의 {share:.1%}를 차지해 작은 크기에서도 잘 보입니다.", ""),
    },
    "MANY_FACES": {
        "en": (
            "{count} faces were detected; with this many, none stands out.",
            "Feature one to three faces, and make one clearly the largest.",
        ),
        "ko": (
            "얼굴이 {count}개 감지되었습니다. 이렇게 많으면 어느 얼굴도 눈에 띄지 않습니다.",
            "얼굴은 1-3개로 줄이고 하나를 가장 크게 보여 주세요.",
        ),
    },
    "CLUTTERED": {
        "en": (
            "Edges cover {edges:.0%} of the image, which reads as busy at small sizes.",
            "Simplify or blur the background, or crop tighter on the subject.",
        ),
        "ko": (
            "윤곽선이 이미지의 {edges:.0%}를 차지해 작은 크기에서 복잡해 보입니다.",
            "배경을 단순화하거나 흐리게 하고, 주제에 더 가깝게 자르세요.",
        ),
    },
    "CLEAN_COMPOSITION": {
        "en": ("Edges cover only {edges:.0%} of the image; the composition is clean.", ""),
        "ko": ("윤곽선이 이미지의 {edges:.0%}에 불과해 구성이 깔끔합니다.", ""),
    },
}
