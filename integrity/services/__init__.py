"""Writes of the integrity registers, one module per register; each checks the policy and audits."""
