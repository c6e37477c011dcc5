"""Writes of the registers, one module per register; `common` holds what they share (policy, audit, files)."""
