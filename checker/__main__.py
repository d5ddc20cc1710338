"""The `fazhi` command and `python -m checker`: the garbage collector's pace is set before
anything is imported, then checker/cli.py runs the command.

What a run loads (modules, classes, packs, language, dictionary) lives as long as the
process, so at Python's default pace (a collection every 700 new objects) the cyclic
garbage collector walks it again and again during a start, for nothing: 10-20 ms of a cold
`fazhi check`. Cycles are still collected, every 100,000 new objects.
"""

import gc

GC_THRESHOLDS = (100_000, 10, 10)


def main() -> None:
    gc.set_threshold(*GC_THRESHOLDS)
    from checker.cli import main as run_command
    run_command()


if __name__ == "__main__":
    main()
