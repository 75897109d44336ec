import pytest

from wrench.testing.http import ApiClient


@pytest.fixture
def api_as(live_server):
    """api_as(user) → a client that sends the user's personal token over real HTTP."""
    return lambda user: ApiClient(live_server.url, user)
