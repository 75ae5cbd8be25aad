"""A small GraphQL-over-HTTP client for tests, like the app's."""

from __future__ import annotations

from typing import Any

import httpx

DEMO_PASSWORD = "correct-horse-9"


class GraphQLClient:
    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def post(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        all_headers = dict(headers or {})
        if token:
            all_headers["Authorization"] = f"Bearer {token}"
        return await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=all_headers
        )

    async def __call__(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        response = await self.post(query, variables, token=token, headers=headers)
        assert response.status_code == 200, response.text
        return response.json()

    async def login(self, phone: str, password: str = DEMO_PASSWORD) -> dict[str, Any]:
        body = await self(
            LOGIN,
            {"input": {"phone": phone, "password": password, "acceptedPolicyVersion": "2026-09"}},
        )
        return body["data"]["login"]

    async def token(self, phone: str, password: str = DEMO_PASSWORD) -> str:
        result = await self.login(phone, password)
        assert not result["userErrors"], result
        return result["accessToken"]


LOGIN = """
mutation Login($input: LoginInput!) {
  login(input: $input) {
    accessToken accessTokenExpiresAt refreshToken
    userErrors { code field message }
  }
}
"""
