"""Pages of the reporting loop (thin: parse, call a service or selector, render)."""
