"""The submitting body (报送单位) of a report: the government or department that files it.

Read from the start of the title (武汉市武昌区人民政府关于…), else from a signature line at
the end of the text (XX县人民政府 above the date), else from the folder or the file name the
report came in. Its level (province, city, county, township, department) is the unit of its
last place, or `department` for anything that is not the government itself. `short` names
the body the same way whichever of its names a report uses (武汉市武昌区人民政府,
武昌区人民政府, 武昌区 → 武昌区), so copies and later rounds can be put together.
The wordings are in rules/language.yaml `bodies`.
"""

from __future__ import annotations

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
    if places is None or rules.not_places.search(places.group()):
        return None
    rest = text[places.end():]
    department = rules.department_organ.match(rest)
    government = next((o for o in rules.government_organs if rest.startswith(o)), "")
    organ = department.group() if department else government
    last = _last_place(places.group(), rules)
    return Body(name=places.group() + organ, short=last + (department.group() if department else ""),
                level="department" if department else _level(last, rules), source=source)


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
        found = _named_at_start(rules.opening_lead.sub("", text, count=1), rules, "opening")
        if found is not None:
            return found
    return None


def _level_only(title: str, lines, rules: BodyRules) -> Body | None:
    """No name, but the body names itself by its level: 区政府2014年…, 2024年，我局…"""
    word = rules.self_reference.search(title)
    if word:
        return Body(name="", short="", level=rules.self_levels[word.group()], source="title")
    head = [rules.opening_lead.sub("", t.strip(), count=1) for t in lines if t.strip()]
    levels = [rules.self_levels[w.group()] for t in head[:rules.opening_lines]
              for w in rules.self_reference.finditer(t)]
    if not levels:
        return None
    level = "department" if "department" in levels else levels[0]
    return Body(name="", short="", level=level, source="opening")


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
