"""fazhi: checks 法治政府建设 annual reports against YAML rule packs."""

__version__ = "0.1.0"
