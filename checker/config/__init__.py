"""Settings from configuration files and bundled presets (defaults < preset < file < command line)."""
