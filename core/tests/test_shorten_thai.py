"""shorten_thai: the one word-boundary cut shared by XLSX sheet names and e-mail subjects."""

from pythainlp.tokenize import word_tokenize

from core.documents.xlsx import sheet_title
from core.thai import shorten_thai

TITLE = "การสื่อสารภายในหน่วยงานและการสื่อสารภายนอกเพื่อเสริมสร้างวัฒนธรรมองค์กรคุณธรรมและความโปร่งใส"


def _word_prefixes(text: str) -> set[str]:
    prefixes, built = set(), ""
    for token in word_tokenize(text, engine="newmm", keep_whitespace=True):
        built += token
        prefixes.add(built.rstrip())
    return prefixes


def test_text_that_fits_is_unchanged():
    assert shorten_thai("รายงานผล", 20, mark="…") == "รายงานผล"
    assert shorten_thai("", 5) == ""


def test_a_cut_ends_between_words_with_the_mark_inside_the_limit():
    for limit in (20, 33, 47, 60):
        cut = shorten_thai(TITLE, limit, mark="…")
        assert len(cut) <= limit
        assert cut.endswith("…")
        assert cut[:-1] in _word_prefixes(TITLE), (limit, cut)
        assert not cut[:-1].endswith(("และ", "การ", "เพื่อ"))


def test_sheet_names_use_the_same_cut():
    assert sheet_title(TITLE) == shorten_thai(TITLE, 31)
