"""Fuzzing (issue 12): mutated .docx, .pdf, .html and text files, and generated rule packs,
never make fazhi fail with an internal error (exit 3).

Each example goes through what the command line runs: `check_path` for a report (an
unreadable one must come back as a result with an error, never an exception) and
`load_packs` for a pack (a bad one raises PackError, which is exit 2 with `file:line:`).
A fixed seed and a bounded number of examples keep the run the same in CI every time."""

from __future__ import annotations

import zipfile
from io import BytesIO
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker.packs.load import PackError, load_packs
from checker.run import check_path

FORMATS = ROOT / "tests" / "fixtures" / "formats"
BUDGET = settings(max_examples=25, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

_PACKS = None


def _shipped_packs():
    global _PACKS
    if _PACKS is None:
        _PACKS = load_packs()
    return _PACKS


# a mutation: (position as a fraction of the file, what happens there, bytes)
MUTATIONS = st.lists(st.tuples(st.floats(0, 1), st.sampled_from(["flip", "insert", "delete", "cut"]),
                               st.binary(min_size=1, max_size=16)), min_size=1, max_size=6)


def _mutated(data: bytes, mutations) -> bytes:
    out = bytearray(data)
    for where, how, chunk in mutations:
        at = int(where * max(len(out) - 1, 0))
        if how == "flip" and out:
            out[at:at + len(chunk)] = bytes(b ^ c for b, c in zip(out[at:at + len(chunk)], chunk, strict=False))
        elif how == "insert":
            out[at:at] = chunk
        elif how == "delete":
            del out[at:at + len(chunk)]
        else:
            del out[at:]
    return bytes(out)


def _mutated_docx_xml(data: bytes, mutations) -> bytes:
    """The zip kept whole, its document.xml mutated: what reaches the XML parser."""
    source, target = zipfile.ZipFile(BytesIO(data)), BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            content = source.read(item.filename)
            out.writestr(item.filename, _mutated(content, mutations) if item.filename == "word/document.xml"
                         else content)
    return target.getvalue()


def _check_never_raises(path: Path) -> None:
    result = check_path(str(path), _shipped_packs())
    assert result.errors or result.score is not None


@pytest.mark.parametrize("fixture", ["seed001.docx", "seed001.pdf", "seed001.html", "seed001.gbk.txt",
                                     "seed001.utf16.txt"])
@BUDGET
@given(mutations=MUTATIONS)
def test_a_mutated_report_is_a_result_never_an_internal_error(tmp_path, fixture, mutations):
    path = tmp_path / fixture
    path.write_bytes(_mutated((FORMATS / fixture).read_bytes(), mutations))
    _check_never_raises(path)


@BUDGET
@given(mutations=MUTATIONS)
def test_a_docx_with_mutated_xml_is_a_result_never_an_internal_error(tmp_path, mutations):
    path = tmp_path / "mutated.docx"
    path.write_bytes(_mutated_docx_xml((FORMATS / "seed001.docx").read_bytes(), mutations))
    _check_never_raises(path)


# --- packs ----------------------------------------------------------------------------------

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-5, 3000), st.sampled_from([".inf", ".nan", "-1e400"]),
                    st.text(max_size=8), st.sampled_from(["法律顾问", "(a|aa)+$", "[", "x\n", "*a"]))
MATCHER = st.fixed_dictionaries({}, optional={
    "any": st.lists(SCALARS, max_size=3), "all": st.lists(st.lists(SCALARS, max_size=2), max_size=2),
    "near": st.fixed_dictionaries({"terms": st.lists(SCALARS, max_size=2), "with": st.lists(SCALARS, max_size=2),
                                   "within": SCALARS}),
    "pattern": st.lists(SCALARS, max_size=2), "count": st.dictionaries(st.sampled_from(["terms", "at_least"]),
                                                                       SCALARS),
    "unless": st.lists(SCALARS, max_size=2), "partial": SCALARS})
ELEMENT = st.fixed_dictionaries(
    {"id": st.one_of(st.sampled_from(["x", "core.x", "x\n", "X", "first-responsible-person"]), SCALARS),
     "title": SCALARS, "severity": st.sampled_from(["required", "recommended", "other"]), "weight": SCALARS,
     "basis": st.lists(st.dictionaries(st.sampled_from(["document", "number", "date"]), SCALARS), max_size=2),
     "claims": st.lists(MATCHER, max_size=3), "met": SCALARS, "hint": SCALARS},
    optional={"since": SCALARS, "parts": st.lists(st.fixed_dictionaries({"id": SCALARS, "title": SCALARS,
                                                                         "claims": st.lists(MATCHER, max_size=2)}),
                                                  max_size=2)})
PACK = st.fixed_dictionaries({"pack": st.sampled_from(["p", "core", "P", "p\n"]), "title": SCALARS},
                             optional={"elements": st.lists(ELEMENT, max_size=3),
                                       "extends": st.sampled_from(["core", "p", "nowhere"]),
                                       "disable": st.lists(SCALARS, max_size=2),
                                       "overrides": st.dictionaries(st.sampled_from(["counsel-coverage", "x"]),
                                                                    st.dictionaries(st.sampled_from(
                                                                        ["weight", "severity", "add_claims"]),
                                                                        SCALARS), max_size=2)})


def _yaml(value) -> str:
    """YAML as a person writes it: flow style, the special numbers unquoted."""
    import json
    text = json.dumps(value, ensure_ascii=False)
    for special in ('".inf"', '".nan"', '"-1e400"'):
        text = text.replace(special, special.strip('"'))
    return text + "\n"


@BUDGET
@given(pack=PACK)
def test_a_generated_pack_loads_or_is_refused_never_an_internal_error(tmp_path, pack):
    path = tmp_path / "generated.yaml"
    path.write_text(_yaml(pack), encoding="utf-8")
    try:
        packs = load_packs([str(path)])
    except PackError as exc:
        assert exc.problems and all(str(p).startswith(str(path)) or ":" in str(p) for p in exc.problems)
        return
    report = tmp_path / "r.txt"
    report.write_text("关于2024年法治政府建设情况的报告\n全区法律顾问覆盖率达100%。aaaaaaaaaaaaaaaaaaaaaaaa。\n",
                      encoding="utf-8")
    result = check_path(str(report), packs)
    assert result.errors or (result.score is not None and result.score == result.score)   # never NaN
