class ApplicationError(Exception):
    """A business rule refused the operation; `message` is Thai and safe to show to the user."""

    def __init__(self, message: str, *, field: str | None = None, extra: dict | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}
