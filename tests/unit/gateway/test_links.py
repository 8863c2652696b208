import pytest

from gateway.links import parse_video_id
from tubelens.errors import InvalidInput

ID = "dQw4w9WgXcQ"


@pytest.mark.parametrize(
    "link",
    [
        ID,
        f"  {ID}\n",
        f"https://www.youtube.com/watch?v={ID}",
        f"https://youtube.com/watch?v={ID}&t=42s",
        f"http://www.youtube.com/watch?feature=share&v={ID}&list=PL123",
        f"www.youtube.com/watch?v={ID}",
        f"https://m.youtube.com/watch?v={ID}",
        f"https://music.youtube.com/watch?v={ID}&si=abc",
        f"https://youtu.be/{ID}",
        f"youtu.be/{ID}?t=10",
        f"https://youtu.be/{ID}?si=XyZ",
        f"https://www.youtube.com/shorts/{ID}",
        f"https://youtube.com/shorts/{ID}?feature=share",
        f"https://www.youtube.com/embed/{ID}?start=5",
        f"https://www.youtube-nocookie.com/embed/{ID}",
        f"https://www.youtube.com/live/{ID}?si=1",
        f"https://www.youtube.com/v/{ID}",
        f"https://WWW.YOUTUBE.COM/watch?v={ID}",
        f"https://music.youtube.com/watch?v={ID}&list=RDAMVM{ID}",
        f"https://www.youtube.com/live/{ID}?feature=share",
        f"https://youtube.com/v/{ID}?version=3",
        f"https://m.youtube.com/shorts/{ID}",
        f"https://youtu.be/{ID}#t=30",
        f"https://www.youtube.com/embed/{ID}/",
        f"HTTPS://YOUTU.BE/{ID}",
        f"youtube.com/shorts/{ID}",
        f"https://www.youtube.com/watch?app=desktop&v={ID}&t=1h2m3s",
        f"\t https://www.youtube.com/watch?v={ID}&pp=ygUEdGVzdA%3D%3D \n",
    ],
)
def test_accepted_forms_give_the_id(link: str) -> None:
    assert parse_video_id(link) == ID


@pytest.mark.parametrize(
    "link",
    [
        "",
        "   ",
        "dQw4w9WgXc",  # 10 characters
        "dQw4w9WgXcQQ",  # 12 characters
        "dQw4w9WgX!Q",
        f"https://vimeo.com/{ID}",
        f"https://www.youtube.com.evil.example/watch?v={ID}",
        f"https://evil.example/?u=https://www.youtube.com/watch?v={ID}",
        f"https://user:pw@www.youtube.com/watch?v={ID}",
        f"ftp://www.youtube.com/watch?v={ID}",
        f"javascript:alert('{ID}')",
        "file:///etc/passwd",
        "https://www.youtube.com/watch?v=",
        f"https://www.youtube.com/watch?v={ID}&v=aaaaaaaaaaa",
        "https://www.youtube.com/channel/UC1234567890123456789012",
        "https://www.youtube.com/playlist?list=PL123",
        f"https://youtu.be/{ID}/extra",
        f"https://www.youtube.com/watch?v={ID} rm -rf /",
        "https://www.youtube.com:99999/watch?v=" + ID,
        "x" * 5000,
        f"https://www.youtube.com@evil.example/watch?v={ID}",
        f"https://evil.example\\@www.youtube.com/watch?v={ID}",
        f"https://www.youtube.com/watch?v={ID}%00",
        f"https://www.youtube.com/attribution_link?u=/watch%3Fv%3D{ID}",
        f"https://www.youtube.com/watch/{ID}",
        f"https://\uff59outube.com/watch?v={ID}",  # a full-width look-alike letter
        f"https://127.0.0.1/watch?v={ID}",
        f"http://[::1]/watch?v={ID}",
        f"https://169.254.169.254/latest/meta-data?v={ID}",
        f"https://youtu.be/{ID}\r\nHost: evil.example",
        "https://www.youtube.com/watch?v=../../etc/pa",
        f"https://www.youtube.com/watch?v={ID}\u200b",  # a zero-width space after the id
    ],
)
def test_other_input_is_invalid_and_says_what_was_expected(link: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        parse_video_id(link)
    assert caught.value.reason == "INVALID_VIDEO_LINK"
    assert "youtu.be/VIDEO_ID" in caught.value.message
    assert len(caught.value.message) < 400
