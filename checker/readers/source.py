"""The plain text of a report, whatever format it came in, with a map back to the file.

Readers (checker.readers) produce a SourceText; every later step works on its lines and
reports evidence by line number, which `Location` turns back into terms the reader of the
original format understands (page and line for a PDF, paragraph or table cell for .docx).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Location:
    """Where one line of the plain text sits in the original file."""

    line: int                       # 1-based line number in SourceText.lines
    page: int | None = None         # PDF page (1-based)
    page_line: int | None = None    # line within that PDF page (1-based)
    paragraph: int | None = None    # .docx body paragraph (1-based)
    table: int | None = None        # .docx table (1-based)
    row: int | None = None
    cell: int | None = None

    def describe(self) -> str:
        """Human wording: 'line 12', 'page 3, line 7', 'paragraph 14', 'table 1, row 2, cell 3'."""
        if self.page is not None:
            return f"page {self.page}, line {self.page_line}"
        if self.table is not None:
            return f"table {self.table}, row {self.row}, cell {self.cell}"
        if self.paragraph is not None:
            return f"paragraph {self.paragraph}"
        return f"line {self.line}"


@dataclass(frozen=True)
class SourceText:
    """A report as plain text: `lines` as written in the file, one Location per line."""

    path: str
    format: str                          # txt | md | docx | pdf | html
    lines: tuple[str, ...]
    locations: tuple[Location, ...]
    encoding: str | None = None          # for text formats: the encoding that was used
    heading_levels: dict[int, int] = field(default_factory=dict)  # line -> outline level (docx)
    simplified: tuple[str, ...] | None = None  # lines in Simplified characters, same lengths
    file_dates: dict[str, str] = field(default_factory=dict)  # created / modified (docx, pdf)
    sha256: str = ""                     # of the file's bytes, as read

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    @property
    def match_lines(self) -> tuple[str, ...]:
        """The lines matching runs on: Simplified if the file was in Traditional characters."""
        return self.simplified if self.simplified is not None else self.lines

    @classmethod
    def from_text(cls, path: str, text: str, fmt: str = "txt", encoding: str | None = None):
        lines = tuple(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
        locations = tuple(Location(line=i + 1) for i in range(len(lines)))
        return cls(path=path, format=fmt, lines=lines, locations=locations, encoding=encoding)


class ReportReadError(Exception):
    """A report that cannot be read. `code` is a stable short id, `message` one line."""

    def __init__(self, path: str, code: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.code = code
        self.message = message
