"""Stage 1: rule packs. YAML files -> JSON Schema and semantic checks -> `extends`
resolved -> a typed PackSet."""
