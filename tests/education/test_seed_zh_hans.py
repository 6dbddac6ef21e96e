"""The Simplified Chinese starter translations in education/seed/zh-hans/ keep
the shape of their English originals, so they load and validate alike."""

import re

import pytest

from education.models import (
    ARTICLE_BODY_MAX_CHARS,
    ARTICLE_SECTION_MAX_CHARS,
    TIP_BODY_MAX_CHARS,
)
from education.rendering import MarkdownValidator
from education.seeding import SEED_DIR, parse_seed_file

ZH_DIR = SEED_DIR / "zh-hans"
ENGLISH_ONLY_HEADER_KEYS = {"kind", "cause", "slug", "order"}
TITLE_MAX_CHARS = 120
SUMMARY_MAX_CHARS = 250
ALT_FIRST_USE = "谷丙转氨酶（ALT）"
CJK = "\u4e00-\u9fff"

PAIRS = [
    (SEED_DIR / folder / path.name, path)
    for folder in ("articles", "tips")
    for path in sorted((ZH_DIR / folder).glob("*.md"))
]


def parse(path):
    return parse_seed_file(path.read_text(encoding="utf-8"))


def pair_id(pair):
    return f"{pair[1].parent.name}/{pair[1].stem}"


def test_every_english_seed_file_has_a_translation():
    for folder in ("articles", "tips"):
        english = {path.name for path in (SEED_DIR / folder).glob("*.md")}
        chinese = {path.name for path in (ZH_DIR / folder).glob("*.md")}
        assert chinese == english, folder


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_translation_has_the_english_sections_and_only_text_header_keys(pair):
    english_path, chinese_path = pair
    english_header, english_sections = parse(english_path)
    header, sections = parse(chinese_path)
    assert set(header) == set(english_header) - ENGLISH_ONLY_HEADER_KEYS
    assert list(sections) == list(english_sections)
    assert all(sections.values())


def shape(text):
    """Count the Markdown structures a validator or template may depend on."""
    lines = text.splitlines()
    return {
        # One letter per line, so each list keeps its items in the same place.
        "skeleton": "".join(
            "H"
            if line.startswith("#")
            else "B"
            if line.startswith("- ")
            else "Q"
            if line.startswith("> ")
            else "-"
            if not line.strip()
            else "P"
            for line in lines
        ),
        "headings": [line.count("#") for line in lines if line.startswith("#")],
        "bullets": sum(line.startswith("- ") for line in lines),
        "quotes": sum(line.startswith("> ") for line in lines),
        "bold": text.count("**"),
        "links": re.findall(r"\]\((https://[^)]+)\)", text),
        "paragraphs": len(re.split(r"\n\s*\n", text.strip())),
    }


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_translation_keeps_the_markdown_structure(pair):
    english_path, chinese_path = pair
    english_sections = parse(english_path)[1]
    for name, text in parse(chinese_path)[1].items():
        assert shape(text) == shape(english_sections[name]), name


def numbers(text):
    return sorted(re.findall(r"\d+(?:\.\d+)?", text))


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_translation_keeps_every_figure_and_adds_none(pair):
    english_path, chinese_path = pair
    english_header, english_sections = parse(english_path)
    header, sections = parse(chinese_path)
    for name in [*sections, "title", "summary"]:
        if name == "references":
            continue
        english = english_sections.get(name, english_header.get(name, ""))
        chinese = sections.get(name, header.get(name, ""))
        # Chinese names type 2 diabetes and alpha-1 with their digits too.
        assert numbers(chinese) == numbers(english), name


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_translation_fits_the_field_limits_and_renders(pair):
    _english_path, chinese_path = pair
    header, sections = parse(chinese_path)
    assert len(header["title"]) <= TITLE_MAX_CHARS
    if chinese_path.parent.name == "tips":
        MarkdownValidator(TIP_BODY_MAX_CHARS)(sections["body"])
        return
    assert len(header["summary"]) <= SUMMARY_MAX_CHARS
    for name, text in sections.items():
        if name == "body":
            MarkdownValidator(ARTICLE_BODY_MAX_CHARS, top_level=2)(text)
        else:
            MarkdownValidator(ARTICLE_SECTION_MAX_CHARS)(text)


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_alt_is_spelled_out_on_first_use(pair):
    _english_path, chinese_path = pair
    header, sections = parse(chinese_path)
    sections.pop("references", None)
    text = "\n".join([header["title"], header.get("summary", ""), *sections.values()])
    if "ALT" in text:
        first = text.index("ALT")
        assert text[first - len("谷丙转氨酶（") : first + 4] == ALT_FIRST_USE


@pytest.mark.parametrize("pair", PAIRS, ids=pair_id)
def test_chinese_text_uses_full_width_punctuation(pair):
    _english_path, chinese_path = pair
    header, sections = parse(chinese_path)
    sections.pop("references", None)
    text = "\n".join([header["title"], header.get("summary", ""), *sections.values()])
    half_width_next_to_chinese = re.findall(
        rf"[{CJK}][,.;:!?()]|[,.;:!?()][{CJK}]", text
    )
    assert half_width_next_to_chinese == []
    assert not re.search("[０-９]", text)


def test_every_named_medicine_stays_under_medical_guidance():
    medicines = {
        "30-viral-hepatitis.md": ["恩替卡韦片", "富马酸丙酚替诺福韦片", "拉米夫定片"],
        "40-fatty-liver-disease.md": [
            "水飞蓟宾胶囊",
            "多烯磷脂酰胆碱胶囊",
            "熊去氧胆酸胶囊",
        ],
        "50-medicines-and-liver-injury.md": [
            "还原型谷胱甘肽片",
            "复方甘草酸苷片",
            "硫普罗宁肠溶片",
        ],
    }
    for name, names in medicines.items():
        treatments = parse(ZH_DIR / "articles" / name)[1]["doctor_treatments"]
        quote = next(line for line in treatments.splitlines() if line.startswith("> "))
        assert quote.startswith("> **仅在医生指导下使用：**"), name
        for medicine in names:
            assert medicine in quote, medicine
