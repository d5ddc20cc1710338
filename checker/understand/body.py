"""The submitting body (报送单位) of a report: the government or department that files it.

Read from the start of the title (武汉市武昌区人民政府关于…), else from the opening sentence
(2022年，XX局…; 7月5日，XX镇召开…; the body visited in …一行来XX县调研), else from a signature
line at the end of the text (XX县人民政府 above the date), else from the folder or the file
name the report came in, else from the words it names itself by (我县, 区政府, 结合自治区实际).
Its level (province, city, county, township, department) is the unit of its last place, or
`department` for anything that is not the government itself; a body named by its bare unit
(市司法局, 省人民政府) has that unit's level and no name. `short` names
the body the same way whichever of its names a report uses (武汉市武昌区人民政府,
武昌区人民政府, 武昌区 → 武昌区), so copies and later rounds can be put together.
The wordings are in rules/language.yaml `bodies`.
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath

from checker.language.model import BodyRules
from checker.understand.records import Body


def submitting_body(title: str, lines, path: str, rules: BodyRules) -> Body | None:
    """The body from the title, the opening lines, the signature, then the folders and
    the file name."""
    found = _named_at_start(rules.title_prefix.sub("", title, count=1), rules, "title")
    if found is None:
        found = _opening(lines, rules)
    if found is None:
        found = _signature(lines, rules)
    if found is None:
        found = body_from_path(path, rules)
    if found is None:
        found = _level_only(title, lines, rules)
    return found


def _named_at_start(text: str, rules: BodyRules, source: str) -> Body | None:
    """A run of places at the very start of `text`, and the organ right after it."""
    text = text.strip()[:rules.name_max_chars]
    places = rules.places.match(text)
    if places is None or _not_a_place(places.group(), rules):
        return _bare_named(text, rules, source) or _province_named(text, rules, source)
    rest = text[places.end():]
    department = rules.department_organ.match(rest)
    government = next((o for o in rules.government_organs if rest.startswith(o)), "")
    organ = department.group() if department else government
    last = _last_place(places.group(), rules)
    return Body(name=places.group() + organ, short=last + (department.group() if department else ""),
                level="department" if department else _level(last, rules), source=source)


def _not_a_place(run: str, rules: BodyRules) -> bool:
    return bool(rules.not_places.search(run) or rules.name_end_inside.search(run))


def _bare_named(text: str, rules: BodyRules, source: str) -> Body | None:
    """A body named by its bare unit (省人民政府, 市司法局, 自治区民政厅) or, a ministry, by
    its function alone (司法部): a government needs its unit to tell its level. A bare unit
    says which body only with the place it leaves out (every city has its 市司法局): such a
    body has a level and no name, as one naming itself by its level (我局, 区政府)."""
    bare = rules.bare_body.match(text)
    if bare is None or (bare.group("government") and not bare.group("unit")):
        return None
    level = "department" if bare.group("department") else rules.units[bare.group("unit")]
    name = "" if bare.group("unit") else bare.group()
    return Body(name=name, short=name, level=level, source=source)


def _province_named(text: str, rules: BodyRules, source: str) -> Body | None:
    """A province by its short name, with no unit (宁夏法治政府建设…): its full name is its short."""
    named = rules.province_named.match(text)
    if named is None:
        return None
    return Body(name=named.group(), short=rules.province_names[named.group()], level="province",
                source=source)


def _last_place(places: str, rules: BodyRules) -> str:
    """The shortest end of the run that is a place, with places before it (杭州市余杭区 →
    余杭区, not 杭区; 兰州市 → 兰州市, not 州市)."""
    for start in range(len(places) - 1, -1, -1):
        before = places[:start]
        if rules.place.fullmatch(places[start:]) and (not before or rules.run.fullmatch(before)):
            return places[start:]
    return places


def _level(place: str, rules: BodyRules) -> str | None:
    if place in rules.municipalities:
        return "province"
    unit = rules.place.fullmatch(place)
    return rules.units.get(unit.group("unit")) if unit else None


def _opening(lines, rules: BodyRules) -> Body | None:
    """The government of the congress a 政府工作报告 is delivered at, or the body an
    untitled report's first sentence opens with (2022年，北京市教育委员会以…)."""
    head = [t.strip() for t in lines if t.strip()][:rules.opening_lines]
    for text in head:
        congress = rules.assembly.search(text)
        if congress:
            place = congress.group("places")
            return _named_at_start(place + rules.government_organs[0], rules, "opening")
    for text in head:
        text = rules.opening_lead.sub("", text, count=1)
        found = _visited(text, rules) or _named_at_start(text, rules, "opening")
        if found is not None:
            return found
    return None


def _visited(text: str, rules: BodyRules) -> Body | None:
    """The body a news item's first sentence says was visited (…一行来武山县调研…)."""
    visit = rules.visit.search(text)
    return _named_at_start(text[visit.start("visited"):], rules, "opening") if visit else None


def _level_only(title: str, lines, rules: BodyRules) -> Body | None:
    """No name, but the body names itself by its level: 区政府2014年…, 2024年，我局…"""
    word = rules.self_reference.search(title)
    if word:
        return Body(name="", short="", level=rules.self_levels[word.group()], source="title")
    head = [rules.opening_lead.sub("", t.strip(), count=1) for t in lines if t.strip()]
    levels = _self_levels(head[:rules.opening_lines], rules)
    if levels:
        level = "department" if "department" in levels else levels[0]
        return Body(name="", short="", level=level, source="opening")
    # a page from inside a text (no title, no opening): the level its own words name most often
    levels = _self_levels(head, rules, own=True)
    if not levels:
        return None
    # the most frequent, the first named among equals (a count each, not levels.count per
    # word: a long text names itself thousands of times)
    level = Counter(levels).most_common(1)[0][0]
    return Body(name="", short="", level=level, source="text")


def _self_levels(texts, rules: BodyRules, own: bool = False) -> list[str]:
    """The levels of the words the texts name their body by (only 我X, 全X, 本X if `own`),
    in reading order."""
    return [rules.self_levels[w.group()] for t in texts for w in rules.self_reference.finditer(t)
            if not own or rules.own_words.match(w.group())]


def _signature(lines, rules: BodyRules) -> Body | None:
    """A line at the end that is nothing but a body's name (the signature over the date)."""
    tail = [t.strip() for t in lines if t.strip()][-rules.signature_lines:]
    for text in reversed(tail):
        found = _named_at_start(text, rules, "signature")
        if found is not None and found.name == text.replace(" ", "").replace("\u3000", ""):
            return found
    return None


def body_from_path(path: str, rules: BodyRules) -> Body | None:
    """The nearest folder named after a body, else the file name (01_XX县人民政府.docx)."""
    pure = PurePath(path)
    candidates = [(part, "folder") for part in reversed(pure.parent.parts[-rules.path_folders:])]
    candidates.append((pure.stem, "file"))
    for name, source in candidates:
        found = _named_at_start(rules.path_prefix.sub("", name, count=1), rules, source)
        if found is not None:
            return found
    return None
