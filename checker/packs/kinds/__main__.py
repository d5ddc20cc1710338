"""    python -m checker.packs.kinds --write-schema    # rewrite rules/pack.schema.json
    python -m checker.packs.kinds --check-schema    # exit 1 when it differs from the kinds
"""

from __future__ import annotations

import sys

from checker.packs.kinds.schemafile import REGENERATE, generated_text, schema_path


def main(argv: list[str]) -> int:
    path = schema_path()
    current = path.read_text(encoding="utf-8")
    wanted = generated_text(current)
    if argv == ["--check-schema"]:
        if current != wanted:
            print(f"{path}: not what the matcher kinds generate; run `{REGENERATE}`", file=sys.stderr)
            return 1
        return 0
    if argv == ["--write-schema"]:
        path.write_text(wanted, encoding="utf-8")
        print(f"wrote {path}")
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
