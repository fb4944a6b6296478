"""The API documentation page works offline, under the content security policy."""

from typing import Any

from playwright.sync_api import expect


def test_api_docs_render_from_local_assets(page: Any, live_server: Any, transactional_db: None) -> None:
    """Swagger UI loads from this server only and lists the operations, with no CSP violation."""
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    outside: list[str] = []
    page.on("request", lambda request: None if request.url.startswith(live_server.url) else outside.append(request.url))
    page.goto("/api/v1/docs")
    expect(page.get_by_text("/api/v1/me").first).to_be_visible()
    assert not [p for p in problems if "Content Security Policy" in p], problems
    assert not [url for url in outside if url.startswith("http")], f"requests left the server: {outside}"
