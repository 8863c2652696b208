import pytest

from tubelens.text import detect_language, tokenize
from tubelens.text.korean import korean_stem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("라떼아트 너무 예뻐요", "ko"),
        ("ㅋㅋㅋ", "ko"),
        ("素晴らしい動画です", "ja"),
        ("这个视频很好", "zh"),
        ("Это отличное видео", "ru"),
        ("مرحبا بكم في القناة", "ar"),
        ("नमस्ते दोस्तों", "hi"),
        ("สวัสดีครับ", "th"),
        ("This is the clearest tutorial I have seen", "en"),
        ("¡Qué buena receta! Muchas gracias", "es"),
        ("Que vídeo maravilhoso! Fiz no fim de semana e ficou perfeito. Obrigada!", "pt"),
        ("Merci beaucoup pour cette vidéo, c'est très utile", "fr"),
        ("Danke für das Video, sehr hilfreich", "de"),
        ("Terima kasih resepnya sangat membantu", "id"),
        ("Such a lovely, calm tutorial.", "en"),
        ("This is so good 진짜", "en"),
    ],
)
def test_detect_language(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["❤️❤️🔥", "!!!", "", "ok", "12:30"])
def test_too_little_text_is_undetermined(text):
    assert detect_language(text) == "und"


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("라떼아트를", "라떼아트"),
        ("우유는", "우유"),
        ("우유가", "우유"),
        ("만들었어요", "만들"),
        ("최고예요", "최고"),
        ("사용했어요", "사용"),
        ("감사합니다", "감사"),
        ("빵을", "빵"),
        ("카페에서", "카페"),
        ("라떼아트만큼은", "라떼아트"),
        # Nouns that only look like they end in a particle stay whole.
        ("고양이", "고양이"),
        ("아이", "아이"),
        ("바다", "바다"),
    ],
)
def test_korean_stem(word, stem):
    assert korean_stem(word) == stem


def test_tokenize_korean_strips_particles_and_drops_stopwords():
    tokens = tokenize("라떼아트를 만들었어요! 우유는 어떤 걸 쓰세요? 너무 좋아요 ㅋㅋㅋ")
    assert tokens[:3] == ["라떼아트", "만들", "우유"]
    assert not {"어떤", "걸", "너무", "좋", "쓰", "ㅋㅋㅋ"} & set(tokens)


def test_tokenize_english_drops_stopwords_numbers_links_and_mentions():
    tokens = tokenize(
        "@amelia I baked this recipe 3 times and my starters are finally bubbly! "
        "Details at https://example.com/x hahaha"
    )
    assert tokens == ["baked", "recipe", "starter", "finally", "bubbly", "detail"]


def test_tokenize_keeps_language_specific_stopwords_out():
    assert tokenize("Muchas gracias por compartir el pan", "es") == ["compartir", "pan"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("абвabc", "ru"),  # equal evidence: the script met first wins
        ("abcабв", "en"),
        ("ça va très bien, c'est génial", "fr"),  # diacritics vote with the marker words
        ("über über schön straße", "de"),
        ("¿qué tal? ñandú", "es"),
    ],
)
def test_ties_and_diacritics(text, expected):
    assert detect_language(text) == expected
