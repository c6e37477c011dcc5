"""Pages of the registers, one module per register; `common` holds the shared form handling."""
