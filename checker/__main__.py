"""The `fazhi` command and `python -m checker`: the garbage collector's pace is set before
anything is imported, then checker/cli.py runs the command.

What a run loads (modules, classes, packs, language, dictionary) lives as long as the
process, so at Python's default pace (a collection every 700 new objects) the cyclic
garbage collector walks it again and again during a start, for nothing: 10-20 ms of a cold
`fazhi check`. Cycles are still collected, every 100,000 new objects.

What a start compiles (the dataclasses' methods, regular expressions) is kept compiled
between runs (checker/code_cache.py): installed before anything else is imported, written
when the command ends if it compiled anything new.
"""

import gc

GC_THRESHOLDS = (100_000, 10, 10)


def main() -> None:
    gc.set_threshold(*GC_THRESHOLDS)
    from checker import code_cache
    kept = code_cache.install()
    try:
        from checker.cli import main as run_command
        run_command()
    finally:
        kept.save()


if __name__ == "__main__":
    main()
