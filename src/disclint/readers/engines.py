"""The native engines that two threads must never be inside at once, and the lock that keeps them
apart.

PDFium is not thread-safe, not even on different documents (pypdfium2's documentation; reading
PDFs in several threads crashed the process), and the OCR engine (one RapidOCR instance per
process) keeps each call's state on itself. Every use of them holds :data:`ENGINE_LOCK`: reading
a PDF (from opening it to closing it), recognising a page image, rendering a page for
``disclint serve``. So the readers may be called from any thread: serve's thread pool, or an
application's own threads calling ``disclint.parse_path``. Everything else (layout of the
characters read, parsing, rules) runs outside the lock, in parallel.

Re-entrant: a scanned PDF's page is recognised while its PDF is open.
"""

from __future__ import annotations

import threading

ENGINE_LOCK = threading.RLock()
