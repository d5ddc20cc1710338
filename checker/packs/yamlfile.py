"""Safe YAML loading that remembers the line of every node, for `file:line:` messages.

PyYAML is imported only when a file is parsed: a warm start takes packs and language from
the cache and never needs it (~10 ms of a cold `fazhi check`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import yaml

MAX_NODES = 200_000     # a 1 MB pack has far fewer; aliases must not multiply them


class YamlError(Exception):
    """A YAML file that cannot be loaded; `line` is 1-based (0 when unknown)."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = path, line, message


@dataclass(frozen=True)
class YamlDocument:
    path: str
    data: object
    lines: dict[tuple, int]      # path of keys/indexes -> 1-based line of that node

    def line_of(self, path: tuple) -> int:
        """The line of the deepest node on `path` that exists (the file's first line at worst)."""
        for cut in range(len(path), -1, -1):
            if tuple(path[:cut]) in self.lines:
                return self.lines[tuple(path[:cut])]
        return 1


def load_yaml(path: str, text: str) -> YamlDocument:
    """Compose (for lines) and safe-load (for data); no tag can construct a Python object.
    Aliases that refer to themselves or expand to a huge tree (a "billion laughs" file) are
    refused before anything walks the tree, as is nesting too deep for the YAML parser."""
    import yaml
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is not None:
            _check_expansion(path, node)
            _check_duplicate_keys(path, node)
        data = yaml.load(text, Loader=yaml.SafeLoader)  # SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise YamlError(path, line, _one_line(exc.problem or str(exc))) from None
    except yaml.YAMLError as exc:
        raise YamlError(path, 0, _one_line(str(exc))) from None
    except RecursionError:
        raise YamlError(path, 1, "nested too deeply for a rule pack") from None
    lines: dict[tuple, int] = {}
    if node is not None:
        _record_lines(node, (), lines)
    return YamlDocument(path, data, lines)


def _check_expansion(path: str, root: yaml.Node) -> None:
    """Count the nodes of the tree the aliases expand to, each shared node once per use,
    without expanding it; a node found inside itself is a recursive alias."""
    sizes: dict[int, int] = {}
    pending: list[tuple[yaml.Node, bool]] = [(root, False)]
    open_nodes: set[int] = set()
    while pending:
        node, children_done = pending.pop()
        children = _children(node)
        if children_done:
            open_nodes.discard(id(node))
            sizes[id(node)] = 1 + sum(sizes[id(c)] for c in children)
            if sizes[id(node)] > MAX_NODES:
                raise YamlError(path, node.start_mark.line + 1, f"aliases expand to more than "
                                f"{MAX_NODES} nodes (a YAML bomb?)")
            continue
        if id(node) in sizes:
            continue
        if id(node) in open_nodes:
            raise YamlError(path, node.start_mark.line + 1, "an alias refers to itself")
        open_nodes.add(id(node))
        pending.append((node, True))
        pending.extend((c, False) for c in children if id(c) not in sizes)


def _check_duplicate_keys(path: str, root: yaml.Node) -> None:
    """A key given twice in one mapping: YAML loaders keep the last value and drop the
    first without a word, so a pack would silently lose a setting."""
    import yaml
    pending, seen_nodes = [root], set()
    while pending:
        node = pending.pop()
        if id(node) in seen_nodes:      # a shared (aliased) node is checked once
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            first: dict[tuple, int] = {}
            for key, _ in node.value:
                if not isinstance(key, yaml.ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
                    continue
                line = key.start_mark.line + 1
                if (key.tag, key.value) in first:
                    raise YamlError(path, line, f"duplicate key {key.value!r} "
                                    f"(first at line {first[key.tag, key.value]})")
                first[key.tag, key.value] = line
        pending.extend(_children(node))


def _children(node: yaml.Node) -> list[yaml.Node]:
    import yaml
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _record_lines(node: yaml.Node, path: tuple, lines: dict[tuple, int]) -> None:
    import yaml
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _record_lines(value_node, path + (key_node.value,), lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, path + (index,), lines)


def _one_line(message: str) -> str:
    return " ".join(message.split())


def format_path(path: tuple) -> str:
    """('elements', 3, 'weight') -> 'elements[3].weight'."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text or "(top)"
