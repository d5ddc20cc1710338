"""The catalogue of words people read (rules/catalogue/zh.yaml, en.yaml): both languages say
the same things, every contract value has a name, and a reader's place reads back."""

from __future__ import annotations

import json
import string

import jsonschema
import pytest
import yaml
from conftest import ROOT

from checker.judge.results import STANCES, STATUSES
from checker.readers.source import Location
from checker.render.words import LANGUAGES, flatten, words

CATALOGUE = ROOT / "rules" / "catalogue"


def catalogue(lang: str) -> dict[str, str]:
    return dict(flatten(yaml.safe_load((CATALOGUE / f"{lang}.yaml").read_text(encoding="utf-8"))))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_catalogue_follows_the_schema(lang):
    schema = json.loads((CATALOGUE / "catalogue.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load((CATALOGUE / f"{lang}.yaml").read_text(encoding="utf-8")), schema)


def test_the_schema_refuses_a_missing_status_word():
    schema = json.loads((CATALOGUE / "catalogue.schema.json").read_text(encoding="utf-8"))
    data = yaml.safe_load((CATALOGUE / "zh.yaml").read_text(encoding="utf-8"))
    del data["status"]["partial"]
    with pytest.raises(jsonschema.ValidationError, match="partial"):
        jsonschema.validate(data, schema)


# Wordings where each language picks which of an element's names to show (Chinese readers
# know the short names, English ones the ids): the names the code passes.
NAME_CHOICES = {"column.element-heading": {"id", "short"}, "text.missing-item": {"id", "short"},
                "text.part": {"id", "title", "stance"}, "html.filter-element-name": {"id", "short"}}


def test_both_languages_have_the_same_keys_and_placeholders():
    chinese, english = catalogue("zh"), catalogue("en")
    assert sorted(chinese) == sorted(english)
    different = {k: (chinese[k], english[k]) for k in chinese
                 if placeholders(chinese[k]) != placeholders(english[k]) and k not in NAME_CHOICES}
    assert different == {}
    for key, names in NAME_CHOICES.items():
        assert placeholders(chinese[key]) <= names and placeholders(english[key]) <= names, key


def test_every_status_stance_and_kind_has_a_chinese_name():
    zh = words("zh")
    assert [zh.status(s) for s in STATUSES] == ["达标", "部分达标", "缺失", "不适用"]
    assert all(zh.stance(s) != s for s in STANCES)
    assert [zh.kind(k) for k in ("annual-report", "implementation-plan", "other")] == ["年度报告", "实施方案", "其他"]
    assert [zh.verdict(v) for v in ("pass", "fail", "error")] == ["通过", "未通过", "无法读取"]
    assert [zh.level(v) for v in ("province", "city", "county", "department", "township")] == \
        ["省", "市", "县区", "部门", "乡镇街道"]


@pytest.mark.parametrize("location, chinese", [
    (Location(line=12), "第12行"),
    (Location(line=40, page=3, page_line=7), "第3页第7行"),
    (Location(line=9, paragraph=14), "第14段"),
    (Location(line=9, table=1, row=2, cell=3), "表1第2行第3格"),
])
def test_a_place_in_the_file_reads_in_chinese(location, chinese):
    """The JSON keeps the English `where` that readers write; people read it in their language."""
    where = location.describe()
    assert words("zh").place(where, location.line) == chinese
    assert words("en").place(where, location.line) == where


def test_a_read_error_names_its_reason_in_chinese_and_keeps_the_detail():
    assert words("zh").error("too-large", "file is 30 bytes, over the limit of 20") == \
        "文件过大（file is 30 bytes, over the limit of 20）"
    assert words("zh").error("a-new-code", "x") == "无法读取（x）"
    assert words("en").error("too-large", "file is 30 bytes") == "file is 30 bytes"
