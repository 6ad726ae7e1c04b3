"""E-mail backends standing in for an SMTP server that fails (the outside seam)."""

import smtplib
from typing import Any, ClassVar

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class FlakyBackend(LocmemBackend):
    """Raises the queued errors one per send, then delivers to the locmem outbox."""

    errors: ClassVar[list[Exception]] = []

    def send_messages(self, messages: Any) -> int:
        if FlakyBackend.errors:
            raise FlakyBackend.errors.pop(0)
        return super().send_messages(messages)


def disconnected() -> Exception:
    return smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


def mailbox_full() -> Exception:
    return smtplib.SMTPRecipientsRefused({"maria@example.org": (550, b"5.1.1 No such user")})
