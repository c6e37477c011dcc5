"""Writes of the procurement app. Every function is atomic and leaves an audit entry."""
