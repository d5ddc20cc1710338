"""The words of the ledger's text and HTML outputs, from rules/ledger-words.yaml.

Kept as data so an inspector's office can reword them, and so they can move into the
project's one catalogue of user-facing words. Every language must have every key: a
missing one is a problem in the file (exit 2), never a KeyError in the middle of a page.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from checker.packs.load import read_pack_document
from checker.packs.validate import PackError, PackProblem
from checker.paths import shipped_rules_dir

LANGUAGES = ("zh", "en")
DEFAULT_LANGUAGE = "zh"


@dataclass(frozen=True)
class Words:
    lang: str
    table: dict[str, str]

    def __call__(self, key: str, **values: object) -> str:
        return self.table[key].format(**values)


def words(lang: str = DEFAULT_LANGUAGE) -> Words:
    return Words(lang, _tables(str(shipped_rules_dir() / "ledger-words.yaml"))[lang])


@lru_cache(maxsize=2)
def _tables(path: str) -> dict[str, dict[str, str]]:
    document = read_pack_document(Path(path))
    data = document.data
    if not isinstance(data, dict) or set(data) != set(LANGUAGES):
        raise PackError([PackProblem(path, 1, "(top)", f"expected the languages {', '.join(LANGUAGES)}")])
    keys = set(data[DEFAULT_LANGUAGE])
    problems = [PackProblem(path, document.line_of((lang,)), lang,
                            f"missing {', '.join(sorted(keys - set(t)))}")
                for lang, t in data.items() if keys - set(t)]
    if problems:
        raise PackError(problems)
    return {lang: {k: str(v) for k, v in table.items()} for lang, table in data.items()}
