"""Documented exit codes. The core returns values; only the CLI exits."""

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0            # every report passed
    GATE_FAILED = 1   # a report scored under the threshold or missed a required element
    BAD_INPUT = 2     # usage error, unreadable input or invalid rule pack
    INTERNAL = 3      # a bug in fazhi itself
