"""The reader: a web app and REST API over the corpus store (`newsledger serve`)."""

from newsledger.web.app import create_app
from newsledger.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
