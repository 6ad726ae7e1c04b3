"""Fixtures of the chapters tests: a client signed in as each persona."""

from collections.abc import Callable

import pytest
from django.test import Client

from profiles.models import User


@pytest.fixture
def client_as(db: None) -> Callable[[User | None], Client]:
    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make
