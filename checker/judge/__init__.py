"""Stage 5: judge each element from its evidence (stance, status, parts), apply
applicability and waivers, score the report."""
