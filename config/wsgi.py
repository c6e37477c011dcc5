import os

from django.core.wsgi import get_wsgi_application

from config.env import prepare_process_env

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
prepare_process_env()

application = get_wsgi_application()


def _refuse_wrong_keys() -> None:
    """A web worker serves nothing with a key that does not open the stored identities (see
    complaints.keys)."""
    from config.env import StartRefused, forget_generated_secrets
    from core.startup import run_key_checks

    try:
        run_key_checks()
    except StartRefused:
        forget_generated_secrets()
        raise


_refuse_wrong_keys()


def _warm_documents() -> None:
    """A worker loads the PDF renderer before its first request (PRONGSAI_WARM_DOCUMENTS=0 turns it off);
    a failure here is logged and left to the first document, never a reason not to serve."""
    import logging

    from config.env import env_bool

    if not env_bool("PRONGSAI_WARM_DOCUMENTS", True):
        return
    try:
        from core.documents.pdf import warm_up

        warm_up()
    except Exception:
        logging.getLogger(__name__).exception("PDF renderer not warmed up at start")


_warm_documents()
